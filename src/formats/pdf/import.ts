/**
 * PDF → the text the importer reads, pages separated by form feeds (provenance counts pages by them).
 *
 * Both extractors read where each word sits on the page, and ./table-text.ts lays the words out again — a table row
 * on one line, its cells tab-separated, an empty field where the page leaves a cell empty. Text alone (`pdftotext
 * -raw`, unpdf's extractText) prints "商业企业 3 5" for a row with a blank cell and loses which cell it was; the
 * page still shows it. Measured on the five demo reports rendered by ./render.ts (991 cells, `gongkai diff` each):
 * word positions 991 exact with either extractor, `pdftotext -raw` and unpdf's plain text 985 (the 6: values of rows
 * with a blank cell); on 330 generated Word-printed PDFs (`npm run bench:import`, layout wordPdf) see the benchmark.
 *
 * `pdftotext -bbox` is the default: 5–10 times faster than unpdf, and it reads text drawn in non-embedded fonts with
 * predefined Chinese CMaps (Adobe-GB1, common in government PDFs) through poppler-data, where unpdf in Node has no
 * CMap files and gets no text. unpdf (PDF.js text items with their positions) is the fallback that works after
 * `npm ci` alone: when pdftotext is not installed, or cannot read a file. `pdftotextMode: 'raw'` keeps the old
 * content-stream reading for comparison.
 *
 * Characters are passed through as extracted: the importer core normalises Kangxi-radical look-alikes and NFKC.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { problem, type Problem } from '../../core/errors.ts';
import type { OcrReading } from '../../core/annual-report/import/ocr-check.ts';
import { ocrPdfPages, type OcrOptions } from '../ocr/read.ts';
import { isPdf } from '../source/detect.ts';
import { EXTRACT_LIMITS, PDF_LIMITS } from '../source/limits.ts';
import { parseBbox } from './bbox.ts';
import { pagesToText, type PdfPageWords } from './table-text.ts';

export type PdfEngine = 'pdftotext' | 'unpdf';

export interface PdfTextOptions {
  /** 'auto' (default): pdftotext, else unpdf when pdftotext is missing or fails on the file. */
  readonly engine?: 'auto' | PdfEngine;
  /** pdftotext's reading: word boxes laid out again (default), or its raw content-stream text. */
  readonly pdftotextMode?: 'bbox' | 'raw';
  /** The pdftotext command or path (default `pdftotext` on PATH). */
  readonly pdftotext?: string;
  /** Give up on one extractor after this long (default 60 s). */
  readonly timeoutMs?: number;
  /**
   * Told the process group of each pdftotext started, so that whoever terminates this thread (the worker pool at its
   * wall-clock limit) can stop the process too.
   */
  readonly onSpawn?: (pid: number) => void;
  /** Told when a process reported to onSpawn has exited and been reaped (waited for) by this thread. */
  readonly onExit?: (pid: number) => void;
  /** Pages without a text layer (scans) read by OCR (default), or `false`: refused as `import.noTextLayer`. */
  readonly ocr?: OcrOptions | false;
}

/** Who is told of each process started (PdfTextOptions.onSpawn/onExit). */
type ChildWatch = Pick<PdfTextOptions, 'onSpawn' | 'onExit'>;

export type PdfText =
  | { ok: true; text: string; engine: PdfEngine | `${PdfEngine}+ocr`; pages: number; readings?: OcrReading[] }
  | { ok: false; problem: Problem };

const DEFAULT_TIMEOUT_MS = 60_000;
/** Extracted text larger than this is refused (inputs are at most 50 MB). */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL = 2000;

type Attempt =
  /** sizes: each page's width and height in points, when read with positions (the OCR's page units). */
  | { kind: 'ok'; text: string; pages: number; sizes?: readonly { width: number; height: number }[] }
  | { kind: 'missing' }
  | { kind: 'encrypted' }
  | { kind: 'failed'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'tooLarge' };

/**
 * pdftotext reading the PDF from stdin. `-bbox` (the default): every word with its box, laid out again by
 * ./table-text.ts so that a table row keeps its empty cells; `-raw`: the text in content-stream order.
 */
