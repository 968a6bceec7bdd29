import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { runCli } from './run-for-test.ts';

const REAL = fileURLToPath(new URL('../../fixtures/real/', import.meta.url));
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-import-crawl-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const run = (argv: string[]) => runCli(dir, argv);

/** The csv_row of every fixtures/real/<site>-*.source.json: the rows of the crawl that are annual reports, with their file. */
async function annotatedRows(site: string): Promise<Map<number, string>> {
  const rows = new Map<number, string>();
  for (const f of (await readdir(REAL)).filter((n) => n.startsWith(`${site}-`) && n.endsWith('.source.json'))) {
    const s = JSON.parse(await readFile(join(REAL, f), 'utf8'));
    rows.set(s.source.csv_row, f.replace('.source.json', ''));
  }
  return rows;
}

test('hebei-kjt.csv: exactly the annotated annual-report rows are imported, same as their .txt; the others skipped with reasons', async () => {
  const r = await run(['import', join(REAL, 'crawl-csv/hebei-kjt.csv'), '--text-column', '内容', '--title-column', '标题', '-o', 'kjt', '--csv', 'kjt.csv']);
  assert.equal(r.code, 0, r.err);
  const expected = await annotatedRows('hebei-kjt');
  assert.deepEqual([...expected.keys()].sort((a, b) => a - b), [1, 4, 5]);
  const written = (await readdir(join(dir, 'kjt'))).filter((n) => !n.includes('provenance')).sort();
  assert.deepEqual(written, [...expected.keys()].map((n) => `hebei-kjt-row${n}.json`).sort());
  for (const [row, name] of expected) {
    // The fixture .txt is the row's title, a newline, its text: importing it gives the same report.
    const single = await run(['import', join(REAL, `${name}.txt`), '-o', 'single']);
    assert.equal(single.code, 0);
    assert.equal(await readFile(join(dir, `kjt/hebei-kjt-row${row}.json`), 'utf8'), await readFile(join(dir, `single/${name}.json`), 'utf8'), name);
    const prov = JSON.parse(await readFile(join(dir, `kjt/hebei-kjt-row${row}.provenance.json`), 'utf8'));
    assert.deepEqual(prov.source, { file: join(REAL, 'crawl-csv/hebei-kjt.csv'), row });
  }
  for (const row of [2, 3, 6, 7, 8, 9, 10, 11]) assert.match(r.err, new RegExp(`跳过 / skipped: hebei-kjt-row${row}（`), `row ${row}`);
  assert.match(r.err, /hebei-kjt-row2.*政府网站工作年度报表 \/ .*website annual form/);
  assert.match(r.err, /hebei-kjt-row6.*没有统计表.*no statistical tables/);
  assert.match(r.err, /hebei-kjt-row8.*2018 年度报告早于 2019 年模板/);
  assert.match(r.out, /3 imported, 0 unreadable, 8 rows skipped/);
  const summary = await readFile(join(dir, 'kjt.csv'), 'utf8');
  assert.match(summary, /hebei-kjt-row6,,,,,,,,跳过：正文中没有统计表/);
  assert.equal(summary.trim().split('\r\n').length, 2 + 11, 'two header rows and every data row: 3 imported, 8 skipped');
});

test('the other crawls give exactly their annotated rows too (gxt, jyt)', async () => {
  for (const site of ['hebei-gxt', 'hebei-jyt']) {
    const r = await run(['import', join(REAL, `crawl-csv/${site}.csv`), '--text-column', '内容', '--title-column', '标题', '--json']);
    assert.equal(r.code, 0, r.err);
    const docs = JSON.parse(r.out) as { file: string; skipped?: boolean }[];
    const imported = docs.filter((d) => !d.skipped).map((d) => d.file);
    assert.deepEqual(imported.sort(), [...(await annotatedRows(site)).keys()].map((n) => `${site}-row${n}`).sort(), site);
    assert.ok(docs.filter((d) => d.skipped).every((d) => 'reasonZh' in d && 'reason' in d));
  }
});

test('hostile tables end with exit 2 and a coded problem: unterminated quote, missing column, __proto__ column works', async () => {
  await writeFile(join(dir, 'open.csv'), '标题,内容\n"某县2023年政府信息公开工作年度报告","本年新收\n');
  const open = await run(['import', 'open.csv', '--text-column', '内容']);
  assert.equal(open.code, 2);
  assert.match(open.err, /table\.csvSyntax|引号没有闭合/);
  await writeFile(join(dir, 'cols.csv'), '标题,内容\nx,y\n');
  const missing = await run(['import', 'cols.csv', '--text-column', '正文']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /没有“正文”列；表头中的列：“标题”、“内容”/);
  assert.match(missing.err, /the header has: "标题", "内容"/);
  const big = '0'.repeat(10 * 1024 * 1024);
  await writeFile(join(dir, 'proto.csv'), `__proto__,x\n"某县2023年政府信息公开工作年度报告。${big}",1\n`);
  const proto = await run(['import', 'proto.csv', '--text-column', '__proto__']);
  assert.equal(proto.code, 0, proto.err);
  assert.match(proto.err, /proto-row1.*没有统计表/, 'a 10 MB cell without tables is read and skipped');
  const usageError = await run(['import', 'open.csv', '--title-column', '标题']);
  assert.equal(usageError.code, 2, '--title-column alone is a usage error');
});

test('an XLSX crawl made with exceljs is imported row by row; a .txt beside it is imported as before', async () => {
  const text = await readFile(join(REAL, 'hebei-jyt-2023.txt'), 'utf8');
  const [title, ...rest] = text.split('\n');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['标题', '内容']);
  ws.addRow(['某厅2023年度政府网站工作年度报表', '']);
  ws.addRow([title, rest.join('\n')]);
  await writeFile(join(dir, 'crawl.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
  await writeFile(join(dir, 'one.txt'), text);
  const r = await run(['import', 'crawl.xlsx', 'one.txt', '--text-column', '内容', '--title-column', '标题', '-o', 'x']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /crawl-row1.*政府网站工作年度报表/);
  assert.equal(await readFile(join(dir, 'x/crawl-row2.json'), 'utf8'), await readFile(join(dir, 'x/one.json'), 'utf8'));
});
