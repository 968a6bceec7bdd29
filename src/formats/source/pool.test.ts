// The worker pool's limits, each seen acting on a job built to cross it (./pool-fixture-worker.ts): a worker past its
// heap cap, a job past its time, a worker that exits, a full queue; the process survives each, and the pool goes on.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createWorkerPool, type PoolOutcome, type WorkerPool } from './pool.ts';

const FIXTURE = new URL('./pool-fixture-worker.ts', import.meta.url);
const pools: WorkerPool[] = [];
function pool(options: Parameters<typeof createWorkerPool>[0] = {}): WorkerPool {
  const p = createWorkerPool({ script: FIXTURE, ...options });
  pools.push(p);
  return p;
}
after(async () => {
  for (const p of pools) await p.close();
});

const failure = (o: PoolOutcome<unknown>): string => (o.ok ? `ok ${JSON.stringify(o.value)}` : o.failure.kind);

/** Whether a process is still there: running, or a zombie nobody waited for (a terminated worker's loop reaps nothing). */
function present(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`, 'utf8');
    return true;
  } catch {
    return false;
  }
}

describe('createWorkerPool', () => {
  it('warm() starts every worker before any job, one at a time; jobs then start none', async () => {
    const p = pool({ workers: 2 });
    assert.deepEqual(p.stats(), { running: 0, queued: 0, workers: 0, started: 0, long: 0 }, 'workers start on demand');
    const warming = p.warm();
    assert.equal(p.stats().workers, 1, 'one at a time');
    await warming;
    assert.deepEqual(p.stats(), { running: 0, queued: 0, workers: 2, started: 2, long: 0 });
    const answers = await Promise.all([1, 2, 3].map((value) => p.run({ do: 'echo', value })));
    assert.deepEqual(answers, [1, 2, 3].map((value) => ({ ok: true, value })));
    assert.equal(p.stats().started, 2, 'the jobs waited for no new worker');
    await p.warm();
    assert.equal(p.stats().started, 2, 'warm again: nothing to start');
  });

  it('a job sent while warm() is starting a worker is answered by it', async () => {
    const p = pool({ workers: 1 });
    const warming = p.warm();
    assert.deepEqual(await p.run({ do: 'echo', value: 'x' }), { ok: true, value: 'x' });
    await warming;
    assert.equal(p.stats().started, 1);
  });

  it('answers jobs, and the bytes move to the worker (the sender\'s buffer is detached)', async () => {
    const p = pool({ workers: 2 });
    assert.deepEqual(await p.run({ do: 'echo', value: { a: [1, '二'] } }), { ok: true, value: { a: [1, '二'] } });
    const bytes = new Uint8Array(1000).buffer;
    assert.deepEqual(await p.run({ do: 'bytes', bytes }, [bytes]), { ok: true, value: 1000 });
    assert.equal(bytes.byteLength, 0, 'transferred, not copied');
  });

  it('a worker past its heap cap fails its job as memory; the next job runs in a new worker', async () => {
    const p = pool({ workers: 1, heapMb: 32, timeoutMs: 60_000 });
    assert.equal(failure(await p.run({ do: 'allocate' })), 'memory');
    assert.equal(failure(await p.run({ do: 'echo', value: 1 })), 'ok 1');
    assert.equal(p.stats().started, 2);
  });

  it('a job past its time is stopped (its worker terminated, its child process killed) and the pool goes on', async () => {
    const p = pool({ workers: 1, timeoutMs: 1500 });
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-pool-'));
    try {
      // The child job starts `sleep 60`, reports it, writes its pid down and never answers; the spin job never answers.
      const pidFile = join(dir, 'pid');
      const childJob = p.run({ do: 'child', file: pidFile });
      const spin = p.run({ do: 'spin' });
      assert.equal(failure(await childJob), 'timeout');
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(pid > 0);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(present(pid), false, 'the child was killed with its worker, and reaped (no zombie)');
      assert.equal(failure(await spin), 'timeout');
      assert.equal(failure(await p.run({ do: 'echo', value: 'after' })), 'ok "after"');
      assert.equal(p.stats().started, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a job reporting progress gets its time again per step, up to maxMs in all; the caller is told each step', async () => {
    const p = pool({ workers: 1, timeoutMs: 600, maxMs: 5000 });
    const seen: string[] = [];
    // Five steps of 300 ms: 1.5 s in all, past the 600 ms limit, but no step is.
    const ok = await p.run({ do: 'pages', pages: 5, pageMs: 300 }, [], (s) => seen.push(`${s.done}/${s.total}`));
    assert.equal(failure(ok), 'ok 5');
    assert.deepEqual(seen, ['1/5', '2/5', '3/5', '4/5', '5/5']);
    // One step slower than the limit: stopped.
    assert.equal(failure(await p.run({ do: 'pages', pages: 2, pageMs: 900 })), 'timeout');
    // Progress never extends a job past maxMs.
    const capped = pool({ workers: 1, timeoutMs: 600, maxMs: 1000 });
    assert.equal(failure(await capped.run({ do: 'pages', pages: 8, pageMs: 300 })), 'timeout');
  });

  it('a long job in the long lane leaves the workers to short jobs; a second long job waits for the lane, its clock stopped', async () => {
    const p = pool({ workers: 1, longJobs: 1, timeoutMs: 800, maxMs: 60_000 });
    const ended: string[] = [];
    const track = (name: string, o: Promise<PoolOutcome<unknown>>): Promise<string> => o.then((r) => (ended.push(name), `${name} ${failure(r)}`));
    const steps: string[] = [];
    const first = track('first', p.run({ do: 'pages', pages: 6, pageMs: 300, lane: true }, [], (s) => steps.push(`${s.done}/${s.total}`)));
    // Once it is in the lane, short jobs are answered while it runs, though the pool has one worker.
    while (steps.length < 2) await new Promise((r) => setTimeout(r, 20));
    const second = track('second', p.run({ do: 'pages', pages: 2, pageMs: 300, lane: true }));
    const short = await track('short', p.run({ do: 'echo', value: 'docx' }));
    assert.equal(short, 'short ok "docx"');
    assert.equal(p.stats().long, 2, 'both long jobs are out of the workers\' count (one in the lane, one waiting)');
    // The second waits 1.5 s or so for the lane, past its 800 ms limit: its clock only starts with the lane.
    assert.deepEqual(await Promise.all([first, second]), ['first ok 6', 'second ok 2']);
    assert.deepEqual(ended, ['short', 'first', 'second']);
    // Back to one worker for short jobs: the extra ones end with their long jobs.
    assert.equal(failure(await p.run({ do: 'echo', value: 'after' })), 'ok "after"');
    assert.equal(p.stats().long, 0);
    assert.ok(p.stats().workers <= 2, `workers: ${p.stats().workers}`);
  });

  it('a long job waiting for the lane counts in the queue\'s bound', async () => {
    const p = pool({ workers: 1, queue: 1, longJobs: 1, timeoutMs: 5000 });
    const started: string[] = [];
    const a = p.run({ do: 'pages', pages: 3, pageMs: 300, lane: true }, [], (s) => started.push(`a${s.done}`));
    while (!started.includes('a1')) await new Promise((r) => setTimeout(r, 20));
    const b = p.run({ do: 'pages', pages: 1, pageMs: 10, lane: true });
    while (p.stats().queued < 1 || p.stats().long < 2) await new Promise((r) => setTimeout(r, 20));
    // One waiting for the lane fills the queue of one: the next job waits for the free worker, one more is refused.
    const c = p.run({ do: 'echo', value: 'c' });
    assert.equal(failure(await p.run({ do: 'echo', value: 'd' })), 'busy');
    assert.deepEqual([failure(await a), failure(await b), failure(await c)], ['ok 3', 'ok 1', 'ok "c"']);
  });

  it('a worker that exits fails its job as crashed, not the process', async () => {
    const p = pool({ workers: 1 });
    const o = await p.run({ do: 'exit' });
    assert.equal(failure(o), 'crashed');
    assert.equal(failure(await p.run({ do: 'echo', value: 2 })), 'ok 2');
  });

  it('a full queue refuses at once (busy) and takes jobs again when it drains', async () => {
    const p = pool({ workers: 1, queue: 2, timeoutMs: 1000 });
    const running = p.run({ do: 'spin' });
    const queued = [p.run({ do: 'echo', value: 'q1' }), p.run({ do: 'echo', value: 'q2' })];
    const refused = await p.run({ do: 'echo', value: 'q3' });
    assert.equal(failure(refused), 'busy');
    // One worker (still starting, or running the spin) and the three jobs it holds.
    const stats = p.stats();
    assert.deepEqual([stats.running + stats.queued, stats.workers, stats.started], [3, 1, 1]);
    assert.equal(failure(await running), 'timeout');
    assert.deepEqual((await Promise.all(queued)).map(failure), ['ok "q1"', 'ok "q2"']);
    assert.equal(failure(await p.run({ do: 'echo', value: 'q4' })), 'ok "q4"');
  });
});