function runPdftotext(command: string, bytes: Uint8Array, timeoutMs: number, mode: 'bbox' | 'raw', pages: { first?: number; last?: number } = {}, watch: ChildWatch = {}): Promise<Attempt> {
  // The word boxes: about a hundred bytes per word (PDF_LIMITS.bboxBytes is a million words).
  const limit = mode === 'bbox' ? PDF_LIMITS.bboxBytes : MAX_TEXT_BYTES;
  const range = [...(pages.first ? ['-f', String(pages.first)] : []), ...(pages.last ? ['-l', String(pages.last)] : [])];
  return new Promise((resolve) => {
    // Its own process group, so that a timeout ends it together with anything it started (a wrapper script); through
    // sh for `ulimit -v`, so that a hostile file cannot take the machine's memory (node's spawn sets no rlimit).
    const script = `ulimit -v ${PDF_LIMITS.pdftotextMemoryMb * 1024} 2>/dev/null; exec "$0" "$@"`;
    const child = spawn('/bin/sh', ['-c', script, command, `-${mode}`, ...range, '-enc', 'UTF-8', 'fd://0', '-'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) {
      watch.onSpawn?.(pid);
      // 'exit' comes once libuv has waited for the process: it is reaped.
      child.once('exit', () => watch.onExit?.(pid));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let outcome: Attempt | null = null;
    const stop = (a: Attempt): void => {
      outcome ??= a;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => stop({ kind: 'timeout' }), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop({ kind: 'tooLarge' });
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4 * STDERR_TAIL);
    });
    // pdftotext may exit before reading all of stdin (e.g. not a PDF): a broken pipe is not our failure.
    child.stdin.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      outcome ??= err.code === 'ENOENT' || err.code === 'EACCES' ? { kind: 'missing' } : { kind: 'failed', reason: err.message };
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (outcome) return resolve(outcome);
      const tail = stderr.trim().slice(-STDERR_TAIL);
      // sh could not run the command: 127 not found, 126 not executable (pdftotext itself exits 0-3 or 99).
      if (code === 127 || code === 126) return resolve({ kind: 'missing' });
      if (/incorrect password/i.test(tail)) return resolve({ kind: 'encrypted' });
      if (code !== 0) return resolve({ kind: 'failed', reason: tail || `pdftotext exited with ${String(code)}` });
      const out = Buffer.concat(chunks).toString('utf8');
      if (mode === 'raw') return resolve({ kind: 'ok', text: out, pages: (out.match(/\f/g) ?? []).length });
      const pages = parseBbox(out);
      const text = pagesToText(pages);
      if (Buffer.byteLength(text) > MAX_TEXT_BYTES) return resolve({ kind: 'tooLarge' });
      resolve({ kind: 'ok', text, pages: pages.length, sizes: pages.map((p) => ({ width: p.width, height: p.height })) });
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/**
 * Pages read with word positions: an annual report has a few dozen pages at most; beyond this, pages are read as raw
 * text (poppler writes word boxes about five times slower than text), so a PDF of thousands of pages stays in
 * bounded time.
 */
export const POSITIONAL_PAGES = 60;

/** pdftotext in the chosen mode; in bbox mode, pages after POSITIONAL_PAGES appended as raw text. */
async function readWithPdftotext(command: string, bytes: Uint8Array, timeoutMs: number, mode: 'bbox' | 'raw', watch: ChildWatch = {}): Promise<Attempt> {
  if (mode === 'raw') return runPdftotext(command, bytes, timeoutMs, 'raw', { last: PDF_LIMITS.pages }, watch);
  const started = Date.now();
  const head = await runPdftotext(command, bytes, timeoutMs, 'bbox', { last: POSITIONAL_PAGES }, watch);
  if (head.kind !== 'ok' || head.pages < POSITIONAL_PAGES) return head;
  // Pages past PDF_LIMITS.pages are not read: no annual report has them.
  const rest = await runPdftotext(command, bytes, Math.max(1, timeoutMs - (Date.now() - started)), 'raw', { first: POSITIONAL_PAGES + 1, last: PDF_LIMITS.pages }, watch);
  // Exactly POSITIONAL_PAGES pages: there is no page after them ("Wrong page range given").
  if (rest.kind === 'failed' && /page range/i.test(rest.reason)) return head;
  if (rest.kind !== 'ok') return rest;
  const text = head.text + rest.text;
  if (Buffer.byteLength(text) > MAX_TEXT_BYTES) return { kind: 'tooLarge' };
  return { kind: 'ok', text, pages: head.pages + rest.pages, ...(head.sizes ? { sizes: head.sizes } : {}) };
}

/**
 * PDF.js (unpdf) in a worker thread: the words of every page, each PDF.js text item (a run of text drawn at one place;
 * horizontal text only) split at spaces, each word's box in proportion to its characters (ASCII half-width), in
 * points from the page's top-left corner. A worker, because PDF.js parses in the thread that calls it: a file that
 * keeps it busy must not stall the web server, and at the timeout the worker is terminated, not merely abandoned.
 * Plain JavaScript evaluated in the worker (no TypeScript loader there); unpdf's location is resolved here.
 */
const UNPDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const units = (s) => [...s].reduce((w, ch) => w + (/[\\x20-\\x7e]/.test(ch) ? 0.5 : 1), 0);
function itemWords(item, pageHeight) {
  const [a = 1, b = 0, , , e = 0, f = 0] = item.transform;
  if (Math.abs(b) > 1e-6 * Math.abs(a) || item.str.trim() === '') return [];
  const size = item.height > 0 ? item.height : Math.abs(a);
  const perUnit = item.width / Math.max(units(item.str), 0.5);
  const y1 = pageHeight - f + 0.2 * size;
  const words = [];
  let x = e;
  for (const piece of item.str.split(/( +)/)) {
    const w = units(piece) * perUnit;
    if (piece.trim() !== '') words.push({ x0: x, x1: x + w, y0: y1 - size, y1, text: piece });
    x += w;
  }
  return words;
}
(async () => {
  try {
    const { getDocumentProxy } = await import(workerData.unpdf);
    const proxy = await getDocumentProxy(workerData.bytes, { verbosity: 0 });
    const pages = [];
    for (let n = 1; n <= proxy.numPages; n += 1) {
      const page = await proxy.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      pages.push({ width, height, words: content.items.flatMap((item) => ('str' in item ? itemWords(item, height) : [])) });
    }
    parentPort.postMessage({ kind: 'ok', pages });
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    parentPort.postMessage(name === 'PasswordException' ? { kind: 'encrypted' } : { kind: 'failed', reason: err instanceof Error ? err.name + ': ' + err.message : String(err) });
  }
})();
`;

type WorkerReply = { kind: 'ok'; pages: PdfPageWords[] } | { kind: 'encrypted' } | { kind: 'failed'; reason: string };

/** unpdf in a worker thread (UNPDF_WORKER), then the words laid out again; terminated at the timeout. */
function runUnpdf(bytes: Uint8Array, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    let settled = false;
    // PDF.js may detach the buffer it is given: the worker gets a copy.
    // Its own heap cap: the extraction pool's limit on its thread does not reach a thread it starts.
    const worker = new Worker(UNPDF_WORKER, {
      eval: true,
      workerData: { bytes: new Uint8Array(bytes), unpdf: import.meta.resolve('unpdf') },
      resourceLimits: { maxOldGenerationSizeMb: EXTRACT_LIMITS.heapMb, maxYoungGenerationSizeMb: EXTRACT_LIMITS.youngMb, stackSizeMb: EXTRACT_LIMITS.stackMb },
    });
    const finish = (a: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(a);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind !== 'ok') return finish(reply);
      const text = pagesToText(reply.pages);
      if (Buffer.byteLength(text) > MAX_TEXT_BYTES) return finish({ kind: 'tooLarge' });
      finish({ kind: 'ok', text: reply.pages.length > 0 ? text : '', pages: reply.pages.length, sizes: reply.pages.map((p) => ({ width: p.width, height: p.height })) });
    });
    worker.on('error', (err: NodeJS.ErrnoException) => finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'tooLarge' } : { kind: 'failed', reason: err.message }));
    worker.on('exit', (code) => finish({ kind: 'failed', reason: `the PDF.js worker exited with ${code}` }));
  });
}

/** The coded problem of a failed extraction attempt (exported for its test). */
export function failure(a: Exclude<Attempt, { kind: 'ok' }>, engine: string, timeoutMs: number): Problem {
  switch (a.kind) {
    case 'encrypted':
      return problem('import.pdfEncrypted', '');
    case 'timeout':
      return problem('import.timeout', '', { zh: `${engine} 超时（${timeoutMs / 1000} 秒）`, en: `${engine} timed out (${timeoutMs / 1000} s)` }, { timeoutMs });
    case 'tooLarge':
      // The upload itself was within bounds; what cannot be processed is what it holds (422, not 413).
      return problem(
        'import.tooLarge',
        '',
        {
          zh: `提取的文字超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB（或词框超过 ${PDF_LIMITS.bboxBytes / 1024 / 1024} MB、内存超过上限）`,
          en: `the extracted text exceeds ${MAX_TEXT_BYTES / 1024 / 1024} MB (or its word boxes ${PDF_LIMITS.bboxBytes / 1024 / 1024} MB, or memory its cap)`,
        },
        { maxTextBytes: MAX_TEXT_BYTES, maxBboxBytes: PDF_LIMITS.bboxBytes },
      );
    case 'missing':
      return problem('import.extractFailed', '', { zh: `未找到 ${engine}`, en: `${engine} not found` });
    case 'failed':
      return problem('import.notPdf', '', { zh: a.reason, en: a.reason }, { engine, reason: a.reason });
  }
}

const hasText = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

/**
 * Pages without a text layer (scanned pages: images only, no letter or digit) read by OCR and put in their place; the
 * other pages keep their text. Only the pages read with positions (POSITIONAL_PAGES) are looked at.
 */
async function withOcr(a: Extract<Attempt, { kind: 'ok' }>, engine: PdfEngine, bytes: Uint8Array, options: PdfTextOptions): Promise<PdfText> {
  const pages = a.text.split('\f');
  const scanned = pages.slice(0, Math.min(a.pages, POSITIONAL_PAGES)).flatMap((p, i) => (hasText(p) ? [] : [i + 1]));
  if (options.ocr === false || scanned.length === 0) return checkText(a, engine);
  const onSpawn = options.onSpawn;
  const ocr = await ocrPdfPages(bytes, scanned, { ...options.ocr, ...(onSpawn ? { onSpawn } : {}) }, a.sizes);
  if (!ocr.ok) return { ok: false, problem: ocr.problem };
  const read = ocr.text.split('\f');
  scanned.forEach((n, k) => {
    pages[n - 1] = read[k] ?? '';
  });
  // The OCR's k-th page is the PDF's page scanned[k - 1].
  const readings = ocr.readings.map((r) => ({ ...r, box: { ...r.box, page: scanned[r.box.page - 1] ?? r.box.page } }));
  const checked = checkText({ ...a, text: pages.join('\f') }, `${engine}+ocr`);
  return checked.ok ? { ...checked, readings } : checked;
}

/** A text layer has letters or digits; a scanned PDF has pages of images and none. */
function checkText(a: Extract<Attempt, { kind: 'ok' }>, engine: Extract<PdfText, { ok: true }>['engine']): PdfText {
  if (!hasText(a.text)) {
    // unpdf has no CMap files in Node: text in non-embedded fonts with predefined Chinese CMaps reads as nothing.
    const detail =
      engine === 'unpdf'
        ? { zh: '若文件使用未嵌入的中文字体，请安装 poppler-utils（pdftotext）后重试', en: 'if it uses non-embedded Chinese fonts, install poppler-utils (pdftotext) and retry' }
        : undefined;
    return { ok: false, problem: problem('import.noTextLayer', '', detail, { pages: a.pages, engine }) };
  }
  return { ok: true, text: a.text, engine, pages: a.pages };
}

/**
 * The text of a PDF, pages separated by '\f'. Errors (as values, never thrown): `import.notPdf` (no PDF header, or
 * unreadable), `import.pdfEncrypted` (needs a password), `import.noTextLayer` (scanned: no text to read),
 * `import.timeout`, `import.tooLarge` (text over 64 MB, word boxes over PDF_LIMITS, memory), `import.extractFailed`
 * (the chosen extractor missing).
 */
export async function pdfToText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfText> {
  if (!isPdf(bytes)) {
    return { ok: false, problem: problem('import.notPdf', '', { zh: '文件开头没有 %PDF- 标记', en: 'the file does not start with %PDF-' }) };
  }
  const engine = options.engine ?? 'auto';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (engine !== 'unpdf') {
    const first = await readWithPdftotext(options.pdftotext ?? 'pdftotext', bytes, timeoutMs, options.pdftotextMode ?? 'bbox', options);
    if (first.kind === 'ok') return withOcr(first, 'pdftotext', bytes, options);
    // Only a missing pdftotext, or a file it cannot read, is worth a second opinion.
    if (engine === 'pdftotext' || (first.kind !== 'missing' && first.kind !== 'failed')) {
      return { ok: false, problem: failure(first, 'pdftotext', timeoutMs) };
    }
    const second = await runUnpdf(bytes, timeoutMs);
    if (second.kind === 'ok') return withOcr(second, 'unpdf', bytes, options);
    // Neither could read it: pdftotext's message is the more telling one.
    if (second.kind === 'failed' && first.kind === 'failed') return { ok: false, problem: failure(first, 'pdftotext', timeoutMs) };
    return { ok: false, problem: failure(second, 'unpdf', timeoutMs) };
  }
  const only = await runUnpdf(bytes, timeoutMs);
  return only.kind === 'ok' ? withOcr(only, 'unpdf', bytes, options) : { ok: false, problem: failure(only, 'unpdf', timeoutMs) };
}
