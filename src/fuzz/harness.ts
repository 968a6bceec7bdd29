/**
 * The fuzzing loop of one target: cases [from, to) of a seeded run in a worker thread (./worker.ts) under a heap cap,
 * watched from this thread. A case that fails inside the worker is posted with its input; a case that never answers
 * (the worker stuck past WATCHDOG_MS) or that kills the worker (heap, crash) is known by the index the worker wrote
 * into shared memory, rebuilt here from (seed, index), and the worker restarted after it. Every failing input goes into
 * the corpus (./corpus.ts). The run's position is written to .tmp/fuzz/<target>.json, so `--resume` goes on from
 * there after an interruption.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../formats/source/pool.ts';
import { saveToCorpus } from './corpus.ts';
import { Rng } from './random.ts';
import { MAX_LANES, type Finding, type Target } from './target.ts';
import { makeTarget, type TargetName } from './targets.ts';
import type { FuzzWorkerData, FuzzWorkerMessage } from './worker.ts';

/** A case without an answer for this long is a hang the worker cannot report itself (it is stopped). */
export const WATCHDOG_MS = 10_000;
/** The worker's heap: a case needing more ends the worker (a finding), not the fuzzer. */
const WORKER_HEAP_MB = 1024;

/**
 * Inputs stored per kind of failure and run: the same bug found a thousand times is reported a thousand times (counted
 * under its signature) but kept in the corpus by its first few inputs — the replay in `npm test` stays seconds long.
 */
export const CORPUS_PER_SIGNATURE = 3;

/** A finding's kind and detail with its numbers and quoted text taken out: the same bug, whatever the input. */
export function findingSignature(f: Finding): string {
  return `${f.kind} ${f.detail.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+/g, 'N')}`.slice(0, 160);
}

export const STATE_DIR = fileURLToPath(new URL('../../.tmp/fuzz/', import.meta.url));

export interface RunState {
  readonly target: TargetName;
  readonly seed: number;
  /** The next case to run. */
  readonly next: number;
  /** The end of the run (exclusive). */
  readonly to: number;
}

export interface RunReport {
  readonly target: TargetName;
  readonly cases: number;
  readonly seconds: number;
  readonly findings: readonly { index: number; finding: Finding; description: string; file: string | null }[];
}

export function readState(target: TargetName): RunState | null {
  try {
    return JSON.parse(readFileSync(join(STATE_DIR, `${target}.json`), 'utf8')) as RunState;
  } catch {
    return null;
  }
}

function writeState(state: RunState): void {
  const file = join(STATE_DIR, `${state.target}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state)}\n`);
}

export interface RunOptions {
  readonly corpusDir?: string;
  /** Cases in flight at once (default: the target's own `lanes`). */
  readonly lanes?: number;
  /** A module whose default export makes the target, instead of TARGETS[name] (the harness's own tests). */
  readonly module?: string;
  /** The watchdog's limit (default WATCHDOG_MS; tests shorten it). */
  readonly watchdogMs?: number;
  /** Called every few seconds with the cases done so far. */
  readonly progress?: (done: number, findings: number) => void;
}

