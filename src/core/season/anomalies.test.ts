import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateConsistentReport, mulberry32 } from '../annual-report/generate.ts';
import { buildTable, withCell, type AnnualReport, type Cell } from '../annual-report/model.ts';
import { cellIndex } from '../annual-report/rules/context.ts';
import { TEMPLATES } from '../annual-report/templates/index.ts';
import { ANOMALY_DEFAULTS, anomalies, anomalyOptions, crossYearChecks, tableCount } from './anomalies.ts';

const report = (seed: number, year: number): AnnualReport => ({ ...generateConsistentReport(mulberry32(seed), { template: '2021', year, organization: '中原县教育局' }), annotations: {} });
const set = (r: AnnualReport, values: Record<string, Cell>): AnnualReport =>
  Object.entries(values).reduce((acc, [path, v]) => {
    const def = cellIndex(TEMPLATES[acc.template]).get(path);
    assert.ok(def, path);
    return withCell(acc, def, v);
  }, r);
/** Two consecutive years that agree with each other (carry-over and documents in force follow). */
function consecutive(seed: number): [AnnualReport, AnnualReport] {
  const before = report(seed, 2024);
  let now = report(seed + 1, 2025);
  const row = (r: AnnualReport, table: 'applications' | 'proactive', key: string) => (r[table] as Record<string, Record<string, Cell>>)[key] ?? {};
  for (const col of Object.keys(row(now, 'applications', 'carriedOver'))) {
    // This year's carried-over is last year's carried-forward; carried-forward grows by as much, so 三 still balances.
    const carried = row(before, 'applications', 'carriedForward')[col] ?? 0;
    const forward = row(now, 'applications', 'carriedForward')[col] ?? 0;
    now = set(now, { [`applications.carriedOver.${col}`]: carried, [`applications.carriedForward.${col}`]: forward + carried });
  }
  for (const key of ['rules', 'normativeDocuments']) {
    const v = (r: AnnualReport, k: string) => row(r, 'proactive', key)[k] ?? 0;
    now = set(now, { [`proactive.${key}.inForce`]: v(before, 'inForce') + v(now, 'issued') - v(now, 'repealed') });
  }
  return [before, now];
}

describe('cross-year checks of an organisation over its years', () => {
  it('consistent consecutive years give no crossYear.carry nor T2.inForce; breaking the carry-over is found, on the right year', () => {
    const [y2024, y2025] = consecutive(7);
    const checks = crossYearChecks([y2025, y2024]);
    assert.deepEqual(checks.map((c) => [c.year, c.previousYear]), [[2024, null], [2025, 2024]]);
    const codes = (checks[1]?.findings ?? []).map((f) => f.code);
    assert.ok(!codes.includes('crossYear.carry') && !codes.includes('T2.inForce'), codes.join());
    const broken = set(y2025, { 'applications.carriedOver.natural': 999 });
    const found = crossYearChecks([y2024, broken])[1]?.findings.filter((f) => f.code === 'crossYear.carry') ?? [];
    assert.deepEqual(found.map((f) => f.cells[0]), ['applications.carriedOver.natural']);
  });
  it('a year whose predecessor is missing is not compared with an older one', () => {
    const checks = crossYearChecks([report(1, 2022), report(2, 2024)]);
    assert.deepEqual(checks.map((c) => c.previousYear), [null, null]);
    assert.ok(checks.every((c) => c.findings.length === 0));
  });
  it('anomaly.jump follows the configured factor, both ways, and needs both years at the minimum', () => {
    const before = set(report(3, 2024), { 'applications.newReceived.total': 20 });
    const up = set(report(4, 2025), { 'applications.newReceived.total': 61 });
    const jumps = (f: ReturnType<typeof anomalies>) => f.filter((x) => x.code === 'anomaly.jump' && x.cells[0] === 'applications.newReceived.total');
    assert.equal(jumps(anomalies(up, before)).length, 0, '61 / 20 < 5');
    assert.equal(jumps(anomalies(up, before, { ...ANOMALY_DEFAULTS, factor: 3 })).length, 1, '61 / 20 > 3');
    const down = set(report(4, 2025), { 'applications.newReceived.total': 10 });
    assert.equal(jumps(anomalies(down, set(before, { 'applications.newReceived.total': 51 }))).length, 1, 'a drop below 1/5');
    assert.equal(jumps(anomalies(set(down, { 'applications.newReceived.total': 9 }), set(before, { 'applications.newReceived.total': 500 }))).length, 0, 'below the minimum');
    const f = jumps(anomalies(up, before, { ...ANOMALY_DEFAULTS, factor: 3 }))[0];
    assert.equal(f?.expected, 20);
    assert.equal(f?.actual, 61);
    assert.match(f?.messageZh ?? '', /由 20 变为 61/);
  });
  it('anomaly.zeroAfterBusy: a table all zero after a year summing to `busy` or more; not after a quiet year; a blank is not zero', () => {
    const busy = report(5, 2024);
    const busySum = tableCount(busy, 'applications');
    assert.ok(busySum !== null && busySum >= 10);
    const zero: AnnualReport = { ...report(6, 2025), applications: buildTable(TEMPLATES['2021'], 'applications', () => 0) };
    const flags = anomalies(zero, busy).filter((x) => x.code === 'anomaly.zeroAfterBusy');
    assert.deepEqual(flags.map((x) => x.cells[0]), ['applications']);
    assert.match(flags[0]?.messageZh ?? '', /表三本年全部为 0/);
    const quiet: AnnualReport = { ...busy, applications: buildTable(TEMPLATES['2021'], 'applications', (c) => (c.path === 'applications.newReceived.natural' ? 1 : 0)) };
    assert.equal(anomalies(zero, quiet).filter((x) => x.code === 'anomaly.zeroAfterBusy').length, 0);
    const holed = set(zero, { 'applications.granted.natural': null });
    assert.equal(tableCount(holed, 'applications'), null);
    assert.equal(anomalies(holed, busy).filter((x) => x.code === 'anomaly.zeroAfterBusy').length, 0);
    assert.equal(anomalies(zero, { ...busy, year: 2023 }).length, 0, 'only consecutive years');
  });
  it('options from a query: bad values fall back to the defaults', () => {
    assert.deepEqual(anomalyOptions({ factor: '3', minimum: '5', busy: '20' }), { factor: 3, minimum: 5, busy: 20 });
    assert.deepEqual(anomalyOptions({ factor: '1', minimum: '-1', busy: 'x' }), ANOMALY_DEFAULTS);
    assert.deepEqual(anomalyOptions({}), ANOMALY_DEFAULTS);
  });
});
