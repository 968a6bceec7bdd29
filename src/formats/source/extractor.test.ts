// The pooled extractor (./extractor.ts) reads what extractText reads, in a worker: every format, both PDF engines
// (unpdf then runs in a thread of the worker's own), the caller's bytes left intact; and the pool's failures come back
// as the registry's codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { importReport } from '../../app/annual-report/import-report.ts';
import { emptyReport } from '../../core/annual-report/model.ts';
import { publishOne } from '../published/index.ts';
import { renderDocx } from '../docx/render.ts';
import { renderHtmlDocument } from '../html/render.ts';
import { closePdfBrowser, renderPdf } from '../pdf/render.ts';
import { extractText } from './extract.ts';
import { extractInPool, poolExtractor, poolProblem } from './extractor.ts';
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

  it('a Buffer (whose slice() is a view) keeps its bytes, and so does a Buffer of node\'s shared pool', async () => {
    const big = Buffer.from(new TextEncoder().encode('<p>政府信息公开工作年度报告</p>'.repeat(400)));
    const small = Buffer.from('<p>年度报告</p>');
    const neighbour = Buffer.from('同一个内存池里的另一个 Buffer');
    for (const bytes of [big, small]) {
      const before = Buffer.from(bytes).toString('base64');
      const r = await extractInPool(bytes, 'x.html', {}, pool);
      assert.ok(r.ok, r.ok ? '' : r.problem.message);
      assert.equal(bytes.toString('base64'), before);
    }
    assert.equal(neighbour.toString(), '同一个内存池里的另一个 Buffer');
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

describe('importReport through the pool: extraction and the importer core in one job of the worker', () => {
  it('gives what extracting in the pool and importing on this thread gives: report, provenance (OCR readings), findings, counts', async () => {
    const pooled = poolExtractor(pool);
    // The same pool's extraction, with the import done here (a TextExtractor without extractAndImport).
    const local = { extract: pooled.extract };
    const crawl = (await publishOne(3 * 7919, 'crawlRun')).doc;
    const files: [string, Uint8Array, object?][] = [
      [crawl.name, crawl.bytes],
      ['dongshan-2022.txt', readFileSync(new URL('../../../fixtures/corpus/001_adfc45d447bb024f.txt', import.meta.url))],
      ['r.docx', await renderDocx(report), { year: 2023, organization: '改名测试局' }],
      // A scan (read by OCR): each cell read keeps its confidence and page box.
      ['huaian.png', readFileSync(new URL('../../../fixtures/scans/huaian-2024-table2.png', import.meta.url))],
    ];
    for (const [name, bytes, options] of files) {
      const input = { bytes, name, ...(options ? { options } : {}) };
      const a = await importReport({ extractor: pooled }, input);
      const b = await importReport({ extractor: local }, input);
      assert.ok(a.ok, a.ok ? '' : a.problem.message);
      assert.deepEqual(a, b, name);
      if (name.endsWith('.png')) assert.ok(a.provenance.some((p) => 'box' in p && p.box !== undefined), 'OCR boxes kept');
    }
  });

  it('a file that cannot be read is the same coded problem', async () => {
    const r = await importReport({ extractor: poolExtractor(pool) }, { bytes: new Uint8Array([0, 1, 2, 0, 255, 0, 7]), name: 'x.bin' });
    assert.equal(r.ok ? '' : r.problem.code, 'import.unknownFormat');
  });
});
