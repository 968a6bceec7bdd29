/**
 * Running the CLI in tests: the real adapters (disk, formats, extractor) with output captured and relative paths
 * resolved against a test folder. Imported by the CLI tests only.
 */
import { writeFile } from 'node:fs/promises';
import { FORMATS } from '../formats/index.ts';
import { nodeDisk, nodeFiles } from '../storage/files.ts';
import { nodeExtractor, type CliDeps } from './io.ts';
import { main } from './main.ts';

/** Node deps for `main`, writing to `sink` instead of the process streams. */
export function captureDeps(cwd: string, sink: { out: string; err: string }, overrides: Partial<CliDeps> = {}): CliDeps {
  return {
    cwd,
    out: (t) => {
      sink.out += t;
    },
    err: (t) => {
      sink.err += t;
    },
    files: nodeFiles,
    writeFile: (path, data, { overwrite }) => writeFile(path, data, { flag: overwrite ? 'w' : 'wx' }),
    formats: FORMATS,
    disk: nodeDisk,
    extractor: nodeExtractor,
    interactive: false,
    ...overrides,
  };
}

/** Run `gongkai argv…` in `cwd`; resolves to the exit status and what was printed. */
export async function runCli(cwd: string, argv: readonly string[], overrides: Partial<CliDeps> = {}): Promise<{ code: number; out: string; err: string }> {
  const sink = { out: '', err: '' };
  const code = await main(argv, captureDeps(cwd, sink, overrides));
  return { code, ...sink };
}
