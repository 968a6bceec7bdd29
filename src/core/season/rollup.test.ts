import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateReport } from '../annual-report/validate.ts';
import { generateConsistentReport, mulberry32 } from '../annual-report/generate.ts';
import { cellValue, type AnnualReport } from '../annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells } from '../annual-report/templates/index.ts';
import { rollUp } from './rollup.ts';

const cells = TABLE_KEYS.flatMap((t) => tableCells(TEMPLATES['2021'], t)).filter((c) => !c.column.variant);
const consistent = (seed: number, organization: string): AnnualReport => ({ ...generateConsistentReport(mulberry32(seed), { template: '2021', year: 2025, organization }), annotations: {} });

describe('roll-up of an area (条例第五十条)', () => {
  const a = consistent(11, '中原县教育局');
  const b = consistent(12, '中原县民政局');

  it('sums every cell every contributor prints; the sum keeps the arithmetic; each cell drills down to its contributors', () => {
    for (const r of [a, b]) assert.deepEqual(validateReport(r).filter((f) => f.severity === 'error'), [], r.organization ?? '');
    const up = rollUp('中原县人民政府（汇总）', 2025, '2021', [{ name: '中原县教育局', report: a }, { name: '中原县民政局', report: b }]);
    for (const c of cells) {
      const va = cellValue(a, c);
      const vb = cellValue(b, c);
      const expected = va === null || vb === null ? null : Math.round((va + vb) * 10000) / 10000;
      assert.equal(cellValue(up.report, c), expected, c.path);
    }
    assert.deepEqual(validateReport(up.report).filter((f) => f.severity === 'error' && f.code.startsWith('T3')), [], 'sums of consistent reports add up');
    assert.deepEqual(up.contributions.get('applications.granted.natural'), [
      { name: '中原县教育局', value: cellValue(a, cells.find((c) => c.path === 'applications.granted.natural') ?? cells[0]!) },
      { name: '中原县民政局', value: cellValue(b, cells.find((c) => c.path === 'applications.granted.natural') ?? cells[0]!) },
    ]);
    assert.deepEqual(up.included, ['中原县教育局', '中原县民政局']);
  });

  it('a cell one contributor leaves blank is blank in the sum, with a finding naming that organisation', () => {
    const holed: AnnualReport = { ...b, applications: { ...(b.applications ?? {}), granted: { ...((b.applications?.granted as Record<string, number | null>) ?? {}), natural: null } } };
    const up = rollUp('中原县人民政府（汇总）', 2025, '2021', [{ name: '中原县教育局', report: a }, { name: '中原县民政局', report: holed }]);
    const granted = cells.find((c) => c.path === 'applications.granted.natural');
    assert.ok(granted);
    assert.equal(cellValue(up.report, granted), null);
    const f = up.findings.find((x) => x.code === 'rollup.blank');
    assert.ok(f && f.messageZh.includes('中原县民政局') && f.cells.includes('applications.granted.natural'));
    assert.ok(!up.findings.some((x) => x.code === 'rollup.blank' && x.messageZh.includes('中原县教育局')));
  });

  it('a report of another year or template is left out, with a finding; nothing to add → all blank', () => {
    const other2019: AnnualReport = { ...consistent(13, '中原县财政局'), template: '2019' };
    const otherYear: AnnualReport = { ...consistent(14, '中原县卫健委'), year: 2024 };
    const up = rollUp('中原县人民政府（汇总）', 2025, '2021', [{ name: '中原县财政局', report: other2019 }, { name: '中原县卫健委', report: otherYear }, { name: '中原县教育局', report: a }]);
    assert.deepEqual(up.included, ['中原县教育局']);
    assert.equal(up.findings.filter((x) => x.code === 'rollup.excluded').length, 2);
    const none = rollUp('空', 2025, '2021', []);
    assert.ok(cells.every((c) => cellValue(none.report, c) === null));
  });
});
