import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { MAX_TABLE_ROWS, readCrawlTable } from './table.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

test('a GBK CSV with CRLF and a quoted multi-line cell is decoded and read', async () => {
  // 标题,内容\r\n"某县2023年政府信息公开工作年度报告","正文，第一行\r\n第二行"\r\n — encoded as GBK.
  const gbk = new Uint8Array([177, 234, 204, 226, 44, 196, 218, 200, 221, 13, 10, 34, 196, 179, 207, 216, 50, 48, 50, 51, 196, 234, 213, 254, 184, 174, 208, 197, 207, 162, 185, 171, 191, 170, 185, 164, 215, 247, 196, 234, 182, 200, 177, 168, 184, 230, 34, 44, 34, 213, 253, 206, 196, 163, 172, 181, 218, 210, 187, 208, 208, 13, 10, 181, 218, 182, 254, 208, 208, 34, 13, 10]);
  const t = await readCrawlTable(gbk, 'gbk.csv', { text: '内容', title: '标题' });
  assert.ok(t.ok, t.ok ? '' : t.problem.message);
  assert.equal(t.encoding, 'gb18030');
  assert.deepEqual(t.pages, [{ row: 1, title: '某县2023年政府信息公开工作年度报告', text: '正文，第一行\r\n第二行' }]);
});

test('a missing column is table.noColumn, located at the header, listing the columns there are', async () => {
  const t = await readCrawlTable(utf8('\ufeff标题,时间,正文\n a,b,c\n'), 'x.csv', { text: '内容', title: '标题' });
  assert.equal(t.ok, false);
  assert.ok(!t.ok);
  assert.equal(t.problem.code, 'table.noColumn');
  assert.equal(t.problem.at, 'x.csv:1');
  assert.match(t.problem.messageZh, /没有“内容”列.*“标题”、“时间”、“正文”/);
  assert.match(t.problem.message, /no column "内容".*"标题", "时间", "正文"/);
  const noTitle = await readCrawlTable(utf8('内容\nx\n'), 'x.csv', { text: '内容', title: '题目' });
  assert.equal(!noTitle.ok && noTitle.problem.code, 'table.noColumn', 'the title column is checked too');
});

test('hostile CSV: a column named __proto__, short rows, an unterminated quote, too many rows', async () => {
  const proto = await readCrawlTable(utf8('__proto__,constructor\n"x",y\nz\n'), 'p.csv', { text: '__proto__', title: 'constructor' });
  assert.ok(proto.ok);
  assert.deepEqual(proto.pages, [
    { row: 1, title: 'y', text: 'x' },
    { row: 2, title: null, text: 'z' },
  ]);
  assert.equal(({} as Record<string, unknown>).x, undefined, 'nothing polluted');
  const open = await readCrawlTable(utf8('a,b\n1,"2\n'), 'o.csv', { text: 'b' });
  assert.equal(!open.ok && open.problem.code, 'table.csvSyntax');
  const many = await readCrawlTable(utf8(`t\n${'x\n'.repeat(MAX_TABLE_ROWS + 1)}`), 'm.csv', { text: 't' });
  assert.equal(!many.ok && many.problem.code, 'input.tooLarge');
  const enough = await readCrawlTable(utf8(`t\n${'x\n'.repeat(MAX_TABLE_ROWS)}`), 'm.csv', { text: 't' });
  assert.equal(enough.ok && enough.pages.length, MAX_TABLE_ROWS);
  assert.equal((await readCrawlTable(new Uint8Array(), 'e.csv', { text: 't' })).ok, false);
});

test('an XLSX made with exceljs: rich text, numbers and dates as text, rows numbered from the header, blank rows not pages', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['这张表没有正文列']);
  const ws = wb.addWorksheet('抓取');
  ws.addRow(['标题', '时间', '内容']);
  ws.addRow(['某县2023年政府信息公开工作年度报告', new Date(Date.UTC(2024, 0, 26)), { richText: [{ text: '本年新收' }, { text: '政府信息公开申请数量 3' }] }]);
  ws.addRow([]);
  ws.addRow([null, 42, '第三行']);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const t = await readCrawlTable(bytes, 'c.xlsx', { text: '内容', title: '标题' });
  assert.ok(t.ok, t.ok ? '' : t.problem.message);
  assert.equal(t.format, 'xlsx');
  assert.deepEqual(t.pages, [
    { row: 1, title: '某县2023年政府信息公开工作年度报告', text: '本年新收政府信息公开申请数量 3' },
    { row: 3, title: null, text: '第三行' },
  ]);
  const missing = await readCrawlTable(bytes, 'c.xlsx', { text: '正文' });
  assert.equal(!missing.ok && missing.problem.code, 'table.noColumn');
  const broken = await readCrawlTable(new Uint8Array([...Buffer.from('PK\u0003\u0004'), 1, 2, 3]), 'b.xlsx', { text: '内容' });
  assert.equal(broken.ok, false, 'a broken ZIP is a problem, not a throw');
});
