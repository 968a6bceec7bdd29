/**
 * Every process started for an untrusted file is waited for (reaped), killed at its time limit, and never left a
 * zombie: pdftotext stopped at its own timeout, and pdftotext whose worker thread the extraction pool stops at the
 * pool's wall-clock limit (a terminated worker's event loop no longer reaps what it started, so the pool lets it reap
 * the killed process group before terminating it).
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pdfToText } from '../pdf/import.ts';
import { extractInPool } from './extractor.ts';
import { createWorkerPool } from './pool.ts';

/** 'gone' (reaped), 'zombie' (dead, never waited for) or 'running'. */
function processState(pid: number): 'gone' | 'zombie' | 'running' {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')) ? 'zombie' : 'running';
  } catch {
    return 'gone';
  }
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('child processes of the extraction', () => {
  let dir = '';
  /** A pdftotext that writes its pid down and hangs. */
  let hang = '';
  const pidOf = (): number => Number(readFileSync(join(dir, 'pid'), 'utf8').trim());
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-children-'));
    hang = join(dir, 'pdftotext-hang');
    writeFileSync(hang, `#!/bin/sh\necho $$ > '${join(dir, 'pid')}'\nexec sleep 60\n`);
    chmodSync(hang, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pdftotext past its own timeout is killed and reaped (on the calling thread)', async () => {
    const r = await pdfToText(PDF, { engine: 'pdftotext', pdftotext: hang, timeoutMs: 400 });
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.timeout');
    await settle(100);
    assert.equal(processState(pidOf()), 'gone');
  });

  it('pdftotext running when the pool stops its worker at the wall-clock limit is killed and reaped, not left a zombie', async () => {
    const pool = createWorkerPool({ workers: 1, timeoutMs: 2500 });
    try {
      rmSync(join(dir, 'pid'), { force: true });
      const r = await extractInPool(PDF, 'a.pdf', { pdf: { engine: 'pdftotext', pdftotext: hang, timeoutMs: 20_000 } }, pool);
      assert.equal(r.ok ? 'ok' : r.problem.code, 'import.timeout');
      const pid = pidOf();
      await settle(300);
      assert.equal(processState(pid), 'gone', `pdftotext ${pid}`);
      // The pool goes on with a new worker.
      const next = await extractInPool(new TextEncoder().encode('二〇二五年政府信息公开工作年度报告'), 'a.txt', {}, pool);
      assert.ok(next.ok);
    } finally {
      await pool.close();
    }
  });
});
