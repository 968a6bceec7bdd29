/**
 * The reporting season on SQLite and PostgreSQL: a department's report goes up to its government and is published;
 * a return needs a comment; the report is frozen when submitted; a correction is a new version; two officers acting at
 * once: one wins, the other is told; everything audited.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { seedDemoData } from '../app/applications/demo.ts';
import { actOnReport, seasonStatus, type SeasonActor, type SeasonDeps } from '../app/season/reports.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { applicationDeps, peopleDeps } from './application-deps.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyReportDrafts } from './report-drafts.ts';
import { kyselySeason } from './season.ts';
import { rollUpArea } from '../app/season/rollup.ts';
import { templateCellDefs } from '../core/season/rollup.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2026-01-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

for (const engine of engines) {
  describe(`reporting season: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: SeasonDeps;
    let gov = '';
    let dept = '';
    const actor = (role: SeasonActor['role'], organizationId: string, name: string): SeasonActor => ({ id: `u-${name}`, name, role, organizationId, ip: null });

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const app = applicationDeps(opened.db, clock, randomUUID);
      gov = (await seedDemoData(app, { today: TODAY, count: 60, seed: 5 })).rootId;
      const orgs = await app.organizations.list();
      dept = orgs.find((o) => o.parentId === gov)?.id ?? '';
      assert.ok(dept);
      deps = { ...app, drafts: kyselyReportDrafts(opened.db), season: kyselySeason(opened.db), audit: peopleDeps(opened.db, clock.now).audit };
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('submitted, returned with a comment, resubmitted, received by the government, published; frozen at submission', async () => {
      const admin = actor('admin', dept, '部门管理员');
      const govAdmin = actor('admin', gov, '县政府办管理员');
      assert.equal((await seasonStatus(deps, dept, 2025)).state, 'draft');
      assert.ok(!(await actOnReport(deps, dept, 2025, 'submit', null, actor('handler', dept, '办理人'))).ok, 'a handler does not submit');
      const submitted = await actOnReport(deps, dept, 2025, 'submit', null, admin);
      assert.ok(submitted.ok && submitted.value.state === 'submitted');
      const frozen = parseReportJson(submitted.value.report ?? '');
      assert.ok(frozen.ok && frozen.report.year === 2025 && frozen.report.applications !== null);
      assert.ok(!(await actOnReport(deps, dept, 2025, 'receive', null, admin)).ok, 'nobody receives their own report');
      assert.ok(!(await actOnReport(deps, dept, 2025, 'return', '', govAdmin)).ok, 'a return says why');
      const returned = await actOnReport(deps, dept, 2025, 'return', '第五部分未写改进情况', govAdmin);
      assert.ok(returned.ok && returned.value.state === 'returned' && returned.value.comment === '第五部分未写改进情况');
      assert.ok((await actOnReport(deps, dept, 2025, 'submit', null, admin)).ok);
      const early = await actOnReport(deps, dept, 2025, 'publish', null, admin);
      assert.ok(!early.ok && early.problems[0]?.code === 'report.transition');
      assert.ok((await actOnReport(deps, dept, 2025, 'receive', null, actor('oversight', gov, '监督'))).ok);
      const published = await actOnReport(deps, dept, 2025, 'publish', null, admin);
      assert.ok(published.ok && published.value.state === 'published' && published.value.publishedAt !== null);
      const corrected = await actOnReport(deps, dept, 2025, 'correct', '更正表三（七）总计', admin);
      assert.ok(corrected.ok && corrected.value.version === 2 && corrected.value.state === 'draft');
      const versions = await deps.season.versions(dept, 2025);
      assert.deepEqual(versions.map((v) => [v.version, v.state]), [[2, 'draft'], [1, 'published']], 'the published version stays');
      const log = await deps.audit.list({ organizationIds: [dept] });
      assert.deepEqual(log.filter((e) => e.action === 'report.season').map((e) => e.detail.step), ['submit', 'return', 'submit', 'receive', 'publish', 'correct']);
    });

    test('the top government publishes its own report directly; two receipts at once: one wins', async () => {
      assert.ok((await actOnReport(deps, gov, 2025, 'publish', null, actor('admin', gov, '县政府办管理员'))).ok);
      const other = (await deps.organizations.list()).filter((o) => o.parentId === gov)[1]?.id ?? '';
      assert.ok((await actOnReport(deps, other, 2025, 'submit', null, actor('approver', other, '审核人'))).ok);
      const both = await Promise.all([actOnReport(deps, other, 2025, 'receive', null, actor('admin', gov, '甲')), actOnReport(deps, other, 2025, 'receive', null, actor('admin', gov, '乙'))]);
      assert.equal(both.filter((r) => r.ok).length, 1);
      const lost = both.find((r) => !r.ok);
      assert.ok(lost && !lost.ok && ['report.conflict', 'report.transition'].includes(lost.problems[0]?.code ?? ''));
    });

    test('the submission date is kept through 接收 and 公布 (0015); latest() gives the newest version of each (organisation, year) in one call', async () => {
      const [published, draft] = [...(await deps.season.versions(dept, 2025))].reverse();
      assert.equal(published?.state, 'published');
      assert.equal(published?.submittedAt, clock.now(), 'submitted, then received and published: the submission date stays');
      assert.equal(draft?.submittedAt, null, 'the correction is a new draft, not submitted');
      const latest = await deps.season.latest([dept, gov, 'no-such-org'], [2025]);
      const byOrg = new Map(latest.map((r) => [r.organizationId, r]));
      assert.deepEqual([byOrg.get(dept)?.version, byOrg.get(dept)?.state], [2, 'draft']);
      assert.deepEqual([byOrg.get(gov)?.state, byOrg.get(gov)?.submittedAt], ['published', clock.now()], 'a top government publishing its draft dates its submission');
      assert.equal(latest.length, 2);
      assert.deepEqual(await deps.season.latest([dept], [2024]), []);
      assert.deepEqual((await deps.season.latest([dept], null)).map((r) => r.year), [2025]);
      assert.deepEqual(await deps.season.latest([dept], []), []);
      const light = new Map((await deps.season.latest([dept, gov], [2025], false)).map((r) => [r.organizationId, r]));
      assert.equal(light.get(gov)?.report, '', 'a report not read is marked, not null');
      assert.equal(light.get(dept)?.report, null, 'a draft has none');
      assert.equal(light.get(gov)?.submittedAt, clock.now());
    });

    test('a corrected version keeps its 更正说明 through submission and publication; published() lists every published version, newest first', async () => {
      const admin = actor('admin', dept, '部门管理员');
      assert.ok((await actOnReport(deps, dept, 2025, 'submit', null, admin)).ok);
      assert.ok((await actOnReport(deps, dept, 2025, 'return', '请补充更正说明中的页码', actor('admin', gov, '县政府办管理员'))).ok);
      assert.ok((await actOnReport(deps, dept, 2025, 'submit', null, admin)).ok);
      assert.ok((await actOnReport(deps, dept, 2025, 'receive', null, actor('admin', gov, '县政府办管理员'))).ok);
      const republished = await actOnReport(deps, dept, 2025, 'publish', null, admin);
      assert.ok(republished.ok && republished.value.version === 2 && republished.value.notice === '更正表三（七）总计');
      const listed = await deps.season.published([dept, gov], false);
      assert.deepEqual(listed.filter((r) => r.organizationId === dept).map((r) => [r.version, r.notice, r.report]), [[2, '更正表三（七）总计', ''], [1, null, '']]);
      assert.ok(listed.some((r) => r.organizationId === gov && r.state === 'published'));
      assert.ok((await deps.season.published([dept], true)).every((r) => (r.report ?? '').includes('"applications"')));
    });

    test('the roll-up reads the cells kept beside each report, and rows stored before them (no cells) by their report: the same sums', async () => {
      const withCells = await rollUpArea(deps, gov, 2025);
      assert.ok(withCells.ok && withCells.value.included.length >= 2);
      const stored = await deps.season.frozenCells([dept], 2025);
      assert.equal(stored[0]?.cells?.cells.length, templateCellDefs('2021').length);
      await opened.db.updateTable('annual_report_cells').set({ cells: null }).execute();
      const without = await rollUpArea(deps, gov, 2025);
      assert.ok(without.ok);
      assert.deepEqual(without.value.report, withCells.value.report);
      assert.deepEqual(without.value.included, withCells.value.included);
      assert.deepEqual(without.value.contributions.get('applications.newReceived.total'), withCells.value.contributions.get('applications.newReceived.total'));
    });

    test('the roll-up takes the latest frozen version: not an open correction, not a returned one, and a resubmitted one again', async () => {
      const admin = actor('admin', dept, '部门管理员');
      const govAdmin = actor('admin', gov, '县政府办管理员');
      const frozenVersion = async () => (await deps.season.frozenCells([dept], 2025))[0]?.version;
      assert.equal(await frozenVersion(), 2);
      assert.ok((await actOnReport(deps, dept, 2025, 'correct', '更正表二第三行', admin)).ok);
      assert.equal(await frozenVersion(), 2, 'the correction is a draft: version 2 still counts');
      assert.ok((await actOnReport(deps, dept, 2025, 'submit', null, admin)).ok);
      assert.equal(await frozenVersion(), 3, 'submitted: version 3 counts');
      assert.ok((await actOnReport(deps, dept, 2025, 'return', '表二第三行仍有误', govAdmin)).ok);
      assert.equal(await frozenVersion(), 2, 'returned: back to version 2');
      const up = await rollUpArea(deps, gov, 2025);
      assert.ok(up.ok && up.value.included.includes((await deps.organizations.get(dept))?.name ?? '?'));
      const none = await deps.season.frozenCells([gov, 'no-such-organisation'], 2024);
      assert.deepEqual(none, []);
    });
  });
}
