/**
 * 0001: organisations (the tree of 机关) and the working-day calendar (holidays and 调休 make-up workdays, and the
 * years loaded). Engine-neutral DDL: text ids and dates, checks instead of enums, so SQLite and PostgreSQL match.
 */
import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they must not depend on the current schema type, which later migrations change.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('organizations.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('government', 'department', 'office')`))
    .addColumn('code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('organizations_parent_name_unique', ['parent_id', 'name'])
    .execute();
  // NULLs are distinct in a unique constraint on both engines: roots need their own index.
  await db.schema.createIndex('organizations_root_name_unique').on('organizations').column('name').unique().where(sql.ref('parent_id'), 'is', null).execute();
  await db.schema.createIndex('organizations_parent_idx').on('organizations').column('parent_id').execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'makeUpWorkday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
  await db.schema.dropTable('calendar_days').execute();
  await db.schema.dropTable('organizations').execute();
}
