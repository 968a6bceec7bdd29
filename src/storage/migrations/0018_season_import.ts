/**
 * 0018: importing a season from the web (app/season/import-jobs.ts): a job per upload (the parent organisation, the
 * year, who started it, its progress) and a row per file with its outcome; an unmatched file keeps the report read
 * from it (canonical JSON and its provenance) until someone names its organisation on the confirm screen. The annual
 * report's version also keeps the provenance of an imported report, cell by cell, and a corrected version its 更正说明;
 * the public 年报 column reads the published versions by state.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('season_import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('create_orgs', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('current_file', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('season_import_jobs_parent_idx').on('season_import_jobs').columns(['parent_id', 'created_at']).execute();
  await db.schema
    .createTable('season_import_files')
    .addColumn('job_id', 'text', (c) => c.notNull().references('season_import_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('organization_name', 'text')
    .addColumn('stated_name', 'text')
    .addColumn('suggestions', 'text')
    .addColumn('reason', 'text')
    .addColumn('report', 'text')
    .addColumn('provenance', 'text')
    .addPrimaryKeyConstraint('season_import_files_pk', ['job_id', 'seq'])
    .execute();
  await db.schema.alterTable('annual_reports').addColumn('provenance', 'text').execute();
  // A corrected version's 更正说明, kept through its later steps (the comment column holds a return's reasons).
  await db.schema.alterTable('annual_reports').addColumn('notice', 'text').execute();
  // The frozen report's cells as a vector (core/season/rollup.ts cellVector), so an area's roll-up reads 1 KB a report
  // instead of parsing 20 KB of JSON; null for a draft and for rows written before 0018 (the roll-up then parses them).
  await db.schema.alterTable('annual_reports').addColumn('cells', 'text').execute();
  await db.schema.createIndex('annual_reports_state_idx').on('annual_reports').columns(['state', 'organization_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('annual_reports_state_idx').execute();
  await db.schema.alterTable('annual_reports').dropColumn('cells').execute();
  await db.schema.alterTable('annual_reports').dropColumn('notice').execute();
  await db.schema.alterTable('annual_reports').dropColumn('provenance').execute();
  await db.schema.dropTable('season_import_files').execute();
  await db.schema.dropTable('season_import_jobs').execute();
}
