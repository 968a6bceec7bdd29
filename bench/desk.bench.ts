/**
 * Benchmark (not a test: nothing asserts on time): the desk at a province's volume (issue 14 item 5). Loads N cases
 * (default 1,000,000) over 500 organisations — a province, 15 cities, 500 offices below them — with one audit-log
 * entry per case, and the same at a baseline size (default 10,000), on SQLite and PostgreSQL; prints p50/p95 of what
 * the desk's routes ask the database for (the same use-case and repository calls, without HTTP):
 * - the work queue for three scopes (the province: every office; a city: ~33; one office) × each filter of the queue
 *   page (在办, 全部, 已超期, 即将到期, 撤回, 按收到日期) × the first page, page 10 and page 100 (keyset, 50 a page);
 * - the case page (getCase: the case, its events, reviews and deadlines) of cases registered through the use case;
 * - drill-downs of table 三 cells (first page of 200) for the province and one office;
 * - the year tables (buildYearReport) of the province, a city and an office;
 * - the audit page (100 newest entries of the scope, and 100 entries deep in the log).
 * And the event-loop delay while measuring (perf_hooks.monitorEventLoopDelay, p99 and max), and per query the most
 * CPU time the main thread spent in one call (Linux schedstat): on a shared machine the delay and the wall-clock
 * figures grow with the others' load; the main thread's CPU time is what a call takes from the event loop when the
 * machine is idle. On SQLite the reads go through the reader thread, as in the server (--no-reader: on the main
 * connection, where the longest query is the longest stall).
 *
 * `npm run bench:desk [-- --cases N] [--baseline M] [--runs R] [--engines sqlite,postgres] [--keep NAME]`. With
 * --keep the databases are kept (SQLite: <tmpdir>/NAME_<cases>/, PostgreSQL: database NAME_<cases>) and reused by
 * the next run with the same NAME (migrated, not reloaded); drop them by hand afterwards. Rows are generated in
 * SQL by the same integer formulas on both engines (multi-row INSERT … SELECT, 50,000 rows a statement); the case
 * JSON of generated rows is a stub (lists read columns), the cases whose page is timed are real. The aggregates are
 * counted once after the load (rebuildTallies), as a migration of an existing database would. SQLite is not ANALYZEd
 * (gongkai never does it); PostgreSQL is (autovacuum would).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { PG_ADMIN, pgAdmin } from './pg-admin.ts';
import { DESK_TODAY, QUEUE_FILTERS } from './desk-filters.ts';
import { buildYearReport, drillDown, getCase, registerApplication, type ApplicationDeps } from '../src/app/applications/index.ts';
import { applicationDeps } from '../src/storage/application-deps.ts';
import { kyselyAudit } from '../src/storage/audit.ts';
import { rebuildTallies } from '../src/storage/case-tallies.ts';
import { openDatabase, type OpenedDatabase } from '../src/storage/db.ts';
import { openSqliteReader } from '../src/storage/sqlite-reader.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import type { Database } from '../src/storage/schema.ts';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    cases: { type: 'string', default: '1000000' },
    baseline: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    keep: { type: 'string' },
    reader: { type: 'boolean', default: true },
  },
});
const SIZES = [Number(values.baseline), Number(values.cases)];
const RUNS = Number(values.runs);
const OFFICES = 500;
const CITIES = 15;
const TODAY = DESK_TODAY;
const YEAR = 2024;
type Engine = 'sqlite' | 'postgres';

/** The generating SELECT over i: offices round-robin, received over ten years to TODAY, the last 90 days mostly open. */
function caseRows(engine: Engine): string {
  const day = (n: string) => (engine === 'sqlite' ? `date('2015-07-01', '+' || (${n}) || ' days')` : `to_char(date '2015-07-01' + (${n})::int, 'YYYY-MM-DD')`);
  const recv = '((i * 7919) % 3652)';
  const open = `(${recv} >= 3562 and i % 4 <> 0)`;
  const voided = '((i * 13) % 1000 = 999)';
  const withdrawn = '((i * 13) % 100 = 7)';
  const type = `case when (i * 31) % 100 < 78 then 'natural' when (i * 31) % 100 < 86 then 'commercial' when (i * 31) % 100 < 88 then 'research' when (i * 31) % 100 < 90 then 'publicInterest' when (i * 31) % 100 < 97 then 'legalService' else 'other' end`;
  const result = `case when ${withdrawn} then 'otherHandling.withdrawn' when (i * 17) % 100 < 45 then 'granted' when (i * 17) % 100 < 55 then 'partiallyGranted' when (i * 17) % 100 < 60 then 'denied.processInformation' when (i * 17) % 100 < 85 then 'unavailable.notHeld' when (i * 17) % 100 < 93 then 'notProcessed.complaints' else 'otherHandling.other' end`;
  const state = `case when ${voided} then 'voided' when ${open} then (case when i % 10 = 1 then 'awaitingCorrection' else 'processing' end) when ${withdrawn} then 'withdrawn' else 'delivered' end`;
  return `select 'c' || i, 'B-' || lpad_i, 'o' || ((i * 7) % ${OFFICES}), ${state}, 'online', ${type}, '申请人' || i, '申请公开某项目的批复文件',
    ${day(recv)}, case when ${open} or ${voided} then null else ${day(`${recv} + (i % 45)`)} end, case when ${open} or ${voided} then null else ${result} end,
    case when ${open} and not ${voided} then ${day(`${recv} + 30`)} else null end, case when ${open} and not ${voided} then 'answer' else null end, '{}', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'`;
}

