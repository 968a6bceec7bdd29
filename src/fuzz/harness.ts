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
import type { Finding, Target } from './target.ts';
import { TARGETS, type TargetName } from './targets.ts';
import type { FuzzWorkerData, FuzzWorkerMessage } from './worker.ts';

/** A case without an answer for this long is a hang the worker cannot report itself (it is stopped). */
export const WATCHDOG_MS = 10_000;
/** The worker's heap: a case needing more ends the worker (a finding), not the fuzzer. */
const WORKER_HEAP_MB = 1024;

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
  /** Called every few seconds with the cases done so far. */
  readonly progress?: (done: number, findings: number) => void;
}

/** Run cases [from, to) of `target` with `seed`. Never rejects on a failing case: those are the report. */
export async function fuzzRun(targetName: TargetName, seed: number, from: number, to: number, options: RunOptions = {}): Promise<RunReport> {
  const started = performance.now();
  const findings: RunReport['findings'][number][] = [];
  let local: Target<unknown> | null = null;
  /** A case that ended its worker, rebuilt here from its seed and index. */
  const rebuild = async (index: number): Promise<{ input: unknown; description: string }> => {
    try {
      local ??= await TARGETS[targetName]();
      const input = local.generate(Rng.forCase(seed, index));
      return { input: local.encode(input), description: local.describe(input) };
    } catch (e) {
      // The generator itself failed (a fuzzer bug): reported, with no input to store.
      return { input: null, description: `the case could not be generated: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  const record = (index: number, finding: Finding, input: unknown, description: string): void => {
    const file = saveToCorpus({ target: targetName, finding, seed, index, input }, options.corpusDir);
    findings.push({ index, finding, description, file });
  };
  let next = from;
  let lastState = 0;
  const tick = setInterval(() => options.progress?.(next - from, findings.length), 5000);
  try {
    while (next < to) {
      const progress = new SharedArrayBuffer(4);
      const view = new Int32Array(progress);
      Atomics.store(view, 0, next);
      const data: FuzzWorkerData = { target: targetName, seed, from: next, to, progress };
      const worker = startWorker(new URL('./worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      // Ends when the worker has run to `to`, or died, or hung: then the index it was on.
      const stopped = await new Promise<{ kind: 'end' } | { kind: 'died' | 'hung'; index: number; detail: string }>((resolve) => {
        let ready = false;
        let seen = -1;
        let since = performance.now();
        let settled = false;
        const settle = (v: { kind: 'end' } | { kind: 'died' | 'hung'; index: number; detail: string }): void => {
          if (settled) return;
          settled = true;
          clearInterval(watch);
          resolve(v);
        };
        const watch = setInterval(() => {
          if (!ready) return;
          const at = Atomics.load(view, 0);
          if (at !== seen) {
            seen = at;
            since = performance.now();
          } else if (performance.now() - since > (at === data.from ? 3 : 1) * WATCHDOG_MS) {
            // (The worker's first case is given longer: it loads the modules that case reaches.)
            settle({ kind: 'hung', index: at, detail: `no answer in ${WATCHDOG_MS / 1000} s` });
            void worker.terminate();
          }
        }, 200);
        worker.on('message', (m: FuzzWorkerMessage) => {
          if ('ready' in m) ready = true;
          else if ('finding' in m) record(m.index, m.finding as Finding, m.input, m.description);
          else if ('done' in m) {
            next = m.done;
            if (performance.now() - lastState > 2000) {
              lastState = performance.now();
              writeState({ target: targetName, seed, next, to });
            }
          } else if ('end' in m) {
            next = to;
            settle({ kind: 'end' });
          }
        });
        worker.on('error', (e: NodeJS.ErrnoException) => settle({ kind: 'died', index: Atomics.load(view, 0), detail: `${e.code ?? e.name}: ${e.message}`.slice(0, 300) }));
        worker.on('exit', (code) => settle({ kind: 'died', index: Atomics.load(view, 0), detail: `the worker exited with ${code}` }));
      });
      await worker.terminate();
      if (stopped.kind === 'end') break;
      const { input, description } = await rebuild(stopped.index);
      record(stopped.index, { kind: stopped.kind === 'hung' ? 'hang' : 'workerDeath', detail: stopped.detail }, input, description);
      next = stopped.index + 1;
      writeState({ target: targetName, seed, next, to });
    }
  } finally {
    clearInterval(tick);
    await (local as Target<unknown> | null)?.close();
  }
  writeState({ target: targetName, seed, next, to });
  return { target: targetName, cases: next - from, seconds: (performance.now() - started) / 1000, findings };
}
