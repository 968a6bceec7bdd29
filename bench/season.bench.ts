/**
 * Benchmark (not a test: nothing asserts on time) of the reporting season, on SQLite and PostgreSQL:
 * the roll-up of N organisations' frozen reports (default 20,000; goal < 1 s), the season dashboard over M
 * organisations with two earlier years (default 2,000; goal p95 < 200 ms, first call and memoised calls shown), and
 * importing K published reports of mixed formats (default 1,000; txt, md, html, docx, Word-printed PDF; reports/s).
 * `npm run bench:season [-- --quick] [--orgs N] [--board M] [--imports K] [--engines sqlite,postgres]`.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { seasonDashboard } from '../src/app/season/dashboard.ts';
import { importSeason } from '../src/app/season/import-season.ts';
import { rollUpArea } from '../src/app/season/rollup.ts';
import { generateConsistentReport, mulberry32 } from '../src/core/annual-report/generate.ts';
import { stringifyReport } from '../src/core/annual-report/serialize.ts';
import { generatePublished } from '../src/formats/published/index.ts';
import { sourceExtractor } from '../src/formats/source/extractor.ts';
import { kyselyAudit } from '../src/storage/audit.ts';
import { kyselyOrganizations } from '../src/storage/organizations.ts';
import { cellsColumn, kyselySeason } from '../src/storage/season.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { enginesUnderTest } from '../src/storage/test-engines.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../src/storage/schema.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, orgs: { type: 'string' }, board: { type: 'string' }, imports: { type: 'string' }, runs: { type: 'string', default: '20' }, engines: { type: 'string', default: 'sqlite,postgres' } } });
const ORGS = Number(values.orgs ?? (values.quick ? 500 : 20_000));
const BOARD = Number(values.board ?? (values.quick ? 200 : 2_000));
const IMPORTS = Number(values.imports ?? (values.quick ? 30 : 1_000));
const RUNS = Number(values.runs);
const YEAR = 2025;
const NOW = '2026-02-03T02:00:00.000Z';

const ms = (t: number) => `${t.toFixed(0)} ms`;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? 0;

/** A government with `n` departments below, each with a published report for each of `years` (a few hundred distinct reports reused). */
async function fill(db: Kysely<Database>, root: string, n: number, years: readonly number[]): Promise<string[]> {
  await db.insertInto('organizations').values({ id: root, parent_id: null, name: `${root}县人民政府`, kind: 'government', code: null, created_at: NOW }).execute();
  const ids = Array.from({ length: n }, (_, i) => `${root}-${i}`);
  const pool = new Map<number, { report: string; cells: string | null }[]>(
    years.map((y) => [y, Array.from({ length: 200 }, (_, i) => stringifyReport(generateConsistentReport(mulberry32(y * 1000 + i), { template: '2021', year: y, organization: '机关' }))).map((report) => ({ report, cells: cellsColumn(report) }))]),
  );
  for (let i = 0; i < n; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.insertInto('organizations').values(chunk.map((id, j) => ({ id, parent_id: root, name: `部门${i + j}`, kind: 'department', code: null, created_at: NOW }))).execute();
    for (const y of years) {
      await db.insertInto('annual_reports').values(chunk.map((id, j) => ({ organization_id: id, year: y, version: 1, state: 'published', report: pool.get(y)?.[(i + j) % 200]?.report ?? null, comment: null, updated_at: NOW, updated_by: 'bench', published_at: NOW, submitted_at: NOW }))).execute();
      await db.insertInto('annual_report_cells').values(chunk.map((id, j) => ({ organization_id: id, year: y, version: 1, state: 'published', cells: pool.get(y)?.[(i + j) % 200]?.cells ?? null }))).execute();
    }
  }
  return ids;
}

for (const engine of await enginesUnderTest()) {
  if (!values.engines.split(',').includes(engine.name)) continue;
  const opened = await engine.open();
  try {
    await migrateToLatest(opened.db);
    const organizations = kyselyOrganizations(opened.db);
    const season = kyselySeason(opened.db);
    console.log(`${engine.name}:`);

    await fill(opened.db, 'rollup', ORGS, [YEAR]);
    const times: number[] = [];
    for (let r = 0; r < 3; r += 1) {
      const t = performance.now();
      const up = await rollUpArea({ organizations, season }, 'rollup', YEAR);
      times.push(performance.now() - t);
      if (!up.ok || up.value.included.length !== ORGS) throw new Error('roll-up did not include every organisation');
    }
    console.log(`  roll-up of ${ORGS.toLocaleString('en')} organisations: ${times.map(ms).join(', ')} (goal < 1 s)`);

    const boardIds = await fill(opened.db, 'board', BOARD, [YEAR - 2, YEAR - 1, YEAR]);
    const orgs = (await organizations.list()).filter((o) => o.id === 'board' || boardIds.includes(o.id));
    const cache = new Map<string, unknown>();
    let t = performance.now();
    await seasonDashboard({ season, cache }, { organizations: orgs, year: YEAR, today: '2026-02-03' });
    const first = performance.now() - t;
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      t = performance.now();
      await seasonDashboard({ season, cache }, { organizations: orgs, year: YEAR, today: '2026-02-03' });
      runs.push(performance.now() - t);
    }
    console.log(`  dashboard of ${BOARD.toLocaleString('en')} organisations × 3 years: first ${ms(first)}, then p95 ${ms(p95(runs))} over ${RUNS} (goal p95 < 200 ms)`);

    await opened.db.insertInto('organizations').values({ id: 'imports', parent_id: null, name: '导入县人民政府', kind: 'government', code: null, created_at: NOW }).execute();
    const files: { name: string; bytes: Uint8Array; year: number }[] = [];
    for await (const item of generatePublished(7, IMPORTS, { layouts: ['space', 'tabs', 'html', 'docx', 'wordPdf'] })) files.push({ name: `${item.index}-${item.doc.name}`, bytes: item.doc.bytes, year: item.sample.report.year ?? YEAR });
    const byYear = new Map<number, typeof files>();
    for (const f of files) byYear.set(f.year, [...(byYear.get(f.year) ?? []), f]);
    t = performance.now();
    let stored = 0;
    for (const [year, group] of byYear) {
      const out = await importSeason({ extractor: sourceExtractor, organizations, season, audit: kyselyAudit(opened.db), now: () => NOW, newId: randomUUID }, { parentId: 'imports', year, createOrgs: true, actor: 'bench', files: group.map((f) => ({ name: f.name, load: async () => f.bytes })) });
      stored += out.filter((o) => o.status === 'stored').length;
    }
    const s = (performance.now() - t) / 1000;
    console.log(`  import of ${files.length} published reports (txt, md, html, docx, pdf): ${s.toFixed(1)} s, ${(files.length / s).toFixed(1)} reports/s; ${stored} stored (the rest: same organisation twice, or unreadable)`);
  } finally {
    await opened.close();
    await engine.cleanup();
  }
}
