/**
 * What a CLI command needs from the outside world, as one object: the node implementation is built once in
 * main.ts (`nodeCliDeps`); tests pass a fake that captures output and points at a temporary directory.
 */
import { writeFile } from 'node:fs/promises';
import type { ReportRenderer, TextExtractor, TextFileReader } from '../app/annual-report/index.ts';
import { FORMATS } from '../formats/index.ts';
import { sourceExtractor } from '../formats/source/extractor.ts';
import { nodeDisk, nodeFiles, type Disk } from '../storage/files.ts';

export interface CliFormat extends ReportRenderer {
  /** Binary formats are never written to a terminal. */
  readonly binary: boolean;
  readonly labelEn: string;
}

export interface CliDeps {
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly files: TextFileReader;
  /** Write a file; with `overwrite: false` rejects (EEXIST) when it exists. */
  readonly writeFile: (path: string, data: Uint8Array | string, options: { overwrite: boolean }) => Promise<void>;
  readonly formats: Readonly<Record<string, CliFormat>>;
  readonly disk: Disk;
  readonly extractor: TextExtractor;
  /** Whether stderr is a terminal (a live progress bar) or not (a line per file). */
  readonly interactive: boolean;
}

/** The text extractor of src/formats/source (sniffs the format from the bytes); the server uses the same one. */
export const nodeExtractor: TextExtractor = sourceExtractor;

/** The real thing: process streams, the local disk, the format registry. Never throws (its functions may reject). */
export function nodeCliDeps(): CliDeps {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    files: nodeFiles,
    writeFile: (path, data, { overwrite }) => writeFile(path, data, { flag: overwrite ? 'w' : 'wx' }),
    formats: FORMATS,
    disk: nodeDisk,
    extractor: nodeExtractor,
    interactive: process.stderr.isTTY === true,
  };
}
