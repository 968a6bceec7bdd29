/**
 * PDF reading benchmark (not a test: nothing here asserts): how the ways of reading a PDF compare, measured on
 * (1) the five demo reports rendered to PDF by gongkai's own renderer (Chromium), imported and compared cell by cell
 * with their JSON — word positions (pdftotext -bbox, unpdf) against text alone (pdftotext -raw); and (2) the time to
 * read a long PDF of tables (600 pages by default), which the 60-page positional limit bounds.
 *
 *   npm run bench:pdf -- [--pages 600]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { importReportText } from '../src/core/annual-report/import/import-text.ts';
import { parseReportJson } from '../src/core/annual-report/parse.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { pdfToText, type PdfTextOptions } from '../src/formats/pdf/import.ts';
import { renderPdf } from '../src/formats/pdf/render.ts';
import { writePdf, type PdfItem } from '../src/formats/published/pdf-writer.ts';
import { scoreReport } from '../src/formats/published/score.ts';

const at = process.argv.indexOf('--pages');
const PAGES = at >= 0 ? Number(process.argv[at + 1]) : 600;

const READINGS: readonly (readonly [string, PdfTextOptions])[] = [
  ['pdftotext word positions (default)', { engine: 'pdftotext' }],
  ['unpdf word positions (fallback)', { engine: 'unpdf' }],
  ['pdftotext -raw text alone', { engine: 'pdftotext', pdftotextMode: 'raw' }],
];

console.log('1. The five demo reports, rendered to PDF, imported, compared cell by cell');
const dir = new URL('../demo/reports/', import.meta.url);
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseReportJson(readFileSync(new URL(f, dir), 'utf8')))
  .flatMap((p) => (p.ok ? [p.report] : []));
const pdfs = await Promise.all(reports.map((r) => renderPdf(r)));
for (const [name, options] of READINGS) {
  let cells = 0;
  let exact = 0;
  let invented = 0;
  for (const [i, pdf] of pdfs.entries()) {
    const read = await pdfToText(pdf, options);
    const truth = reports[i];
    if (!read.ok || !truth) continue;
    const score = scoreReport(reportToJson(truth), reportToJson(importReportText(read.text).report));
    cells += score.cells;
    exact += score.exact;
    invented += score.invented;
  }
  console.log(`   ${name.padEnd(36)} ${exact}/${cells} cells exact, ${invented} invented`);
}

console.log(`\n2. A PDF of ${PAGES} pages of tables (45 rows of a label and 7 numbers each)`);
const pages: PdfItem[][] = Array.from({ length: PAGES }, (_, p) =>
  Array.from({ length: 45 }, (_, r): PdfItem[] => [
    { kind: 'text', x: 60, y: 60 + r * 16, size: 10, text: `第${r}行标签其他对外管理服务事项` },
    ...Array.from({ length: 7 }, (_, c): PdfItem => ({ kind: 'text', x: 240 + c * 45, y: 60 + r * 16, size: 10, text: String((p * 7 + r * 3 + c) % 997) })),
  ]).flat(),
);
const big = writePdf(pages, 'pages of tables');
for (const [name, options] of READINGS.filter(([, o]) => o.engine === 'pdftotext')) {
  const started = performance.now();
  const read = await pdfToText(big, options);
  const s = (performance.now() - started) / 1000;
  const mb = read.ok ? Buffer.byteLength(read.text) / 1e6 : 0;
  console.log(`   ${name.padEnd(36)} ${s.toFixed(2)} s for ${(big.length / 1e6).toFixed(1)} MB of PDF, ${mb.toFixed(2)} MB of text (${(s / Math.max(mb, 1e-9)).toFixed(2)} s per MB)`);
}
