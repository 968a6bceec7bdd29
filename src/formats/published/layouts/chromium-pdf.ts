/**
 * Layout `chromiumPdf` — a PDF printed from a web page by Chromium (what offices get from "print to PDF" in a browser,
 * and what gongkai's own PDF export does): the `html` layout's page with a print stylesheet — a TrueType CJK font,
 * header rows in `<thead>` (Chromium repeats them on every page a table crosses), page numbers and a running header
 * in the @page margin boxes — printed by the system Chromium. Slow (a browser per file): the benchmark runs fewer.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rng } from '../../../core/annual-report/generate.ts';
import { pdfSupport } from '../../pdf/render.ts';
import { titleOf, truthOf, type PublishedDoc } from '../document.ts';
import type { PublishedSample } from '../sample.ts';
import { htmlPage } from './html.ts';

const TIMEOUT_MS = 60_000;

/** Print an HTML page to PDF with the system Chromium. Rejects when Chromium is missing, fails or times out. */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const support = pdfSupport();
  if (!support.ok) throw new Error(support.problem.message);
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-published-'));
  try {
    const page = join(dir, 'page.html');
    const out = join(dir, 'page.pdf');
    await writeFile(page, html, 'utf8');
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`, '--no-pdf-header-footer', pathToFileURL(page).href,
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(support.browser, args, { stdio: 'ignore', detached: true });
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        reject(new Error('Chromium timed out'));
      }, TIMEOUT_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    const pdf = await readFile(out);
    if (code !== 0) throw new Error(`Chromium exited with ${String(code)}`);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Render a sample as a PDF printed by Chromium from its web page. */
export async function renderChromiumPdf(sample: PublishedSample, rng: Rng): Promise<PublishedDoc> {
  const { html, features } = htmlPage(sample, rng, true);
  const bytes = await printHtmlToPdf(html);
  return { layout: 'chromiumPdf', name: `${titleOf(sample)}.pdf`, ext: 'pdf', bytes, truth: truthOf(sample), source: html, features };
}
