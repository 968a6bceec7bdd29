/**
 * The worker thread of the extraction pool (./pool.ts): every read of an untrusted file runs here, under the pool's
 * heap cap and wall-clock limit. A job is one file's bytes (transferred) and what to read from it; the answer is what
 * ./extract.ts or ../crawl/table.ts returns (plain data, cloned back); an `import` job extracts and then imports the
 * text (core/annual-report/import/import-extracted.ts) in the same job, so the importer core too runs here, under the
 * same wall clock and heap cap, and not on the server's event loop. pdftotext and LibreOffice processes started here
 * are reported to the pool, which stops them with the worker at its time limit. A scan's OCR asks the pool for its
 * long lane before its first page and waits until it is granted (./pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractedImportResult } from '../../app/annual-report/ports.ts';
import { importExtracted } from '../../core/annual-report/import/import-extracted.ts';
import type { ImportOptions } from '../../core/annual-report/import/import-text.ts';
import type { PoolMessage } from './pool.ts';
import { readCrawlTable, type CrawlColumns, type CrawlTable } from '../crawl/table.ts';
import { extractText, type ExtractedText, type ExtractOptions } from './extract.ts';

export type ExtractJob =
  | { readonly kind: 'extract'; readonly bytes: ArrayBuffer; readonly name?: string; readonly options: ExtractOptions }
  | { readonly kind: 'import'; readonly bytes: ArrayBuffer; readonly name: string; readonly options: ExtractOptions; readonly import: ImportOptions }
  | { readonly kind: 'crawlTable'; readonly bytes: ArrayBuffer; readonly name: string; readonly columns: CrawlColumns };

const port = parentPort;
if (port) {
  const lanes = new Map<number, () => void>();
  port.on('message', async (msg: PoolMessage) => {
    const { id } = msg;
    if ('granted' in msg) {
      lanes.get(id)?.();
      lanes.delete(id);
      return;
    }
    const job = msg.job as ExtractJob;
    const bytes = new Uint8Array(job.bytes);
    let result: ExtractedText | ExtractedImportResult | CrawlTable;
    if (job.kind === 'extract' || job.kind === 'import') {
      // Every process started is reported, and again once this thread has reaped it (pool.ts waits for that before
      // terminating a worker it stops, so that nothing is left a zombie).
      const watch = { onSpawn: (pid: number): void => port.postMessage({ id, spawned: pid }), onExit: (pid: number): void => port.postMessage({ id, exited: pid }) };
      // Each page read by OCR is reported: the pool grants the next page its time and tells the caller.
      const onPage = (done: number, total: number): void => port.postMessage({ id, progress: { done, total } });
      // OCR is long: it runs in the pool's long lane, asked for (and waited for) before the first page.
      const lane = (): Promise<void> =>
        new Promise<void>((resolve) => {
          lanes.set(id, resolve);
          port.postMessage({ id, lane: true });
        });
      const ocr = { onPage, onSpawn: watch.onSpawn, lane };
      // A caller's `pdf.ocr: false` (scans refused as import.noTextLayer: the fuzzer's importer target) is kept.
      const pdfOcr = job.options.pdf?.ocr === false ? false : ocr;
      const extracted = await extractText(bytes, job.name, { ...job.options, pdf: { ...job.options.pdf, ...watch, ocr: pdfOcr }, office: { ...job.options.office, ...watch }, ocr });
      result =
        job.kind === 'extract' || !extracted.ok ? extracted
        : { ok: true, format: extracted.format, ...(extracted.encoding ? { encoding: extracted.encoding } : {}), imported: importExtracted(extracted, job.name, job.import) };
    } else {
      result = await readCrawlTable(bytes, job.name, job.columns);
    }
    port.postMessage({ id, result });
  });
  port.postMessage({ ready: true });
}
