/**
 * Long read queries off the main thread (issue 14 item 5; docs/decisions.md "The desk at a province's volume,
 * continued"): better-sqlite3 is synchronous, so every query runs on the event loop and a 30 ms query stalls every
 * other request for 30 ms. The reader is a Kysely dialect whose queries run in worker threads, each with its own
 * read-only connection to the same SQLite file. In WAL mode readers never wait for the writer and see every committed
 * transaction (a statement reads the last commit at its start), so a read sent after a write answered sees it.
 *
 * Read-only: a statement that would write, and any transaction, is refused (the writes and their transactions stay on
 * the main connection, `openDatabase`). The worker is a JavaScript string (no loader, nothing to bundle) that loads
 * the same better-sqlite3 as the main thread. A worker that dies fails the queries it held; the next query starts a
 * new one.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Dialect, type Driver, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
db.defaultSafeIntegers(false);
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (statements.size >= 500) statements.delete(statements.keys().next().value);
      statements.set(sql, stmt);
    }
    if (!stmt.reader) throw Object.assign(new Error('the reader runs read-only statements only'), { code: 'READER_WRITE' });
    parentPort.postMessage({ id, rows: stmt.all(parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

/** One worker and its read-only connection; queries queue in the worker in the order sent. */
class ReaderThread implements DatabaseConnection {
  #worker: Worker | null = null;
  #next = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(
    private readonly file: string,
    private readonly module: string,
  ) {}

  get busy(): number {
    return this.#pending.size;
  }

  #start(): Worker {
    const worker = new Worker(WORKER, { eval: true, workerData: { file: this.file, module: this.module } });
    worker.unref(); // an idle reader does not keep the process alive
    worker.on('message', (m: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else p.resolve(m.rows ?? []);
      if (this.#pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`SQLite reader thread exited (${code})`)));
    return worker;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const worker = (this.#worker ??= this.#start());
    const id = (this.#next += 1);
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref(); // a query in flight keeps the process alive until it answers
      worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
    return { rows: rows as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite reader does not stream');
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}

class ReaderDriver implements Driver {
  constructor(private readonly threads: readonly ReaderThread[]) {}
  async init(): Promise<void> {}
  /** The thread with the fewest queries waiting. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.threads.reduce((a, b) => (b.busy < a.busy ? b : a));
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the SQLite reader is read-only: no transactions');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('the SQLite reader is read-only: no transactions');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('the SQLite reader is read-only: no transactions');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

export interface SqliteReader {
  /** Kysely over the reader threads: SELECTs only. */
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/** Default number of reader threads: one (the machine's other cores serve the main thread and PostgreSQL-less peers). */
export const READER_THREADS = 1;

/** Readers of the SQLite `file` (WAL: opened and migrated by `openDatabase` first). Threads start at the first query. */
export function openSqliteReader(file: string, threads = READER_THREADS): SqliteReader {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const pool = Array.from({ length: Math.max(1, threads) }, () => new ReaderThread(file, module));
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReaderDriver(pool),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
  const db = new Kysely<Database>({ dialect });
  return { db, close: () => db.destroy() };
}
