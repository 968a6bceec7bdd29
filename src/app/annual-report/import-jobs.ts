/**
 * A web upload that turns out to be a scan (issue 13 item 6): OCR reads a page in seconds, a 30-page scan in minutes,
 * so the request must not wait for it. The import starts as always; if the extractor reports a page to read by OCR
 * before the import is done, it becomes a job — recorded with its progress (pages done of all) as the pages are read,
 * its result kept when it ends — and the request returns at once with the job's id; the page follows the job, as the
 * season import's page does (../season/import-jobs.ts). Any other file (text, Word, a PDF with a text layer) is read
 * in the request as before: no job, the result at once. Which way a file goes depends only on what it is, never on
 * how long it takes.
 */
import type { ImportReportDeps, ImportReportInput, ImportReportResult } from './import-report.ts';
import { importReport } from './import-report.ts';

export type ImportJobState = 'running' | 'done' | 'failed';

export interface ImportJob {
  readonly id: string;
  /** The uploaded file's name. */
  readonly name: string;
  readonly state: ImportJobState;
  /** Pages read by OCR so far, and in all. */
  readonly done: number;
  readonly total: number;
  /** The import's result once done (a file that could not be read is a result too: ok false with its problem). */
  readonly result: ImportReportResult | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where jobs live while they run and a while after (the page reads them from here). */
export interface ImportJobStore {
  create(job: ImportJob): Promise<void>;
  progress(id: string, done: number, total: number, at: string): Promise<void>;
  finish(id: string, state: Exclude<ImportJobState, 'running'>, result: ImportReportResult | null, at: string): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
}

export interface ImportJobDeps extends ImportReportDeps {
  readonly jobs: ImportJobStore;
  /** An unguessable id: the job's page shows the uploaded report to whoever has its address. */
  readonly newId: () => string;
  readonly now: () => string;
}

export type ImportOrJob = { readonly kind: 'done'; readonly result: ImportReportResult } | { readonly kind: 'job'; readonly id: string; readonly finished: Promise<void> };

/**
 * Import `input`, or — when it is read by OCR page by page — start it as a job and return its id as soon as the first
 * page report arrives (before that page is read). `finished` settles when the job has ended (tests wait for it; the
 * web does not); it never rejects: a failure of the import itself ends the job as failed. A failure before any page
 * report rejects as importReport would.
 */
export function importOrJob(deps: ImportJobDeps, input: ImportReportInput): Promise<ImportOrJob> {
  let id: string | null = null;
  // The store's writes in order: creation, each page, the end.
  let writes: Promise<void> = Promise.resolve();
  let becameJob: (id: string) => void = () => undefined;
  let notJob: (error: unknown) => void = () => undefined;
  const job = new Promise<string>((resolve, reject) => {
    becameJob = resolve;
    notJob = reject;
  });
  job.catch(() => undefined);
  const onProgress = (p: { readonly done: number; readonly total: number }): void => {
    input.onProgress?.(p);
    const at = deps.now();
    if (id === null) {
      const jobId = deps.newId();
      id = jobId;
      writes = writes.then(() => deps.jobs.create({ id: jobId, name: input.name, state: 'running', done: p.done, total: p.total, result: null, createdAt: at, updatedAt: at }));
      // A job that cannot be recorded fails the request (as any store error does).
      writes.then(() => becameJob(jobId), notJob);
    } else {
      const jobId = id;
      writes = writes.then(() => deps.jobs.progress(jobId, p.done, p.total, at));
    }
  };
  const work = importReport(deps, { ...input, onProgress });
  const finished = work.then(
    async (result) => {
      await writes;
      if (id !== null) await deps.jobs.finish(id, 'done', result, deps.now());
    },
    async () => {
      await writes.catch(() => undefined);
      if (id !== null) await deps.jobs.finish(id, 'failed', null, deps.now()).catch(() => undefined);
    },
  );
  const safe = finished.catch(() => undefined);
  // Whichever comes first — but a file that reported a page is a job even when its import ended as quickly.
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([settled, job]).then(async () => {
    if (id !== null) return { kind: 'job' as const, id: await job, finished: safe };
    return { kind: 'done' as const, result: await work };
  });
}

/** Jobs in this process's memory: at most `max`, the oldest finished ones dropped first, finished ones after `keepMs`. */
export function memoryImportJobs(options: { max?: number; keepMs?: number } = {}): ImportJobStore {
  const max = options.max ?? 100;
  const keepMs = options.keepMs ?? 60 * 60 * 1000;
  const jobs = new Map<string, ImportJob>();
  const update = (id: string, change: Partial<ImportJob>): void => {
    const job = jobs.get(id);
    if (job) jobs.set(id, { ...job, ...change });
  };
  return {
    create(job) {
      const now = Date.parse(job.createdAt);
      for (const [k, j] of jobs) if (j.state !== 'running' && now - Date.parse(j.updatedAt) > keepMs) jobs.delete(k);
      // Map order is insertion order: the oldest first.
      for (const [k, j] of jobs) {
        if (jobs.size < max) break;
        if (j.state !== 'running') jobs.delete(k);
      }
      jobs.set(job.id, job);
      return Promise.resolve();
    },
    progress(id, done, total, at) {
      update(id, { done, total, updatedAt: at });
      return Promise.resolve();
    },
    finish(id, state, result, at) {
      update(id, { state, result, updatedAt: at });
      return Promise.resolve();
    },
    get(id) {
      return Promise.resolve(jobs.get(id) ?? null);
    },
  };
}
