/**
 * The one report store (migration 0027) on SQLite and PostgreSQL: the public list is each (organisation, year)'s newest
 * published version, newest publication first, keyset paged; an import is version 1 (or the next after a withdrawn
 * one) and never overwrites; only an imported latest version is withdrawn, and it is then never public; report files
 * saved before the store move in under their ids; rows written before 0027 get ids and their source.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createOrganization } from '../app/organizations/create-organization.ts';
import type { SeasonRecord } from '../app/season/reports.ts';
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest, migrateUpTo } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { moveReportFiles } from './report-files.ts';
import { STORED_ID } from './report-id.ts';
import { kyselyReports } from './reports.ts';
import { kyselySeason } from './season.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T02:00:00.000Z`;
const report = (name: string, year: number, seed: number): AnnualReport => ({ ...generateConsistentReport(mulberry32(seed), { template: '2021', year, organization: name }), annotations: {} });

for (const engine of engines) {
  describe(`report store: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    const orgs: { id: string; name: string }[] = [];
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const organizations = kyselyOrganizations(opened.db);
      for (const [i, name] of ['东坡县人民政府', '西岭县人民政府', '南湖县人民政府'].entries()) {
        const r = await createOrganization({ organizations, newId: () => `org-${i}`, now: () => at(1) }, { name, kind: 'government' });
        assert.ok(r.ok);
        orgs.push({ id: r.organization.id, name });
      }
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('imports, corrections, drafts and withdrawals: the list shows each year once, newest first, paged', async () => {
      const store = kyselyReports(opened.db);
      const season = kyselySeason(opened.db);
      const [a, b, c] = orgs as [{ id: string; name: string }, { id: string; name: string }, { id: string; name: string }];
      const i1 = await store.saveImported({ organizationId: a.id, report: report(a.name, 2024, 1), provenance: null, by: 't', at: at(2), note: '导入：a.pdf' });
      assert.ok(i1.ok && STORED_ID.test(i1.id) && i1.version === 1);
      // The same year again is refused, whatever its content: nothing is overwritten.
      assert.deepEqual(await store.saveImported({ organizationId: a.id, report: report(a.name, 2024, 2), provenance: null, by: 't', at: at(3), note: 'x' }), { ok: false });
      // A platform report published, then corrected (version 2 published): only version 2 is listed; version 1 still opens.
      const put = (r: Partial<SeasonRecord> & Pick<SeasonRecord, 'organizationId' | 'year' | 'version' | 'state'>, expected: { version: number; state: SeasonRecord['state'] } | null) =>
        season.put({ report: null, comment: null, updatedAt: at(4), updatedBy: 't', publishedAt: null, submittedAt: null, ...r }, expected);
      assert.ok(await put({ organizationId: b.id, year: 2024, version: 1, state: 'published', report: stringifyReport(report(b.name, 2024, 3)), publishedAt: at(4) }, null));
      assert.ok(await put({ organizationId: b.id, year: 2024, version: 2, state: 'published', report: stringifyReport(report(b.name, 2024, 4)), publishedAt: at(6), notice: '更正' }, { version: 1, state: 'published' }));
      // A submitted report is not public.
      assert.ok(await put({ organizationId: c.id, year: 2024, version: 1, state: 'submitted', report: stringifyReport(report(c.name, 2024, 5)), submittedAt: at(5) }, null));
      const i2 = await store.saveImported({ organizationId: c.id, report: report(c.name, 2023, 6), provenance: [{ path: 'applications.newReceived.natural', how: 'read', value: 1 } as never], by: 't', at: at(5), note: '导入：c.pdf' });
      assert.ok(i2.ok);

      const all = (await store.list({ limit: 10 })).items;
      const bVersions = await season.versions(b.id, 2024);
      assert.deepEqual(all.map((r) => [r.organizationId, r.report.year, r.version, r.imported]), [[b.id, 2024, 2, false], [c.id, 2023, 1, true], [a.id, 2024, 1, true]]);
      assert.equal(all[0]?.id, bVersions[0]?.reportId);
      const older = await store.get(bVersions[1]?.reportId ?? '');
      assert.deepEqual([older?.version, older?.latest], [1, false], 'a replaced version still opens, not the latest');
      assert.equal(await store.get((await season.versions(c.id, 2024))[0]?.reportId ?? ''), null, 'a submitted report is not public');

      // Keyset pages of one: the same order, nothing twice, nothing lost.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await store.list({ limit: 1, after });
        seen.push(...page.items.map((r) => r.id));
        after = page.next;
      } while (after !== null);
      assert.deepEqual(seen, all.map((r) => r.id));

      // Withdrawal: only an imported latest version; then never public; the year takes a new import as version 2.
      assert.equal(await store.withdraw(all[0]?.id ?? '', { by: 'admin', at: at(7), reason: 'x' }), false, 'a platform report is not withdrawn');
      assert.equal(await store.withdraw(i1.id, { by: 'admin', at: at(7), reason: '误传' }), true);
      assert.equal(await store.withdraw(i1.id, { by: 'admin', at: at(7), reason: '误传' }), false, 'once');
      assert.equal(await store.get(i1.id), null);
      assert.deepEqual((await store.list({ limit: 10 })).items.map((r) => r.id), [all[0]?.id, i2.id]);
      assert.equal(await store.current(a.id, 2024), null);
      const cells = await opened.db.selectFrom('annual_report_cells').select('state').where('organization_id', '=', a.id).execute();
      assert.deepEqual(cells.map((r) => r.state), ['withdrawn'], 'the cells row follows, so no roll-up counts it');
      const again = await store.saveImported({ organizationId: a.id, report: report(a.name, 2024, 1), provenance: null, by: 't', at: at(8), note: '导入：a2.pdf' });
      assert.ok(again.ok && again.version === 2);
      assert.deepEqual((await season.versions(a.id, 2024)).map((r) => [r.version, r.state, r.source]), [[2, 'published', 'import'], [1, 'withdrawn', 'import']]);
      assert.equal((await store.get(i2.id))?.provenance?.length, 1);
    });

    test('report files saved before the store move in under their ids; those that cannot be filed stay, with why', async () => {
      const store = kyselyReports(opened.db);
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-move-'));
      try {
        mkdirSync(join(dir, 'reports'));
        const [, b] = orgs as [unknown, { id: string; name: string }];
        const write = (id: string, r: AnnualReport) => writeFileSync(join(dir, 'reports', `${id}.json`), stringifyReport(r));
        write('2025-11-02-aaaaaa', report(b.name, 2022, 7));
        writeFileSync(join(dir, 'reports', '2025-11-02-aaaaaa.provenance.json'), JSON.stringify([{ path: 'applications.newReceived.natural', how: 'read', value: 1 }]));
        write('2025-11-03-bbbbbb', report('没有这个机关', 2022, 8));
        write('2025-11-04-cccccc', report(b.name, 2024, 9)); // b's 2024 is taken (published above)
        writeFileSync(join(dir, 'reports', '2025-11-05-dddddd.json'), '{"schema":');
        const moved = await moveReportFiles(dir, { store, organizations: kyselyOrganizations(opened.db), now: () => at(9) });
        assert.deepEqual(moved.moved, ['2025-11-02-aaaaaa']);
        assert.deepEqual(moved.left.map((l) => l.file), ['reports/2025-11-03-bbbbbb.json', 'reports/2025-11-04-cccccc.json', 'reports/2025-11-05-dddddd.json']);
        assert.match(moved.left[0]?.reason ?? '', /没有名为“没有这个机关”/);
        const kept = await store.get('2025-11-02-aaaaaa');
        assert.deepEqual([kept?.organizationId, kept?.imported, kept?.provenance?.length], [b.id, true, 1]);
        assert.deepEqual(readdirSync(join(dir, 'reports', 'moved')).sort(), ['2025-11-02-aaaaaa.json', '2025-11-02-aaaaaa.provenance.json']);
        assert.deepEqual((await moveReportFiles(dir, { store, organizations: kyselyOrganizations(opened.db), now: () => at(9) })).moved, [], 'a second start moves nothing again');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe(`migration 0027: ${engine.name}`, () => {
    test('rows written before get an id each, and the season import\'s rows the source import', async () => {
      // A database of its own, migrated to 0024 only.
      const e2 = (await enginesUnderTest()).find((x) => x.name === engine.name);
      assert.ok(e2);
      const db = await e2.open();
      try {
        await migrateUpTo(db.db, '0024_report_cells');
        await sql`insert into organizations (id, name, kind, parent_id, created_at) values ('o1', '东坡县人民政府', 'government', null, ${at(1)})`.execute(db.db);
        await sql`insert into annual_reports (organization_id, year, version, state, report, comment, updated_at, updated_by, published_at, submitted_at) values
          ('o1', 2023, 1, 'published', null, ${'导入：东坡县2023年报.pdf'}, ${at(2)}, 't', ${at(2)}, ${at(2)}),
          ('o1', 2024, 1, 'draft', null, null, ${at(3)}, 't', null, null)`.execute(db.db);
        await migrateToLatest(db.db);
        const rows = await db.db.selectFrom('annual_reports').select(['year', 'report_id', 'source']).orderBy('year').execute();
        assert.deepEqual(rows.map((r) => [r.year, r.source]), [[2023, 'import'], [2024, 'platform']]);
        for (const r of rows) assert.match(r.report_id ?? '', STORED_ID);
        assert.notEqual(rows[0]?.report_id, rows[1]?.report_id);
      } finally {
        await db.close();
        await e2.cleanup();
      }
    });
  });
}
