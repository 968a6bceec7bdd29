/**
 * Pages read by OCR in a child process (./child.ts): started at a file's first page, ended when the file is done. Its
 * process group is reported (`onSpawn`), so the extraction pool kills it with the worker at the time limit; the
 * child's heap is capped like a worker's (EXTRACT_LIMITS.heapMb twice over: the pages' pixels pass through it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXTRACT_LIMITS } from '../source/limits.ts';
import type { Gray } from './image.ts';
import type { OcrPage } from './page.ts';

/** The child's script: beside this file under tsx; in the bundle, dist/ocr-child.js (bin/launch.js ENTRIES.ocrChild). */
function childScript(): { script: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { script: fileURLToPath(new URL('./child.ts', here)), execArgv: ['--import', import.meta.resolve('tsx')] };
  for (const candidate of ['./ocr-child.js', '../ocr-child.js']) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return { script: path, execArgv: [] };
  }
  return { script: fileURLToPath(new URL('../ocr-child.js', here)), execArgv: [] };
}

export interface OcrSession {
  readonly page: (image: Gray, dpi: number) => Promise<OcrPage>;
  readonly close: () => void;
}

/** An OCR child process for the pages of one file. */
export function ocrSession(onSpawn?: (pid: number) => void): OcrSession {
  let child: ChildProcess | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (p: OcrPage) => void; reject: (e: Error) => void }>();
  let ready: Promise<void> | null = null;
  const failAll = (reason: string): void => {
    for (const w of waiting.values()) w.reject(new Error(reason));
    waiting.clear();
  };
  const start = (): Promise<void> => {
    const { script, execArgv } = childScript();
    const c = spawn(process.execPath, [...execArgv, `--max-old-space-size=${2 * EXTRACT_LIMITS.heapMb}`, script], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      detached: true,
    });
    child = c;
    if (c.pid !== undefined) onSpawn?.(c.pid);
    let stderr = '';
    c.stderr?.setEncoding('utf8');
    c.stderr?.on('data', (s: string) => {
      stderr = (stderr + s).slice(-2000);
    });
    return new Promise((resolve, reject) => {
      c.on('message', (m: { ready?: true; id?: number; result?: OcrPage; error?: string }) => {
        if (m.ready) return resolve();
        const w = waiting.get(m.id ?? -1);
        if (!w) return;
        waiting.delete(m.id ?? -1);
        if (m.result) w.resolve(m.result);
        else w.reject(new Error(m.error ?? 'OCR failed'));
      });
      c.on('exit', (code, signal) => {
        const reason = `the OCR process ended (${signal ?? String(code)})${stderr.trim() ? `: ${stderr.trim().slice(-300)}` : ''}`;
        reject(new Error(reason));
        failAll(reason);
        child = null;
      });
      c.on('error', (err) => {
        reject(err);
        failAll(err.message);
      });
    });
  };
  return {
    page: async (image, dpi) => {
      ready ??= start();
      await ready;
      const c = child;
      if (!c) throw new Error('the OCR process ended');
      next += 1;
      const id = next;
      return new Promise<OcrPage>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        c.send({ id, image, dpi });
      });
    },
    close: () => {
      const c = child;
      child = null;
      if (c?.pid !== undefined) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          c.kill('SIGKILL');
        }
      }
    },
  };
}
