import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { jpegsToPdf } from '../formats/ocr/scan-pdf.ts';
import { runCli } from './run-for-test.ts';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-import-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (argv: string[]) => runCli(dir, argv);

test('import -o DIR writes NAME.json (loadable by check) and NAME.provenance.json; exit 0 despite findings', async () => {
  const r = await run(['import', join(CORPUS, '001_adfc45d447bb024f.txt'), '-o', 'out']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(await readFile(join(dir, 'out/001_adfc45d447bb024f.json'), 'utf8'));
  assert.equal(report.schema, 'gongkai.annual-report/1');
  assert.equal(report.organization, '南阳高新技术产业开发区管理委员会');
  const provenance = JSON.parse(await readFile(join(dir, 'out/001_adfc45d447bb024f.provenance.json'), 'utf8'));
  assert.ok(provenance.cells.some((c: { how: string }) => c.how === 'inferred'));
  const check = await run(['check', 'out/001_adfc45d447bb024f.json']);
  assert.equal(check.code, 1, 'the imported report loads; its negative counts are errors');
  const diff = await run(['diff', 'out/001_adfc45d447bb024f.json', join(CORPUS, '001_adfc45d447bb024f.expected.json')]);
  assert.equal(diff.code, 0, diff.out);
});

test('flags override detection; a folder is imported in batch with a summary table and CSV/XLSX', async () => {
  const one = await run(['import', join(CORPUS, '002_b7b31fc9363d19c4.txt'), '--json', '--year', '2019', '--org', '某市人民政府']);
  const doc = JSON.parse(one.out);
  assert.equal(doc.report.year, 2019);
  assert.equal(doc.detected.organization.how, 'flag');
  const batch = await run(['import', CORPUS, '--csv', 'all.csv', '--xlsx', 'all.xlsx']);
  assert.equal(batch.code, 0, batch.err);
  assert.match(batch.out, /平顶山市人民政府/);
  assert.match(batch.err, /完成 \/ done/);
  const csv = await readFile(join(dir, 'all.csv'), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 2 + 11, 'two header rows and one row per file in the folder');
  assert.match(lines[1] ?? '', /applications\.newReceived\.natural/);
  assert.ok((await readFile(join(dir, 'all.xlsx'))).length > 1000);
});

test('a file that cannot be read at all → exit 2 with a coded problem; bad flags → exit 2', async () => {
  await writeFile(join(dir, 'junk.pdf'), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3]));
  const r = await run(['import', 'junk.pdf']);
  assert.equal(r.code, 2);
  assert.match(r.err, /import\.|PDF/);
  assert.equal((await run(['import', 'missing.txt'])).code, 2);
  assert.equal((await run(['import', join(CORPUS, '002_b7b31fc9363d19c4.txt'), '--template', '2020'])).code, 2);
  const unwritable = await run(['import', join(CORPUS, '002_b7b31fc9363d19c4.txt'), '--csv', '/nonexistent-dir/x.csv']);
  assert.equal(unwritable.code, 2);
  assert.match(unwritable.err, /output\.unwritable|无法写入/);
  await writeFile(join(dir, 'afile'), 'x');
  assert.equal((await run(['import', join(CORPUS, '002_b7b31fc9363d19c4.txt'), '-o', 'afile/sub'])).code, 2);
});

test('a scan: a progress bar line per page read by OCR on stderr; each OCR cell with its confidence and page box', async () => {
  // A small two-page scan made here: the same crop of a real table (fixtures/scans) twice, as JPEG pages of a PDF.
  const crop = await readFile(new URL('../../fixtures/scans/huaian-2024-table2.png', import.meta.url));
  const jpeg = await sharp(crop).jpeg({ quality: 90 }).toBuffer();
  await writeFile(join(dir, 'scan.pdf'), jpegsToPdf([jpeg, jpeg], 200));
  const r = await run(['import', 'scan.pdf', '--json']);
  assert.equal(r.code, 0, r.err);
  const bars = r.err.split('\n').filter((l) => l.includes('scan.pdf OCR'));
  assert.deepEqual(
    bars.map((l) => /\] (\d\/\d) /.exec(l)?.[1]),
    ['1/2', '2/2'],
    r.err,
  );
  assert.match(r.err, /完成 \/ done: 2/);
  const doc = JSON.parse(r.out);
  const read = (doc.cells as { how: string; confidence?: number; box?: { page: number; x: number; y: number; w: number; h: number } }[]).filter((c) => c.box);
  assert.ok(read.length >= 3, JSON.stringify(doc.cells.filter((c: { how: string }) => c.how === 'read')));
  for (const c of read) {
    assert.ok(c.confidence !== undefined && c.confidence > 0 && c.confidence <= 1);
    assert.ok(c.box && [1, 2].includes(c.box.page) && c.box.w > 0 && c.box.h > 0);
  }
});
