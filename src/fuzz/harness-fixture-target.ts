/**
 * A target for ./harness.test.ts: case i is the number i, run four at a time. Case 7 never answers (a promise that
 * never settles), case 13 blocks its thread's event loop for good, case 17 throws, case 19 ends the worker's process
 * (an uncaught error thrown outside the case); every other case answers at once.
 */
import { Rng } from './random.ts';
import type { Target } from './target.ts';

/** The run's seed in the test: a case's index is found again from its seed. */
export const FIXTURE_SEED = 1;
const INDEX = new Map(Array.from({ length: 100 }, (_, i) => [Rng.forCase(FIXTURE_SEED, i).seed, i] as const));

export default async function fixtureTarget(): Promise<Target<number>> {
  return {
    name: 'fixture',
    generate: (rng) => INDEX.get(rng.seed) ?? -1,
    execute: async (i) => {
      if (i === 7) await new Promise(() => undefined);
      if (i === 13) for (;;);
      if (i === 17) throw new Error('case 17 throws');
      if (i === 19) setImmediate(() => {
        throw new Error('case 19 kills the worker');
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return null;
    },
    encode: (i) => i,
    decode: (json) => json as number,
    describe: (i) => `case ${i}`,
    lanes: 4,
    close: async () => undefined,
  };
}
