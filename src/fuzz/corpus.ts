/**
 * The corpus of every input that once failed: fixtures/fuzz/<target>/<kind>-<hash>.json, written by the fuzzer when
 * a case fails (crash, hang, 5xx, pollution, worker death) and replayed by ./corpus.test.ts in `npm test`. A file
 * holds the case as the target encodes it, the run's seed and index (the case is also rebuilt from those two), and
 * what was seen. Files stay after the bug is fixed: they are the regression tests of the fuzzer's findings.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from './target.ts';

export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/fuzz/', import.meta.url));

export interface CorpusEntry {
  readonly target: string;
  readonly finding: Finding;
  readonly seed: number;
  readonly index: number;
  readonly input: unknown;
}

/** Store a failing case; returns its file, or null when the same input is stored already. Never overwrites. */
export function saveToCorpus(entry: CorpusEntry, dir: string = CORPUS_DIR): string | null {
  const folder = join(dir, entry.target);
  mkdirSync(folder, { recursive: true });
  const hash = createHash('sha256').update(JSON.stringify(entry.input)).digest('hex').slice(0, 16);
  const file = join(folder, `${entry.finding.kind}-${hash}.json`);
  if (existsSync(file)) return null;
  writeFileSync(file, `${JSON.stringify(entry, null, 1)}\n`);
  return file;
}

/** Every stored case of a target, with its file name. */
export function loadCorpus(target: string, dir: string = CORPUS_DIR): { file: string; entry: CorpusEntry }[] {
  const folder = join(dir, target);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, entry: JSON.parse(readFileSync(join(folder, file), 'utf8')) as CorpusEntry }));
}
