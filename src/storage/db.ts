/**
 * Open the database: PostgreSQL when a `postgres://` URL is configured (DATABASE_URL), else SQLite in
 * `<dataDir>/gongkai.sqlite` (the folder is created on first start). Both behind one `Kysely<Database>`; the schema
 * comes from ./migrations (run them with `migrateToLatest`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface OpenDatabaseConfig {
  /** A `postgres://` or `postgresql://` URL; absent → SQLite. */
  readonly url?: string | undefined;
  /** The data folder: the SQLite file lives here. */
  readonly dataDir: string;
  /**
   * PostgreSQL: told of an error on a pooled connection that no query was waiting for (a backend terminated by
   * pg_terminate_backend, a restarted server, a dropped network). The pool has already dropped that connection and
   * opens a new one for the next query; without a listener node's EventEmitter would end the process. Default: ignored.
   */
  readonly onConnectionError?: (error: Error) => void;
}

/** The connections of a PostgreSQL pool (metrics): open, idle, and queries waiting for a connection. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** The SQLite file, when the engine is SQLite. */
  readonly file?: string;
  /** PostgreSQL: the pool's connections now. */
  readonly poolStats?: () => PoolStats;
  close(): Promise<void>;
}

/** The SQLite file in a data folder. */
export const SQLITE_FILE = 'gongkai.sqlite';

export const sqliteFile = (dataDir: string): string => join(dataDir, SQLITE_FILE);

/** Whether a configured URL names PostgreSQL. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** Open a better-sqlite3 connection the way gongkai uses it: WAL, foreign keys enforced, a busy timeout. */
export function openSqliteFile(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file, { timeout: 5000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/**
 * Kysely's SQLite dialect, except that a ROLLBACK is skipped when SQLite has already rolled the transaction back by
 * itself — it does on SQLITE_FULL (a full disk), SQLITE_IOERR and SQLITE_NOMEM — so the caller gets that error and
 * not "cannot rollback - no transaction is active" in its place (docs/decisions.md "Operations and faults").
 */
export function sqliteDialect(sqlite: SqliteDatabase.Database): SqliteDialect {
  const config = { database: sqlite };
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new (class extends SqliteDriver {
        override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
          if (sqlite.inTransaction) await super.rollbackTransaction(connection);
        }
      })(config);
    }
  })(config);
}

/** Open the configured database. Throws when the file cannot be created (IO); pg connects lazily, on first query. */
export function openDatabase(config: OpenDatabaseConfig): OpenedDatabase {
  if (config.url !== undefined && config.url !== '') {
    if (!isPostgresUrl(config.url)) throw new Error(`DATABASE_URL must start with postgres:// (got ${config.url.split(':')[0]}:)`);
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    const told = new WeakSet<Error>();
    const onError = (error: Error): void => {
      if (told.has(error)) return; // the pool re-emits an idle connection's error
      told.add(error);
      config.onConnectionError?.(error);
    };
    // An idle connection's error is emitted by the pool (which then drops the connection); a connection's own
    // 'error' event can also fire while kysely holds it between queries. Both are handled, so the process survives
    // a terminated backend and the next query opens a new connection (docs/decisions.md "Operations and faults").
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }), close: () => db.destroy() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = sqliteFile(config.dataDir);
  const db = new Kysely<Database>({ dialect: sqliteDialect(openSqliteFile(file)) });
  return { db, engine: 'sqlite', file, close: () => db.destroy() };
}
