/**
 * The fuzzer's worker thread (./harness.ts starts one per target): runs cases [from, to) of a run, writing the index of
 * the case it is on into shared memory before each (so the harness knows which case hung or killed the thread) and
 * posting every finding with the case's encoded input.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from './random.ts';
import { TARGETS, type TargetName } from './targets.ts';

export interface FuzzWorkerData {
  readonly target: TargetName;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Int32Array over it: [0] the case being run. */
  readonly progress: SharedArrayBuffer;
}

export type FuzzWorkerMessage =
  | { readonly ready: true }
  | { readonly finding: { kind: string; detail: string }; readonly index: number; readonly input: unknown; readonly description: string }
  | { readonly done: number }
  | { readonly end: true };

const port = parentPort;
const data = (workerData as { data: FuzzWorkerData }).data;
if (port && data) {
  const progress = new Int32Array(data.progress);
  const target = await TARGETS[data.target]();
  port.postMessage({ ready: true } satisfies FuzzWorkerMessage);
  for (let i = data.from; i < data.to; i += 1) {
    Atomics.store(progress, 0, i);
    const input = target.generate(Rng.forCase(data.seed, i));
    const finding = await target.execute(input, { timing: true });
    if (finding) port.postMessage({ finding, index: i, input: target.encode(input), description: target.describe(input) } satisfies FuzzWorkerMessage);
    if ((i + 1) % 250 === 0) port.postMessage({ done: i + 1 } satisfies FuzzWorkerMessage);
  }
  Atomics.store(progress, 0, data.to);
  await target.close();
  port.postMessage({ end: true } satisfies FuzzWorkerMessage);
}
