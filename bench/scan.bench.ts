/**
 * `npm run bench:scan` — the OCR path on scans the project makes of its own reports: generated wordPdf reports
 * (src/formats/published) and the real PDFs of fixtures/real, each page rasterised by pdftoppm at 150, 200 and 300 dpi,
 * given a defect with sharp, put back into an image-only PDF (JPEG pages, as a scanner writes) and read by the real
 * pipeline (extractText → OCR → importReportText with the equation check). Prints per dpi and defect the cells exact,
 * null (missed) and wrong (a value where the truth differs, or where the truth is null), pages per second and the peak
 * memory (this process and the OCR process). Generated reports are scored as bench:import scores them, the real ones
 * as bench:real does (tools/score_import.py's rules). Needs pdftoppm (poppler-utils) and a CJK font (fonts-noto-cjk)
 * to render the generated reports.
 *
 * Options: --dpi 150,200,300 --defects clean,skew,noise,jpeg,faint,seal,rot90,rot180 --generated N (wordPdf reports,
 * default 2) --real yes|no (default yes) --seed S.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReportText } from '../src/core/annual-report/import/import-text.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { jpegsToPdf } from '../src/formats/ocr/scan-pdf.ts';
import { generatePublished } from '../src/formats/published/index.ts';
import { scoreReal } from '../src/formats/published/score-real.ts';
import { scoreReport } from '../src/formats/published/score.ts';
import { extractText } from '../src/formats/source/extract.ts';
import { render, scanPage } from './scan-defects.ts';

// The real PDFs of the shared corpus when it is beside the repo (a benchmark may read it; tests never do), else the copy
// in fixtures/real. --real-dir names another folder (each NAME.pdf with its NAME.expected.json).
const SHARED_REAL = fileURLToPath(new URL('../../shared/corpus/real/', import.meta.url));

function args(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) out.set(a.slice(2), argv[i + 1] ?? '');
  }
  return out;
}

const opts = args(process.argv.slice(2));
const DPIS = (opts.get('dpi') ?? '150,200,300').split(',').map(Number);
const DEFECTS = (opts.get('defects') ?? 'clean,skew,noise,jpeg,faint,seal,rot90,rot180').split(',');
const GENERATED = Number(opts.get('generated') ?? 2);
const WITH_REAL = (opts.get('real') ?? 'yes') !== 'no';
const SEED = Number(opts.get('seed') ?? 20190515);
const REAL = opts.get('real-dir') ?? (existsSync(SHARED_REAL) ? SHARED_REAL : fileURLToPath(new URL('../fixtures/real/', import.meta.url)));

interface Source {
  readonly name: string;
  readonly pdf: Uint8Array;
  /** Scored: cells, exact, null (missed), wrong. */
  readonly score: (json: Record<string, unknown> | null, findings: readonly { code: string; cells: readonly string[] }[]) => { cells: number; exact: number; missed: number; wrong: number; bad: string[] };
}

async function sources(): Promise<Source[]> {
  const out: Source[] = [];
  if (GENERATED > 0) {
    for await (const item of generatePublished(SEED, GENERATED, { layouts: ['wordPdf'] })) {
      const truth = item.doc.truth;
      out.push({
        name: item.doc.name,
        pdf: item.doc.bytes,
        score: (json) => {
          if (!json) return { cells: 0, exact: 0, missed: 0, wrong: 0, bad: [] };
          const s = scoreReport(truth, json);
          return { cells: s.cells, exact: s.exact, missed: s.missed, wrong: s.invented, bad: s.wrong.filter((c) => c.outcome === 'invented').map((c) => `${c.path} ${String(c.truth)}→${String(c.got)}`) };
        },
      });
    }
  }
  if (WITH_REAL) {
    for (const name of readdirSync(REAL).filter((n) => n.endsWith('.pdf')).sort()) {
      const expected: unknown = JSON.parse(await readFile(join(REAL, name.replace(/\.pdf$/, '.expected.json')), 'utf8'));
      out.push({
        name,
        pdf: new Uint8Array(readFileSync(join(REAL, name))),
        score: (json, findings) => {
          const s = scoreReal(expected, json, findings);
          return { cells: s.cells, exact: s.exact, missed: s.missed, wrong: s.wrong + s.invented, bad: s.bad.filter((c) => c.outcome === 'wrong' || c.outcome === 'invented').map((c) => `${c.path} ${String(c.expected)}→${String(c.got)}`) };
        },
      });
    }
  }
  return out;
}

/** Peak resident memory of a process in MB (VmHWM), or 0 when it is gone. */
function peakMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const all = await sources();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-scan-'));
  console.log(`bench:scan — ${all.length} reports (${GENERATED} generated wordPdf, ${all.length - GENERATED} real from ${REAL}), dpi ${DPIS.join('/')}, defects ${DEFECTS.join(', ')}; OCR on the CPU`);
  console.log(`${'dpi'.padStart(4)} ${'defect'.padEnd(8)}${'cells'.padStart(7)}${'exact'.padStart(7)}${'null'.padStart(6)}${'wrong'.padStart(6)}${'exact %'.padStart(9)}${'pages'.padStart(6)}${'pages/s'.padStart(9)}${'peak MB'.padStart(9)}`);
  try {
    for (const dpi of DPIS) {
      const rendered = all.map((s) => ({ s, pages: render(s.pdf, dpi, dir) }));
      for (const defect of DEFECTS) {
        const t = { cells: 0, exact: 0, missed: 0, wrong: 0, pages: 0, ms: 0, peak: 0 };
        const details: string[] = [];
        for (const { s, pages } of rendered) {
          const jpegs = await Promise.all(pages.map((p) => scanPage(p, defect, dpi)));
          const scan = jpegsToPdf(jpegs, dpi);
          const children: number[] = [];
          let peak = 0;
          const poll = setInterval(() => {
            for (const pid of children) peak = Math.max(peak, peakMb(pid));
          }, 100);
          const t0 = performance.now();
          const onSpawn = (pid: number): void => {
            children.push(pid);
          };
          const extracted = await extractText(scan, s.name, { pdf: { onSpawn, ocr: { onSpawn } } });
          t.ms += performance.now() - t0;
          clearInterval(poll);
          t.peak = Math.max(t.peak, peak + process.resourceUsage().maxRSS / 1024);
          const imported = extracted.ok ? importReportText(extracted.text, { hints: { fileName: s.name }, ocr: true }) : null;
          const r = s.score(imported ? reportToJson(imported.report) : null, imported?.findings ?? []);
          t.cells += r.cells;
          t.exact += r.exact;
          t.missed += r.missed;
          t.wrong += r.wrong;
          t.pages += pages.length;
          if (!extracted.ok) details.push(`${s.name}: not read (${extracted.problem.code})`);
          else if (r.wrong > 0) details.push(`${s.name}: ${r.wrong} wrong (${r.bad.join(', ')})`);
        }
        const pct = t.cells === 0 ? '—' : `${((100 * t.exact) / t.cells).toFixed(2)}`;
        console.log(
          `${String(dpi).padStart(4)} ${defect.padEnd(8)}${String(t.cells).padStart(7)}${String(t.exact).padStart(7)}${String(t.missed).padStart(6)}${String(t.wrong).padStart(6)}${pct.padStart(9)}${String(t.pages).padStart(6)}${(t.pages / (t.ms / 1000)).toFixed(3).padStart(9)}${t.peak.toFixed(0).padStart(9)}` +
            (details.length > 0 ? `   (${details.join('; ')})` : ''),
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
