/**
 * 0022: the version of the public pages (issue 14 item 6). One row, `page_version.version`, bumped by triggers in the
 * same transaction as every write to a table the anonymous pages are rendered from (organisations, guides, the site's
 * settings, the calendar, the published annual reports, the catalog). Every server process reads it (at most every
 * few hundred ms, src/server/page-cache.ts) and drops its cached pages when it moved, so two processes sharing
 * PostgreSQL — or a CLI writing to the same SQLite file — never serve a page older than the data for longer than that.
 * PostgreSQL bumps once per statement; SQLite (no statement triggers) once per row.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

/** The tables behind the cached public pages (src/server/page-cache.ts PUBLIC_PAGES). */
export const PAGE_SOURCE_TABLES = [
  'organizations',
  'guides',
  'site_settings',
  'calendar_days',
  'calendar_years',
  'annual_reports',
  'catalog_documents',
  'catalog_nodes',
  'catalog_attachments',
  'catalog_decisions',
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('page_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', sqlite ? 'integer' : 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('page_version').values({ id: 1, version: 1 }).execute();
  if (sqlite) {
    for (const t of PAGE_SOURCE_TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql.raw(`CREATE TRIGGER page_version_${t}_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE page_version SET version = version + 1 WHERE id = 1; END`).execute(db);
      }
    }
  } else {
    await sql.raw(`CREATE FUNCTION page_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE page_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$`).execute(db);
    for (const t of PAGE_SOURCE_TABLES) {
      await sql.raw(`CREATE TRIGGER page_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION page_version_bump()`).execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of PAGE_SOURCE_TABLES) for (const op of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS page_version_${t}_${op}`).execute(db);
  } else {
    await sql.raw('DROP FUNCTION IF EXISTS page_version_bump() CASCADE').execute(db);
  }
  await db.schema.dropTable('page_version').execute();
}