const CASE_COLUMNS = 'id, number, organization_id, state, channel, applicant_type, applicant_name, description, received_on, closed_on, result_row, next_due, next_due_kind, data, version, created_at, updated_at';

async function fill(db: Kysely<Database>, engine: Engine, n: number): Promise<void> {
  const orgs = [{ id: 'prov', parent_id: null as string | null, name: '基准省人民政府', kind: 'government' as 'government' | 'department' }];
  for (let c = 0; c < CITIES; c += 1) orgs.push({ id: `city${c}`, parent_id: 'prov', name: `基准市${c}`, kind: 'government' });
  for (let o = 0; o < OFFICES; o += 1) orgs.push({ id: `o${o}`, parent_id: `city${o % CITIES}`, name: `基准机关${o}`, kind: 'department' });
  await db.insertInto('organizations').values(orgs.map((o) => ({ ...o, code: null, created_at: '2025-01-01T00:00:00Z' }))).execute();
  const CHUNK = 50_000;
  for (let from = 1; from <= n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK - 1);
    const series = engine === 'sqlite' ? `with recursive s(i) as (select ${from} union all select i + 1 from s where i < ${to}) ` : '';
    const lpad = engine === 'sqlite' ? `substr('0000000' || i, -7)` : `lpad(i::text, 7, '0')`;
    const source = (select: string) => (engine === 'sqlite' ? `${select} from (select i, ${lpad} as lpad_i from s)` : `${select} from (select i, ${lpad} as lpad_i from generate_series(${from}::bigint, ${to}::bigint) as i) g`);
    await db.transaction().execute(async (tx) => {
      await sql.raw(`${series}insert into cases (${CASE_COLUMNS}) ${source(caseRows(engine))}`).execute(tx);
      await sql.raw(`${series}insert into audit_log (seq, at, actor_id, actor_name, organization_id, action, subject, detail, ip, prev_hash, hash) ${source(`select i, '2025-01-01T00:00:00Z', null, '基准', 'o' || ((i * 7) % ${OFFICES}), 'case.register', 'case:c' || i, '{}', null, 'x', 'x'`)}`).execute(tx);
    });
    process.stdout.write(`\r  inserted ${to.toLocaleString('en')} / ${n.toLocaleString('en')} cases (+ audit entries)`);
  }
  process.stdout.write('\n');
  await sql`update audit_head set seq = (select max(seq) from audit_log) where id = 1`.execute(db);
  await rebuildTallies(db);
  // PostgreSQL analyses by itself (autovacuum); gongkai never runs ANALYZE on SQLite, so neither does the bench
  // (with statistics, SQLite's planner skip-scans the per-organisation indexes and sorts a province's year).
  if (engine === 'postgres') await sql.raw('vacuum analyze').execute(db);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

interface Figure {
  readonly p50: number;
  readonly p95: number;
  /** The most CPU time the main thread spent in one call (ms): what the call takes from the event loop on an idle machine. */
  readonly cpu: number;
}

/**
 * The main thread's time on a CPU so far (ns), from Linux's /proc/<pid>/task/<pid>/schedstat (the main thread's id is
 * the process id); NaN elsewhere. Unlike wall-clock time it does not grow when the machine is busy with other work.
 */
