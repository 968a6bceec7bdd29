/**
 * Benchmark (not a test: nothing asserts on time): full-text search of the 政府信息公开目录 over N generated Chinese
 * documents (default 1,000,000; src/core/fulltext/generate.ts: government titles, 文号, a few hundred characters of
 * policy prose, some attachments), on SQLite and PostgreSQL, each in a throw-away database (a temp file; a database
 * created with LC_CTYPE C.UTF-8 and dropped). Prints the load and index build time, the index size, and p50/p95 of a
 * fixed query mix (2-character terms, 4-character words, phrases, filtered) through `searchDocuments` — the real path,
 * with verification and highlighting — beside a LIKE '%…%' scan of the same data in the same run.
 * `npm run bench:search [-- --docs N] [--runs R] [--engines sqlite,postgres] [--seed S] [--keep NAME]`.
 * --keep NAME keeps the built databases — PostgreSQL database NAME (prefix it with your gk_… prefix), SQLite file
 * `$GONGKAI_BENCH_DIR/NAME.sqlite` (default the temp folder) — and a later run with the same NAME, --docs and --seed
 * reuses them (only the queries are run again; the build time and sizes printed are those of the kept build).
 * Loading: a worker generates and tokenises the next 25,000 documents while the main thread writes the last ones, in
 * one transaction per batch, sorted by key (core of the speed-up: FTS5 flushes a segment whenever a rowid goes down);
 * the throw-away SQLite file has no journal and no fsync, PostgreSQL's GIN is built after the load.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { GeneratedDoc } from '../src/core/fulltext/generate.ts';
import { startWorker } from '../src/formats/source/pool.ts';
import { parseQuery } from '../src/core/fulltext/tokens.ts';
import { openDatabase, type OpenedDatabase } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import type { Database } from '../src/storage/schema.ts';
import { indexNewDocuments, searchDocuments, type SearchQuery } from '../src/storage/search.ts';
import { GEN, MIX } from './search-mix.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, engines: { type: 'string', default: 'sqlite,postgres' }, keep: { type: 'string' }, seed: { type: 'string', default: '20251205' } } });
const SEED = Number(values.seed);
if (values.keep !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(values.keep)) throw new Error(`--keep: a lower-case database name (a-z, 0-9, _), got ${values.keep}`);
/** What a kept database must have been built with to be reused (the generator's version: bump when generate.ts changes). */
const BUILD = { docs: Number(values.docs), seed: SEED, generator: 2 };
const N = Number(values.docs);
const RUNS = Number(values.runs);
const ENGINES = values.engines.split(',') as ('sqlite' | 'postgres')[];
const PG_ADMIN = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
interface Engine {
  readonly name: 'sqlite' | 'postgres';
  readonly opened: OpenedDatabase;
  /** A kept build reused as it is: its load and build times, from the database. */
  readonly reused: { loadMs: number; buildMs: number } | null;
  loadMs: number;
  cleanup(): Promise<void>;
}

/** The build a kept database records (written last: a build cut short has none and is rebuilt). */
async function readBuild(db: Kysely<Database>): Promise<{ loadMs: number; buildMs: number } | null> {
  try {
    const r = (await sql<{ build: string; load_ms: number; build_ms: number }>`SELECT build, load_ms, build_ms FROM bench_search_build`.execute(db)).rows[0];
    return r && r.build === JSON.stringify(BUILD) ? { loadMs: Number(r.load_ms), buildMs: Number(r.build_ms) } : null;
  } catch {
    return null;
  }
}

async function writeBuild(db: Kysely<Database>, loadMs: number, buildMs: number): Promise<void> {
  await sql`CREATE TABLE bench_search_build (build text NOT NULL, load_ms double precision NOT NULL, build_ms double precision NOT NULL)`.execute(db);
  await sql`INSERT INTO bench_search_build (build, load_ms, build_ms) VALUES (${JSON.stringify(BUILD)}, ${loadMs}, ${buildMs})`.execute(db);
}

