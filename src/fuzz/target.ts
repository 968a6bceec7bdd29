/** What every fuzz target provides to the harness (./harness.ts) and to the corpus replay (./corpus.test.ts). */
import type { Rng } from './random.ts';

/**
 * A case that failed: an uncaught exception (or one a catch-all turned into a 500/extractFailed), a hang, a 5xx,
 * Object.prototype changed, the worker killed, or a result breaking its own invariants (`unsound`: import-text).
 */
export interface Finding {
  readonly kind: 'crash' | 'hang' | '5xx' | 'pollution' | 'workerDeath' | 'unsound';
  /** What was seen (status, message, first stack line), to tell findings apart. */
  readonly detail: string;
}

/** A case slower than this is a hang (issue 14: "hangs over 1 s"). */
export const HANG_MS = 1000;

/** The most cases in flight in one fuzzing worker (the harness's shared memory has a slot for each). */
export const MAX_LANES = 32;

export interface ExecuteOptions {
  /** Report cases slower than HANG_MS (the fuzzer); the corpus replay in `npm test` asserts no timing. */
  readonly timing: boolean;
}

export interface Target<I> {
  readonly name: string;
  /** The case drawn from `rng` (deterministic for a given rng and the same set-up). */
  generate(rng: Rng): I;
  /** Run one case: null when it behaved (answered, refused with a coded problem), else what went wrong. Never rejects. */
  execute(input: I, options: ExecuteOptions): Promise<Finding | null>;
  /** The case as JSON for the corpus, and back. */
  encode(input: I): unknown;
  decode(json: unknown): I;
  /** A short description of the case for the report line. */
  describe(input: I): string;
  /** Cases in flight at once in the fuzzer (default 1): more where a case mostly waits (scrypt, a worker pool). */
  readonly lanes?: number;
  /** Put the target's world back as it was set up (run alone, every `resetEvery` cases), so state does not pile up. */
  readonly reset?: () => Promise<void>;
  readonly resetEvery?: number;
  close(): Promise<void>;
}

/** The first line of an error and where it was thrown. */
export function errorDetail(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 300);
  const at = (e.stack ?? '').split('\n').find((l) => l.trim().startsWith('at '))?.trim() ?? '';
  return `${e.name}: ${e.message.slice(0, 200)} ${at}`.trim();
}

/** Whether anything was planted on Object.prototype (a form or JSON body nested into it). */
export function prototypePolluted(): string | null {
  const keys = Object.getOwnPropertyNames(Object.prototype).filter((k) => !BUILTIN_PROTO_KEYS.has(k));
  return keys.length > 0 ? keys.join(',') : null;
}
const BUILTIN_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
