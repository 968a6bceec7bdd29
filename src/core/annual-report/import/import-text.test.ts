// The importer on the five corpus reports (fixtures/corpus, copied from the shared corpus): cell for cell.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseReportValue } from '../parse.ts';
import { reportToJson } from '../serialize.ts';
import { importReportText } from './import-text.ts';

const dir = new URL('../../../../fixtures/corpus/', import.meta.url);
const DATA_KEYS = ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation'];

function flat(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value === null || typeof value !== 'object') out.set(prefix, value);
  else for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

describe('importer on the corpus', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    it(`${name} matches its expected JSON cell for cell`, () => {
      const result = importReportText(readFileSync(new URL(name, dir), 'utf8'));
      const expected = JSON.parse(readFileSync(new URL(name.replace('.txt', '.expected.json'), dir), 'utf8'));
      const got = reportToJson(result.report);
      const a = flat(Object.fromEntries(DATA_KEYS.map((k) => [k, got[k]])), '', new Map());
      const b = flat(Object.fromEntries(DATA_KEYS.map((k) => [k, expected[k]])), '', new Map());
      const diffs = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
      assert.deepEqual(diffs.map((k) => `${k}: ${a.get(k)} ≠ ${b.get(k)}`), []);
      // Every non-null cell has provenance; read cells quote their source text.
      for (const p of result.provenance) {
        if (p.how === 'read') assert.ok(p.raw !== undefined && p.line !== undefined, p.path);
      }
    });
  }

  it('001: the cells lost from rows 予以公开/部分公开 are inferred, not read', () => {
    const result = importReportText(readFileSync(new URL('001_adfc45d447bb024f.txt', dir), 'utf8'));
    const inferred = result.provenance.filter((p) => p.how === 'inferred').map((p) => p.path.split('.')[1]);
    assert.ok(inferred.length > 0);
    assert.deepEqual([...new Set(inferred)].sort(), ['granted', 'partiallyGranted']);
    // One finding for the table, listing every inferred cell (not one finding per cell).
    const findings = result.findings.filter((f) => f.code === 'import.inferred');
    assert.equal(findings.length, 1);
    assert.deepEqual([...(findings[0]?.cells ?? [])].sort(), result.provenance.filter((p) => p.how === 'inferred').map((p) => p.path).sort());
  });

  it('004: tables 三 and 四 are missing (null), not zeros, and the organisation is not guessed', () => {
    const result = importReportText(readFileSync(new URL('004_f368d5e4cb4d2e8e.txt', dir), 'utf8'));
    assert.equal(result.report.applications, null);
    assert.equal(result.report.reviewLitigation, null);
    assert.equal(result.report.organization, null);
    assert.equal(result.detected.organization.how, 'missing');
  });

  it('reads narrative sections by their headings', () => {
    const result = importReportText(readFileSync(new URL('002_b7b31fc9363d19c4.txt', dir), 'utf8'));
    assert.match(result.report.sections.problems ?? '', /针对重大行政决策公开/);
    assert.equal(result.report.sections.otherMatters, '无');
    assert.match(result.report.sections.overview ?? '', /统计期限/);
  });
});

describe('importer options and detection', () => {
  it('flags override what the text says', () => {
    const text = readFileSync(new URL('002_b7b31fc9363d19c4.txt', dir), 'utf8');
    const result = importReportText(text, { year: 2019, organization: '某市人民政府' });
    assert.equal(result.report.year, 2019);
    assert.equal(result.report.organization, '某市人民政府');
    assert.equal(result.detected.year.how, 'flag');
  });
  it('an empty text gives a report with every table missing and detection findings, not a crash', () => {
    const result = importReportText('');
    assert.equal(result.report.proactive, null);
    assert.equal(result.report.applications, null);
    assert.deepEqual(result.findings.map((f) => f.code), ['import.detection', 'import.detection', 'import.detection']);
  });
});

