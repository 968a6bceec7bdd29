// The shared PDF browser (./browser.ts): exports within a process reuse one Chromium, each in its own context; it can
// be closed and relaunched; and a CLI process that exported a PDF exits without waiting for the idle browser.
// Needs the system Chromium and CJK fonts, like render.test.ts (no skipping: CI installs them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emptyReport } from '../../core/annual-report/model.ts';
import { BrowserFailure, launchPdfBrowser } from './browser.ts';
import { closePdfBrowser, pdfBrowserLaunches, pdfSupport, renderPdf } from './render.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'gongkai-pdf-browser-test-'));
after(() => {
  closePdfBrowser();
  rmSync(work, { recursive: true, force: true });
});

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

function page(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><style>@page { size: A4 }</style><body>${body}</body>`);
  return pathToFileURL(file).href;
}

test('one browser prints several pages, one after the other and at once; closed, it refuses', async () => {
  const support = pdfSupport();
  assert.ok(support.ok, 'Chromium and CJK fonts are installed');
  const browser = launchPdfBrowser(support.browser);
  try {
    assert.ok(isPdf(await browser.print(page('a.html', '<h1>一</h1>'), 30_000)));
    assert.ok(isPdf(await browser.print(page('b.html', '<h1>二</h1>'), 30_000)));
    const all = await Promise.all(['三', '四', '五'].map((t, i) => browser.print(page(`c${i}.html`, `<h1>${t}</h1>`), 30_000)));
    assert.ok(all.every(isPdf));
    assert.ok(browser.alive());
  } finally {
    browser.close();
  }
  assert.equal(browser.alive(), false);
  await assert.rejects(browser.print(page('d.html', 'x'), 30_000), BrowserFailure);
});

test('a missing file is a failure of that print, and the browser keeps printing', async () => {
  const support = pdfSupport();
  assert.ok(support.ok);
  const browser = launchPdfBrowser(support.browser);
  try {
    await assert.rejects(browser.print(pathToFileURL(join(work, 'no-such.html')).href, 30_000), (e: unknown) => {
      assert.ok(e instanceof BrowserFailure);
      assert.match(e.message, /ERR_FILE_NOT_FOUND/);
      return true;
    });
    assert.ok(isPdf(await browser.print(page('e.html', '<p>仍可打印</p>'), 30_000)));
  } finally {
    browser.close();
  }
});

test('renderPdf reuses the browser across exports and relaunches it after closePdfBrowser', async () => {
  const report = emptyReport('2021', 2021, '某某县人民政府');
  const before = pdfBrowserLaunches();
  const [a, b] = await Promise.all([renderPdf(report), renderPdf(report)]);
  assert.ok(isPdf(await renderPdf(report)));
  assert.ok(isPdf(a) && isPdf(b));
  assert.equal(pdfBrowserLaunches(), before + 1, 'three exports, one browser');
  closePdfBrowser();
  assert.ok(isPdf(await renderPdf(report)));
  assert.equal(pdfBrowserLaunches(), before + 2, 'closed, the next export launches a new one');
});

test('gongkai render --format pdf exits when the PDF is written, leaving no temporary folder behind', () => {
  const out = join(work, 'cli.pdf');
  const tmp = mkdtempSync(join(work, 'tmp-'));
  // A process kept alive by the idle browser would run into this timeout (status null), well before IDLE_MS.
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.js'), 'render', join(ROOT, 'demo/reports/002_b7b31fc9363d19c4.json'), '--format', 'pdf', '-o', out], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, TMPDIR: tmp },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /正在用 Chromium 打印 PDF[\s\S]*已写入 PDF/);
  assert.ok(isPdf(readFileSync(out)));
  assert.deepEqual(readdirSync(tmp).filter((n) => n.startsWith('gongkai-')), [], 'the profile and page folders are removed at exit');
});

test('twenty exports at once: PDF_EXPORT_LIMITS print and wait on one browser, the rest are refused at once with pdf.busy', async () => {
  const { DomainError } = await import('../../core/errors.ts');
  const { PDF_EXPORT_LIMITS, pdfExportQueue } = await import('./render.ts');
  closePdfBrowser();
  const before = pdfBrowserLaunches();
  const report = emptyReport('2021', 2021, '并发导出测试');
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => renderPdf(report)));
  const printed = outcomes.filter((o) => o.status === 'fulfilled' && isPdf(o.value)).length;
  const busy = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof DomainError && o.reason.code === 'pdf.busy').length;
  const allowed = PDF_EXPORT_LIMITS.printing + PDF_EXPORT_LIMITS.waiting;
  assert.deepEqual({ printed, busy }, { printed: allowed, busy: 20 - allowed });
  assert.equal(pdfBrowserLaunches(), before + 1, 'one browser for all of them');
  assert.deepEqual(pdfExportQueue(), { printing: 0, waiting: 0 });
});
