/**
 * A pool of worker threads for work on untrusted bytes (docs/decisions.md "Untrusted files"). Each worker is created
 * with V8 resourceLimits, so a file that grows the heap past the cap ends its worker and not the process; each job has
 * a wall-clock limit, past which its worker (and any process it started) is stopped and replaced; jobs wait in a
 * bounded queue, and one more is refused at once (`busy`) rather than piling up. The file's bytes are transferred to
 * the worker, not copied again. The pool holds node's event loop only while a job runs, so a CLI exits when done.
 *
 * A long job (OCR: a 30-page scan takes minutes) asks for the pool's *long lane* before its long part (`lane` reply):
 * from then on its worker no longer counts among the pool's `workers`, so another is started for the short jobs (a
 * .docx upload is answered while a scan is read), and at most `longJobs` long jobs run at once — the others wait, their
 * clock stopped, for the lane (granted in order), still counted in the queue's bound.
 *
 * The worker script runs under tsx (tests, `npm start` from the sources) and from the esbuild bundle in dist/
 * (scripts/build.mjs builds it as its own entry, bin/launch.js ENTRIES.extractWorker): ./extract-worker.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { EXTRACT_LIMITS, OCR_LIMITS } from './limits.ts';

export interface PoolOptions {
  /** Worker threads (default EXTRACT_LIMITS.workers, at most the CPUs). */
  readonly workers?: number;
  /** Jobs waiting beyond the running ones before `busy` (default EXTRACT_LIMITS.queue). */
  readonly queue?: number;
  /** Wall-clock limit of one job, from the moment a worker takes it (default EXTRACT_LIMITS.timeoutMs). */
  readonly timeoutMs?: number;
  /** A job that reports progress keeps running at most this long (default OCR_LIMITS.fileMs). */
  readonly maxMs?: number;
  /** A worker's old-generation heap in MB (default EXTRACT_LIMITS.heapMb). */
  readonly heapMb?: number;
  /** Long jobs running at once in the long lane, beside the `workers` (default EXTRACT_LIMITS.longJobs). */
  readonly longJobs?: number;
  /** The worker script (default ./extract-worker.ts, or the bundle's extract-worker.js); tests pass their own. */
  readonly script?: URL;
}

/** Why a job gave no answer. */
export type PoolFailure =
  | { readonly kind: 'busy'; readonly queued: number }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'memory'; readonly heapMb: number }
  | { readonly kind: 'crashed'; readonly detail: string };

export type PoolOutcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly failure: PoolFailure };

/**
 * What a worker script posts: `ready` once it listens (a job's time starts when a ready worker takes it, so a slow
 * start-up is not charged to the file), then per job the answer, or the process group of a child it started.
 */
export type WorkerReply =
  | { readonly ready: true }
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly spawned: number }
  | { readonly id: number; readonly exited: number }
  | { readonly id: number; readonly progress: Progress }
  | { readonly id: number; readonly lane: true };

/** What the pool posts to a worker: a job, or the long lane granted to the job that asked for it (`lane` reply). */
export type PoolMessage = { readonly id: number; readonly job: unknown } | { readonly id: number; readonly granted: true };

/**
 * A long job's progress (OCR: pages read of all). Each report grants the job its time limit again, from then on, up
 * to `maxMs` from its start (PoolOptions).
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/**
 * How long a stopped worker is left alive after its processes were killed, for its event loop to reap them (the
 * `exited` replies). A terminated worker's loop no longer waits for what it started, and nothing else in node can:
 * terminated at once, a killed pdftotext stays a zombie until the server exits. A worker busy in JavaScript cannot
 * reap either; it is terminated after this grace.
 */
export const REAP_GRACE_MS = 1000;

export interface WorkerPool {
  /** Run a job (its ArrayBuffers in `transfer` move to the worker). Never rejects. */
  /** Run a job (its ArrayBuffers in `transfer` move to the worker), told its progress. Never rejects. */
  readonly run: <R>(job: unknown, transfer?: readonly ArrayBuffer[], onProgress?: (p: Progress) => void) => Promise<PoolOutcome<R>>;
  /**
   * Running, queued (waiting for a worker or for the long lane), live workers, how many workers were ever started (a
   * replaced worker counts anew), and the long jobs (in the lane or waiting for it).
   */
  readonly stats: () => { readonly running: number; readonly queued: number; readonly workers: number; readonly started: number; readonly long: number };
  /**
   * Start the pool's workers now rather than at the first job (the server, once it listens: a worker's start — tsx,
   * mammoth, PDF.js, the importer — took seconds, which the first upload of a process waited). One at a time, so a
   * starting worker leaves the other cores to the requests. Resolves when all are ready (or the pool is closed, or a
   * worker died starting). Never rejects.
   */
  readonly warm: () => Promise<void>;
  /** Stop every worker; queued jobs end `crashed`. Never rejects. */
  readonly close: () => Promise<void>;
}

