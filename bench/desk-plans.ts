/**
 * Benchmark companion (not a test): the plans of the desk's queries on a database kept by
 * `npm run bench:desk -- --keep NAME`, and their time inside the engine — on a shared machine the wall-clock of
 * bench:desk mostly measures the machine's load; this shows what the engine itself does. For each queue filter of
 * bench:desk (province, city, office) and each drill-down, the SQL the repository sends is captured and:
 * PostgreSQL: EXPLAIN (ANALYZE) — plan and Execution Time; SQLite: EXPLAIN QUERY PLAN and the median of 7 runs of the
 * statement on a read-only connection.
 *
 * `node --import tsx bench/desk-plans.ts --engine sqlite|postgres --keep NAME [--cases N] [--only TEXT]`
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { PG_ADMIN } from './pg-admin.ts';
import { DESK_TODAY, QUEUE_FILTERS as FILTERS } from './desk-filters.ts';
import { drillDown } from '../src/app/applications/index.ts';
import { applicationDeps } from '../src/storage/application-deps.ts';
import { sqliteDialect, sqliteFile } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import type { Database } from '../src/storage/schema.ts';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' }, keep: { type: 'string' }, cases: { type: 'string', default: '1000000' }, only: { type: 'string' } } });
if (!values.keep) throw new Error('--keep NAME: the name given to bench:desk --keep');
const name = `${values.keep}_${values.cases}`;
const file = sqliteFile(join(tmpdir(), name));
const logged: { sql: string; parameters: readonly unknown[] }[] = [];
const log = (e: LogEvent) => {
  if (e.level === 'query') logged.push({ sql: e.query.sql, parameters: e.query.parameters });
};
const postgres = values.engine === 'postgres';
const url = new URL(PG_ADMIN);
url.pathname = `/${name}`;
const db = postgres ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) }), log }) : new Kysely<Database>({ dialect: sqliteDialect(new SqliteDatabase(file, { fileMustExist: true })), log });
await migrateToLatest(db);
const TODAY = DESK_TODAY;
const deps = applicationDeps(db, { today: () => TODAY, now: () => `${TODAY}T00:00:00Z` });
const scopes: Record<string, string[]> = { 省: await deps.organizations.subtreeIds('prov'), 市: await deps.organizations.subtreeIds('city3'), 机关: await deps.organizations.subtreeIds('o3') };
const jobs: [string, () => Promise<unknown>][] = [];
for (const [scope, organizationIds] of Object.entries(scopes)) for (const [f, filter] of Object.entries(FILTERS)) jobs.push([`队列 ${scope} ${f}`, () => deps.cases.list({ ...filter, organizationIds, limit: 50 })]);
for (const org of ['prov', 'o3']) for (const cell of ['newReceived.total', 'granted.natural', 'carriedForward.total', 'total.total']) jobs.push([`下钻 ${org} ${cell}`, () => drillDown(deps, org, 2024, 'applications', cell, 200)]);

const inline = (q: { sql: string; parameters: readonly unknown[] }) => q.sql.replace(/\$(\d+)/g, (_m, i: string) => {
  const v = q.parameters[Number(i) - 1];
  return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
});
const reader = postgres ? null : new SqliteDatabase(file, { readonly: true });
for (const [label, job] of jobs) {
  if (values.only && !label.includes(values.only)) continue;
  logged.length = 0;
  await job();
  console.log(`\n=== ${label}`);
  // The case lists and counts (the aggregates' reads are a few rows by primary key).
  for (const q of [...logged].filter((x) => /from "cases"|from \(select/.test(x.sql) && !x.sql.startsWith('explain'))) {
    if (postgres) {
      const plan = (await sql.raw(`explain (analyze, costs off) ${inline(q)}`).execute(db)).rows as { 'QUERY PLAN': string }[];
      console.log(plan.map((r) => `  ${r['QUERY PLAN'].replace(/'\{[^}]{200,}\}'/g, '{…}')}`).filter((l) => !/Planning|Memory|Heap Blocks|Batches/.test(l)).join('\n'));
    } else if (reader) {
      const plan = reader.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
      const stmt = reader.prepare(q.sql);
      const ms: number[] = [];
      for (let k = 0; k < 7; k += 1) {
        const t = performance.now();
        stmt.all(...(q.parameters as unknown[]));
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      console.log(`${plan.map((p) => `  ${p.detail}`).join('\n')}\n  median of 7: ${(ms[3] ?? NaN).toFixed(2)} ms`);
    }
  }
}
reader?.close();
await db.destroy();
