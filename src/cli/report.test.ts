import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { seedDemoData } from '../app/applications/demo.ts';
import { tallyCases } from '../core/application/year-tables.ts';
import { applicationDeps } from '../storage/application-deps.ts';
import { withCliDatabase } from './database.ts';
import { runCli } from './run-for-test.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-report-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const run = (argv: string[]) => runCli(dir, [...argv, '--data', 'd']);

test('org add and list: the tree with ids; wrong levels and unknown parents are refused (exit 2)', async () => {
  const gov = await run(['org', 'add', '东山县人民政府', '--kind', 'government']);
  assert.equal(gov.code, 0, gov.err);
  const govId = gov.out.trim();
  const dept = await run(['org', 'add', '东山县财政局', '--kind', 'department', '--parent', govId]);
  assert.equal(dept.code, 0, dept.err);
  const list = await run(['org', 'list']);
  assert.match(list.out, new RegExp(`东山县人民政府（政府）  ${govId}\\n  东山县财政局（部门）`));
  assert.equal((await run(['org', 'add', '下级政府', '--kind', 'government', '--parent', dept.out.trim()])).code, 2);
  const orphan = await run(['org', 'add', '某局', '--kind', 'department', '--parent', 'nope']);
  assert.equal(orphan.code, 2);
  assert.match(orphan.err, /上级机关不存在/);
  assert.equal((await run(['org', 'add', '某局', '--kind', 'bureau'])).code, 2);
});

test('report build: tables 三/四 from the cases of the organisation and below, written as canonical JSON', async () => {
  const today = '2025-11-20';
  const seeded = await withCliDatabase(join(dir, 'd'), undefined, async ({ db }) => {
    const deps = applicationDeps(db, { today: () => today, now: () => `${today}T01:00:00.000Z` });
    const demo = await seedDemoData(deps, { today, count: 80, seed: 3 });
    const ids = (await deps.organizations.list()).map((o) => o.id);
    const cases = (await deps.cases.list({ organizationIds: ids, limit: 1000 })).items;
    return { ok: true as const, rootId: demo.rootId, cases };
  });
  assert.ok(seeded.ok);
  const built = await run(['report', 'build', '--org', seeded.rootId, '--year', '2025', '-o', 'r2025.json']);
  assert.ok(built.code === 0 || built.code === 1, built.err);
  const report = JSON.parse(await readFile(join(dir, 'r2025.json'), 'utf8'));
  assert.equal(report.schema, 'gongkai.annual-report/1');
  assert.equal(report.year, 2025);
  assert.equal(report.organization, '中原县人民政府');
  const expected = tallyCases(seeded.cases, 2025).filter((t) => t.row === 'newReceived').reduce((s, t) => s + t.count, 0);
  assert.equal(report.applications.newReceived.total, expected);
  assert.equal(report.sections.overview, null);
  const again = await run(['report', 'build', '--org', seeded.rootId, '--year', '2025', '-o', 'r2025.json']);
  assert.equal(again.code, 2);
  assert.match(again.err, /--force/);
  assert.equal((await run(['report', 'build', '--org', 'nope', '--year', '2025'])).code, 2);
  assert.equal((await run(['report', 'build', '--org', seeded.rootId])).code, 2);
});
