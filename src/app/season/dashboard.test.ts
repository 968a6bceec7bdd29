import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateConsistentReport, mulberry32 } from '../../core/annual-report/generate.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import type { Organization } from '../organizations/ports.ts';
import { seasonDashboard } from './dashboard.ts';
import type { SeasonRecord } from './reports.ts';

test('a withdrawn import counts for nothing on the dashboard: its state shows, no findings, no figures', async () => {
  const org = (id: string): Organization => ({ id, name: `${id}局`, kind: 'department', parentId: null, code: null, createdAt: '2026-01-01T00:00:00.000Z' }) as Organization;
  const report = stringifyReport(generateConsistentReport(mulberry32(3), { template: '2021', year: 2025, organization: 'a局' }));
  const record = (organizationId: string, state: SeasonRecord['state']): SeasonRecord => ({ organizationId, year: 2025, version: 1, state, report, comment: null, updatedAt: '2026-01-20T00:00:00.000Z', updatedBy: 't', publishedAt: state === 'published' ? '2026-01-20T00:00:00.000Z' : null, submittedAt: '2026-01-20T00:00:00.000Z', source: 'import' });
  const records = [record('a', 'published'), record('b', 'withdrawn')];
  const rows = await seasonDashboard({ season: { latest: async () => records } }, { organizations: [org('a'), org('b')], year: 2025, today: '2026-02-10' });
  const [a, b] = rows;
  assert.equal(a?.state, 'published');
  assert.equal(a?.errors, 0);
  assert.notEqual(a?.totals.at(-1)?.value, null);
  assert.equal(b?.state, 'withdrawn');
  assert.deepEqual([b?.errors, b?.warnings, b?.results, b?.totals.at(-1)?.value], [null, null, null, null]);
  assert.ok((b?.daysLate ?? 0) > 0, 'a withdrawn report is no report: the year is late again');
});
