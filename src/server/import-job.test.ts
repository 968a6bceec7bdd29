// The web import of a scan as a job (issue 13 item 6): the upload returns at once with 303 to the job's page, which
// shows pages read of all (reloading itself) and then the result. A stand-in extractor that reports pages when the test
// says so (no timing), and the real one on a small two-page scan made here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { TextExtractor } from '../app/annual-report/index.ts';
import { jpegsToPdf } from '../formats/ocr/scan-pdf.ts';
import { sourceExtractor } from '../formats/source/extractor.ts';
import { importRoutes, IMPORT_REFRESH_SECONDS } from './routes/import/routes.ts';

const REPORT = readFileSync(new URL('../../fixtures/corpus/001_adfc45d447bb024f.txt', import.meta.url), 'utf8');

function upload(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  for (const k of ['template', 'year', 'organization']) form.set(k, '');
  return form;
}

/** An extractor that reads "pages" one by one as the test releases them, then returns the corpus report's text. */
function steppedExtractor(total: number): { extractor: TextExtractor; step: () => Promise<void> } {
  const waiting: (() => void)[] = [];
  const extractor: TextExtractor = {
    async extract(_bytes, _name, onProgress) {
      for (let done = 0; done < total; done += 1) {
        onProgress?.({ done, total });
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      onProgress?.({ done: total, total });
      return { ok: true, text: REPORT, format: 'pdf', engine: 'pdftotext+ocr' };
    },
  };
  return {
    extractor,
    // Release the page being read; wait until the extractor has gone on (the store's writes are in order).
    async step() {
      for (let i = 0; i < 20 && waiting.length === 0; i += 1) await new Promise((r) => setImmediate(r));
      waiting.shift()?.();
      for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    },
  };
}

describe('web import of a scan as a job', () => {
  it('returns 303 to the job at once; the job page shows pages read of all, reloading, then the result', async () => {
    const { extractor, step } = steppedExtractor(3);
    const jobs: { id: string; finished: Promise<void> }[] = [];
    const app = importRoutes({ extractor, onJob: (j) => jobs.push(j) });
    // The upload answers while no page has been read yet.
    const res = await app.request('/import', { method: 'POST', body: upload(new TextEncoder().encode('%PDF-1.4 scan'), 'scan.pdf') });
    assert.equal(res.status, 303);
    const href = res.headers.get('location') ?? '';
    assert.match(href, /^\/import\/jobs\/[0-9a-f-]{36}$/);
    assert.equal(jobs.length, 1);

    let page = await app.request(href);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('refresh'), String(IMPORT_REFRESH_SECONDS));
    let html = await page.text();
    assert.match(html, /<progress max="3" value="0"/);
    assert.match(html, /已识别 0 \/ 3 页，正在识别第 1 页/);
    await step();
    html = await (await app.request(href)).text();
    assert.match(html, /已识别 1 \/ 3 页，正在识别第 2 页/);
    // The reader may stop the reloading.
    const still = await app.request(`${href}?refresh=0`);
    assert.equal(still.headers.get('refresh'), null);
    assert.match(await still.text(), /停止自动刷新|刷新/);

    await step();
    await step();
    await jobs[0]?.finished;
    page = await app.request(href);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('refresh'), null);
    html = await page.text();
    assert.match(html, /导入结果/);
    assert.match(html, /data-cell="applications\./);
    // Unknown (or expired) jobs: 404 with a way back.
    const gone = await app.request('/import/jobs/00000000-0000-0000-0000-000000000000');
    assert.equal(gone.status, 404);
    assert.match(await gone.text(), /未找到该导入任务/);
  });

  it('a file that is not a scan is answered in the request as before (no job)', async () => {
    const jobs: unknown[] = [];
    const extractor: TextExtractor = { extract: () => Promise.resolve({ ok: true, text: REPORT, format: 'txt' }) };
    const app = importRoutes({ extractor, onJob: (j) => jobs.push(j) });
    const res = await app.request('/import', { method: 'POST', body: upload(new TextEncoder().encode(REPORT), 'r.txt') });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /导入结果/);
    assert.equal(jobs.length, 0);
  });

  it('a real two-page scan: 303, the job ends with the result, each OCR cell with its confidence and page box', async () => {
    const crop = readFileSync(new URL('../../fixtures/scans/huaian-2024-table2.png', import.meta.url));
    const jpeg = await sharp(crop).jpeg({ quality: 90 }).toBuffer();
    const pdf = jpegsToPdf([jpeg, jpeg], 200);
    const jobs: { id: string; finished: Promise<void> }[] = [];
    const app = importRoutes({ extractor: sourceExtractor, onJob: (j) => jobs.push(j) });
    const res = await app.request('/import', { method: 'POST', body: upload(pdf, 'scan.pdf') });
    assert.equal(res.status, 303);
    const href = res.headers.get('location') ?? '';
    const first = await (await app.request(href)).text();
    assert.match(first, /<progress max="2" value="[012]"/);
    await jobs[0]?.finished;
    const html = await (await app.request(href)).text();
    assert.match(html, /导入结果/);
    // 规章's 本年制发件数 (1), read on page 1 of the scan: its source names the recogniser's confidence and its box.
    assert.match(html, /识别置信度 \d+\.\d%，扫描页第 1 页位置 x \d+、y \d+、宽 \d+、高 \d+（磅）/);
    // …on the cell itself (its title), as on any page showing the provenance.
    const tag = /<td [^>]*data-cell="proactive\.rules\.issued"[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(tag, /title="原文：“1”[^"]*识别置信度/, tag);
  });
});