async function openEngine(name: 'sqlite' | 'postgres'): Promise<Engine> {
  const keep = values.keep;
  if (name === 'sqlite') {
    const dir = keep !== undefined ? join(process.env.GONGKAI_BENCH_DIR ?? tmpdir(), keep) : mkdtempSync(join(tmpdir(), 'gongkai-bench-search-'));
    if (keep !== undefined && existsSync(dir)) {
      const opened = openDatabase({ dataDir: dir });
      const reused = await readBuild(opened.db);
      if (reused) await migrateToLatest(opened.db);
      if (reused) return { name, opened, reused, loadMs: reused.loadMs, cleanup: () => opened.close() };
      await opened.close();
      console.log(`  ${dir}: not a complete build of ${JSON.stringify(BUILD)}: rebuilt`);
      rmSync(dir, { recursive: true, force: true });
    }
    const opened = openDatabase({ dataDir: dir });
    // A throw-away file: no rollback journal, no fsync, a large page cache; FTS5 keeps up to 64 MB of pending terms.
    await sql`PRAGMA journal_mode = OFF`.execute(opened.db);
    await sql`PRAGMA synchronous = OFF`.execute(opened.db);
    await sql`PRAGMA cache_size = -1048576`.execute(opened.db);
    await migrateToLatest(opened.db);
    await sql`INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 67108864)`.execute(opened.db);
    return { name, opened, reused: null, loadMs: 0, cleanup: async () => { await opened.close(); if (keep === undefined) rmSync(dir, { recursive: true, force: true }); } };
  }
  const db = keep ?? `gongkai_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(PG_ADMIN);
  url.pathname = `/${db}`;
  const dropDb = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  };
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
  await admin.end();
  if (exists && keep !== undefined) {
    const opened = openDatabase({ url: url.toString(), dataDir: '/nonexistent-unused' });
    const reused = await readBuild(opened.db);
    // A kept build is brought to the latest migrations (a later one may change how it is searched, not what it holds).
    if (reused) await migrateToLatest(opened.db);
    if (reused) return { name, opened, reused, loadMs: reused.loadMs, cleanup: () => opened.close() };
    await opened.close();
    console.log(`  ${db}: not a complete build of ${JSON.stringify(BUILD)}: rebuilt`);
    await dropDb();
  }
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'`);
  await c.end();
  const opened = openDatabase({ url: url.toString(), dataDir: '/nonexistent-unused' });
  await migrateToLatest(opened.db);
  // Loading with the GIN index in place is slower than building it once afterwards (timed as part of the build).
  await sql`DROP INDEX search_tokens_tsv_idx`.execute(opened.db);
  await sql`ALTER TABLE search_docs SET (autovacuum_enabled = false)`.execute(opened.db);
  await sql`ALTER TABLE search_tokens SET (autovacuum_enabled = false)`.execute(opened.db);
  return { name, opened, reused: null, loadMs: 0, cleanup: async () => { await opened.close(); if (keep === undefined) await dropDb(); } };
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

/** Load N generated documents into the engines: a worker generates and tokenises batch i+1 while batch i is written. */
async function load(engines: Engine[]): Promise<void> {
  if (engines.length === 0) return;
  const BATCH = 25_000;
  const worker = startWorker(new URL('./search-gen.worker.ts', import.meta.url), { workerData: { seed: SEED, options: GEN } });
  type Batch = { from: number; docs: GeneratedDoc[]; tokens: string[][] };
  const pending: Array<(b: Batch) => void> = [];
  worker.on('message', (b: Batch) => pending.shift()?.(b));
  worker.on('error', (e) => { throw e; });
  const ask = (from: number): Promise<Batch> | null => (from >= N ? null : new Promise<Batch>((resolve) => { pending.push(resolve); worker.postMessage({ from, count: Math.min(BATCH, N - from) }); }));
  const t0 = performance.now();
  let next = ask(0);
  for (let from = 0; next !== null; from += BATCH) {
    const batch = await next;
    next = ask(from + BATCH);
    for (const e of engines) {
      const t1 = performance.now();
      await e.opened.db.transaction().execute((tx) => indexNewDocuments(tx, batch.docs, batch.tokens));
      e.loadMs += ms(t1);
    }
    const done = Math.min(N, from + BATCH);
    process.stdout.write(`\r  loaded ${done.toLocaleString('en')} / ${N.toLocaleString('en')} (${fmt(ms(t0) / 1000)} s)`);
  }
  process.stdout.write('\n');
  await worker.terminate();
}

