import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { htmlTitle, htmlToText } from './import.ts';
import { renderHtmlDocument } from './render.ts';

const lines = (html: string) => htmlToText(html).split('\n').slice(0, -1);

describe('htmlToText: tables', () => {
  it('one line per row, cells joined by tabs; spans written once, never padded; empty cells stay empty fields', () => {
    const html = `<table>
      <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><th colspan="7">申请人情况</th></tr>
      <tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
      <tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>
      <tr><th colspan="3">一、本年新收政府信息公开申请数量</th><td>3</td><td></td><td>&nbsp;</td><td> 0 </td><td>0</td><td>0</td><td>3</td></tr>
      <tr><th rowspan="20">三、本年度办理结果</th><th rowspan="8">（三）不予公开</th><th>1.属于国家秘密</th><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td></td></tr>
      <tr><th>2.其他法律行政法规<br>禁止公开</th><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>
    </table>`;
    assert.deepEqual(lines(html), [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
      '自然人\t法人或其他组织\t总计',
      '商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他',
      '一、本年新收政府信息公开申请数量\t3\t\t\t0\t0\t0\t3',
      '三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t',
      '2.其他法律行政法规 禁止公开\t1\t2\t3\t4\t5\t6\t21',
    ]);
  });

  it('cell text: whitespace collapsed, paragraphs and line breaks inside a cell become spaces', () => {
    const html = '<table><tr><td><p>（二）部分公开</p>\n<p>（区分处理的，只计这一情形，\n  不计其他情形）</p></td><td><span>5</span></td></tr></table>';
    assert.deepEqual(lines(html), ['（二）部分公开 （区分处理的，只计这一情形， 不计其他情形）\t5']);
  });

  it('thead/tbody/tfoot and caption; rows without any text are dropped (a lone tab would read as a blank cell)', () => {
    const html = `<table><caption>表二</caption><thead><tr><th>信息内容</th><th>本年新制作数量</th></tr></thead>
      <tbody><tr><td></td><td>&nbsp;</td></tr><tr><td>规章</td><td>1</td></tr></tbody><tfoot><tr><td colspan="2">注：无</td></tr></tfoot></table>`;
    assert.deepEqual(lines(html), ['表二', '信息内容\t本年新制作数量', '规章\t1', '注：无']);
  });

  it('nested tables (page layout) are flattened: the outer cell holds lines, the inner rows stay rows', () => {
    const html = `<table width="100%"><tr><td class="nav">首页</td><td>
        <h2>二、主动公开政府信息情况</h2>
        <table><tr><td>规章</td><td>1</td><td></td><td>3</td></tr></table>
        <p>三、收到和处理政府信息公开申请情况</p>
      </td></tr>
      <tr><td colspan="2"><p>主办单位：某市人民政府办公室</p><p>联系电话：0375-1234567</p></td></tr></table>`;
    assert.deepEqual(lines(html), [
      '首页',
      '二、主动公开政府信息情况',
      '规章\t1\t\t3',
      '三、收到和处理政府信息公开申请情况',
      '主办单位：某市人民政府办公室',
      '联系电话：0375-1234567',
    ]);
  });
});

describe('htmlToText: text', () => {
  it('headings and paragraphs on their own lines; <br> breaks a line; head, script and style dropped; entities decoded', () => {
    const html = `<!DOCTYPE html><html><head><title>站点标题</title><style>p { color: red }</style>
      <script>var a = "<p>不是正文</p>";</script></head><body>
      <h1>平顶山市人民政府<br>2020年政府信息公开工作年度报告</h1><div>一、总体情况<p>本机关&ldquo;主动公开&rdquo;&amp;依申请公开&#x3002;</p>
      <p>\u3000\u3000第二段，&nbsp;全角缩进。</p></div><ul><li>第一项</li><li>第二项</li></ul><noscript>请启用脚本</noscript>
      <pre>规章\t1\t1\t1\n规范性文件\t2\t2\t2</pre></body></html>`;
    assert.deepEqual(lines(html), [
      '平顶山市人民政府',
      '2020年政府信息公开工作年度报告',
      '一、总体情况',
      '本机关“主动公开”&依申请公开。',
      '第二段， 全角缩进。',
      '第一项',
      '第二项',
      '规章\t1\t1\t1',
      '规范性文件\t2\t2\t2',
    ]);
  });

  it('broken markup and empty input never throw', () => {
    assert.equal(htmlToText(''), '');
    assert.equal(htmlToText('<table><tr><td>规章<td>1<tr><td>规范性文件<td>2</table'), '规章\t1\n规范性文件\t2\n');
    assert.equal(htmlToText('<p>未闭合 <b>粗体 <i>斜体'), '未闭合 粗体 斜体\n');
  });
});

describe('htmlToText → importReportText', () => {
  it('our own HTML rendering of demo 002 imports back cell for cell', () => {
    const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/002_b7b31fc9363d19c4.json', import.meta.url), 'utf8'));
    assert.ok(parsed.ok);
    const result = importReportText(htmlToText(renderHtmlDocument(parsed.report)));
    const got = reportToJson(result.report);
    const want = reportToJson(parsed.report);
    for (const key of ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation']) {
      assert.deepEqual(got[key], want[key], key);
    }
  });
});

describe('htmlTitle: the page\'s own titles, for the importer\'s year and organisation', () => {
  const page = (head: string, body = '<p>一、总体情况</p>') => `<html><head>${head}</head><body>${body}</body></html>`;
  it('meta titles (og:title, ArticleTitle, Title) first, then <title>, then the description; one per line, no repeats', () => {
    const html = page(
      '<title>2023年政府信息公开工作年度报告_东山县交通运输局</title><meta name="description" content="东山县交通运输局发布年度报告"><meta name="ArticleTitle" content="东山县交通运输局2023年政府信息公开工作年度报告"><meta property="og:title" content="东山县交通运输局2023年政府信息公开工作年度报告">',
    );
    assert.equal(htmlTitle(html), '东山县交通运输局2023年政府信息公开工作年度报告\n2023年政府信息公开工作年度报告_东山县交通运输局\n东山县交通运输局发布年度报告');
  });
  it('null for a page without titles; the body\'s text is not a title; htmlToText still skips <title>', () => {
    assert.equal(htmlTitle(page('', '<h1>2023年政府信息公开工作年度报告</h1>')), null);
    assert.equal(htmlTitle('not html at all <<<'), null);
    assert.ok(!htmlToText(page('<title>某某标题</title>')).includes('某某标题'));
  });
  it('the importer reads year and organisation from the page title when the body names neither', () => {
    const html = page('<title>东山县交通运输局2023年政府信息公开工作年度报告_东山县人民政府</title>', '<p>一、总体情况</p><p>本年度主动公开信息120条。</p>');
    const result = importReportText(htmlToText(html), { hints: { title: htmlTitle(html) ?? '' } });
    assert.equal(result.report.organization, '东山县交通运输局');
    assert.equal(result.report.year, 2023);
    assert.match(result.detected.organization.evidence ?? '', /^网页标题：/);
  });
});
