// The pooled extractor (./extractor.ts) reads what extractText reads, in a worker: every format, both PDF engines
// (unpdf then runs in a thread of the worker's own), the caller's bytes left intact; and the pool's failures come back
// as the registry's codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { emptyReport } from '../../core/annual-report/model.ts';
import { renderDocx } from '../docx/render.ts';
import { renderHtmlDocument } from '../html/render.ts';
import { closePdfBrowser, renderPdf } from '../pdf/render.ts';
import { extractText } from './extract.ts';
import { extractInPool, poolProblem } from './extractor.ts';
import { createWorkerPool } from './pool.ts';

const pool = createWorkerPool({ workers: 1 });
after(async () => {
  await pool.close();
  closePdfBrowser();
});
const report = emptyReport('2021', 2024, '池中提取测试局');

describe('extractInPool', () => {
  it('reads html, docx and pdf (pdftotext and unpdf) exactly as extractText does, and leaves the caller\'s bytes alone', async () => {
    const files: [string, Uint8Array, object][] = [
      ['r.html', new TextEncoder().encode(renderHtmlDocument(report)), {}],
      ['r.docx', await renderDocx(report), {}],
      ['r.pdf', await renderPdf(report), {}],
      ['r.pdf', await renderPdf(report), { pdf: { engine: 'unpdf' } }],
    ];
    for (const [name, bytes, options] of files) {
      const length = bytes.length;
      const pooled = await extractInPool(bytes, name, options, pool);
      assert.equal(bytes.length, length, `${name}: the caller keeps its bytes`);
      const direct = await extractText(bytes, name, options);
      assert.ok(pooled.ok, pooled.ok ? '' : pooled.problem.message);
      assert.deepEqual(pooled, direct, name);
    }
  });

  it('a .docx is answered while a scan is read by OCR: the scan runs in the long lane, not in the one worker', async () => {
    const scan = new Uint8Array(readFileSync(new URL('../../../fixtures/scans/huaian-2024-table2.png', import.meta.url)));
    const ended: string[] = [];
    let reading = false;
    const ocr = extractInPool(scan, 'scan.png', {}, pool, (p) => {
      reading ||= p.done === 0;
    }).then((r) => (ended.push('scan'), r));
    // Once the scan has told its pages (it is then about to read them), the .docx is handed in.
    while (!reading) await new Promise((r) => setTimeout(r, 20));
    const docx = await extractInPool(await renderDocx(report), 'r.docx', {}, pool).then((r) => (ended.push('docx'), r));
    assert.ok(docx.ok && docx.text.includes('池中提取测试局'));
    const read = await ocr;
    assert.ok(read.ok && read.engine === 'ocr', read.ok ? '' : read.problem.message);
    assert.deepEqual(ended, ['docx', 'scan']);
  });

  it('a pool failure is a coded problem located at the file', () => {
    assert.equal(poolProblem({ kind: 'busy', queued: 8 }, 'a.pdf').code, 'import.busy');
    assert.equal(poolProblem({ kind: 'timeout', timeoutMs: 30_000 }, 'a.pdf').code, 'import.timeout');
    const memory = poolProblem({ kind: 'memory', heapMb: 256 }, 'a.docx');
    assert.deepEqual([memory.code, memory.at], ['import.tooLarge', 'a.docx']);
    assert.match(memory.messageZh, /256 MB/);
    assert.equal(poolProblem({ kind: 'crashed', detail: 'x' }, '').code, 'import.extractFailed');
  });
});
