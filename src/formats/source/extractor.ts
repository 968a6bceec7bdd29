/**
 * The TextExtractor port (src/app/annual-report/ports.ts) over ./extract.ts, run in the extraction pool (./pool.ts):
 * the CLI, the web upload and the season import hand it to the `importReport` use case, and no untrusted file is
 * read on the server's event loop. The pool's refusals become coded problems: `import.busy` (queue full),
 * `import.timeout` (wall-clock limit), `import.tooLarge` (heap cap), `import.extractFailed` (the worker died).
 */
import type { ExtractedImportResult, TextExtractor } from '../../app/annual-report/ports.ts';
import type { ImportOptions } from '../../core/annual-report/import/import-text.ts';
import { problem, type Problem } from '../../core/errors.ts';
import type { CrawlColumns, CrawlTable } from '../crawl/table.ts';
import type { ExtractedText, ExtractOptions } from './extract.ts';
import type { ExtractJob } from './extract-worker.ts';
import { EXTRACT_LIMITS } from './limits.ts';
import { createWorkerPool, type PoolFailure, type Progress, type WorkerPool } from './pool.ts';

let shared: WorkerPool | null = null;

/** The process's extraction pool (EXTRACT_LIMITS), started at its first job. Never throws. */
export function extractionPool(): WorkerPool {
  shared ??= createWorkerPool();
  return shared;
}

/** The coded problem of a pool failure, located at the file. Never throws. */
export function poolProblem(failure: PoolFailure, at: string): Problem {
  switch (failure.kind) {
    case 'busy':
      return problem('import.busy', at, undefined, { queued: failure.queued });
    case 'timeout':
      return problem('import.timeout', at, { zh: `超过 ${failure.timeoutMs / 1000} 秒`, en: `over ${failure.timeoutMs / 1000} s` }, { timeoutMs: failure.timeoutMs });
    case 'memory':
      return problem('import.tooLarge', at, { zh: `读取时所需内存超过 ${failure.heapMb} MB 上限`, en: `reading it needs more than the ${failure.heapMb} MB memory cap` }, { heapMb: failure.heapMb });
    case 'crashed':
      return problem('import.extractFailed', at, { zh: failure.detail, en: failure.detail }, { worker: 'crashed' });
  }
}

/**
 * A copy of the bytes in an ArrayBuffer of its own, to transfer: the caller's bytes stay theirs. Not `bytes.slice()`:
 * on a Buffer that is a view of the same memory (Buffer#slice is subarray), and transferring its ArrayBuffer detached
 * the caller's bytes — and with a small Buffer, node's shared 8 KB pool under other Buffers too.
 */
export function own(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

async function run<R>(pool: WorkerPool, job: ExtractJob, at: string, onProgress?: (p: Progress) => void): Promise<R | { ok: false; problem: Problem }> {
  const outcome = await pool.run<R>(job, [job.bytes], onProgress);
  return outcome.ok ? outcome.value : { ok: false, problem: poolProblem(outcome.failure, at) };
}

/**
 * extractText (./extract.ts) in the pool. Errors: those of extractText, and `import.busy`, `import.timeout`,
 * `import.tooLarge`, `import.extractFailed` from the pool. Never rejects.
 */
export function extractInPool(bytes: Uint8Array, name?: string, options: ExtractOptions = {}, pool: WorkerPool = extractionPool(), onProgress?: (p: Progress) => void): Promise<ExtractedText> {
  return run<ExtractedText>(pool, { kind: 'extract', bytes: own(bytes), ...(name === undefined ? {} : { name }), options: workerOptions(options) }, name ?? '', onProgress);
}

/** The extraction options as they cross to the worker. */
function workerOptions(options: ExtractOptions): ExtractOptions {
  // pdftotext's own limit ends before the pool's (which also counts the worker's start), so a slow PDF names its extractor.
  const pdfTimeout = Math.min(options.pdf?.timeoutMs ?? EXTRACT_LIMITS.timeoutMs, EXTRACT_LIMITS.timeoutMs - 3000);
  // Functions do not cross to the worker (the worker reports its processes to the pool itself).
  const { onSpawn: _s, onExit: _e, ...pdf } = options.pdf ?? {};
  const { onSpawn: _os, onExit: _oe, ...office } = options.office ?? {};
  return { ...options, pdf: { ...pdf, timeoutMs: pdfTimeout }, office };
}

/**
 * extractText and then the import of its text (core importExtracted) in one job of the pool: the importer core runs in
 * the worker too, under the same wall clock and heap cap. Errors: those of extractInPool. Never rejects.
 */
export function importInPool(bytes: Uint8Array, name: string, importOptions: ImportOptions = {}, options: ExtractOptions = {}, pool: WorkerPool = extractionPool(), onProgress?: (p: Progress) => void): Promise<ExtractedImportResult> {
  return run<ExtractedImportResult>(pool, { kind: 'import', bytes: own(bytes), name, options: workerOptions(options), import: importOptions }, name, onProgress);
}

/** readCrawlTable (../crawl/table.ts) in the pool. Errors: those of readCrawlTable and of the pool. Never rejects. */
export function readCrawlTableInPool(bytes: Uint8Array, name: string, columns: CrawlColumns, pool: WorkerPool = extractionPool()): Promise<CrawlTable> {
  return run<CrawlTable>(pool, { kind: 'crawlTable', bytes: own(bytes), name, columns }, name);
}

/** A text extractor over `pool` (tests pass a pool of their own). Never rejects on bad input. */
export function poolExtractor(pool?: WorkerPool): TextExtractor {
  return {
    extract: (bytes, name, onProgress) => extractInPool(bytes, name, {}, pool, onProgress),
    extractAndImport: (bytes, name, options, onProgress) => importInPool(bytes, name, options, {}, pool, onProgress),
  };
}

/** The text extractor of src/formats/source: sniffs the format from the bytes, reads in the extraction pool. */
export const sourceExtractor: TextExtractor = poolExtractor();
