/**
 * 0027: one report store. Every annual report — built through the season, imported by an area, saved from /import,
 * and the demo's — is a version row of annual_reports. Two columns join it:
 * - `report_id`: the public id of a version, as /reports/:id and /api/reports/:id name it (YYYY-MM-DD-xxxxxx, or the
 *   id a report kept from before: a file saved under <dataDir>/reports before this store, moved in at start);
 * - `source`: 'platform' (built here from the cases and the narrative) or 'import' (published elsewhere, read from its
 *   file): only an imported version may be withdrawn (core/season/lifecycle.ts mayWithdraw).
 * Rows written before get an id here and `source` 'import' when the season import wrote them (its comment 导入：…).
 */
import { sql, type Kysely } from 'kysely';
import { newReportId } from '../report-id.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annual_reports').addColumn('report_id', 'text').execute();
  await db.schema.alterTable('annual_reports').addColumn('source', 'text', (c) => c.notNull().defaultTo('platform')).execute();
  await sql`update annual_reports set source = 'import' where comment like ${'导入：%'}`.execute(db);
  const rows = await db.selectFrom('annual_reports').select(['organization_id', 'year', 'version', 'updated_at']).execute();
  for (const r of rows as { organization_id: string; year: number; version: number; updated_at: string }[]) {
    await db.updateTable('annual_reports').set({ report_id: newReportId(r.updated_at) }).where('organization_id', '=', r.organization_id).where('year', '=', r.year).where('version', '=', r.version).execute();
  }
  await db.schema.createIndex('annual_reports_report_id_idx').on('annual_reports').column('report_id').unique().execute();
  // The public list: published versions, newest publication first (keyset paged).
  await db.schema.createIndex('annual_reports_published_idx').on('annual_reports').columns(['state', 'published_at', 'report_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('annual_reports_published_idx').execute();
  await db.schema.dropIndex('annual_reports_report_id_idx').execute();
  await db.schema.alterTable('annual_reports').dropColumn('source').execute();
  await db.schema.alterTable('annual_reports').dropColumn('report_id').execute();
}
