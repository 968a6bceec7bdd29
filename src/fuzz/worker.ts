/**
 * The fuzzer's worker thread (./harness.ts starts one per target): runs cases [from, to) of a run in `lanes` loops
 * at once (several cases in flight: the HTTP targets wait on scrypt and the importer on its extraction pool), each
 * lane writing the index of the case it is on into its slot of shared memory before the case and -1 after it (so the
 * harness knows which case hung or killed the thread), and posting every finding with the case's encoded input.
 *
 * A case over HANG_MS with other cases in flight is timed again alone (the other lanes wait), so that a hang is the
 * case's own time, not its neighbours'. The target's `reset` (a fresh world from its snapshot) also runs alone, every
 * `resetEvery` cases. Progress is posted as the low-water mark: every case below it is done, so a resumed run loses
 * nothing (cases above it done already are run again).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from './random.ts';
import { errorDetail, MAX_LANES, type Finding } from './target.ts';
import { makeTarget, type TargetName } from './targets.ts';

export interface FuzzWorkerData {
  readonly target: TargetName;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Cases in flight at once (default: the target's `lanes`, at most MAX_LANES). */
  readonly lanes?: number;
  /** Cases not to run (they hung the worker before). */
  readonly skip: readonly number[];
  /** A module whose default export makes the target, instead of TARGETS[target] (the harness's own tests). */
  readonly module?: string;
  /** Int32Array over it: [lane] the case that lane is running, -1 when idle. */
  readonly progress: SharedArrayBuffer;
}

export type FuzzWorkerMessage =
  | { readonly ready: true }
  | { readonly finding: { kind: string; detail: string }; readonly index: number; readonly input: unknown; readonly description: string }
  | { readonly done: number }
  | { readonly end: true };

/** Cases between two progress messages. */
const REPORT_EVERY = 250;

const port = parentPort;
const data = (workerData as { data: FuzzWorkerData }).data;
if (port && data) {
  const progress = new Int32Array(data.progress);
  const target = await makeTarget(data.target, data.module);
  const lanes = Math.min(MAX_LANES, Math.max(1, data.lanes ?? target.lanes ?? 1));
  const skip = new Set(data.skip);
  port.postMessage({ ready: true } satisfies FuzzWorkerMessage);

  let next = data.from;
  let low = data.from;
  const finished = new Set<number>();
  let sinceReport = 0;
  let sinceReset = 0;
  const complete = (i: number): void => {
    finished.add(i);
    while (finished.has(low)) finished.delete(low++);
    sinceReport += 1;
    if (sinceReport >= REPORT_EVERY) {
      sinceReport = 0;
      port.postMessage({ done: low } satisfies FuzzWorkerMessage);
    }
  };

  // Exclusive sections (a case timed alone, a reset): new cases wait at the gate, the section waits for the running ones.
  let running = 0;
  let gate: Promise<void> | null = null;
  let idle: (() => void) | null = null;
  const leave = (n: number): void => {
    running -= n;
    if (running === 0 && idle) {
      const wake = idle;
      idle = null;
      wake();
    }
  };
  /** `work` with no other case running; `own` is 1 when called from a running case (it does not wait for itself). */
  const alone = async <T>(work: () => Promise<T>, own: number): Promise<T> => {
    leave(own);
    while (gate) await gate;
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
    try {
      return await work();
    } finally {
      running += own;
      gate = null;
      open();
    }
  };

  const lane = async (slot: number): Promise<void> => {
    for (;;) {
      while (gate) await gate;
      if (next >= data.to) return;
      const i = next;
      next += 1;
      if (skip.has(i)) {
        complete(i);
        continue;
      }
      running += 1;
      Atomics.store(progress, slot, i);
      let input: unknown = null;
      let finding: Finding | null;
      try {
        input = target.generate(Rng.forCase(data.seed, i));
        finding = await target.execute(input, { timing: true });
        if (finding?.kind === 'hang' && lanes > 1) finding = await alone(() => target.execute(input, { timing: true }), 1);
      } catch (e) {
        // The generator threw (a fuzzer bug), or a target broke its promise never to reject: reported, not fatal.
        finding = { kind: 'crash', detail: input === null ? `the case could not be generated: ${errorDetail(e)}` : errorDetail(e) };
      }
      if (finding) port.postMessage({ finding, index: i, input: input === null ? null : target.encode(input), description: input === null ? '' : target.describe(input) } satisfies FuzzWorkerMessage);
      Atomics.store(progress, slot, -1);
      leave(1);
      complete(i);
      sinceReset += 1;
      if (target.reset && target.resetEvery && sinceReset >= target.resetEvery) {
        sinceReset = 0;
        const reset = target.reset;
        await alone(() => reset(), 0);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, slot) => lane(slot)));
  await target.close();
  port.postMessage({ done: low } satisfies FuzzWorkerMessage);
  port.postMessage({ end: true } satisfies FuzzWorkerMessage);
}
