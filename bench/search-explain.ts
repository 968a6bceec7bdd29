/**
 * Where a search's milliseconds go, on a build kept by `npm run bench:search -- --keep NAME` (not a test, not a
 * benchmark: a profile). For each query of the benchmark's mix: the total, then every statement searchDocuments ran
 * with its time and rows; on PostgreSQL also the plans of the statements inside search_window_keys (auto_explain,
 * nested statements, ANALYZE), shortened to their timed lines.
 * `node --import tsx bench/search-explain.ts --keep NAME [--engines sqlite,postgres] [--only N,M] [--plans]`.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { openSqliteFile, sqliteDialect, sqliteFile } from '../src/storage/db.ts';
import type { Database } from '../src/storage/schema.ts';
import { searchDocuments } from '../src/storage/search.ts';
import { MIX } from './search-mix.ts';

const { values } = parseArgs({ options: { keep: { type: 'string' }, engines: { type: 'string', default: 'sqlite,postgres' }, only: { type: 'string' }, plans: { type: 'boolean', default: false } } });
if (values.keep === undefined) throw new Error('--keep NAME: the build kept by bench:search');
const PG_ADMIN = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const only = values.only?.split(',').map(Number) ?? null;

let statements: string[] = [];
let notices: string[] = [];
const log = (e: LogEvent): void => {
  const text = e.query.sql.replace(/\s+/g, ' ');
  statements.push(`${e.queryDurationMillis.toFixed(2).padStart(8)} ms  ${e.level === 'error' ? 'ERROR ' : ''}${text.slice(0, 150)}`);
};

for (const engine of values.engines.split(',')) {
  let db: Kysely<Database>;
  if (engine === 'sqlite') {
    db = new Kysely<Database>({ dialect: sqliteDialect(openSqliteFile(sqliteFile(join(process.env.GONGKAI_BENCH_DIR ?? tmpdir(), values.keep)))), log });
  } else {
    const url = new URL(PG_ADMIN);
    url.pathname = `/${values.keep}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    pool.on('connect', (c) => {
      c.on('notice', (n) => notices.push(n.message ?? ''));
      if (values.plans) void c.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET client_min_messages = log`);
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  }
  console.log(`== ${engine}`);
  for (const [i, m] of MIX.entries()) {
    if (only !== null && !only.includes(i)) continue;
    await searchDocuments(db, m.query); // warm
    statements = [];
    notices = [];
    const t0 = performance.now();
    const page = await searchDocuments(db, m.query);
    const t = performance.now() - t0;
    console.log(`#${i} ${m.kind} ${JSON.stringify(m.query)}: ${t.toFixed(1)} ms, ${page.ok ? page.hits.length : 'error'} hits`);
    for (const s of statements) console.log(`   ${s}`);
    for (const n of notices) for (const line of n.split('\n').filter((l) => /actual time|Query Text|Buffers/.test(l))) console.log(`      ${line.trim().slice(0, Number(process.env.WIDTH ?? 200))}`);
  }
  await db.destroy();
}
