/**
 * Benchmark (not a test: nothing asserts on time): tables 三 and 四 of one organisation's year over N cases (default
 * 1,000,000), on SQLite and on PostgreSQL, timed beside the floor — the bare SQL `GROUP BY` over the same table in the
 * same run. `npm run bench:cases [-- --cases N] [--runs R] [--year Y] [--engines sqlite,postgres]`.
 *
 * The rows are generated in SQL by the same integer formulas on both engines (so both hold identical data): received
 * dates spread over ten years, ~2 % still open, applicant types and results in the proportions of county offices'
 * published reports. Only the columns the counting reads are realistic; `data` (the case JSON) is a stub, since the
 * counting never reads it. The built tables are checked against the T3 rules so the timing is of correct work.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { PG_ADMIN, pgAdmin } from './pg-admin.ts';
import { buildYearReport } from '../src/app/applications/index.ts';
import { validateReport } from '../src/core/annual-report/validate.ts';
import { applicationDeps } from '../src/storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { rebuildTallies } from '../src/storage/case-tallies.ts';
import type { Database } from '../src/storage/schema.ts';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, year: { type: 'string', default: '2024' }, engines: { type: 'string', default: 'sqlite,postgres' } },
});
const N = Number(values.cases);
const RUNS = Number(values.runs);
const YEAR = Number(values.year);
const ORG = 'bench-org';

/** The generating SELECT over i = 1..N: the same integer formulas on both engines; only date arithmetic differs. */
function generator(engine: 'sqlite' | 'postgres'): string {
  const day = (n: string) => (engine === 'sqlite' ? `date('2015-01-01', '+' || (${n}) || ' days')` : `to_char(date '2015-01-01' + (${n})::int, 'YYYY-MM-DD')`);
  const recv = '((i * 7919) % 3650)';
  const type = `case when (i * 31) % 100 < 78 then 'natural' when (i * 31) % 100 < 86 then 'commercial' when (i * 31) % 100 < 88 then 'research' when (i * 31) % 100 < 90 then 'publicInterest' when (i * 31) % 100 < 97 then 'legalService' else 'other' end`;
  const open = '(i % 50 = 0)';
  const result = `case when (i * 17) % 100 < 45 then 'granted' when (i * 17) % 100 < 55 then 'partiallyGranted' when (i * 17) % 100 < 60 then 'denied.processInformation' when (i * 17) % 100 < 63 then 'denied.thirdPartyRights' when (i * 17) % 100 < 85 then 'unavailable.notHeld' when (i * 17) % 100 < 89 then 'unavailable.needsCreation' when (i * 17) % 100 < 93 then 'notProcessed.complaints' when (i * 17) % 100 < 96 then 'notProcessed.repeated' when (i * 17) % 100 < 98 then 'otherHandling.noCorrection' else 'otherHandling.other' end`;
  return `select 'c' || i, 'B-' || i, '${ORG}', case when ${open} then 'processing' else 'delivered' end, 'online', ${type}, '申请人' || i, '申请公开某项目的批复文件',
    ${day(recv)}, case when ${open} then null else ${day(`${recv} + (i % 45)`)} end, case when ${open} then null else ${result} end,
    null, null, '{}', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'`;
}

const COLUMNS = 'id, number, organization_id, state, channel, applicant_type, applicant_name, description, received_on, closed_on, result_row, next_due, next_due_kind, data, version, created_at, updated_at';

