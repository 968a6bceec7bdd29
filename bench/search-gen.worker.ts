/**
 * The search benchmark's document generator, in a worker thread (bench/search.bench.ts): it generates the documents
 * and their index tokens (core/fulltext, pure) while the main thread writes the previous batch, so loading a million
 * documents costs the writes rather than the writes plus the tokenising. Deterministic: one rng seeded once, batches
 * asked for in order ({ from, count } → { from, docs, tokens }).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mulberry32 } from '../src/core/annual-report/generate.ts';
import { generateDoc, type GenerateDocOptions } from '../src/core/fulltext/generate.ts';
import { indexTokens } from '../src/core/fulltext/index-tokens.ts';

const { seed, options } = (workerData as { data: { seed: number; options: GenerateDocOptions } }).data;
const rng = mulberry32(seed);
let next = 0;
parentPort?.on('message', (m: { from: number; count: number }) => {
  if (m.from !== next) throw new Error(`batches out of order: ${m.from} after ${next}`);
  const docs = Array.from({ length: m.count }, (_, i) => generateDoc(rng, m.from + i, options));
  next = m.from + m.count;
  parentPort?.postMessage({ from: m.from, docs, tokens: docs.map(indexTokens) });
});
