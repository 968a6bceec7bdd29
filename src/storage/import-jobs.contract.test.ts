/**
 * The web import's jobs of scans on SQLite and PostgreSQL (and the in-memory store of a server without a database): a
 * job's progress and result are seen by a second connection (another process of the installation), ended jobs past
 * their time are dropped when a new one starts, running ones never.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { importOrJob, memoryImportJobs, type ImportJobStore } from '../app/annual-report/import-jobs.ts';
import type { TextExtractor } from '../app/annual-report/ports.ts';
import type { OpenedDatabase } from './db.ts';
import { kyselyImportJobs } from './import-jobs.ts';
import { migrateToLatest } from './migrate.ts';
import { enginesUnderTest } from './test-engines.ts';

const REPORT = readFileSync(new URL('../../fixtures/corpus/001_adfc45d447bb024f.txt', import.meta.url), 'utf8');
/** An extractor that reports two OCR pages and returns the corpus report's text. */
const scanExtractor: TextExtractor = {
  extract(_bytes, _name, onProgress) {
    onProgress?.({ done: 0, total: 2 });
    onProgress?.({ done: 1, total: 2 });
    onProgress?.({ done: 2, total: 2 });
    return Promise.resolve({ ok: true, text: REPORT, format: 'pdf', engine: 'pdftotext+ocr' });
  },
};

async function contract(jobs: ImportJobStore, other: ImportJobStore): Promise<void> {
  let n = 0;
  const out = await importOrJob({ extractor: scanExtractor, jobs, newId: () => `job-${(n += 1)}-${Math.random().toString(36).slice(2)}`, now: () => '2026-12-06T03:00:00.000Z' }, { bytes: new Uint8Array([1]), name: '扫描件.pdf' });
  assert.equal(out.kind, 'job');
  if (out.kind !== 'job') return;
  await out.finished;
  const seen = await other.get(out.id);
  assert.equal(seen?.state, 'done');
  assert.equal(seen?.name, '扫描件.pdf');
  assert.deepEqual([seen?.done, seen?.total], [2, 2]);
  assert.ok(seen?.result?.ok);
  assert.equal(seen.result.ok && seen.result.report.organization, '南阳高新技术产业开发区管理委员会');
  assert.ok(seen.result.ok && seen.result.provenance.length > 100);
  // An hour and more later a new job drops the ended one; a running one stays.
  await jobs.create({ id: 'running-1', name: 'a.pdf', state: 'running', done: 0, total: 3, result: null, createdAt: '2026-12-06T03:00:01.000Z', updatedAt: '2026-12-06T03:00:01.000Z' });
  await jobs.create({ id: 'later-1', name: 'b.pdf', state: 'running', done: 0, total: 1, result: null, createdAt: '2026-12-06T04:30:00.000Z', updatedAt: '2026-12-06T04:30:00.000Z' });
  assert.equal(await other.get(out.id), null);
  assert.equal((await other.get('running-1'))?.state, 'running');
  await jobs.progress('running-1', 2, 3, '2026-12-06T04:31:00.000Z');
  await jobs.finish('running-1', 'failed', null, '2026-12-06T04:32:00.000Z');
  const failed = await other.get('running-1');
  assert.deepEqual([failed?.state, failed?.done, failed?.result], ['failed', 2, null]);
}

test('import jobs in memory (a server without a database)', async () => {
  const jobs = memoryImportJobs();
  await contract(jobs, jobs);
});

const engines = await enginesUnderTest();
for (const engine of engines) {
  describe(`import jobs: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let other: OpenedDatabase;
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      other = await engine.connect();
    });
    after(async () => {
      await other?.close();
      await opened?.close();
      await engine.cleanup();
    });
    test('progress and result seen from another connection; ended jobs dropped after an hour, running ones kept', async () => {
      await contract(kyselyImportJobs(opened.db), kyselyImportJobs(other.db));
    });
  });
}
