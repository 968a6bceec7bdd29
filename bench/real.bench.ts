/**
 * Import accuracy on the real annotated corpus (fixtures/real: crawled page texts and a PDF, each with the values it
 * prints in NAME.expected.json). Every .txt and .pdf goes through the pipeline of `gongkai import` (bytes →
 * extractText → importReportText) and is scored by src/formats/published/score-real.ts, the rules of
 * tools/score_import.py. Prints per file the cells exact / undetermined (of exact: truth null because no reading of
 * the text fixes it, import null too; "flagged": the importer named it in an import.ambiguous finding) / missed /
 * invented / wrong, whether organisation and year are right, and totals; then the generated benchmark's total over a
 * small sample beside it (the layouts of bench:import's TOTAL except chromiumPdf, which needs Chromium).
 *
 *   npm run bench:real -- [--generated 20] [--seed 20190515] [--details]
 *
 * --generated 0 skips the generated sample; --details lists each file's wrong cells.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReportText } from '../src/core/annual-report/import/import-text.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { LAYOUT_NAMES, LAYOUTS } from '../src/formats/published/index.ts';
import { scoreReal, type RealScore } from '../src/formats/published/score-real.ts';
import { extractText } from '../src/formats/source/extract.ts';
import { generatedTotal } from './generated.ts';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

function args(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(a.slice(2), next);
      i += 1;
    } else out.set(a.slice(2), '');
  }
  return out;
}

const opts = args(process.argv.slice(2));
const GENERATED = Number(opts.get('generated') ?? 20);
const SEED = Number(opts.get('seed') ?? 20190515);
const DETAILS = opts.has('details');

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(2)} %`);
const pad = (v: string | number, n: number) => String(v).padStart(n);
const mark = (ok: boolean) => (ok ? 'yes' : 'NO');

async function main(): Promise<void> {
  const started = performance.now();
  const names = (await readdir(REAL)).filter((n) => /\.(?:txt|pdf)$/.test(n)).sort();
  const total = { files: 0, cells: 0, exact: 0, undetermined: 0, flagged: 0, missed: 0, invented: 0, wrong: 0, org: 0, year: 0, unread: 0 };
  console.log(`gongkai import on the real corpus — ${names.length} reports (fixtures/real), scored as tools/score_import.py scores`);
  console.log(`${'file'.padEnd(22)}${pad('cells', 6)}${pad('exact', 7)}${pad('undet.', 8)}${pad('flagged', 8)}${pad('missed', 7)}${pad('invented', 9)}${pad('wrong', 6)}${pad('exact %', 10)}  org  year  ms`);
  for (const name of names) {
    const base = name.replace(/\.(?:txt|pdf)$/, '');
    const expected: unknown = JSON.parse(await readFile(join(REAL, `${base}.expected.json`), 'utf8'));
    const t0 = performance.now();
    const extracted = await extractText(new Uint8Array(await readFile(join(REAL, name))), name);
    const imported = extracted.ok ? importReportText(extracted.text, { hints: { fileName: name, ...(extracted.title ? { title: extracted.title } : {}) } }) : null;
    const ms = performance.now() - t0;
    const s: RealScore = scoreReal(expected, imported ? reportToJson(imported.report) : null, imported?.findings ?? []);
    total.files += 1;
    total.cells += s.cells;
    total.exact += s.exact;
    total.undetermined += s.undetermined;
    total.flagged += s.undeterminedFlagged;
    total.missed += s.missed;
    total.invented += s.invented;
    total.wrong += s.wrong;
    if (s.organization) total.org += 1;
    if (s.year) total.year += 1;
    if (!imported) total.unread += 1;
    console.log(
      `${basename(name).padEnd(22)}${pad(s.cells, 6)}${pad(s.exact, 7)}${pad(s.undetermined, 8)}${pad(s.undeterminedFlagged, 8)}${pad(s.missed, 7)}${pad(s.invented, 9)}${pad(s.wrong, 6)}${pad(pct(s.exact, s.cells), 10)}  ${mark(s.organization).padEnd(5)}${mark(s.year).padEnd(6)}${ms.toFixed(0)}` +
        (extracted.ok ? '' : `  (not extracted: ${extracted.problem.code})`),
    );
    if (DETAILS) for (const c of s.bad) console.log(`    ${c.outcome.padEnd(9)}${c.path}: expected ${c.expected ?? 'null'}, got ${c.got ?? 'null'}`);
  }
  const t = total;
  console.log(`${'TOTAL'.padEnd(22)}${pad(t.cells, 6)}${pad(t.exact, 7)}${pad(t.undetermined, 8)}${pad(t.flagged, 8)}${pad(t.missed, 7)}${pad(t.invented, 9)}${pad(t.wrong, 6)}${pad(pct(t.exact, t.cells), 10)}  ${t.org}/${t.files} ${t.year}/${t.files}`);
  console.log(`real (${t.files} reports): exact ${pct(t.exact, t.cells)} — invented ${t.invented}, wrong ${t.wrong}, missed ${t.missed}; organisation right ${t.org}/${t.files}, year right ${t.year}/${t.files}`);
  console.log('undet.: cells the truth leaves null because no reading of the text fixes them, which the import left null too (part of exact); flagged: of those, named in an import.ambiguous finding.');
  if (GENERATED > 0) {
    const layouts = LAYOUT_NAMES.filter((l) => LAYOUTS[l].record && l !== 'chromiumPdf');
    const g = await generatedTotal(SEED, GENERATED, layouts);
    console.log(`generated (${g.reports} reports): exact ${pct(g.exact, g.cells)} — invented ${g.invented}, missed ${g.missed} (seed ${SEED}, ${GENERATED} per layout: ${layouts.join(', ')}${g.failedExtract ? `; ${g.failedExtract} not extracted` : ''})`);
  }
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
