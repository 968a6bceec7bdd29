/**
 * The file-system adapter of the TextFileReader port (src/app/annual-report/ports.ts): the CLI and the server pass
 * it to the use cases so that app/ and core/ never touch node:fs.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextFileReader } from '../app/annual-report/ports.ts';

/** Reads UTF-8 files from the local disk; rejects with the system error (ENOENT, EISDIR, …). */
export const nodeFiles: TextFileReader = {
  readText: (path) => readFile(path, 'utf8'),
};

/** Bytes, folders and directories on the local disk (the CLI's import command). */
export interface Disk {
  /** Rejects with the system error (ENOENT, EISDIR, …). */
  readBytes(path: string): Promise<Uint8Array>;
  /** The files directly in a folder (sorted, hidden files skipped), or null when the path is not a folder. */
  listDir(path: string): Promise<string[] | null>;
  /** Create a folder (and its parents); resolves when it exists. */
  makeDir(path: string): Promise<void>;
}

export const nodeDisk: Disk = {
  readBytes: async (path) => new Uint8Array(await readFile(path)),
  listDir: async (path) => {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) return null;
    const names = (await readdir(path, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith('.'));
    return names.map((d) => join(path, d.name)).sort();
  },
  makeDir: async (path) => {
    await mkdir(path, { recursive: true });
  },
};
