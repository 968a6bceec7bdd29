/**
 * Migration 0024 on SQLite and PostgreSQL, over data written before it: every version with a report gets its row in
 * annual_report_cells with the vector 0018 kept (null where none was kept), in its state; drafts get none; and
 * annual_reports no longer has the column.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, migrateUpTo } from '../migrate.ts';
import { enginesUnderTest } from '../test-engines.ts';

const NOW = '2026-01-20T02:00:00.000Z';

for (const engine of await enginesUnderTest()) {
  describe(`migration 0024 (report cells): ${engine.name}`, () => {
    after(() => engine.cleanup());

    test('vectors move to their own table with the version state; drafts and old rows as they were', async () => {
      const opened = await engine.open();
      try {
        await migrateUpTo(opened.db, '0018_season_import');
        await opened.db.insertInto('organizations').values({ id: 'g', parent_id: null, name: '某县人民政府', kind: 'government', code: null, created_at: NOW }).execute();
        const row = (version: number, state: string, report: string | null, cells: string | null) => ({ organization_id: 'g', year: 2025, version, state, report, cells, comment: null, updated_at: NOW, updated_by: 't', published_at: null, submitted_at: null });
        // Written as 0018 wrote them (the column is gone from the typed schema, hence the untyped insert).
        await sql`insert into annual_reports (organization_id, year, version, state, report, cells, comment, updated_at, updated_by, published_at, submitted_at) values
          ${sql.join([row(1, 'published', '{"r":1}', '{"template":"2021","year":2025,"cells":[1,null,2]}'), row(2, 'returned', '{"r":2}', null), row(3, 'draft', null, null)].map((r) => sql`(${sql.join(Object.values(r))})`))}`.execute(opened.db);
        await migrateToLatest(opened.db);
        const moved = await opened.db.selectFrom('annual_report_cells').selectAll().orderBy('version').execute();
        assert.deepEqual(moved.map((r) => [Number(r.version), r.state, r.cells]), [[1, 'published', '{"template":"2021","year":2025,"cells":[1,null,2]}'], [2, 'returned', null]]);
        await assert.rejects(sql`select cells from annual_reports`.execute(opened.db), 'the column moved');
      } finally {
        await opened.close();
      }
    });
  });
}
