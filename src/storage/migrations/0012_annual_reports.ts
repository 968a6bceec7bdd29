/**
 * 0012: the annual report of each (organisation, year) through the reporting season (core/season/lifecycle.ts): its
 * state, the report frozen when submitted, the comment of a return or the notice of a correction. A correction after
 * publication is a new version; every version stays.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('annual_reports_pk', ['organization_id', 'year', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_reports').execute();
}
