/**
 * A worker script for ./pool.test.ts only: jobs that answer, spin, allocate without end, exit, or start a child
 * process, so the pool's limits can be seen to act. Not used by the product.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

type Job =
  | { readonly do: 'echo'; readonly value: unknown }
  | { readonly do: 'spin' | 'allocate' | 'exit' | 'child' | 'bytes'; readonly bytes?: ArrayBuffer; readonly file?: string }
  | { readonly do: 'pages'; readonly pages: number; readonly pageMs: number; readonly lane?: boolean };

const port = parentPort;
const lanes = new Map<number, () => void>();
port?.on('message', (msg: { id: number; job: Job } | { id: number; granted: true }) => {
  const { id } = msg;
  if ('granted' in msg) return lanes.get(id)?.();
  const { job } = msg;
  switch (job.do) {
    case 'echo':
      return port.postMessage({ id, result: job.value });
    case 'bytes':
      return port.postMessage({ id, result: job.bytes?.byteLength ?? -1 });
    case 'pages': {
      // A long job reporting progress: `pages` steps of `pageMs` each, then its answer.
      let done = 0;
      const step = (): void => {
        done += 1;
        port.postMessage({ id, progress: { done, total: job.pages } });
        if (done < job.pages) setTimeout(step, job.pageMs);
        else port.postMessage({ id, result: done });
      };
      // `lane`: the long lane asked for first (as OCR does), the steps once it is granted.
      if (job.lane) {
        lanes.set(id, () => setTimeout(step, job.pageMs));
        port.postMessage({ id, progress: { done: 0, total: job.pages } });
        port.postMessage({ id, lane: true });
      } else setTimeout(step, job.pageMs);
      return;
    }
    case 'spin':
      for (;;);
    case 'allocate': {
      const hoard: string[][] = [];
      for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${hoard.length}`));
    }
    case 'exit':
      return process.exit(3);
    case 'child': {
      const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
      port.postMessage({ id, spawned: child.pid });
      child.once('exit', () => port.postMessage({ id, exited: child.pid }));
      if (job.file !== undefined) writeFileSync(job.file, String(child.pid));
      return;
    }
  }
});
port?.postMessage({ ready: true });