interface Pending {
  readonly job: unknown;
  readonly transfer: readonly ArrayBuffer[];
  readonly onProgress?: (p: Progress) => void;
  readonly resolve: (o: PoolOutcome<unknown>) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  current: { readonly id: number; readonly pending: Pending; timer: NodeJS.Timeout; started: number } | null;
  /** Its job asked for the long lane: 'waiting' for it, or 'granted'. The worker is then outside the pool's `workers`. */
  long: 'waiting' | 'granted' | null;
  /** The process groups started by the worker and not yet reaped by it. */
  readonly children: Set<number>;
  /** Stopped: terminated once its children are reaped (or after REAP_GRACE_MS). */
  stopping: boolean;
}

/** The tsx loader, registered in a worker started from the TypeScript sources (plain CommonJS, evaluated). */
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((m) => { m.register(); return import(workerData.entry); });
`;

/**
 * A worker thread running `script`: a TypeScript file through the tsx loader (registered in the worker: a worker does
 * not inherit the loader of `node --import tsx`), a JavaScript file (the bundle) as it is.
 */
export function startWorker(script: URL, options: { readonly resourceLimits?: ResourceLimits; readonly workerData?: unknown } = {}): Worker {
  const limits = options.resourceLimits ? { resourceLimits: options.resourceLimits } : {};
  return script.pathname.endsWith('.ts')
    ? new Worker(TSX_BOOT, { eval: true, workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: script.href, data: options.workerData }, ...limits })
    : new Worker(script, { workerData: { data: options.workerData }, ...limits });
}

/** The default worker script: beside this file under tsx; in the bundle, dist/extract-worker.js (this code is in dist/ or dist/chunks/). */
function defaultScript(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./extract-worker.ts', here);
  for (const candidate of ['./extract-worker.js', '../extract-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return new URL('../extract-worker.js', here);
}

/** Kill a child's process group (it was started detached). Never throws. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A pool of worker threads running `script`. Workers start on demand. Never throws. */
export function createWorkerPool(options: PoolOptions = {}): WorkerPool {
  const size = Math.max(1, options.workers ?? EXTRACT_LIMITS.workers);
  const maxQueue = Math.max(0, options.queue ?? EXTRACT_LIMITS.queue);
  const timeoutMs = options.timeoutMs ?? EXTRACT_LIMITS.timeoutMs;
  const maxMs = options.maxMs ?? OCR_LIMITS.fileMs;
  const heapMb = options.heapMb ?? EXTRACT_LIMITS.heapMb;
  const longJobs = Math.max(1, options.longJobs ?? EXTRACT_LIMITS.longJobs);
  const script = options.script ?? defaultScript();
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let started = 0;
  let closed = false;

  const spawnWorker = (): Slot => {
    const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: EXTRACT_LIMITS.youngMb, stackSizeMb: EXTRACT_LIMITS.stackMb };
    const worker = startWorker(script, { resourceLimits });
    started += 1;
    const slot: Slot = { worker, ready: false, current: null, long: null, children: new Set(), stopping: false };
    // Held while starting: a job is waiting for it.
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        worker.unref();
        return pump();
      }
      if ('exited' in reply) {
        slot.children.delete(reply.exited);
        if (slot.stopping && slot.children.size === 0) void worker.terminate();
        return;
      }
      if ('spawned' in reply) {
        // Killed at once when the worker is already being stopped.
        slot.children.add(reply.spawned);
        if (slot.stopping) killGroup(reply.spawned);
        return;
      }
      const cur = slot.current;
      if (!cur || reply.id !== cur.id) return;
      if ('lane' in reply) {
        // A long job: out of the workers' count (another may start for the short jobs), its clock stopped until the
        // lane is its.
        if (slot.long !== null) return;
        clearTimeout(cur.timer);
        slot.long = 'waiting';
        grantLanes();
        return pump();
      }
      if ('progress' in reply) {
        // Progress: the job's time limit again from now, but never past maxMs from its start.
        clearTimeout(cur.timer);
        const left = Math.max(0, Math.min(timeoutMs, cur.started + maxMs - Date.now()));
        cur.timer = setTimeout(() => fail(slot, { kind: 'timeout', timeoutMs: Date.now() - cur.started }), left);
        cur.timer.unref();
        cur.pending.onProgress?.(reply.progress);
        return;
      }
      finish(slot, { ok: true, value: reply.result });
    });
    // An error ends the worker: past its heap cap, or a bug in the script. Either way its job fails, not the process.
    worker.on('error', (err: NodeJS.ErrnoException) => {
      fail(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory', heapMb } : { kind: 'crashed', detail: err.message });
    });
    worker.on('exit', (code) => fail(slot, { kind: 'crashed', detail: `the worker exited with ${code}` }));
    slots.push(slot);
    return slot;
  };

  /** The workers counted in the pool's size: those not running a long job. */
  const shortSlots = (): Slot[] => slots.filter((s) => s.long === null);

  /** The long lane given, in order of asking, while fewer than `longJobs` hold it; the job's time starts again. */
  const grantLanes = (): void => {
    while (slots.filter((s) => s.long === 'granted').length < longJobs) {
      const slot = slots.find((s) => s.long === 'waiting');
      const cur = slot?.current;
      if (!slot || !cur) return;
      slot.long = 'granted';
      cur.started = Date.now();
      cur.timer = setTimeout(() => fail(slot, { kind: 'timeout', timeoutMs }), timeoutMs);
      cur.timer.unref();
      slot.worker.postMessage({ id: cur.id, granted: true } satisfies PoolMessage);
    }
  };

  /** A job's answer: free the slot and give it the next job. */
  const finish = (slot: Slot, outcome: PoolOutcome<unknown>): void => {
    const cur = slot.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    slot.current = null;
    const wasLong = slot.long !== null;
    slot.long = null;
    cur.pending.resolve(outcome);
    slot.worker.unref();
    // A long job's worker back among the short ones beyond the pool's size (one was started in its place): ended.
    if (wasLong && shortSlots().length > size) {
      slots.splice(slots.indexOf(slot), 1);
      slot.stopping = true;
      if (slot.children.size === 0) void slot.worker.terminate();
      else setTimeout(() => void slot.worker.terminate(), REAP_GRACE_MS).unref();
    }
    grantLanes();
    pump();
  };

  /** A job that ended its worker (or must): stop the worker and what it started, drop the slot, answer, go on. */
  const fail = (slot: Slot, failure: PoolFailure): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    // A worker that dies before it is ready would be started again and again: the first waiting job fails instead.
    if (!slot.ready && slots.every((s) => !s.ready)) queue.shift()?.resolve({ ok: false, failure });
    const cur = slot.current;
    slot.current = null;
    if (cur) clearTimeout(cur.timer);
    // Kill what it started, let its loop reap them, then terminate it (at once when nothing is left to reap).
    slot.stopping = true;
    for (const pid of slot.children) killGroup(pid);
    if (slot.children.size === 0) void slot.worker.terminate();
    else setTimeout(() => void slot.worker.terminate(), REAP_GRACE_MS).unref();
    cur?.pending.resolve({ ok: false, failure });
    grantLanes();
    pump();
  };

  const dispatch = (slot: Slot, pending: Pending): void => {
    nextId += 1;
    const id = nextId;
    const timer = setTimeout(() => fail(slot, { kind: 'timeout', timeoutMs }), timeoutMs);
    timer.unref();
    slot.current = { id, pending, timer, started: Date.now() };
    slot.worker.ref();
    slot.worker.postMessage({ id, job: pending.job } satisfies PoolMessage, [...pending.transfer]);
  };

  const pump = (): void => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.ready && s.current === null);
      if (!slot) {
        // More jobs waiting than workers starting: start one more, up to the pool's size.
        const starting = slots.filter((s) => !s.ready).length;
        if (shortSlots().length < size && starting < queue.length) spawnWorker();
        return;
      }
      const pending = queue.shift();
      if (pending) dispatch(slot, pending);
    }
  };

  const warm = async (): Promise<void> => {
    while (!closed && slots.length < size) {
      // Held while starting, as for a job (then unref'd once ready).
      const slot = spawnWorker();
      const ready = await new Promise<boolean>((resolve) => {
        slot.worker.once('message', (reply: WorkerReply) => resolve('ready' in reply));
        slot.worker.once('exit', () => resolve(false));
      });
      if (!ready) return;
    }
  };

  return {
    warm,
    run: <R>(job: unknown, transfer: readonly ArrayBuffer[] = [], onProgress?: (p: Progress) => void): Promise<PoolOutcome<R>> =>
      new Promise<PoolOutcome<R>>((resolve) => {
        if (closed) return resolve({ ok: false, failure: { kind: 'crashed', detail: 'the pool is closed' } });
        // Waiting room: the queue's bound plus the workers not running a job (started or still starting); a long job
        // waiting for the lane waits in it too.
        const running = shortSlots().filter((s) => s.current !== null).length;
        const waiting = queue.length + slots.filter((s) => s.long === 'waiting').length;
        if (waiting >= maxQueue + size - running) return resolve({ ok: false, failure: { kind: 'busy', queued: waiting } });
        queue.push({ job, transfer, ...(onProgress ? { onProgress } : {}), resolve: resolve as (o: PoolOutcome<unknown>) => void });
        pump();
      }),
    stats: () => ({
      running: slots.filter((s) => s.current !== null && s.long !== 'waiting').length,
      queued: queue.length + slots.filter((s) => s.long === 'waiting').length,
      workers: slots.length,
      started,
      long: slots.filter((s) => s.long !== null).length,
    }),
    close: async () => {
      closed = true;
      for (const p of queue.splice(0)) p.resolve({ ok: false, failure: { kind: 'crashed', detail: 'the pool is closed' } });
      await Promise.all([...slots].map(async (slot) => fail(slot, { kind: 'crashed', detail: 'the pool is closed' })));
    },
  };
}
