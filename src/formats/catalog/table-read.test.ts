import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { parseCsv, readTable } from './table-read.ts';

describe('readTable', () => {
  it('CSV with quotes, CRLF and a BOM; GB18030 bytes decoded', async () => {
    const r = parseCsv('事项名称,决定日期\r\n"食品经营许可，含""冷链""",2025-01-02\r\n');
    assert.ok(r.ok);
    assert.deepEqual(r.rows, [['事项名称', '决定日期'], ['食品经营许可，含"冷链"', '2025-01-02']]);
    const gbk = new Uint8Array([0xca, 0xc2, 0xcf, 0xee, 0x0a]); // 事项 in GBK
    const t = await readTable(gbk);
    assert.ok(t.ok && t.rows[0]?.[0] === '事项');
    assert.ok(!parseCsv('a,"b\n').ok);
  });
  it('XLSX: the first sheet, dates as YYYY-MM-DD', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('双公示');
    ws.addRow(['事项名称', '决定日期', '金额']);
    ws.addRow(['不动产登记费', new Date(Date.UTC(2025, 2, 4)), 80]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await readTable(bytes);
    assert.ok(r.ok);
    assert.deepEqual(r.rows[1], ['不动产登记费', '2025-03-04', '80']);
    const broken = await readTable(bytes.slice(0, 200));
    assert.ok(!broken.ok && broken.problems[0]?.code === 'xlsx.unreadable');
  });
});
