/**
 * The database for commands that need it (calendar, org, report build): DATABASE_URL → PostgreSQL, else SQLite in the
 * data folder; pending migrations are applied first, as the server does on start. Failures are coded problems
 * (db.unreachable, db.migrationFailed), never a stack trace.
 */
import type { Kysely } from 'kysely';
import { problem, type Problem } from '../core/errors.ts';
import { openDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import type { Database } from '../storage/schema.ts';

export interface CliDatabase {
  readonly db: Kysely<Database>;
  /** For messages: the SQLite file, or "PostgreSQL (DATABASE_URL)". */
  readonly where: string;
  close(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Open and migrate. */
export async function openCliDatabase(dataDir: string, url: string | undefined): Promise<{ ok: true; database: CliDatabase } | { ok: false; problems: Problem[] }> {
  let opened;
  try {
    opened = openDatabase({ url, dataDir });
  } catch (error) {
    return { ok: false, problems: [problem('db.unreachable', dataDir, { zh: message(error), en: message(error) })] };
  }
  const where = opened.engine === 'sqlite' ? (opened.file ?? dataDir) : 'PostgreSQL (DATABASE_URL)';
  try {
    await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close().catch(() => undefined);
    const code = /migration .* failed/.test(message(error)) ? 'db.migrationFailed' : 'db.unreachable';
    return { ok: false, problems: [problem(code, where, { zh: message(error), en: message(error) })] };
  }
  return { ok: true, database: { db: opened.db, where, close: () => opened.close() } };
}

/** Run `fn` with the opened database and close it afterwards, whatever happens. */
export async function withCliDatabase<T>(dataDir: string, url: string | undefined, fn: (database: CliDatabase) => Promise<T>): Promise<T | { ok: false; problems: Problem[] }> {
  const opened = await openCliDatabase(dataDir, url);
  if (!opened.ok) return opened;
  try {
    return await fn(opened.database);
  } finally {
    await opened.database.close();
  }
}