async function finishIndex(e: Engine): Promise<{ buildMs: number; index: string }> {
  const db = e.opened.db;
  const t0 = performance.now();
  if (e.name === 'sqlite') {
    if (e.reused === null) {
      await sql`INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 1048576)`.execute(db);
      await sql`INSERT INTO search_index (search_index) VALUES ('optimize')`.execute(db);
      await sql`ANALYZE`.execute(db);
    }
    const buildMs = e.reused?.buildMs ?? ms(t0);
    const rows = (await sql<{ name: string; bytes: number }>`SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search%' GROUP BY name`.execute(db)).rows;
    const fts = rows.filter((r) => r.name.startsWith('search_index')).reduce((a, r) => a + Number(r.bytes), 0);
    const docs = rows.filter((r) => !r.name.startsWith('search_index')).reduce((a, r) => a + Number(r.bytes), 0);
    return { buildMs, index: `FTS5 index ${mb(fts)}, documents table ${mb(docs)}, file ${mb(statSync(e.opened.file as string).size)}` };
  }
  if (e.reused === null) {
    await sql`SET maintenance_work_mem = '1GB'`.execute(db);
    await sql`CREATE INDEX search_tokens_tsv_idx ON search_tokens USING gin (tsv)`.execute(db);
    await sql`VACUUM ANALYZE search_docs`.execute(db);
    await sql`VACUUM ANALYZE search_tokens`.execute(db);
    await sql`ALTER TABLE search_docs RESET (autovacuum_enabled)`.execute(db);
    await sql`ALTER TABLE search_tokens RESET (autovacuum_enabled)`.execute(db);
  }
  const buildMs = e.reused?.buildMs ?? ms(t0);
  const r = (
    await sql<{ gin: string; keys: string; tokens: string; heap: string }>`SELECT pg_relation_size('search_tokens_tsv_idx') AS gin, pg_relation_size('search_tokens') AS keys, pg_total_relation_size('search_tokens') - pg_indexes_size('search_tokens') - pg_relation_size('search_tokens') AS tokens, pg_total_relation_size('search_docs') - pg_indexes_size('search_docs') AS heap`.execute(db)
  ).rows[0];
  return { buildMs, index: `GIN index ${mb(Number(r?.gin))}, search_tokens rows ${mb(Number(r?.keys))} + tsvectors (TOAST) ${mb(Number(r?.tokens))}, documents table (with TOAST) ${mb(Number(r?.heap))}` };
}

