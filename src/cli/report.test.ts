import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
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

test('user add (generated password shown once) and list; audit verify says the chain is intact, exit 0', async () => {
  const orgs = await run(['org', 'list', '--json']);
  const orgId = (JSON.parse(orgs.out) as { id: string }[])[0]?.id ?? '';
  const added = await run(['user', 'add', 'zhao.jing', '--org', orgId, '--role', 'approver', '--name', '赵静']);
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /初始密码（只显示这一次）\/ initial password \(shown once\): \S{16}/);
  const list = await run(['user', 'list']);
  assert.match(list.out, /zhao\.jing\t赵静\t审核人/);
  assert.equal((await run(['user', 'add', 'zhao.jing', '--org', orgId, '--role', 'approver', '--name', '赵静'])).code, 2);
  assert.equal((await run(['user', 'add', 'x', '--org', orgId, '--role', 'king', '--name', 'x'])).code, 2);
  const verified = await run(['audit', 'verify']);
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /审计日志完整：\d+ 条/);
});

test('audit verify: an entry edited behind the guard is named, exit 1', async () => {
  await withCliDatabase(join(dir, 'd'), undefined, async ({ db }) => {
    await sql.raw('DROP TRIGGER audit_log_no_update').execute(db);
    await db.updateTable('audit_log').set({ detail: '{"role":"admin"}' }).where('seq', '=', 1).execute();
    return { ok: true as const };
  });
  const r = await run(['audit', 'verify']);
  assert.equal(r.code, 1);
  assert.match(r.err, /seq 1: 审计日志的哈希链断裂.*内容被修改/);
});

