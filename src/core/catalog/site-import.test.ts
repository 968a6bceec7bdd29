/** parseSiteTable: usual headers, dates as offices write them, every bad row coded with its line, nothing partial. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSiteTable } from './site-import.ts';

const HEADER = ['索引号', '标题', '发布机构', '成文日期', '发布日期', '文号', '有效性', '链接', '正文', '附件'];

test('rows of an old site: 索引号 kept, dates normalised, 有效性 and attachments read', () => {
  const r = parseSiteTable([HEADER, ['114110/2023-00007', '中原县城市供水管理办法', '中原县人民政府', '2023年3月1日', '2023/03/08 10:30', '中政〔2023〕5号', '已废止', 'https://www.zhongyuan.gov.cn/xxgk/7.html', '第一条 为加强供水管理。\n第二条 ……', '附件1.pdf；附件2.xlsx'], ['', '关于公布2024年政府信息公开工作年度报告的通知', '', '', '2024-01-20', '', '', '', '', '']], '2025-11-20');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.deepEqual(r.rowProblems, []);
  const [a, b] = r.value;
  assert.equal(a?.indexNo, '114110/2023-00007');
  assert.equal(a?.writtenOn, '2023-03-01');
  assert.equal(a?.publishedOn, '2023-03-08');
  assert.equal(a?.validity, 'repealed');
  assert.deepEqual(a?.attachments, ['附件1.pdf', '附件2.xlsx']);
  assert.equal(b?.indexNo, null);
  assert.equal(b?.validity, 'valid');
  assert.equal(b?.publisher, null);
});

test('every bad row reported at its line; a required column missing; no rows', () => {
  const r = parseSiteTable([HEADER, ['X1', '', '', '', '2023-01-01', '', '', '', '', ''], ['X2', '好标题', '', '2023-05-01', '2023-04-01', '', '作废', 'ftp://x', '', ''], ['X2', '重复索引号', '', '', '2099-01-01', '', '', '', '', '']], '2025-11-20');
  assert.ok(r.ok);
  assert.deepEqual(r.value, [], 'no good row');
  assert.deepEqual(r.rowProblems.map((p) => [p.code, p.at]), [['catalog.row', 'line 2'], ['catalog.row', 'line 3'], ['catalog.row', 'line 4']]);
  assert.match(r.rowProblems[0]?.messageZh ?? '', /标题为空/);
  assert.match(r.rowProblems[1]?.messageZh ?? '', /发布日期早于成文日期.*有效性“作废”.*链接/);
  assert.match(r.rowProblems[2]?.messageZh ?? '', /晚于今天.*与第 3 行重复/);
  const noTitle = parseSiteTable([['索引号', '文号'], ['a', 'b']], '2025-11-20');
  assert.ok(!noTitle.ok);
  assert.deepEqual(noTitle.problems.map((p) => p.code), ['table.noColumn', 'table.noColumn']);
  const empty = parseSiteTable([HEADER, ['', '', '', '', '', '', '', '', '', '']], '2025-11-20');
  assert.ok(!empty.ok);
  assert.equal(empty.problems[0]?.code, 'catalog.noRows');
});

test('废止/失效/已修改 with or without the date it ended: the date and the act kept; without a date a coded warning, not a refusal', () => {
  const head = ['标题', '发布日期', '有效性', '废止日期', '废止依据'];
  const r = parseSiteTable([head, ['甲办法', '2020-01-01', '已废止', '', ''], ['乙办法', '2020-01-01', '废止', '2023年6月30日', '中政〔2023〕9号'], ['丙办法', '2020-01-01', '已失效', '', ''], ['丁办法', '2020-01-01', '有效', '', '']], '2025-11-20');
  assert.ok(r.ok);
  assert.deepEqual(r.rowProblems, []);
  assert.deepEqual(r.value.map((x) => [x.validity, x.validityOn, x.repealedBy]), [['repealed', null, null], ['repealed', '2023-06-30', '中政〔2023〕9号'], ['expired', null, null], ['valid', null, null]]);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.at]), [['catalog.validityDateMissing', 'line 2'], ['catalog.validityDateMissing', 'line 4']]);
  assert.match(r.warnings[0]?.messageZh ?? '', /甲办法.*废止，没有废止日期/);
  assert.match(r.warnings[1]?.messageZh ?? '', /丙办法.*失效，没有失效日期/);
  const bad = parseSiteTable([head, ['戊', '2020-01-01', '有效', '2021-01-01', ''], ['己', '2020-01-01', '废止', '2019-01-01', ''], ['庚', '2020-01-01', '失效', '2021-01-01', '某决定']], '2025-11-20');
  assert.ok(bad.ok);
  assert.deepEqual(bad.rowProblems.map((p) => p.at), ['line 2', 'line 3', 'line 4']);
  assert.match(bad.rowProblems[0]?.messageZh ?? '', /有效的文件不应有废止（失效）日期/);
  assert.match(bad.rowProblems[1]?.messageZh ?? '', /早于发布日期/);
  assert.match(bad.rowProblems[2]?.messageZh ?? '', /只有废止的文件有废止依据/);
});
