/**
 * Scans → the text the importer reads: the pages of an image file (PNG, JPEG, TIFF) or the image-only pages of a PDF
 * (rasterised by poppler's pdftoppm, the package that already gives pdftotext) read by OCR (./page.ts) and laid out by
 * the positional table reader, pages separated by form feeds. Runs in the extraction pool's worker (../source/pool.ts):
 * each page read is reported (`onPage`), which grants the next page its time there.
 */
import { spawn } from 'node:child_process';
import type { OcrReading } from '../../core/annual-report/import/ocr-check.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { pagesToTextSpans, type WordSpan } from '../pdf/table-text.ts';
import { OCR_LIMITS } from '../source/limits.ts';
import { decodeImage, loadSharp, redChannel, tooManyPages, type Gray } from './image.ts';
import type { OcrPage, OcrWord } from './page.ts';
import { ocrSession } from './remote.ts';

export interface OcrOptions {
  /** Told before the first page (0 done) and after each page read (pages done, pages in all). */
  readonly onPage?: (done: number, total: number) => void;
  /** Told the process group of each pdftoppm started (the pool stops it with the worker at its limit). */
  readonly onSpawn?: (pid: number) => void;
  /**
   * Awaited after the first report (0 done), before the first page is read: the extraction pool's long lane
   * (../source/pool.ts), so a scan does not hold one of the workers text files are read in.
   */
  readonly lane?: () => Promise<void>;
  /** The pdftoppm command or path (default `pdftoppm` on PATH). */
  readonly pdftoppm?: string;
}

/**
 * The text of the pages read, and each value written into it with its confidence and page box (offsets in its own
 * page's text; page k of `text` is the k-th page read).
 */
export type OcrText = { ok: true; text: string; pages: number; readings: OcrReading[] } | { ok: false; problem: Problem };

const tenth = (n: number): number => Number(n.toFixed(1));

/** The values of one page as written into its text (page `n`): the confidence of their least sure word, their box. */
export function pageReadings(spans: readonly WordSpan[], n: number): OcrReading[] {
  const out: OcrReading[] = [];
  for (const sp of spans) {
    const read = sp.words.flatMap((w) => ((w as OcrWord).ocr ? [(w as OcrWord).ocr as NonNullable<OcrWord['ocr']>] : []));
    if (read.length === 0) continue;
    const x0 = Math.min(...read.map((v) => v.box[0]));
    const y0 = Math.min(...read.map((v) => v.box[1]));
    const x1 = Math.max(...read.map((v) => v.box[2]));
    const y1 = Math.max(...read.map((v) => v.box[3]));
    const confidence = Number(Math.min(...read.map((v) => v.confidence)).toFixed(3));
    out.push({ start: sp.start, end: sp.end, confidence, box: { page: n, x: tenth(x0), y: tenth(y0), w: tenth(x1 - x0), h: tenth(y1 - y0) } });
  }
  return out;
}

/** One page read → its text (ending with a form feed) and its readings. */
export function pageText(page: OcrPage, n: number): { text: string; readings: OcrReading[] } {
  const { text, spans } = pagesToTextSpans([page.page]);
  return { text, readings: pageReadings(spans, n) };
}

/** Pages read by OCR, laid out one by one (a table is not continued from a text page to a scanned one). */
async function readPages(pages: readonly { image: () => Promise<Gray | Problem>; dpi: number }[], options: OcrOptions): Promise<OcrText> {
  let text = '';
  const readings: OcrReading[] = [];
  const session = ocrSession(options.onSpawn);
  // Told before the first page too: the caller knows at once that pages are to be read (the web makes it a job).
  options.onPage?.(0, pages.length);
  await options.lane?.();
  try {
    for (const [i, p] of pages.entries()) {
      const image = await p.image();
      if ('code' in image) return { ok: false, problem: image };
      const page = await session.page(image, p.dpi);
      const read = pageText(page, i + 1);
      text += read.text;
      readings.push(...read.readings);
      options.onPage?.(i + 1, pages.length);
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: problem('import.extractFailed', '', { zh: reason, en: reason }, { engine: 'ocr' }) };
  } finally {
    session.close();
  }
  return { ok: true, text, pages: pages.length, readings };
}

/** OCR of an image file's pages. Errors: `import.notImage`, `import.tooLarge` (pixels, pages). */
export async function ocrImage(bytes: Uint8Array, options: OcrOptions = {}): Promise<OcrText> {
  const decoded = await decodeImage(bytes);
  if (!decoded.ok) return decoded;
  return readPages(decoded.pages.map((p) => ({ image: () => Promise.resolve(p.image), dpi: p.dpi })), options);
}

/**
 * The longer side in pixels of the largest image drawn on a PDF page, from `pdfimages -list` (poppler-utils, beside
 * pdftoppm); 0 when it cannot tell (no pdfimages, no image). Never rejects.
 */