/** Run cases [from, to) of `target` with `seed`. Never rejects on a failing case: those are the report. */
export async function fuzzRun(targetName: TargetName, seed: number, from: number, to: number, options: RunOptions = {}): Promise<RunReport> {
  const started = performance.now();
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  const findings: RunReport['findings'][number][] = [];
  /** Cases already reported (a worker restarted below a reported case runs it again). */
  const reported = new Set<number>();
  let local: Target<unknown> | null = null;
  /** A case that ended its worker, rebuilt here from its seed and index. */
  const rebuild = async (index: number): Promise<{ input: unknown; description: string }> => {
    try {
      local ??= await makeTarget(targetName, options.module);
      const input = local.generate(Rng.forCase(seed, index));
      return { input: local.encode(input), description: local.describe(input) };
    } catch (e) {
      // The generator itself failed (a fuzzer bug): reported, with no input to store.
      return { input: null, description: `the case could not be generated: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  const stored = new Map<string, number>();
  const record = (index: number, finding: Finding, input: unknown, description: string): void => {
    if (reported.has(index)) return;
    reported.add(index);
    const signature = findingSignature(finding);
    const n = stored.get(signature) ?? 0;
    const file = input === null || n >= CORPUS_PER_SIGNATURE ? null : saveToCorpus({ target: targetName, finding, seed, index, input }, options.corpusDir);
    if (file !== null) stored.set(signature, n + 1);
    findings.push({ index, finding, description, file });
  };
  let next = from;
  let lastState = 0;
  /** Cases that hung a worker: not run again when a worker restarts below them. */
  const skip = new Set<number>();
  /**
   * After a worker died with several cases in flight, the cases up to this one are run again one at a time, to know
   * which one it was.
   */
  let serialUntil = -1;
  /** What ended the worker before that serial run. */
  let suspect: { kind: 'died' | 'hung'; cases: number[]; detail: string } | null = null;
  const tick = setInterval(() => options.progress?.(next - from, findings.length), 5000);
  try {
    while (next < to) {
      const progress = new SharedArrayBuffer(4 * MAX_LANES);
      const view = new Int32Array(progress);
      view.fill(-1);
      const serial = serialUntil > next;
      const end = serial ? serialUntil : to;
      const lanes = serial ? 1 : options.lanes;
      const data: FuzzWorkerData = { target: targetName, seed, from: next, to: end, progress, skip: [...skip].filter((i) => i >= next), ...(lanes === undefined ? {} : { lanes }), ...(options.module ? { module: options.module } : {}) };
      const worker = startWorker(new URL('./worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      /** The worker's end, or the cases it was on when it died or stopped answering. */
      type Stop = { kind: 'end' } | { kind: 'died' | 'hung'; cases: number[]; detail: string };
      const inFlight = (): number[] => [...view].filter((i) => i >= 0).sort((a, b) => a - b);
      const stopped = await new Promise<Stop>((resolve) => {
        let ready = false;
        /** Per lane: the case seen, and since when. */
        const seen = new Map<number, { index: number; since: number }>();
        let settled = false;
        const settle = (v: Stop): void => {
          if (settled) return;
          settled = true;
          clearInterval(watch);
          resolve(v);
        };
        const watch = setInterval(() => {
          if (!ready) return;
          const now = performance.now();
          let hung = false;
          for (let lane = 0; lane < MAX_LANES; lane += 1) {
            const at = Atomics.load(view, lane);
            const was = seen.get(lane);
            if (at < 0) seen.delete(lane);
            else if (was?.index !== at) seen.set(lane, { index: at, since: now });
            // (The worker's first cases are given longer: they load the modules they reach.)
            else if (now - was.since > (at < data.from + MAX_LANES ? 3 : 1) * watchdogMs) hung = true;
          }
          if (!hung) return;
          // Every case stuck for half the limit: one, or several when the worker's event loop is blocked (then the
          // one blocking it is found by running them again one at a time).
          const stuck = [...seen.values()].filter((v) => now - v.since > watchdogMs / 2).map((v) => v.index).sort((a, b) => a - b);
          settle({ kind: 'hung', cases: stuck, detail: `no answer in ${watchdogMs / 1000} s` });
          void worker.terminate();
        }, 200);
        worker.on('message', (m: FuzzWorkerMessage) => {
          if ('ready' in m) ready = true;
          else if ('finding' in m) record(m.index, m.finding as Finding, m.input, m.description);
          else if ('done' in m) {
            next = Math.max(next, m.done);
            if (performance.now() - lastState > 2000) {
              lastState = performance.now();
              writeState({ target: targetName, seed, next, to });
            }
          } else if ('end' in m) {
            next = end;
            settle({ kind: 'end' });
          }
        });
        worker.on('error', (e: NodeJS.ErrnoException) => settle({ kind: 'died', cases: inFlight(), detail: `${e.code ?? e.name}: ${e.message}`.slice(0, 300) }));
        // Exiting by itself (code 0) before its end: the event loop ran dry with a case in flight, whose promise can then
        // never settle — a hang as much as one the watchdog stops.
        worker.on('exit', (code) => settle(code === 0 ? { kind: 'hung', cases: inFlight(), detail: 'never answered (nothing left that could settle it)' } : { kind: 'died', cases: inFlight(), detail: `the worker exited with ${code}` }));
      });
      await worker.terminate();
      const kindOf = (k: 'died' | 'hung'): Finding['kind'] => (k === 'hung' ? 'hang' : 'workerDeath');
      if (stopped.kind === 'end') {
        if (serial && suspect) {
          // Not seen again one case at a time: reported against the first case that was in flight, with the others named.
          const first = suspect.cases[0] ?? next;
          const { input, description } = await rebuild(first);
          record(first, { kind: kindOf(suspect.kind), detail: `${suspect.detail} (not again one at a time; in flight: ${suspect.cases.join(', ')})` }, input, description);
          suspect = null;
        }
        if (serial) continue;
        break;
      }
      if (stopped.cases.length > 1 && !serial) {
        suspect = stopped;
        serialUntil = (stopped.cases.at(-1) ?? next) + 1;
        continue;
      }
      suspect = null;
      const index = stopped.cases[0] ?? next;
      const { input, description } = await rebuild(index);
      record(index, { kind: kindOf(stopped.kind), detail: stopped.detail }, input, description);
      if (stopped.kind === 'hung') skip.add(index);
      else next = Math.max(next, index + 1);
      writeState({ target: targetName, seed, next, to });
    }
  } finally {
    clearInterval(tick);
    await (local as Target<unknown> | null)?.close();
  }
  writeState({ target: targetName, seed, next, to });
  return { target: targetName, cases: next - from, seconds: (performance.now() - started) / 1000, findings };
}
