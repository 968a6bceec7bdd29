/**
 * 0024: the frozen reports' cell vectors (core/season/rollup.ts cellVector) move from a column of annual_reports to a
 * narrow table of their own. In annual_reports the vector sat after the 20 KB report text, and SQLite reads a row's
 * later columns by walking the earlier ones' overflow pages: an area's roll-up of 20,000 organisations read 400 MB to
 * get 10 MB of vectors. Here each row is ~0.5 KB, read by year. One row per version that has a report (state kept in
 * step by the repository's put, in the same transaction); `cells` null for a version stored before 0018 kept vectors
 * (the roll-up then parses its report).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_report_cells')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cells', 'text')
    .addPrimaryKeyConstraint('annual_report_cells_pk', ['organization_id', 'year', 'version'])
    .addForeignKeyConstraint('annual_report_cells_report_fk', ['organization_id', 'year', 'version'], 'annual_reports', ['organization_id', 'year', 'version'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('annual_report_cells_year_idx').on('annual_report_cells').columns(['year', 'organization_id', 'version']).execute();
  await sql`insert into annual_report_cells (organization_id, year, version, state, cells)
            select organization_id, year, version, state, cells from annual_reports where report is not null`.execute(db);
  await db.schema.alterTable('annual_reports').dropColumn('cells').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annual_reports').addColumn('cells', 'text').execute();
  await sql`update annual_reports set cells = (select c.cells from annual_report_cells c where c.organization_id = annual_reports.organization_id and c.year = annual_reports.year and c.version = annual_reports.version)`.execute(db);
  await db.schema.dropTable('annual_report_cells').execute();
}
