/**
 * Import accuracy benchmark: generated "published" reports (src/formats/published — both templates, consistent and
 * with planted errors, blanks, "/" cells and the noise of real publishing) in every layout, run through the real
 * pipeline bytes → extractText → importReportText, and compared with their truth cell by cell. Prints per layout the
 * cells read exactly, invented (a number the report does not print) and missed (a printed number read as null), why
 * cells were missed (the importer's own provenance notes), which document features go with errors, throughput, and
 * the first failing examples with the text around them; the failing files are written to a temp folder.
 *
 *   npm run bench:import -- [--per-layout 330] [--chromium 40] [--seed 20190515] [--layouts space,tabs,…]
 *                           [--examples 8] [--out DIR] [--without order:visual,valuesFirst]
 *
 * --without: also print the totals over the documents that have none of these features (see the feature table).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importReportText, type CellProvenance } from '../src/core/annual-report/import/import-text.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { TABLE_KEYS, TEMPLATES, isTemplateId, tableCells } from '../src/core/annual-report/templates/index.ts';
import { LAYOUT_NAMES, LAYOUTS, NOISE_ODDS, SAMPLE_ODDS, type LayoutName, type PublishedItem } from '../src/formats/published/index.ts';
import { scoreReport, type CellResult } from '../src/formats/published/score.ts';
import { undeterminedCells } from '../src/formats/published/undetermined.ts';
import { importGenerated } from './generated.ts';

function args(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) out.set(a.slice(2), argv[i + 1] ?? '');
    if (a.startsWith('--')) i += 1;
  }
  return out;
}

const opts = args(process.argv.slice(2));
const PER_LAYOUT = Number(opts.get('per-layout') ?? 330);
const CHROMIUM = Number(opts.get('chromium') ?? 40);
const SEED = Number(opts.get('seed') ?? 20190515);
const EXAMPLES = Number(opts.get('examples') ?? 8);
const layouts = (opts.get('layouts')?.split(',') ?? LAYOUT_NAMES) as LayoutName[];
for (const l of layouts) if (!LAYOUTS[l]) throw new Error(`unknown layout ${l}; known: ${LAYOUT_NAMES.join(', ')}`);
const countOf = (l: LayoutName): number => (l === 'chromiumPdf' ? CHROMIUM : PER_LAYOUT);
const WITHOUT = (opts.get('without') ?? '').split(',').filter((f) => f !== '');
const without = { reports: 0, cells: 0, exact: 0, invented: 0, missed: 0 };

interface Stats {
  reports: number;
  cells: number;
  exact: number;
  invented: number;
  missed: number;
  /** Missed cells whose row the source does not determine (undetermined.ts): no importer could read them. */
  undetermined: number;
  meta: number;
  failedExtract: number;
  importMs: number;
  generateMs: number;
  reasons: Map<string, number>;
}
const stats = new Map<LayoutName, Stats>();
const features = new Map<string, { docs: number; cells: number; wrong: number; invented: number }>();

interface Example {
  readonly item: PublishedItem;
  readonly text: string;
  readonly cell: CellResult;
  readonly prov: CellProvenance | undefined;
}
const invented: Example[] = [];
const missedByReason = new Map<string, Example>();

const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

function record(item: PublishedItem, text: string, result: ReturnType<typeof importReportText>, s: Stats): void {
  const got = reportToJson(result.report);
  const score = scoreReport(item.doc.truth, got);
  s.reports += 1;
  s.cells += score.cells;
  s.exact += score.exact;
  s.invented += score.invented;
  s.missed += score.missed;
  const missed = score.wrong.filter((w) => w.outcome === 'missed').map((w) => w.path);
  s.undetermined += undeterminedCells(item.doc.truth, missed, item.doc.printing).size;
  if (score.meta.length > 0) s.meta += 1;
  if (WITHOUT.length > 0 && !item.doc.features.some((f) => WITHOUT.includes(f))) {
    without.reports += 1;
    without.cells += score.cells;
    without.exact += score.exact;
    without.invented += score.invented;
    without.missed += score.missed;
  }
  for (const f of item.doc.features) {
    const e = features.get(f) ?? { docs: 0, cells: 0, wrong: 0, invented: 0 };
    e.docs += 1;
    e.cells += score.cells;
    e.wrong += score.wrong.length;
    e.invented += score.invented;
    features.set(f, e);
  }
  if (score.wrong.length === 0) return;
  const prov = new Map(result.provenance.map((p) => [p.path, p]));
  for (const cell of score.wrong) {
    const p = prov.get(cell.path);
    const reason = cell.outcome === 'invented' ? `invented:${p?.how ?? 'absent'}` : `missed:${p?.note ?? p?.how ?? 'absent'}`;
    bump(s.reasons, reason);
    const example = { item, text, cell, prov: p };
    if (cell.outcome === 'invented' && invented.length < EXAMPLES) invented.push(example);
    const key = `${item.layout} ${reason}`;
    if (cell.outcome === 'missed' && !missedByReason.has(key)) missedByReason.set(key, example);
  }
}

