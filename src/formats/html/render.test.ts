import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { violation, type Finding } from '../../core/annual-report/findings.ts';
import { buildTable, emptyReport, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { TABLE_KEYS, TEMPLATE_2021, tableCells } from '../../core/annual-report/templates/index.ts';
import { MISSING_TABLE_ZH } from '../report-text.ts';
import { findLabelsInOrder, templateLabels } from '../template-labels.ts';
import { escapeHtml } from './escape.ts';
import { REPORT_CSS, renderFindingsList, renderHtmlDocument, renderReportArticle } from './render.ts';

function demo(file: string): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL(`../../../demo/reports/${file}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, `demo ${file} parses`);
  return parsed.report;
}

const DEMO_001 = '001_adfc45d447bb024f.json';
const DEMO_002 = '002_b7b31fc9363d19c4.json';
const DEMO_004 = '004_f368d5e4cb4d2e8e.json';

function filled2021(): AnnualReport {
  let n = 0;
  const fill = () => (n += 1);
  return {
    ...emptyReport('2021', 2021, '某某县人民政府'),
    proactive: buildTable(TEMPLATE_2021, 'proactive', fill),
    applications: buildTable(TEMPLATE_2021, 'applications', fill),
    reviewLitigation: buildTable(TEMPLATE_2021, 'reviewLitigation', fill),
  };
}

/** The text a reader sees: tags removed, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The content of the value cell with this path. */
function cellText(html: string, path: string): string {
  const m = new RegExp(`<td [^>]*data-cell="${path.replace(/\./g, '\\.')}"[^>]*>([^<]*)</td>`).exec(html);
  assert.ok(m, `cell ${path}`);
  return m[1] ?? '';
}

function tableHtml(html: string, key: string): string {
  const m = new RegExp(`<table [^>]*id="table-${key}"[\\s\\S]*?</table>`).exec(html);
  assert.ok(m, `table ${key}`);
  return m[0];
}

/**
 * Lay the table's cells on a grid from their rowspan/colspan and check every row is covered exactly once across
 * as many columns as the colgroup declares (no gaps, no overlaps).
 */
function assertRectangular(table: string): void {
  const width = (table.match(/<col /g) ?? []).length;
  const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '');
  const taken: number[][] = rows.map(() => new Array<number>(width).fill(0));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.matchAll(/<t[hd]\b([^>]*)>/g)) {
      const attrs = cell[1] ?? '';
      const cs = Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const rs = Number(/rowspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
      while (taken[r]?.[c]) c += 1;
      for (let dr = 0; dr < rs; dr += 1) {
        for (let dc = 0; dc < cs; dc += 1) {
          const line = taken[r + dr];
          assert.ok(line && c + dc < width, `cell beyond the grid in row ${r}`);
          line[c + dc] = (line[c + dc] ?? 0) + 1;
        }
      }
      c += cs;
    }
  });
  taken.forEach((line, r) => assert.deepEqual(line, new Array<number>(width).fill(1), `row ${r} covered once`));
}

test('every template label, in template order (2019: demo 002; 2021: filled and empty)', () => {
  for (const report of [demo(DEMO_002), filled2021(), emptyReport('2021', 2021, null)]) {
    const text = textOf(renderReportArticle(report));
    assert.deepEqual(findLabelsInOrder(text, templateLabels(templateOf(report))), { ok: true });
  }
});

test('values of demo 002 are in their data-cell', () => {
  const html = renderReportArticle(demo(DEMO_002));
  assert.equal(cellText(html, 'applications.newReceived.natural'), '489');
  assert.equal(cellText(html, 'applications.total.total'), '1785');
  assert.equal(cellText(html, 'applications.denied.enforcementFiles.other'), '44');
  assert.equal(cellText(html, 'proactive.procurement.amount'), '662820.1755');
  assert.equal(cellText(html, 'proactive.licensing.decisions'), '1274428');
  assert.equal(cellText(html, 'reviewLitigation.review.total'), '27');
  assert.equal(cellText(html, 'reviewLitigation.litigationAfterReview.pending'), '1');
  assert.ok(html.includes('id="cell-applications.total.total"'));
  // 2019 行政事业性收费 prints 处理决定数量 only when the report carries it (demo 001 does, 002 does not).
  assert.ok(!html.includes('data-cell="proactive.fees.decisions"'));
  assert.equal(cellText(renderReportArticle(demo(DEMO_001)), 'proactive.fees.decisions'), '0');
});

test('blank cells are empty; a missing table is a notice, not zeros', () => {
  const empty = renderReportArticle(emptyReport('2021', 2021, '某某县人民政府'));
  const cells = [...empty.matchAll(/<td [^>]*data-cell="[^"]+"[^>]*>([^<]*)<\/td>/g)];
  const expected = TABLE_KEYS.flatMap((t) => tableCells(TEMPLATE_2021, t)).length;
  assert.equal(cells.length, expected);
  assert.equal(expected, 10 + 25 * 7 + 15);
  assert.ok(cells.every((m) => m[1] === ''));
  const missing = renderReportArticle(demo(DEMO_004));
  assert.equal(missing.split(MISSING_TABLE_ZH).length - 1, 2);
  assert.ok(!missing.includes('data-cell="applications.'));
  assert.ok(!missing.includes('data-cell="reviewLitigation.'));
  assert.ok(missing.includes('data-cell="proactive.rules.made"'));
  assert.match(missing, /<h1>2020年政府信息公开工作年度报告<\/h1>\n<p class="report-meta">（机关名称未填写）<\/p>/);
});

test('table 三: merged cells as the template prints them', () => {
  const t2019 = tableHtml(renderReportArticle(demo(DEMO_002)), 'applications');
  const t2021 = tableHtml(renderReportArticle(filled2021()), 'applications');
  assert.ok(t2019.includes('<th scope="rowgroup" class="label" rowspan="20">三、本年度办理结果</th>'));
  assert.ok(t2021.includes('<th scope="rowgroup" class="label" rowspan="22">三、本年度办理结果</th>'));
  for (const t of [t2019, t2021]) {
    assert.ok(t.includes('<th scope="rowgroup" class="label" rowspan="8">（三）不予公开</th>'));
    assert.ok(t.includes('<th scope="rowgroup" class="label" rowspan="3">（四）无法提供</th>'));
    assert.ok(t.includes('<th scope="rowgroup" class="label" rowspan="5">（五）不予处理</th>'));
    assert.ok(t.includes('<td class="note" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'));
    assert.ok(t.includes('<th scope="colgroup" class="header" colspan="7">申请人情况</th>'));
    assert.ok(t.includes('<th scope="col" class="header" rowspan="2">自然人</th>'));
    assert.ok(t.includes('<th scope="colgroup" class="header" colspan="5">法人或其他组织</th>'));
    assert.ok(t.includes('<th scope="row" class="label" colspan="3">一、本年新收政府信息公开申请数量</th>'));
    assert.ok(t.includes('<th scope="row" class="label" colspan="2">（七）总计</th>'));
    assert.ok(t.includes('<caption class="visually-hidden">三、收到和处理政府信息公开申请情况</caption>'));
    assert.equal((/<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1]?.match(/<tr/g) ?? []).length, 3);
    assertRectangular(t);
  }
  assert.ok(t2019.includes('<th scope="row" class="label" colspan="2">（六）其他处理</th>'));
  assert.ok(t2021.includes('<th scope="rowgroup" class="label" rowspan="3">（六）其他处理</th>'));
});

test('tables 二 and 四: headers, spans and scopes', () => {
  for (const html of [renderReportArticle(demo(DEMO_002)), renderReportArticle(filled2021())]) {
    const t4 = tableHtml(html, 'reviewLitigation');
    assert.ok(t4.includes('<th scope="colgroup" class="header" colspan="5">行政复议</th>'));
    assert.ok(t4.includes('<th scope="colgroup" class="header" colspan="10">行政诉讼</th>'));
    assert.ok(t4.includes('<th scope="colgroup" class="header" colspan="5">未经复议直接起诉</th>'));
    assert.ok(t4.includes('<th scope="col" class="header" rowspan="2">结果维持</th>'));
    const t2 = tableHtml(html, 'proactive');
    assert.ok(t2.includes('<th scope="colgroup" class="header" colspan="4">第二十条第（一）项</th>'));
    assert.ok(t2.includes('<th scope="row" class="label">规章</th>'));
    for (const t of [t2, t4]) {
      assertRectangular(t);
      // Every header or label cell declares what it heads.
      for (const th of t.match(/<th\b[^>]*>/g) ?? []) assert.match(th, /scope="(col|colgroup|row|rowgroup)"/);
    }
  }
});

test('text is escaped', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const report: AnnualReport = {
    ...emptyReport('2019', 2020, '<script>alert("x")</script>'),
    sections: { overview: '<img src=x onerror=alert(1)>', problems: null, otherMatters: null },
  };
  const doc = renderHtmlDocument(report);
  assert.ok(!doc.includes('<script>'));
  assert.ok(!doc.includes('<img'));
  assert.ok(doc.includes('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;2020年政府信息公开工作年度报告</title>'));
  assert.ok(doc.includes('<p>&lt;img src=x onerror=alert(1)&gt;</p>'));
});

test('findings highlight the cells they name and are listed with links', () => {
  const report = demo(DEMO_002);
  const findings: Finding[] = [
    violation('T3.balance', ['applications.total.natural', 'applications.newReceived.natural'], { zh: '<细节>', en: 'detail' }),
    violation('crossYear.carry', ['applications.carriedOver.natural'], null),
    violation('T4.sum', ['reviewLitigation.review.total', 'applications.total.natural'], null),
    violation('text.problems', ['sections.problems'], null),
  ];
  const html = renderReportArticle(report, { findings });
  const td = (path: string) => new RegExp(`<td [^>]*data-cell="${path.replace(/\./g, '\\.')}"[^>]*>`).exec(html)?.[0] ?? '';
  assert.match(td('applications.total.natural'), /class="value finding finding-error finding-primary"/);
  assert.match(td('applications.total.natural'), /aria-describedby="finding-1 finding-3"/);
  assert.match(td('applications.total.natural'), /title="勾稽关系：第一项加第二项之和应等于第三项加第四项之和：&lt;细节&gt;\n/);
  assert.match(td('applications.newReceived.natural'), /class="value finding finding-error"/);
  assert.match(td('applications.carriedOver.natural'), /class="value finding finding-warning finding-primary"/);
  assert.doesNotMatch(td('applications.granted.natural'), /finding/);
  assert.match(html, /<section id="section-problems" class="finding finding-warning finding-primary" aria-labelledby="section-problems-heading" aria-describedby="finding-4"/);
  // The list closes the article; each item links to its cells by id.
  assert.match(html, /<section class="findings"[\s\S]*<\/section>\n<\/article>$/);
  assert.match(html, /<li id="finding-1" class="finding-error"><span class="finding-severity">错误<\/span> <code class="finding-code">T3.balance<\/code>/);
  assert.ok(html.includes('<a href="#cell-applications.total.natural">（七）总计·自然人</a>'));
  assert.ok(html.includes('<a href="#section-problems">五、存在的主要问题及改进情况</a>'));
  for (const id of html.match(/aria-describedby="([^"]+)"/g) ?? []) {
    for (const ref of /"([^"]+)"/.exec(id)?.[1]?.split(' ') ?? []) assert.ok(html.includes(`id="${ref}"`), ref);
  }
  // Cells of a missing table cannot be linked: their path is named instead.
  const missing = demo(DEMO_004);
  const list = renderFindingsList([violation('missing.section', ['applications', 'applications.total.total'], null)], missing);
  assert.ok(list.includes('<a href="#section-applications">三、收到和处理政府信息公开申请情况</a>、<code>applications.total.total</code>'));
  const marked = renderReportArticle(missing, { findings: [violation('missing.section', ['applications'], null)] });
  assert.match(marked, /<section id="section-applications" class="finding finding-error finding-primary"/);
  assert.ok(renderFindingsList([]).includes('校验未发现问题。'));
  assert.ok(!renderReportArticle(report).includes('class="findings"'));
});

test('the printable document: A4, fonts, embedded CSS', () => {
  const doc = renderHtmlDocument(demo(DEMO_002));
  assert.ok(doc.startsWith('<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">'));
  assert.ok(doc.includes('<title>平顶山市人民政府2020年政府信息公开工作年度报告</title>'));
  assert.ok(doc.includes(`<style>${REPORT_CSS}</style>`));
  assert.match(REPORT_CSS, /@page \{ size: A4; margin: [^}]+\}/);
  assert.match(REPORT_CSS, /\.annual-report \{\n {2}font-family: "WenQuanYi Micro Hei",/);
  assert.match(REPORT_CSS, /border-collapse: collapse/);
  assert.match(REPORT_CSS, /thead \{ display: table-header-group; \}/);
  assert.match(REPORT_CSS, /tr \{ break-inside: avoid;/);
  assert.ok(doc.trimEnd().endsWith('</article>\n</body>\n</html>'));
});
