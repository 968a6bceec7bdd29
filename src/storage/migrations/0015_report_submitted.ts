/**
 * 0015: when each annual report version was submitted to the parent (or, for an imported published report, stored),
 * for the season dashboard's "submissions over time" (core/season/lifecycle.ts). Null while a draft; kept through
 * 接收 and 公布, which only change the state.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annual_reports').addColumn('submitted_at', 'text').execute();
  await db.schema.createIndex('annual_reports_year_idx').on('annual_reports').columns(['year', 'organization_id', 'version']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('annual_reports_year_idx').execute();
  await db.schema.alterTable('annual_reports').dropColumn('submitted_at').execute();
}
