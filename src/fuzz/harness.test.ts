/**
 * The fuzzing loop with several cases in flight (./harness.ts, ./worker.ts) on a target whose failures are known
 * (./harness-fixture-target.ts): a case that never answers and one that blocks the event loop are both caught by the
 * watchdog and blamed on the right case, a case that throws is a crash, a case that kills the worker is a worker
 * death found by running the cases in flight again one at a time, and the run goes on to its end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fuzzRun } from './harness.ts';
import { FIXTURE_SEED } from './harness-fixture-target.ts';

describe('fuzz harness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-fuzz-harness-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('blames hangs, loop blocks, throws and worker deaths on their cases, four in flight, and runs to the end', async () => {
    const module = new URL('./harness-fixture-target.ts', import.meta.url).href;
    const report = await fuzzRun('api', FIXTURE_SEED, 0, 30, { module, watchdogMs: 1500, corpusDir: dir });
    const by = new Map(report.findings.map((f) => [f.index, f.finding.kind]));
    assert.deepEqual([...by.keys()].sort((a, b) => a - b), [7, 13, 17, 19], JSON.stringify(report.findings));
    assert.equal(by.get(7), 'hang');
    assert.equal(by.get(13), 'hang');
    assert.equal(by.get(17), 'crash');
    assert.equal(by.get(19), 'workerDeath');
    assert.equal(report.cases, 30);
    // Each stored in the corpus folder of the run's target.
    assert.equal(readdirSync(join(dir, 'api')).length, 4);
  });
});