/** The lines of the text around a cell: its provenance line, else the first line holding its row label. */
function around(e: Example): string {
  const lines = e.text.split('\n');
  let line = e.prov?.line;
  if (line === undefined && e.cell.path.startsWith('reviewLitigation.')) {
    // Table 四's one row of values follows its last header line (…尚未审结 总计).
    const i = lines.map((l) => l.includes('总计')).lastIndexOf(true);
    if (i >= 0) line = i + 1;
  } else if (line === undefined && isTemplateId(e.item.doc.truth.template)) {
    const def = TABLE_KEYS.flatMap((t) => tableCells(TEMPLATES[e.item.doc.truth.template as '2019'], t)).find((c) => c.path === e.cell.path);
    const label = (def?.rowLabel.split(' ').pop() ?? '').replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '').slice(0, 4);
    const i = label === '' ? -1 : lines.findIndex((l) => l.includes(label));
    if (i >= 0) line = i + 1;
  }
  if (line === undefined) return '    (row label not found in the text)';
  const from = Math.max(1, line - 3);
  return lines
    .slice(from - 1, line + 3)
    .map((l, i) => `    ${String(from + i).padStart(5)}${from + i === line ? ' >' : '  '} ${l.replace(/\t/g, '→').replace(/\f/g, '␌')}`)
    .join('\n');
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(3)}%`);
const pad = (v: string | number, n: number) => String(v).padStart(n);

async function main(): Promise<void> {
  const started = performance.now();
  for (const layout of layouts) {
    const s: Stats = { reports: 0, cells: 0, exact: 0, invented: 0, missed: 0, undetermined: 0, meta: 0, failedExtract: 0, importMs: 0, generateMs: 0, reasons: new Map() };
    stats.set(layout, s);
    for await (const g of importGenerated(SEED, [layout], countOf)) {
      s.generateMs += g.generateMs;
      if (!g.extracted.ok || !g.result) {
        s.failedExtract += 1;
        continue;
      }
      s.importMs += g.importMs;
      record(g.item, g.extracted.text, g.result, s);
    }
    process.stderr.write(`${layout}: ${s.reports} reports\n`);
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`gongkai import benchmark — seed ${SEED}, ${[...stats.values()].reduce((a, s) => a + s.reports, 0)} reports`);
  console.log(`node ${process.version} · ${cpu} (${cpus().length} cores, import runs on one) · ${process.platform}-${process.arch}`);
  console.log(`sample odds ${JSON.stringify(SAMPLE_ODDS)}\nnoise odds  ${JSON.stringify(NOISE_ODDS)}\n`);
  const head = `${'layout'.padEnd(12)}${pad('reports', 8)}${pad('cells', 9)}${pad('exact', 10)}${pad('invented', 9)}${pad('missed', 8)}${pad('undet.', 7)}${pad('exact*', 10)}${pad('meta≠', 7)}${pad('ms/report', 11)}${pad('reports/s', 11)}${pad('gen ms', 8)}`;
  console.log(head);
  const total = { reports: 0, cells: 0, exact: 0, invented: 0, missed: 0, undetermined: 0, meta: 0 };
  const aside: LayoutName[] = [];
  /** Exact over the cells the source determines. */
  const determined = (x: { exact: number; cells: number; undetermined: number }) => pct(x.exact, x.cells - x.undetermined);
  for (const [layout, s] of stats) {
    if (LAYOUTS[layout].record) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    else aside.push(layout);
    const ms = s.reports ? s.importMs / s.reports : 0;
    console.log(
      `${(LAYOUTS[layout].record ? layout : `(${layout})`).padEnd(12)}${pad(s.reports, 8)}${pad(s.cells, 9)}${pad(pct(s.exact, s.cells), 10)}${pad(s.invented, 9)}${pad(s.missed, 8)}${pad(s.undetermined, 7)}${pad(determined(s), 10)}${pad(s.meta, 7)}` +
        `${pad(ms.toFixed(2), 11)}${pad(ms ? (1000 / ms).toFixed(0) : '—', 11)}${pad(s.reports ? (s.generateMs / s.reports).toFixed(1) : '—', 8)}` +
        (s.failedExtract ? `  (${s.failedExtract} not extracted)` : ''),
    );
  }
  console.log(`${'TOTAL'.padEnd(12)}${pad(total.reports, 8)}${pad(total.cells, 9)}${pad(pct(total.exact, total.cells), 10)}${pad(total.invented, 9)}${pad(total.missed, 8)}${pad(total.undetermined, 7)}${pad(determined(total), 10)}${pad(total.meta, 7)}`);
  if (aside.length > 0) {
    console.log(`(…): not in TOTAL — ${aside.map((l) => `${l}: ${LAYOUTS[l].models}`).join('; ')}. Every other layout is a file as offices publish it.`);
  }
  console.log('undet.: missed cells of rows whose printed numbers fit more than one placement even knowing every other cell (blank cells printed as nothing); exact*: exact over the cells the source determines. Both figures count; neither replaces the other.');
  if (WITHOUT.length > 0) {
    const w = without;
    console.log(`${'TOTAL w/o'.padEnd(12)}${pad(w.reports, 8)}${pad(w.cells, 9)}${pad(pct(w.exact, w.cells), 10)}${pad(w.invented, 9)}${pad(w.missed, 8)}  (documents without ${WITHOUT.join(', ')})`);
  }
  console.log('ms/report and reports/s: extractText + importReportText, one core (docx: mammoth; pdf: pdftotext subprocess). gen ms: generating + rendering.');
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  console.log('Why cells were wrong (importer provenance: invented:how, missed:note)');
  for (const [layout, s] of stats) {
    const list = [...s.reasons.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    console.log(`  ${layout.padEnd(12)} ${list.join(', ') || '—'}`);
  }

  console.log('\nDocument features by error rate (docs with the feature; wrong cells in them; exact % of their cells)');
  const rate = (e: { cells: number; wrong: number }) => e.wrong / Math.max(1, e.cells);
  const rows = [...features.entries()].filter(([, e]) => e.wrong > 0).sort((a, b) => rate(b[1]) - rate(a[1])).slice(0, 25);
  for (const [f, e] of rows) console.log(`  ${f.padEnd(24)}${pad(e.docs, 6)} docs${pad(e.wrong, 7)} wrong${pad(e.invented, 5)} invented  ${pct(e.cells - e.wrong, e.cells)}`);

  const out = opts.get('out') ?? (await mkdtemp(join(tmpdir(), 'gongkai-bench-import-')));
  await mkdir(out, { recursive: true });
  const written = new Set<string>();
  const show = async (title: string, list: readonly Example[]) => {
    console.log(`\n${title}`);
    if (list.length === 0) console.log('  none');
    for (const e of list) {
      const base = `${e.item.layout}-${e.item.seed}`;
      console.log(`  ${e.item.layout} seed ${e.item.seed} ${e.cell.path}: truth ${e.cell.truth} got ${e.cell.got} (${e.prov?.how ?? '?'}${e.prov?.note ? `, ${e.prov.note}` : ''}) features ${e.item.doc.features.join(' ')}`);
      console.log(around(e));
      if (written.has(base)) continue;
      written.add(base);
      await writeFile(join(out, `${base}.${e.item.doc.ext}`), e.item.doc.bytes);
      await writeFile(join(out, `${base}.extracted.txt`), e.text);
      await writeFile(join(out, `${base}.truth.json`), `${JSON.stringify(e.item.doc.truth, null, 2)}\n`);
    }
  };
  await show(`First ${EXAMPLES} invented values`, invented);
  await show('First missed value per layout and reason', [...missedByReason.values()]);
  console.log(`\nFailing files (source, extracted text, truth JSON): ${out}`);
  console.log(`Rebuild one: publishOne(seed, layout) from src/formats/published/index.ts`);
}

await main();