describe('importer layouts', () => {
  const header2019 = '2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t1\t1\n';
  it('a blank first value cell in a tab row (HTML, DOCX, Markdown tables do not pad merged cells) stays a blank', () => {
    const text = `${header2019}第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t428\t195\t294\n其他对外管理服务事项\t\t27\t64\n第二十条第（八）项\n信息内容\t上一年项目数量\t本年增/减\n行政事业性收费\t\t1\t\n`;
    const p = importReportText(text).report.proactive as any;
    assert.deepEqual(p.otherServices, { previous: null, change: 27, decisions: 64 });
    assert.deepEqual(p.fees, { previous: null, change: 1 });
  });
  it('table 二 is found from any of its groups', () => {
    const text = '第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t428\t195\t294\n';
    assert.deepEqual((importReportText(text).report.proactive as any).licensing, { previous: 428, change: 195, decisions: 294 });
  });
  it('Markdown pipes, full-width digits, thousands separators, "+61", "/" and amounts in 元', () => {
    const text = `${header2019}第二十条第（五）项\n| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n|---|---|---|---|\n| 行政许可 | １，２７４ | +61 | / |\n第二十条第（九）项\n信息内容 采购项目数量 采购总金额（单位：万元，保留4位小数）\n政府集中采购 12 251000元\n`;
    const p = importReportText(text).report.proactive as any;
    assert.deepEqual(p.licensing, { previous: 1274, change: 61, decisions: null });
    assert.deepEqual(p.procurement, { projects: 12, amount: 25.1 });
  });
  it('page numbers and headers inside a table are not cells', () => {
    const text = `${header2019}规范性文件 3 3 3\n\f— 2 —\n某某市人民政府2020年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 20 67 67\n`;
    const r = importReportText(text);
    assert.deepEqual((r.report.proactive as any).normativeDocuments, { made: 3, published: 3, total: 3 });
    assert.deepEqual((r.report.proactive as any).licensing, { previous: 20, change: 67, decisions: 67 });
    assert.equal(r.provenance.find((p) => p.path === 'proactive.licensing.previous')?.page, 2);
  });
});

describe('importer never reads prose as cells', () => {
  it('numbers in the section after table 四 are not table 四 values, whatever its heading says', () => {
    const text = '四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0\n五、存在问题和改进措施\n今年开展培训 3 次，新增人员 5 名。\n';
    const rl = importReportText(text).report.reviewLitigation as any;
    assert.notEqual(rl?.litigationAfterReview?.pending, 3);
    assert.notEqual(rl?.litigationAfterReview?.total, 5);
  });
});

describe('the title, not a link to another report', () => {
  it('skips 相关链接 / 上一篇 lines naming other years and reads the title below them', () => {
    const text = ['首页 > 政府信息公开 > 年报', '相关链接：东山县2019年政府信息公开工作年度报告', '上一篇：东山县人民政府2018年政府信息公开工作年度报告', '东山县人民政府2020年政府信息公开工作年度报告', '一、总体情况', '2020年，我县……'].join('\n');
    const result = importReportText(text);
    assert.equal(result.report.year, 2020);
    assert.equal(result.report.organization, '东山县人民政府');
  });
  it('a page that only links to a report still reads that year (the first mention)', () => {
    const result = importReportText(['相关链接：东山县人民政府2021年政府信息公开工作年度报告', '一、总体情况'].join('\n'));
    assert.equal(result.report.year, 2021);
  });
});

describe('provenance of a positional cell (found by npm run fuzz, target import-text)', () => {
  it('quotes the value at its own offset, not the spaces before it in its cell', () => {
    for (const source of ['本年新收政府||||||| 8', '第二十条第（九）项政府集中采|| 6']) {
      const read = importReportText(source).provenance.filter((p) => p.how === 'read');
      assert.ok(read.length > 0, source);
      for (const p of read) assert.equal(source.slice(p.offset, (p.offset ?? 0) + (p.raw ?? '').length), p.raw, `${source}: ${p.path}`);
    }
  });
});

describe('the statistics period names no year outside 1990–2100 (found by npm run fuzz, target import-text)', () => {
  it('a mangled period gives no year, and the report stays canonical', () => {
    const source = '一、总体情况\n本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限为12 34年1月1日至-年—月31日。\n';
    const result = importReportText(source);
    assert.equal(result.report.year, null);
    const parsed = parseReportValue(JSON.parse(JSON.stringify(reportToJson(result.report))));
    assert.ok(parsed.ok);
    assert.equal(importReportText(source.replace('12 34', '2024')).report.year, 2024);
  });
});