function pageImageSide(bytes: Uint8Array, page: number, options: OcrOptions): Promise<number> {
  return new Promise((resolve) => {
    const script = `ulimit -v ${OCR_LIMITS.pdftoppmMemoryMb * 1024} 2>/dev/null; exec "$0" "$@"`;
    const command = (options.pdftoppm ?? 'pdftoppm').replace(/pdftoppm$/, 'pdfimages');
    const child = spawn('/bin/sh', ['-c', script, command, '-list', '-f', String(page), '-l', String(page), 'fd://0'], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      if (out.length < 100_000) out += c;
    });
    child.stdin.on('error', () => undefined);
    child.on('error', () => resolve(0));
    child.on('close', (code) => {
      if (code !== 0) return resolve(0);
      // page num type width height …: the images of the page (not masks), the largest.
      let side = 0;
      for (const line of out.split('\n')) {
        const f = line.trim().split(/\s+/);
        if (f[0] === String(page) && f[2] === 'image') side = Math.max(side, Number(f[3]) || 0, Number(f[4]) || 0);
      }
      resolve(side);
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** One PDF page rendered by pdftoppm (PNG on stdout, colour: the seal is dropped by its colour), or why not. */
function rasterise(bytes: Uint8Array, page: number, options: OcrOptions, longSide: number = OCR_LIMITS.rasterLongSide): Promise<{ ok: true; png: Buffer } | { ok: false; reason: string; missing?: boolean }> {
  return new Promise((resolve) => {
    const script = `ulimit -v ${OCR_LIMITS.pdftoppmMemoryMb * 1024} 2>/dev/null; exec "$0" "$@"`;
    const args = ['-f', String(page), '-l', String(page), '-scale-to', String(longSide), '-png', 'fd://0'];
    const child = spawn('/bin/sh', ['-c', script, options.pdftoppm ?? 'pdftoppm', ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let over = false;
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      // A PNG of longSide² RGB pixels is at most about 3 bytes a pixel.
      if (size > 3 * longSide ** 2 + 1e6) {
        over = true;
        child.kill('SIGKILL');
      } else chunks.push(c);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      stderr = (stderr + c).slice(-2000);
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => resolve({ ok: false, reason: err.message }));
    child.on('close', (code) => {
      if (over) return resolve({ ok: false, reason: 'the rendered page is too large' });
      if (code === 127 || code === 126) return resolve({ ok: false, reason: 'pdftoppm not found', missing: true });
      if (code !== 0) return resolve({ ok: false, reason: stderr.trim() || `pdftoppm exited with ${String(code)}` });
      resolve({ ok: true, png: Buffer.concat(chunks) });
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** The problem of a PDF whose scanned pages cannot be rasterised: pdftoppm missing (with the install command), or failing. */
function rasterProblem(r: { reason: string; missing?: boolean }): Problem {
  return r.missing
    ? problem('import.noTextLayer', '', { zh: '扫描页需要 pdftoppm 转为图像后识别：请安装 poppler-utils（sudo apt-get install -y poppler-utils）', en: 'scanned pages are rasterised by pdftoppm before OCR: install poppler-utils (sudo apt-get install -y poppler-utils)' })
    : problem('import.extractFailed', '', { zh: r.reason, en: r.reason }, { engine: 'pdftoppm' });
}

/**
 * The resolution a page is rasterised at (its longer side OCR_LIMITS.rasterLongSide pixels), from its size in points
 * when known (then the words' boxes are in the page's own points); else A4's, 200 dpi.
 */
export function rasterDpi(size: { width: number; height: number } | undefined): number {
  const long = size ? Math.max(size.width, size.height) : 0;
  return long > 0 ? (OCR_LIMITS.rasterLongSide * 72) / long : 200;
}

/**
 * A PDF page as the grey image OCR reads (the seal dropped by its colour), its longer side OCR_LIMITS.rasterLongSide
 * pixels. A scan finer than that (300 dpi) is rendered at its own resolution and brought down by sharp (libvips'
 * shrink and lanczos3: every source pixel counts), not by pdftoppm, whose downscaling broke thin print. Exported for
 * bench/scan-diagnose.ts.
 */
export async function pageImage(bytes: Uint8Array, n: number, options: OcrOptions = {}): Promise<Gray | Problem> {
  const sharp = await loadSharp();
  const side = await pageImageSide(bytes, n, options);
  const fine = side > OCR_LIMITS.rasterLongSide * 1.1;
  const r = await rasterise(bytes, n, options, fine ? Math.min(side, OCR_LIMITS.rasterMaxLongSide) : OCR_LIMITS.rasterLongSide);
  if (!r.ok) return rasterProblem(r);
  let img = sharp(r.png, { limitInputPixels: OCR_LIMITS.pixels }).removeAlpha().toColourspace('srgb');
  if (fine) img = img.resize({ width: OCR_LIMITS.rasterLongSide, height: OCR_LIMITS.rasterLongSide, fit: 'inside', kernel: 'lanczos3' });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return redChannel(data, info.width, info.height, info.channels);
}

/**
 * OCR of the given pages of a PDF (1-based), each rasterised with its longer side OCR_LIMITS.rasterLongSide pixels
 * (200 dpi for A4). Errors: `import.tooLarge` (more than OCR_LIMITS.pages), `import.noTextLayer` (no pdftoppm),
 * `import.extractFailed`.
 */
export async function ocrPdfPages(bytes: Uint8Array, pageNumbers: readonly number[], options: OcrOptions = {}, sizes: readonly { width: number; height: number }[] = []): Promise<OcrText> {
  if (pageNumbers.length > OCR_LIMITS.pages) return { ok: false, problem: tooManyPages(pageNumbers.length) };
  return readPages(
    pageNumbers.map((n) => ({
      dpi: rasterDpi(sizes[n - 1]),
      image: () => pageImage(bytes, n, options),
    })),
    options,
  );
}
