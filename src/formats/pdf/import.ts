/**
 * PDF → the text the importer reads, pages separated by form feeds (provenance counts pages by them).
 *
 * Two extractors, chosen by measurement: the five demo reports rendered by ./render.ts, extracted, imported by
 * importReportText and compared cell by cell with their JSON (815 table cells in all). `pdftotext -raw` 809 and unpdf
 * 809 (the 6 misses: values of rows whose first cell is blank, which space-separated text cannot place);
 * `pdftotext -layout` 557 and `pdftotext` default mode 249 (they pull a row's label and values apart).
 * `pdftotext -raw` is the default: as accurate, 5–10 times faster, and it reads text drawn in non-embedded fonts with
 * predefined Chinese CMaps (Adobe-GB1, common in government PDFs) through poppler-data, where unpdf in Node has no
 * CMap files and gets no text. unpdf is the fallback that works after `npm ci` alone: when pdftotext is not
 * installed, or cannot read a file.
 *
 * Characters are passed through as extracted: the importer core normalises Kangxi-radical look-alikes and NFKC.
 */
import { spawn } from 'node:child_process';
import { problem, type Problem } from '../../core/errors.ts';
import { isPdf } from '../source/detect.ts';

export type PdfEngine = 'pdftotext' | 'unpdf';

export interface PdfTextOptions {
  /** 'auto' (default): pdftotext, else unpdf when pdftotext is missing or fails on the file. */
  readonly engine?: 'auto' | PdfEngine;
  /** The pdftotext command or path (default `pdftotext` on PATH). */
  readonly pdftotext?: string;
  /** Give up on one extractor after this long (default 60 s). */
  readonly timeoutMs?: number;
}

export type PdfText =
  | { ok: true; text: string; engine: PdfEngine; pages: number }
  | { ok: false; problem: Problem };

const DEFAULT_TIMEOUT_MS = 60_000;
/** Extracted text larger than this is refused (inputs are at most 50 MB). */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL = 2000;

type Attempt =
  | { kind: 'ok'; text: string; pages: number }
  | { kind: 'missing' }
  | { kind: 'encrypted' }
  | { kind: 'failed'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'tooLarge' };

/** `pdftotext -raw` reading the PDF from stdin: raw mode keeps each row's label and values on one line. */
function runPdftotext(command: string, bytes: Uint8Array, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    // Its own process group, so that a timeout ends it together with anything it started (a wrapper script).
    const child = spawn(command, ['-raw', '-enc', 'UTF-8', 'fd://0', '-'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
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
      if (size > MAX_TEXT_BYTES) stop({ kind: 'tooLarge' });
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
      if (/incorrect password/i.test(tail)) return resolve({ kind: 'encrypted' });
      if (code !== 0) return resolve({ kind: 'failed', reason: tail || `pdftotext exited with ${String(code)}` });
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ kind: 'ok', text, pages: (text.match(/\f/g) ?? []).length });
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** unpdf (PDF.js, pure JS), loaded only when needed; pages joined like pdftotext's output (each ends with \f). */
async function runUnpdf(bytes: Uint8Array, timeoutMs: number): Promise<Attempt> {
  let timedOut = false;
  let doc: { destroy(): Promise<void> } | null = null;
  const release = (): void => {
    void doc?.destroy().catch(() => undefined);
    doc = null;
  };
  const work = (async (): Promise<Attempt> => {
    try {
      const { extractText, getDocumentProxy } = await import('unpdf');
      // PDF.js may detach the buffer it is given: hand it a copy. Verbosity 0: errors only, no font warnings.
      const proxy = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      doc = proxy;
      if (timedOut) return { kind: 'timeout' };
      const { text, totalPages } = await extractText(proxy, { mergePages: false });
      const joined = text.map((page) => (page.endsWith('\n') ? page : `${page}\n`)).join('\f');
      if (Buffer.byteLength(joined) > MAX_TEXT_BYTES) return { kind: 'tooLarge' };
      return { kind: 'ok', text: totalPages > 0 ? `${joined}\f` : '', pages: totalPages };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'PasswordException') return { kind: 'encrypted' };
      return { kind: 'failed', reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    } finally {
      // PDF.js runs in this thread: a late finish after a timeout still frees the document.
      if (timedOut) release();
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Attempt>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve({ kind: 'timeout' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    release();
  }
}

/** The coded problem of a failed extraction attempt (exported for its test). */
export function failure(a: Exclude<Attempt, { kind: 'ok' }>, engine: string, timeoutMs: number): Problem {
  switch (a.kind) {
    case 'encrypted':
      return problem('import.pdfEncrypted', '');
    case 'timeout':
      return problem('import.extractFailed', '', { zh: `${engine} 超时（${timeoutMs / 1000} 秒）`, en: `${engine} timed out (${timeoutMs / 1000} s)` });
    case 'tooLarge':
      // The upload itself was within bounds; what cannot be processed is its text (422, not 413).
      return problem('import.extractFailed', '', { zh: `提取的文字超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB，不像是一份年度报告`, en: `the extracted text exceeds ${MAX_TEXT_BYTES / 1024 / 1024} MB; this is not an annual report` }, { maxTextBytes: MAX_TEXT_BYTES });
    case 'missing':
      return problem('import.extractFailed', '', { zh: `未找到 ${engine}`, en: `${engine} not found` });
    case 'failed':
      return problem('import.notPdf', '', { zh: a.reason, en: a.reason }, { engine, reason: a.reason });
  }
}

/** A text layer has letters or digits; a scanned PDF has pages of images and none. */
function checkText(a: Extract<Attempt, { kind: 'ok' }>, engine: PdfEngine): PdfText {
  if (!/[\p{L}\p{N}]/u.test(a.text)) {
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
 * `import.extractFailed` (timeout, the chosen extractor missing, or text over 64 MB).
 */
export async function pdfToText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfText> {
  if (!isPdf(bytes)) {
    return { ok: false, problem: problem('import.notPdf', '', { zh: '文件开头没有 %PDF- 标记', en: 'the file does not start with %PDF-' }) };
  }
  const engine = options.engine ?? 'auto';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (engine !== 'unpdf') {
    const first = await runPdftotext(options.pdftotext ?? 'pdftotext', bytes, timeoutMs);
    if (first.kind === 'ok') return checkText(first, 'pdftotext');
    // Only a missing pdftotext, or a file it cannot read, is worth a second opinion.
    if (engine === 'pdftotext' || (first.kind !== 'missing' && first.kind !== 'failed')) {
      return { ok: false, problem: failure(first, 'pdftotext', timeoutMs) };
    }
    const second = await runUnpdf(bytes, timeoutMs);
    if (second.kind === 'ok') return checkText(second, 'unpdf');
    // Neither could read it: pdftotext's message is the more telling one.
    if (second.kind === 'failed' && first.kind === 'failed') return { ok: false, problem: failure(first, 'pdftotext', timeoutMs) };
    return { ok: false, problem: failure(second, 'unpdf', timeoutMs) };
  }
  const only = await runUnpdf(bytes, timeoutMs);
  return only.kind === 'ok' ? checkText(only, 'unpdf') : { ok: false, problem: failure(only, 'unpdf', timeoutMs) };
}
