import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateConsistentReport, mulberry32 } from './generate.ts';
import { cellValue, templateOf, withCell } from './model.ts';
import { parseReportJson } from './parse.ts';
import { stringifyReport } from './serialize.ts';
import { tableCells } from './templates/index.ts';
import { validateReport } from './validate.ts';

test('mulberry32 is deterministic and returns floats in [0, 1)', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs.slice(0, 10), Array.from({ length: 10 }, mulberry32(8)));
});

test('the same seed generates the same report', () => {
  const one = generateConsistentReport(mulberry32(1), { template: '2021', year: 2022 });
  const two = generateConsistentReport(mulberry32(1), { template: '2021', year: 2022 });
  assert.equal(stringifyReport(one), stringifyReport(two));
});

for (const [template, year] of [['2019', 2020], ['2021', 2023]] as const) {
  test(`generated ${template} reports pass every rule and round-trip through the canonical JSON`, () => {
    const rng = mulberry32(2024);
    for (let i = 0; i < 300; i += 1) {
      const report = generateConsistentReport(rng, { template, year });
      assert.deepEqual(validateReport(report), [], `report #${i}`);
      const parsed = parseReportJson(stringifyReport(report));
      assert.ok(parsed.ok, `report #${i} parses`);
      assert.equal(stringifyReport(parsed.report), stringifyReport(report));
      const cells = tableCells(templateOf(report), 'applications');
      assert.ok(cells.every((c) => (cellValue(report, c) ?? -1) >= 0), 'counts are non-negative');
    }
  });
}

test('a generated report with one total changed breaks the arithmetic (the check is not vacuous)', () => {
  const report = generateConsistentReport(mulberry32(3), { template: '2019', year: 2020 });
  const cell = tableCells(templateOf(report), 'applications').find((c) => c.path === 'applications.total.total');
  assert.ok(cell);
  const broken = withCell(report, cell, (cellValue(report, cell) ?? 0) + 1);
  const codes = new Set(validateReport(broken).map((f) => f.code));
  assert.ok(codes.has('T3.columns') && codes.has('T3.results') && codes.has('T3.balance'), [...codes].join(','));
});

test('a given scale (a county department) keeps every rule and the sizes small', () => {
  for (let seed = 1; seed <= 40; seed += 1) {
    for (const template of ['2019', '2021'] as const) {
      const small = generateConsistentReport(mulberry32(seed), { template, year: 2024, organization: '中原县民政局', scale: 10 });
      assert.deepEqual(validateReport(small).filter((f) => f.outcome === 'violation' && f.severity === 'error'), [], `${template} seed ${seed}`);
      const received = tableCells(templateOf(small), 'applications').find((c) => c.path === 'applications.newReceived.total');
      assert.ok(received && (cellValue(small, received) ?? 0) <= 10 * 7, `${template} seed ${seed}: ${cellValue(small, received!)}`);
    }
  }
  // The same seed with another scale: the same organisation drawn, other sizes.
  const a = generateConsistentReport(mulberry32(3), { template: '2021', year: 2022 });
  const b = generateConsistentReport(mulberry32(3), { template: '2021', year: 2022, scale: 2 });
  assert.equal(a.organization, b.organization);
  assert.notDeepEqual(a.applications, b.applications);
});
