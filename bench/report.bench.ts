/**
 * Benchmark (not a test: nothing here asserts on time): generate 10,000 random consistent annual reports of both
 * templates from a seeded PRNG, then time validateReport, renderMarkdown and renderHtmlDocument over all of them.
 * Then the start-up time of the CLI and the server, built and from the sources (./startup.ts).
 * `npm run bench` (node --import tsx bench/report.bench.ts); optional arguments: the number of reports (default 10,000)
 * and the runs of each start-up command (default 7).
 */
import { cpus } from 'node:os';
import { generateConsistentReport, mulberry32 } from '../src/core/annual-report/generate.ts';
import type { AnnualReport } from '../src/core/annual-report/model.ts';
import { validateReport } from '../src/core/annual-report/validate.ts';
import { renderHtmlDocument } from '../src/formats/html/render.ts';
import { renderMarkdown } from '../src/formats/md/render.ts';
import { benchStartup } from './startup.ts';

const COUNT = Number(process.argv[2] ?? 10_000);
const STARTUP_RUNS = Number(process.argv[3] ?? 7);
const SEED = 20190515; // the revised 条例 came into force on 2019-05-15

interface Step {
  readonly name: string;
  readonly ms: number;
  /** Something derived from the results, printed so the work cannot be optimised away. */
  readonly check: string;
}

function time(name: string, run: () => string): Step {
  const start = performance.now();
  const check = run();
  return { name, ms: performance.now() - start, check };
}

const rng = mulberry32(SEED);
let reports: AnnualReport[] = [];
const steps: Step[] = [
  time('generate', () => {
    reports = Array.from({ length: COUNT }, (_, i) =>
      i % 2 === 0
        ? generateConsistentReport(rng, { template: '2019', year: 2019 + (i % 4 === 0 ? 0 : 1) })
        : generateConsistentReport(rng, { template: '2021', year: 2021 + (i % 5) }),
    );
    return `${reports.filter((r) => r.template === '2019').length} × 2019, ${reports.filter((r) => r.template === '2021').length} × 2021`;
  }),
  time('validateReport', () => {
    let findings = 0;
    for (const r of reports) findings += validateReport(r).length;
    return `${findings} findings`;
  }),
  time('renderMarkdown', () => {
    let chars = 0;
    for (const r of reports) chars += renderMarkdown(r).length;
    return `${(chars / 1e6).toFixed(1)} M chars`;
  }),
  time('renderHtmlDocument', () => {
    let chars = 0;
    for (const r of reports) chars += renderHtmlDocument(r).length;
    return `${(chars / 1e6).toFixed(1)} M chars`;
  }),
];

const pad = (s: string, n: number) => s.padEnd(n);
const num = (s: string, n: number) => s.padStart(n);
console.log(`gongkai bench — ${COUNT} reports, seed ${SEED}`);
console.log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores) · ${process.platform}-${process.arch}\n`);
console.log(`${pad('step', 20)}${num('total ms', 12)}${num('reports/s', 14)}${num('µs/report', 12)}  result`);
for (const s of steps) {
  const perSecond = (COUNT / s.ms) * 1000;
  console.log(
    `${pad(s.name, 20)}${num(s.ms.toFixed(0), 12)}${num(perSecond.toFixed(0), 14)}${num(((s.ms * 1000) / COUNT).toFixed(1), 12)}  ${s.check}`,
  );
}
const total = steps.reduce((a, s) => a + s.ms, 0);
console.log(`${pad('total', 20)}${num(total.toFixed(0), 12)}`);

await benchStartup(STARTUP_RUNS);