async function fill(db: Kysely<Database>, engine: 'sqlite' | 'postgres'): Promise<void> {
  await db.insertInto('organizations').values({ id: ORG, parent_id: null, name: '基准测试县人民政府', kind: 'government', code: null, created_at: '2025-01-01T00:00:00Z' }).execute();
  const CHUNK = 100_000;
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    const series = engine === 'sqlite' ? `with recursive s(i) as (select ${from} union all select i + 1 from s where i < ${to}) ` : '';
    const source = engine === 'sqlite' ? `${generator(engine)} from s` : `${generator(engine)} from generate_series(${from}::bigint, ${to}::bigint) as i`;
    await sql.raw(`${series}insert into cases (${COLUMNS}) ${source}`).execute(db);
    process.stdout.write(`\r  inserted ${to.toLocaleString('en')} / ${N.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
  // The rows went in by SQL, around the repository: count the aggregates the tables are read from (migration 0016).
  await rebuildTallies(db);
  await sql.raw(engine === 'sqlite' ? 'analyze' : 'vacuum analyze cases').execute(db);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(engine: 'sqlite' | 'postgres', opened: OpenedDatabase): Promise<{ floor: number; window: number; build: number; total: number }> {
  const db = opened.db;
  await migrateToLatest(db);
  const t0 = performance.now();
  await fill(db, engine);
  console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const deps = applicationDeps(db, { today: () => '2025-06-30', now: () => '2025-06-30T00:00:00Z' });
  const floorMs: number[] = [];
  const windowMs: number[] = [];
  const buildMs: number[] = [];
  let total = 0;
  for (let r = 0; r < RUNS + 1; r += 1) {
    let t = performance.now();
    const rows = await db.selectFrom('cases').select(['applicant_type', 'result_row', (eb) => eb.fn.countAll().as('n')]).where('organization_id', '=', ORG).groupBy(['applicant_type', 'result_row']).execute();
    const floor = performance.now() - t;
    // The same GROUP BY restricted to the cases the year can count (received by 31 Dec, open on 1 Jan).
    t = performance.now();
    await db.selectFrom('cases').select(['applicant_type', 'result_row', (eb) => eb.fn.countAll().as('n')]).where('organization_id', '=', ORG)
      .where('received_on', '<=', `${YEAR}-12-31`).where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', `${YEAR}-01-01`)]))
      .groupBy(['applicant_type', 'result_row']).execute();
    const window = performance.now() - t;
    t = performance.now();
    const built = await buildYearReport(deps, ORG, YEAR);
    const build = performance.now() - t;
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const bad = validateReport(built.value).filter((f) => f.severity === 'error');
    if (bad.length > 0) throw new Error(`the built tables break rules: ${bad.map((f) => f.code).join(', ')}`);
    total = (built.value.applications as { newReceived: { total: number } }).newReceived.total;
    if (rows.length === 0) throw new Error('empty floor');
    if (r > 0) {
      // the first round warms the caches and is not counted
      floorMs.push(floor);
      windowMs.push(window);
      buildMs.push(build);
    }
  }
  return { floor: median(floorMs), window: median(windowMs), build: median(buildMs), total };
}

console.log(`gongkai bench:cases — ${N.toLocaleString('en')} cases of one organisation, tables of ${YEAR}, median of ${RUNS} runs`);
console.log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)\n`);
const results: { engine: string; floor: number; window: number; build: number; total: number }[] = [];
for (const engine of values.engines.split(',') as ('sqlite' | 'postgres')[]) {
  console.log(`${engine}:`);
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    const opened = openDatabase({ dataDir: dir });
    try {
      results.push({ engine, ...(await measure(engine, opened)) });
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const name = `gongkai_bench_${randomBytes(4).toString('hex')}`;
    try {
      await pgAdmin((c) => c.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`));
    } catch (error) {
      console.log(`  !! PostgreSQL 不可用 / not reachable (${(error as Error).message}): not measured`);
      continue;
    }
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    const opened = openDatabase({ url: url.toString(), dataDir: '/nonexistent' });
    try {
      results.push({ engine, ...(await measure(engine, opened)) });
    } finally {
      await opened.close();
      await new Promise((r) => setTimeout(r, 300));
      await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    }
  }
}

console.log('\nfloor: SELECT applicant_type, result_row, count(*) FROM cases WHERE organization_id = ? GROUP BY 1, 2');
console.log('window: the same GROUP BY over the rows the year can count (received_on <= 31 Dec, closed_on null or >= 1 Jan)');
console.log('built: buildYearReport — organisation subtree, table 三 tally, table 四 tally, the report JSON');
console.log('\n| engine | cases | floor | window | built | built / floor | built / window | 本年新收 (check) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.engine} | ${N.toLocaleString('en')} | ${r.floor.toFixed(0)} ms | ${r.window.toFixed(0)} ms | ${r.build.toFixed(0)} ms | ${(r.build / r.floor).toFixed(2)}x | ${(r.build / r.window).toFixed(2)}x | ${r.total.toLocaleString('en')} |`);
}
