/**
 * `npm run fuzz` — fuzz the importer, the forms and the JSON API (issue 14 item 4; docs/decisions.md "Fuzzing").
 *
 *   npm run fuzz -- [--target import-text|importer|forms|api|all] [--cases N] [--seed S] [--from I] [--lanes L] [--resume]
 *
 * Defaults: every target, 100,000 cases each, seed 1, from case 0. `--resume` goes on with each target's interrupted
 * run (its seed and end) from where it stopped (.tmp/fuzz/<target>.json). Prints cases/s as it goes and every finding
 * (crash, hang over 1 s, 5xx, prototype pollution, worker death) with the corpus file it was stored in; exits 1 when
 * a run found anything.
 */
import { findingSignature, fuzzRun, readState } from './harness.ts';
import { MAX_LANES } from './target.ts';
import { isTargetName, TARGET_NAMES, type TargetName } from './targets.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const count = (s: string | undefined, fallback: number): number => {
  const n = s === undefined ? fallback : Number(s.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`不是非负整数 / not a non-negative integer: ${s}`);
    process.exit(2);
  }
  return n;
};

const which = arg('target') ?? 'all';
if (which !== 'all' && !isTargetName(which)) {
  console.error(`未知的目标 / unknown target: ${which} (${TARGET_NAMES.join(', ')}, all)`);
  process.exit(2);
}
const targets: readonly TargetName[] = which === 'all' ? TARGET_NAMES : [which as TargetName];
const cases = count(arg('cases'), 100_000);
const lanesArg = arg('lanes');
const lanes = lanesArg === undefined ? undefined : Math.min(MAX_LANES, Math.max(1, count(lanesArg, 1)));
const fmt = (n: number): string => n.toLocaleString('en-US');
let found = 0;
for (const target of targets) {
  const state = process.argv.includes('--resume') ? readState(target) : null;
  const seed = state?.seed ?? count(arg('seed'), 1);
  const from = state?.next ?? count(arg('from'), 0);
  const to = state?.to ?? from + cases;
  if (from >= to) {
    console.log(`${target}: run of seed ${seed} already complete (${fmt(to)} cases)`);
    continue;
  }
  console.log(`${target}: seed ${seed}, cases ${fmt(from)}–${fmt(to - 1)}`);
  const t0 = performance.now();
  const report = await fuzzRun(target, seed, from, to, {
    ...(lanes === undefined ? {} : { lanes }),
    progress: (done, findings) => {
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${target}: ${fmt(done)} / ${fmt(to - from)} cases, ${fmt(Math.round(done / s))} cases/s, ${findings} findings`);
    },
  });
  // Grouped by signature: how many, and the first cases with the corpus files they were stored in.
  const groups = new Map<string, (typeof report.findings)[number][]>();
  for (const f of report.findings) groups.set(findingSignature(f.finding), [...(groups.get(findingSignature(f.finding)) ?? []), f]);
  for (const [signature, list] of groups) {
    console.log(`  ✗ ${list.length} × ${signature}`);
    for (const f of list.slice(0, 3)) console.log(`      case ${f.index}: ${f.finding.detail}\n        ${f.description}${f.file ? `\n        → ${f.file}` : ''}`);
  }
  found += report.findings.length;
  console.log(`${target}: ${fmt(report.cases)} cases in ${report.seconds.toFixed(1)} s = ${fmt(Math.round(report.cases / report.seconds))} cases/s, ${report.findings.length} findings`);
}
process.exit(found > 0 ? 1 : 0);