test('report rollup: the area summed from its organisations\' report files; a blank cell is blank in the total and its organisation named', async () => {
  const { writeFile } = await import('node:fs/promises');
  const { generateConsistentReport, mulberry32 } = await import('../core/annual-report/generate.ts');
  const { stringifyReport } = await import('../core/annual-report/serialize.ts');
  const a = generateConsistentReport(mulberry32(21), { template: '2021', year: 2025, organization: '中原县教育局' });
  const b = generateConsistentReport(mulberry32(22), { template: '2021', year: 2025, organization: '中原县民政局' });
  const bHoled = { ...b, reviewLitigation: null };
  const old = generateConsistentReport(mulberry32(23), { template: '2021', year: 2024, organization: '中原县财政局' });
  await writeFile(join(dir, 'a.json'), stringifyReport(a));
  await writeFile(join(dir, 'b.json'), stringifyReport(bHoled));
  await writeFile(join(dir, 'old.json'), stringifyReport(old));
  const r = await runCli(dir, ['report', 'rollup', 'a.json', 'b.json', 'old.json', '--year', '2025', '--name', '中原县人民政府', '-o', 'area.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /汇总 2 份报告[\s\S]*中原县教育局、中原县民政局/);
  assert.match(r.err, /rollup\.excluded[\s\S]*中原县财政局/);
  assert.match(r.err, /rollup\.blank[\s\S]*中原县民政局 有 \d+ 个单元格为空/);
  const area = JSON.parse(await readFile(join(dir, 'area.json'), 'utf8')) as { organization: string; applications: { newReceived: { total: number } }; reviewLitigation: { review: { total: number | null } } };
  assert.equal(area.organization, '中原县人民政府');
  const total = (x: typeof a) => (x.applications as { newReceived: { total: number } }).newReceived.total;
  assert.equal(area.applications.newReceived.total, total(a) + total(b));
  assert.equal(area.reviewLitigation.review.total, null, 'blank where a contributor lost table 四');
  const bad = await runCli(dir, ['report', 'rollup', 'a.json', '--year', '2025']);
  assert.equal(bad.code, 2);
});

test('report rollup --org: the frozen reports the organisations below have submitted, summed; the others named', async () => {
  const today = '2026-01-10';
  const { actOnReport } = await import('../app/season/reports.ts');
  const { peopleDeps } = await import('../storage/application-deps.ts');
  const { kyselyReportDrafts } = await import('../storage/report-drafts.ts');
  const { kyselySeason } = await import('../storage/season.ts');
  const setUp = await withCliDatabase(join(dir, 'd'), undefined, async ({ db }) => {
    const app = applicationDeps(db, { today: () => today, now: () => `${today}T01:00:00.000Z` });
    const orgs = await app.organizations.list();
    const root = orgs.find((o) => o.name === '中原县人民政府' && o.parentId === null);
    const child = orgs.find((o) => o.parentId === root?.id);
    if (!root || !child) return { ok: false as const, problems: [] };
    const deps = { ...app, drafts: kyselyReportDrafts(db), season: kyselySeason(db), audit: peopleDeps(db, () => `${today}T01:00:00.000Z`).audit };
    const submitted = await actOnReport(deps, child.id, 2025, 'submit', null, { id: 'u1', name: '部门管理员', role: 'admin', organizationId: child.id, ip: null });
    return submitted.ok ? { ok: true as const, root: root.id, child: child.name, frozen: JSON.parse(submitted.value.report ?? '{}') as { applications: { newReceived: { total: number } } } } : submitted;
  });
  assert.ok(setUp.ok);
  const r = await run(['report', 'rollup', '--org', setUp.root, '--year', '2025', '-o', 'area2025.json']);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  assert.match(r.err, /汇总 1 个机关[\s\S]*尚未报送/);
  const area = JSON.parse(await readFile(join(dir, 'area2025.json'), 'utf8')) as { organization: string; applications: { newReceived: { total: number } } };
  assert.equal(area.organization, '中原县人民政府（汇总）');
  assert.equal(area.applications.newReceived.total, setUp.frozen.applications.newReceived.total);
});

test('season import: published reports matched to the organisations below by the name they state, stored, then rolled up; the rest listed with reasons', async () => {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { generateConsistentReport, mulberry32 } = await import('../core/annual-report/generate.ts');
  const { FORMATS } = await import('../formats/index.ts');
  const listed = await withCliDatabase(join(dir, 'd'), undefined, async ({ db }) => {
    const orgs = await applicationDeps(db, { today: () => '2026-02-01', now: () => '2026-02-01T01:00:00.000Z' }).organizations.list();
    const root = orgs.find((o) => o.name === '中原县人民政府' && o.parentId === null);
    return root ? { ok: true as const, root: root.id, children: orgs.filter((o) => o.parentId === root.id).map((o) => o.name) } : { ok: false as const, problems: [] };
  });
  assert.ok(listed.ok && listed.children.length >= 3);
  const folder = join(dir, 'season2024');
  await mkdir(folder, { recursive: true });
  // Two departments' published reports (Markdown, as a site publishes them), one spelled with a space.
  const [a, b, c] = listed.children;
  for (const [i, name] of [[1, a], [2, `${b?.slice(0, 2)} ${b?.slice(2)}`]] as const) {
    const report = generateConsistentReport(mulberry32(40 + i), { template: '2021', year: 2024, organization: name ?? '' });
    await writeFile(join(folder, `${i}.md`), await FORMATS.md.render(report, { findings: [] }));
  }
  await writeFile(join(folder, '3.md'), await FORMATS.md.render(generateConsistentReport(mulberry32(43), { template: '2021', year: 2024, organization: '中原县气象局' }), { findings: [] }));
  await writeFile(join(folder, '4.md'), await FORMATS.md.render(generateConsistentReport(mulberry32(44), { template: '2021', year: 2023, organization: c ?? '' }), { findings: [] }));
  await writeFile(join(folder, '5.txt'), '关于做好冬季供暖工作的通知');
  const r = await run(['season', 'import', 'season2024', '--year', '2024', '--parent', listed.root]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, new RegExp(`1\\.md\\t已导入 / stored\\t${a}`));
  assert.match(r.out, new RegExp(`2\\.md\\t已导入 / stored\\t${b}`));
  assert.match(r.out, /3\.md\t未匹配 \/ unmatched\t中原县气象局/);
  assert.match(r.out, /4\.md\t跳过 \/ skipped\t报告年度为 2023/);
  assert.match(r.out, /5\.txt\t跳过 \/ skipped\t未能读出模板中的任何数据/);
  assert.match(r.err, /共 5 个文件，导入 2 个/);
  const again = await run(['season', 'import', 'season2024', '--year', '2024', '--parent', listed.root]);
  assert.match(again.out, /1\.md\t跳过 \/ skipped\t.*已有 2024 年度报告，未覆盖/);
  const created = await run(['season', 'import', 'season2024', '--year', '2024', '--parent', listed.root, '--create-orgs']);
  assert.match(created.out, /3\.md\t已导入 \/ stored\t中原县气象局（新建机关/);
  const up = await run(['report', 'rollup', '--org', listed.root, '--year', '2024']);
  assert.match(up.err, /汇总 3 个机关/);
});
