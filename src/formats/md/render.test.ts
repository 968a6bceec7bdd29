import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildTable, emptyReport, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { TEMPLATE_2021 } from '../../core/annual-report/templates/index.ts';
import { findLabelsInOrder, templateLabels } from '../template-labels.ts';
import { MISSING_TABLE_MD, escapeMarkdown, renderMarkdown } from './render.ts';

function demo(file: string): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL(`../../../demo/reports/${file}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, `demo ${file} parses`);
  return parsed.report;
}

const DEMO_002 = '002_b7b31fc9363d19c4.json';
const DEMO_004 = '004_f368d5e4cb4d2e8e.json';

/** A 2021 report with every cell filled (1, 2, 3 … in template order) and narratives. */
function filled2021(): AnnualReport {
  let n = 0;
  const fill = () => (n += 1);
  const base = emptyReport('2021', 2021, '某某县人民政府');
  return {
    ...base,
    proactive: buildTable(TEMPLATE_2021, 'proactive', fill),
    applications: buildTable(TEMPLATE_2021, 'applications', fill),
    reviewLitigation: buildTable(TEMPLATE_2021, 'reviewLitigation', fill),
    sections: { overview: '第一段。\n\n第二段。', problems: '问题。', otherMatters: '未收取信息处理费。' },
  };
}

/** The pipe-table row whose first cell is `label`, split into cells. */
function rowOf(md: string, label: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${label} |`));
  assert.ok(line, `row ${label}`);
  return line.slice(2, -2).split(' | ').map((c) => c.trim());
}

test('every template label, in template order (2019: demo 002; 2021: filled and empty)', () => {
  for (const report of [demo(DEMO_002), filled2021(), emptyReport('2021', 2021, null)]) {
    const md = renderMarkdown(report);
    assert.deepEqual(findLabelsInOrder(md, templateLabels(templateOf(report))), { ok: true });
  }
});

test('title, headings and narrative sections', () => {
  const md = renderMarkdown(filled2021());
  assert.ok(md.startsWith('# 某某县人民政府2021年政府信息公开工作年度报告\n'));
  assert.match(md, /## 一、总体情况\n\n第一段。\n\n第二段。\n\n## 二、/);
  assert.match(md, /## 六、其他需要报告的事项\n\n未收取信息处理费。\n$/);
  const empty = renderMarkdown(emptyReport('2021', 2021, null));
  assert.ok(empty.startsWith('# 2021年政府信息公开工作年度报告\n\n（机关名称未填写）\n'));
  assert.match(empty, /## 五、存在的主要问题及改进情况\n\n（未填写）\n/);
});

test('values of demo 002 sit in their rows and columns', () => {
  const md = renderMarkdown(demo(DEMO_002));
  assert.deepEqual(rowOf(md, '一、本年新收政府信息公开申请数量'), ['一、本年新收政府信息公开申请数量', '', '', '489', '895', '1', '0', '118', '222', '1725']);
  assert.deepEqual(rowOf(md, '政府集中采购'), ['政府集中采购', '5141', '662820.1755', '']);
  assert.deepEqual(rowOf(md, '15'), ['15', '9', '2', '1', '27', '7', '1', '2', '2', '12', '0', '0', '1', '1', '2']);
  // Rows under a merged label repeat it, so each row reads on its own.
  assert.deepEqual(rowOf(md, '三、本年度办理结果').length, 10);
  assert.ok(md.includes('| 三、本年度办理结果 | （三）不予公开 | 7.属于行政执法案卷 | 107 | 21 | 0 | 0 | 0 | 44 | 172 |'));
  // One column count for every row of a table.
  for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
    const widths = new Set(block.split('\n').map((l) => l.split(' | ').length));
    assert.equal(widths.size, 1, block.slice(0, 40));
  }
});

test('the 勾稽关系 note and units are printed', () => {
  const md = renderMarkdown(demo(DEMO_002));
  assert.ok(md.includes('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |'));
  assert.ok(md.includes('采购总金额（单位：万元，保留4位小数）'));
  assert.ok(renderMarkdown(filled2021()).includes('本年收费金额（单位：万元）'));
});

test('blank cells stay empty, never 0', () => {
  const md = renderMarkdown(emptyReport('2021', 2021, '某某县人民政府'));
  assert.deepEqual(rowOf(md, '规章'), ['规章', '', '', '']);
  assert.deepEqual(rowOf(md, '四、结转下年度继续办理'), ['四、结转下年度继续办理', '', '', '', '', '', '', '', '', '']);
  const tableLines = md.split('\n').filter((l) => l.startsWith('|'));
  assert.ok(tableLines.every((l) => !/\| 0 \|/.test(l)));
});

test('a missing table prints the notice, not zeros', () => {
  const md = renderMarkdown(demo(DEMO_004));
  assert.match(md, /## 三、收到和处理政府信息公开申请情况\n\n（本部分表格缺失）\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n（本部分表格缺失）\n\n## 五、/);
  assert.equal(md.split(MISSING_TABLE_MD).length - 1, 2);
  assert.ok(!md.includes('勾稽关系'), 'no grid of table 三');
});

test('report text is escaped', () => {
  const report: AnnualReport = {
    ...emptyReport('2019', 2020, '<script>alert(1)</script>局'),
    sections: { overview: '# 不是标题\n1. 不是列表\n*强调* | 管道 <b>粗</b> & [链接](x)', problems: null, otherMatters: null },
  };
  const md = renderMarkdown(report);
  assert.ok(!md.includes('<script>'));
  assert.ok(md.startsWith('# \\<script\\>alert(1)\\</script\\>局2020年'));
  assert.ok(md.includes('\\# 不是标题\n\n1\\. 不是列表\n\n\\*强调\\* \\| 管道 \\<b\\>粗\\</b\\> \\& \\[链接\\](x)'));
  assert.equal(escapeMarkdown('a|b\nc'), 'a\\|b c');
});