function mainThreadCpuNs(): number {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** The slowest single call measured (on SQLite a call holds the event loop throughout). */
const slowest = { ms: 0, what: '' };
/** The call that kept the main thread busiest (CPU time). */
const busiest = { ms: 0, what: '' };
let current = '';

/** Time `fn` RUNS times after one warm-up run. */
async function time(fn: () => Promise<unknown>): Promise<Figure> {
  await new Promise((resolve) => setImmediate(resolve));
  await fn();
  const ms: number[] = [];
  let cpu = 0;
  for (let r = 0; r < RUNS; r += 1) {
    // Between requests the server's loop turns (timers fire): the event-loop monitor sees each call's stall.
    await new Promise((resolve) => setImmediate(resolve));
    const c = mainThreadCpuNs();
    const t = performance.now();
    await fn();
    const took = performance.now() - t;
    cpu = Math.max(cpu, (mainThreadCpuNs() - c) / 1e6);
    ms.push(took);
    if (took > slowest.ms) Object.assign(slowest, { ms: took, what: current });
    if (cpu > busiest.ms) Object.assign(busiest, { ms: cpu, what: current });
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), cpu };
}


async function measure(engine: Engine, opened: OpenedDatabase, n: number): Promise<Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number }> {
  const db = opened.db;
  await migrateToLatest(db);
  const t0 = performance.now();
  // --keep: a database kept from an earlier run (already holding the n generated cases) is measured as it is.
  const loaded = Number((await db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) > 0;
  if (loaded) console.log(`  kept database reused (${n.toLocaleString('en')} cases loaded earlier)`);
  else {
    await fill(db, engine, n);
    console.log(`  ${n.toLocaleString('en')} cases loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  let seq = 0;
  // As the server does (src/server/main.ts): on SQLite the long reads go to the reader thread (--no-reader: on the
  // main connection, to compare).
  const reader = engine === 'sqlite' && opened.file !== undefined && values.reader ? openSqliteReader(opened.file) : null;
  const reads = reader?.db ?? db;
  const deps: ApplicationDeps = applicationDeps(db, { today: () => TODAY, now: () => `${TODAY}T03:00:${String(seq++ % 60).padStart(2, '0')}.000Z` }, undefined, reads);
  const audit = kyselyAudit(db, reads);
  // Real cases (full JSON) for the case page.
  const real: string[] = [];
  for (let k = 0; k < 20; k += 1) {
    const r = await registerApplication(deps, { channel: 'online', receivedOn: '2025-06-20', organizationId: `o${k}`, applicant: { type: 'natural', name: '刘桂英', idType: 'residentId', idNumber: '11010519491231002X', phone: '13912345678', address: '某市某路12号', email: 'a@example.cn' }, request: { description: '申请公开某项目的批复文件', form: 'electronic', delivery: 'email' } }, '基准');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    real.push(r.value.id);
  }
  const scopes: Record<string, string[]> = {
    省: await deps.organizations.subtreeIds('prov'),
    市: await deps.organizations.subtreeIds('city3'),
    机关: await deps.organizations.subtreeIds('o3'),
  };
  const out = new Map<string, Figure>() as Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  for (const [scope, organizationIds] of Object.entries(scopes)) {
    for (const [name, filter] of Object.entries(QUEUE_FILTERS)) {
      // Walk to pages 10 and 100 by their cursors, then time those pages.
      const cursors: (readonly string[] | undefined)[] = [undefined];
      let after: readonly string[] | undefined;
      for (let p = 1; p < 100; p += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        const page = await deps.cases.list({ ...filter, organizationIds, limit: 50, ...(after ? { after } : {}) });
        if (!page.next) break;
        after = page.next;
        if (p === 9 || p === 99) cursors.push(after);
      }
      for (const [i, cursor] of cursors.entries()) {
        current = `队列 ${scope} ${name} ${['第1页', '第10页', '第100页'][i]}`;
        out.set(current, await time(() => deps.cases.list({ ...filter, organizationIds, limit: 50, ...(cursor ? { after: cursor } : {}) })));
      }
    }
  }
  let k = 0;
  current = '案件页';
  out.set(current, await time(() => getCase(deps, real[k++ % real.length] as string)));
  for (const [org, label] of [['prov', '省'], ['o3', '机关']] as const) {
    for (const cell of ['newReceived.total', 'granted.natural', 'carriedForward.total', 'total.total']) {
      current = `下钻 ${label} ${cell}`;
      out.set(current, await time(async () => {
        const r = await drillDown(deps, org, YEAR, 'applications', cell, 200);
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
      }));
    }
  }
  for (const [org, label] of [['prov', '省'], ['city3', '市'], ['o3', '机关']] as const) {
    current = `年度表 ${label}`;
    out.set(current, await time(async () => {
      const r = await buildYearReport(deps, org, YEAR);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }));
  }
  for (const [label, organizationIds] of [['省', scopes.省], ['机关', scopes.机关]] as const) {
    current = `审计 ${label} 最新`;
    out.set(current, await time(() => audit.list({ organizationIds: organizationIds ?? [], limit: 100 })));
    current = `审计 ${label} 深处`;
    out.set(current, await time(() => audit.list({ organizationIds: organizationIds ?? [], limit: 100, beforeSeq: Math.floor(n / 2) })));
  }
  loop.disable();
  await reader?.close();
  out.stall = loop.max / 1e6;
  out.lagP99 = loop.percentile(99) / 1e6;
  console.log(`  slowest single call: ${slowest.ms.toFixed(1)} ms (${slowest.what}); most main-thread CPU in one call: ${busiest.ms.toFixed(1)} ms (${busiest.what}); event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${out.stall.toFixed(1)} ms`);
  out.busiest = busiest.ms;
  Object.assign(slowest, { ms: 0, what: '' });
  Object.assign(busiest, { ms: 0, what: '' });
  return out;
}

async function onEngine(engine: Engine, n: number): Promise<(Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number }) | null> {
  const keep = values.keep;
  if (engine === 'sqlite') {
    const dir = keep ? join(tmpdir(), `${keep}_${n}`) : mkdtempSync(join(tmpdir(), 'gongkai-desk-'));
    const opened = openDatabase({ dataDir: dir });
    try {
      return await measure(engine, opened, n);
    } finally {
      await opened.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = keep ? `${keep}_${n}` : `gongkai_desk_${randomBytes(4).toString('hex')}`;
  try {
    const exists = keep && (await pgAdmin((c) => c.query('select 1 from pg_database where datname = $1', [name]))).rowCount === 1;
    if (!exists) await pgAdmin((c) => c.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`));
  } catch (error) {
    console.log(`  !! PostgreSQL 不可用 / not reachable (${(error as Error).message}): not measured`);
    return null;
  }
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const opened = openDatabase({ url: url.toString(), dataDir: '/nonexistent' });
  try {
    return await measure(engine, opened, n);
  } finally {
    await opened.close();
    await new Promise((r) => setTimeout(r, 300));
    if (!keep) await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

console.log(`gongkai bench:desk — ${SIZES.map((s) => s.toLocaleString('en')).join(' and ')} cases over ${OFFICES} offices (+${CITIES} cities, 1 province), p50/p95 of ${RUNS} runs`);
console.log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)\n`);
for (const engine of values.engines.split(',') as Engine[]) {
  const results: (Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number })[] = [];
  for (const n of SIZES) {
    console.log(`${engine}, ${n.toLocaleString('en')} cases:`);
    const r = await onEngine(engine, n);
    if (r) results.push(r);
  }
  if (results.length < SIZES.length) continue;
  const [small, large] = results as [Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number }, Map<string, Figure> & { stall?: number; lagP99?: number; busiest?: number }];
  const f = (x: Figure | undefined) => (x ? `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}` : '—');
  console.log(`\n${engine}: p50 / p95 ms`);
  console.log(`| query | ${SIZES[0]?.toLocaleString('en')} | ${SIZES[1]?.toLocaleString('en')} | p95 ratio | main-thread CPU, most in one call, at ${SIZES[1]?.toLocaleString('en')} |`);
  console.log('|---|---|---|---|---|');
  let worst = 0;
  for (const [name, fig] of large) {
    worst = Math.max(worst, fig.p95);
    const base = small.get(name);
    console.log(`| ${name} | ${f(base)} | ${f(fig)} | ${base ? (fig.p95 / base.p95).toFixed(1) : '—'}x | ${fig.cpu.toFixed(1)} |`);
  }
  console.log(`\n${engine}: worst p95 at ${SIZES[1]?.toLocaleString('en')} = ${worst.toFixed(1)} ms; event-loop delay while measuring (p99 / max): ${small.lagP99?.toFixed(1)} / ${small.stall?.toFixed(1)} ms at ${SIZES[0]?.toLocaleString('en')}, ${large.lagP99?.toFixed(1)} / ${large.stall?.toFixed(1)} ms at ${SIZES[1]?.toLocaleString('en')}${engine === 'sqlite' ? (values.reader ? ' (reads in the reader thread)' : ' (reads on the main connection: --no-reader)') : ''}; most main-thread CPU in one call: ${small.busiest?.toFixed(1)} ms at ${SIZES[0]?.toLocaleString('en')}, ${large.busiest?.toFixed(1)} ms at ${SIZES[1]?.toLocaleString('en')}\n`);
}
