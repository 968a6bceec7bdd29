/**
 * The file-system adapter of the TextFileReader port (src/app/annual-report/ports.ts): the CLI and the server pass
 * it to the use cases so that app/ and core/ never touch node:fs.
 */
import { readFile } from 'node:fs/promises';
import type { TextFileReader } from '../app/annual-report/ports.ts';

/** Reads UTF-8 files from the local disk; rejects with the system error (ENOENT, EISDIR, …). */
export const nodeFiles: TextFileReader = {
  readText: (path) => readFile(path, 'utf8'),
};