/** The LIKE scan of the same question: every document of the filters containing every term, by title, 文号, body or attachment. */
async function likeScan(db: Kysely<Database>, q: SearchQuery): Promise<number> {
  const parsed = parseQuery(q.q);
  if (!parsed.ok) throw new Error('bad query');
  let query = db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', q.statuses ?? ['published']);
  for (const t of parsed.terms) {
    const like = `%${t.raw}%`;
    query = query.where((eb) => eb.or([eb('title', 'like', like), eb('doc_number', 'like', like), eb('body', 'like', like), eb('attachment_text', 'like', like)]));
  }
  if (q.organizationIds) query = query.where('organization_id', 'in', q.organizationIds);
  if (q.item) query = query.where('item', '=', q.item);
  if (q.validity) query = query.where('validity', '=', q.validity);
  if (q.publishedFrom) query = query.where('published_on', '>=', q.publishedFrom);
  if (q.publishedTo) query = query.where('published_on', '<=', q.publishedTo);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function measure(e: Engine): Promise<void> {
  const db = e.opened.db;
  for (const m of MIX) await searchDocuments(db, m.query); // warm-up
  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  const byQuery = new Map<(typeof MIX)[number], number[]>();
  for (let r = 0; r < RUNS; r += 1) {
    for (const m of MIX) {
      const t0 = performance.now();
      const page = await searchDocuments(db, m.query);
      const t = ms(t0);
      if (!page.ok) throw new Error(JSON.stringify(page.problems));
      times.push(t);
      byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), t]);
      byQuery.set(m, [...(byQuery.get(m) ?? []), t]);
    }
  }
  const scans: number[] = [];
  const found: string[] = [];
  const scanByKind = new Map<string, number[]>();
  for (const m of MIX) {
    const t0 = performance.now();
    const n = await likeScan(db, m.query);
    scans.push(ms(t0));
    scanByKind.set(m.kind, [...(scanByKind.get(m.kind) ?? []), ms(t0)]);
    found.push(`${m.query.q}${Object.keys(m.query).length > 1 ? '+' : ''}:${n}`);
  }
  const p50 = pct(times, 50);
  const p95 = pct(times, 95);
  const s50 = pct(scans, 50);
  console.log(`  search  p50 ${fmt(p50)} ms  p95 ${fmt(p95)} ms  max ${fmt(Math.max(...times))} ms  (${times.length} queries: ${MIX.length} × ${RUNS} runs)`);
  for (const [kind, ts] of byKind) console.log(`    ${kind.padEnd(8)} p50 ${fmt(pct(ts, 50))} ms  p95 ${fmt(pct(ts, 95))} ms   LIKE scan p50 ${fmt(pct(scanByKind.get(kind) ?? [0], 50))} ms`);
  console.log(`  LIKE '%…%' scan  p50 ${fmt(s50)} ms  p95 ${fmt(pct(scans, 95))} ms  (${MIX.length} queries, once each)`);
  console.log(`  speed-up: p50 ${fmt(s50 / p50)}×, p95 ${fmt(pct(scans, 95) / p95)}×   goal p95 < 30 ms and ≥ 100×: ${p95 < 30 && s50 / p50 >= 100 ? 'met' : 'NOT met'}`);
  console.log(`  matches per query (LIKE count): ${found.join('  ')}`);
  const slowest = [...byQuery].map(([m, ts]) => ({ m, t: pct(ts, 50) })).sort((a, b) => b.t - a.t).slice(0, 4);
  console.log(`  slowest (p50): ${slowest.map(({ m, t }) => `${JSON.stringify(m.query)} ${fmt(t)} ms`).join('  ')}`);
}

console.log(`search benchmark: ${N.toLocaleString('en')} documents (seed ${SEED}), engines ${ENGINES.join(', ')}, ${RUNS} runs of ${MIX.length} queries`);
const engines: Engine[] = [];
try {
  for (const name of ENGINES) engines.push(await openEngine(name));
  for (const e of engines) if (e.reused) console.log(`  ${e.name}: reusing the kept build ${values.keep} (${JSON.stringify(BUILD)})`);
  await load(engines.filter((e) => e.reused === null));
  for (const e of engines) {
    const { buildMs, index } = await finishIndex(e);
    if (e.reused === null && values.keep !== undefined) await writeBuild(e.opened.db, e.loadMs, buildMs);
    console.log(`\n${e.name}: load + index ${fmt((e.loadMs + buildMs) / 1000)} s (inserts ${fmt(e.loadMs / 1000)} s, ${e.name === 'sqlite' ? 'optimize + analyze' : 'GIN build + vacuum analyze'} ${fmt(buildMs / 1000)} s${e.reused ? ', as measured when the kept build was made' : ''}); ${index}`);
    await measure(e);
  }
} finally {
  // --keep NAME: both databases are left in place, and reused by a later run with the same NAME, --docs and --seed.
  if (values.keep !== undefined) for (const e of engines) console.log(`kept ${e.name} database: ${e.opened.file ?? values.keep}`);
  for (const e of engines) await e.cleanup();
}
