/**
 * `node --import tsx bench/scan-diagnose.ts --dpi 200 --defect noise [--generated 2] [--real yes|no] [--only NAME]` — the
 * per-cell diagnosis behind bench:scan: the same scans (./scan-defects.ts), read page by page in this process, as the
 * pipeline reads them (pageImage: pdftoppm, the red channel; ocrPage). Prints, per report, every value
 * read below the confidence threshold (raw text, confidence, box in points) and every cell that came out null or wrong
 * with its truth. A tool for tuning the clean-up, not a figure of record (bench:scan is).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { importReportText } from '../src/core/annual-report/import/import-text.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { ocrPage } from '../src/formats/ocr/page.ts';
import { pageImage, pageText, rasterDpi } from '../src/formats/ocr/read.ts';
import { jpegsToPdf } from '../src/formats/ocr/scan-pdf.ts';
import { generatePublished } from '../src/formats/published/index.ts';
import { scoreReal } from '../src/formats/published/score-real.ts';
import { scoreReport } from '../src/formats/published/score.ts';
import { OCR_LIMITS } from '../src/formats/source/limits.ts';
import { render, scanPage } from './scan-defects.ts';

const opts = new Map<string, string>();
process.argv.slice(2).forEach((a, i, all) => {
  if (a.startsWith('--')) opts.set(a.slice(2), all[i + 1] ?? '');
});
const DPI = Number(opts.get('dpi') ?? 200);
const DEFECT = opts.get('defect') ?? 'clean';
const GENERATED = Number(opts.get('generated') ?? 2);
const ONLY = opts.get('only');
const SHARED_REAL = fileURLToPath(new URL('../../shared/corpus/real/', import.meta.url));
const REAL = existsSync(SHARED_REAL) ? SHARED_REAL : fileURLToPath(new URL('../fixtures/real/', import.meta.url));

type Misses = (json: Record<string, unknown> | null, findings: readonly { code: string; cells: readonly string[] }[]) => string[];
const sources: { name: string; pdf: Uint8Array; misses: Misses }[] = [];
if (GENERATED > 0) {
  for await (const item of generatePublished(Number(opts.get('seed') ?? 20190515), GENERATED, { layouts: ['wordPdf'] })) {
    const truth = item.doc.truth;
    sources.push({ name: item.doc.name, pdf: item.doc.bytes, misses: (json) => (json ? scoreReport(truth, json).wrong.map((c) => `${c.outcome} ${c.path} ${String(c.truth)}→${String(c.got)}`) : ['not read']) });
  }
}
if ((opts.get('real') ?? 'yes') !== 'no') {
  for (const name of readdirSync(REAL).filter((n) => n.endsWith('.pdf')).sort()) {
    const expected: unknown = JSON.parse(readFileSync(join(REAL, name.replace(/\.pdf$/, '.expected.json')), 'utf8'));
    sources.push({ name, pdf: new Uint8Array(readFileSync(join(REAL, name))), misses: (json, findings) => scoreReal(expected, json, findings).bad.map((c) => `${c.outcome} ${c.path} ${String(c.expected)}→${String(c.got)}`) });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'gongkai-diag-'));
try {
  for (const s of sources) {
    if (ONLY && !s.name.includes(ONLY)) continue;
    const pages = render(s.pdf, DPI, dir);
    const jpegs = await Promise.all(pages.map((p) => scanPage(p, DEFECT, DPI)));
    const scan = join(dir, 'scan.pdf');
    const scanBytes = jpegsToPdf(jpegs, DPI);
    writeFileSync(scan, scanBytes);
    let text = '';
    const t0 = performance.now();
    for (let n = 1; n <= jpegs.length; n += 1) {
      const image = await pageImage(scanBytes, n);
      if ('code' in image) throw new Error(image.message);
      const meta = await sharp(jpegs[n - 1]).metadata();
      const dpi = rasterDpi({ width: ((meta.width ?? 1) * 72) / DPI, height: ((meta.height ?? 1) * 72) / DPI });
      const page = await ocrPage(image, dpi);
      text += pageText(page, n).text;
      const doubtful = page.values.filter((v) => v.confidence < OCR_LIMITS.confidence);
      console.log(`${s.name} p${n}: ${page.values.length} values, quarters ${page.quarters}, skew ${page.skew}; below ${OCR_LIMITS.confidence}: ${doubtful.map((v) => `"${v.text}" ${v.confidence.toFixed(2)} @${v.box.map((b) => b.toFixed(0)).join(',')}`).join('; ')}`);
    }
    const imported = importReportText(text, { hints: { fileName: s.name }, ocr: true });
    const misses = s.misses(reportToJson(imported.report), imported.findings);
    console.log(`${s.name}: ${jpegs.length} pages ${((performance.now() - t0) / 1000).toFixed(1)} s; ${misses.length} not exact:\n  ${misses.join('\n  ')}`);
    if (opts.get('text')) writeFileSync(`${opts.get('text')}-${s.name}.txt`, text);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
