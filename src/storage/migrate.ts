/**
 * Migrations: Kysely's Migrator over an explicit list (no folder scanning, so bundling or a changed cwd cannot lose
 * one). Run on server start and by `gongkai db migrate`. Add a migration: a new file in ./migrations, one line here.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_cases.ts';
import * as m0003 from './migrations/0003_people.ts';
import * as m0004 from './migrations/0004_portal.ts';
import * as m0005 from './migrations/0005_report_drafts.ts';
import * as m0006 from './migrations/0006_approvals.ts';
import * as m0007 from './migrations/0007_submission_key.ts';
import * as m0008 from './migrations/0008_accounts.ts';
import * as m0010 from './migrations/0010_notifications.ts';
import * as m0011 from './migrations/0011_site_settings.ts';
import * as m0012 from './migrations/0012_annual_reports.ts';
import * as m0013 from './migrations/0013_catalog.ts';
import * as m0014 from './migrations/0014_search.ts';
import * as m0015 from './migrations/0015_report_submitted.ts';
import * as m0016 from './migrations/0016_desk_scale.ts';
import * as m0017 from './migrations/0017_catalog_links.ts';
import * as m0018 from './migrations/0018_season_import.ts';
import * as m0019 from './migrations/0019_import_jobs.ts';
import * as m0020 from './migrations/0020_desk_state_order.ts';
import * as m0021 from './migrations/0021_search_tokens.ts';
import * as m0022 from './migrations/0022_page_version.ts';
import * as m0024 from './migrations/0024_report_cells.ts';
import * as m0025 from './migrations/0025_search_windows.ts';
import * as m0027 from './migrations/0027_report_store.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. Names are permanent: they are recorded in the kysely_migration table. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_cases': m0002,
  '0003_people': m0003,
  '0004_portal': m0004,
  '0005_report_drafts': m0005,
  '0006_approvals': m0006,
  '0007_submission_key': m0007,
  '0008_accounts': m0008,
  '0010_notifications': m0010,
  '0011_site_settings': m0011,
  '0012_annual_reports': m0012,
  '0013_catalog': m0013,
  '0014_search': m0014,
  '0015_report_submitted': m0015,
  '0016_desk_scale': m0016,
  '0017_catalog_links': m0017,
  '0018_season_import': m0018,
  '0019_import_jobs': m0019,
  '0020_desk_state_order': m0020,
  '0021_search_tokens': m0021,
  '0022_page_version': m0022,
  '0024_report_cells': m0024,
  '0025_search_windows': m0025,
  '0027_report_store': m0027,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** The table where Kysely records the applied migrations (a gongkai database always has it). */
export const MIGRATION_TABLE = 'kysely_migration';

/** Apply every pending migration; returns the names applied now (empty when up to date). Throws when one fails or the database is unreachable. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Migrations are independent of each other (each touches its own tables and columns): one written in parallel with a
  // lower number than one already applied (0008 after 0010) is applied, not refused.
  return outcome(await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest());
}

/** Apply the migrations up to and including `name` (tests of a migration over data written by the ones before it). */
export async function migrateUpTo(db: Kysely<Database>, name: keyof typeof MIGRATIONS): Promise<string[]> {
  return outcome(await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateTo(name));
}

function outcome({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    if (failed === undefined) throw error; // before any migration ran: e.g. the database cannot be reached
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
