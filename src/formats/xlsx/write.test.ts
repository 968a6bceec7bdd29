import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { generateConsistentReport, mulberry32 } from '../../core/annual-report/generate.ts';
import { placeCells, tableLayout } from '../../core/annual-report/layout.ts';
import { cellValue, emptyReport, templateOf, withCell, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { TABLE_KEYS, tableCells, type TableKey } from '../../core/annual-report/templates/index.ts';
import { validateReport } from '../../core/annual-report/validate.ts';
import { CHECK_OK, CHECK_UNKNOWN, checkPlan, type CheckCell } from './checks.ts';
import { INFO_SHEET, MISSING_NOTE, TABLE_SHEETS, address, gridToSheet } from './shape.ts';
import { renderXlsx } from './write.ts';

const demoDir = new URL('../../../demo/reports/', import.meta.url);

function demo(prefix: string): AnnualReport {
  const name = readdirSync(demoDir).find((n) => n.startsWith(prefix));
  assert.ok(name, prefix);
  const parsed = parseReportJson(readFileSync(new URL(name, demoDir), 'utf8'));
  assert.ok(parsed.ok, prefix);
  return parsed.report;
}

async function workbook(report: AnnualReport): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderXlsx(report)) as unknown as ExcelJS.Buffer);
  return wb;
}

function plan(report: AnnualReport, table: TableKey): readonly CheckCell[] {
  const layout = tableLayout(report, table);
  return checkPlan(templateOf(report), layout, placeCells(layout)).cells;
}

/** Every check cell of the workbook: its rule code (from the plan), the formula and the cached result in the file. */
async function checks(report: AnnualReport): Promise<{ code: string; row: number; col: number; formula: string; result: unknown }[]> {
  const wb = await workbook(report);
  return TABLE_KEYS.flatMap((table) => {
    if (report[table] === null) return [];
    const ws = wb.getWorksheet(TABLE_SHEETS[table]);
    assert.ok(ws);
    return plan(report, table).map((c) => {
      const cell = ws.getCell(c.row, c.left);
      assert.equal(cell.type, ExcelJS.ValueType.Formula, `${TABLE_SHEETS[table]}!${address(c.row, c.left)} is a formula`);
      return { code: c.code, row: c.row, col: c.left, formula: cell.formula, result: cell.result };
    });
  });
}

const SHEET_NAMES = [INFO_SHEET, '二 主动公开', '三 申请办理', '四 复议诉讼'];

describe('renderXlsx', () => {
  it('writes 说明 and one sheet per table, A4, header rows frozen', async () => {
    const wb = await workbook(demo('002'));
    assert.deepEqual(wb.worksheets.map((w) => w.name), SHEET_NAMES);
    for (const ws of wb.worksheets) assert.equal(ws.pageSetup.paperSize, 9, `${ws.name} prints on A4`);
    const t3 = wb.getWorksheet('三 申请办理');
    assert.ok(t3);
    assert.deepEqual({ ...t3.views[0] }, { ...t3.views[0], state: 'frozen', xSplit: 3, ySplit: 5 });
    assert.equal(wb.getWorksheet('四 复议诉讼')?.pageSetup.orientation, 'landscape');
  });

  it('draws labels, merged cells and numeric values from the layout', async () => {
    for (const report of [demo('002'), demo('001'), emptyReport('2021', 2021, '某某县人民政府')]) {
      const wb = await workbook(report);
      for (const table of TABLE_KEYS) {
        const ws = wb.getWorksheet(TABLE_SHEETS[table]);
        assert.ok(ws);
        for (const p of placeCells(tableLayout(report, table))) {
          const { row, col } = gridToSheet(p.row, p.col);
          const cell = ws.getCell(row, col);
          const where: string = `${ws.name}!${cell.address}`;
          if (p.cell.kind === 'value') {
            assert.equal(cell.value, p.cell.value, where);
            assert.ok(p.cell.value === null || typeof cell.value === 'number', `${where} holds a number`);
          } else assert.equal(cell.value, p.cell.text, where);
          if (p.cell.rowSpan > 1 || p.cell.colSpan > 1) {
            const far = ws.getCell(row + p.cell.rowSpan - 1, col + p.cell.colSpan - 1);
            assert.equal(far.master.address, cell.address, `${where} merged over ${far.address}`);
          }
        }
      }
    }
  });

  it('checks demo 002 live: every rule holds (✓)', async () => {
    const all = await checks(demo('002'));
    const codes = new Set(all.map((c) => c.code));
    assert.deepEqual([...codes].sort(), ['T2.published', 'T3.balance', 'T3.columns', 'T3.results', 'T4.sum']);
    assert.equal(all.filter((c) => c.code === 'T3.columns').length, 23, 'one per row of the 2019 table 三');
    assert.equal(all.filter((c) => c.code === 'T3.results').length, 7, 'one per column');
    assert.equal(all.filter((c) => c.code === 'T4.sum').length, 3);
    for (const c of all) {
      assert.match(c.formula, /^IF\(COUNT\(.+\)<\d+,"无法校验",IF\(.+,"✓","✗ [^"]+"\)\)$/);
      assert.equal(c.result, CHECK_OK, `${c.code} ${address(c.row, c.col)}`);
    }
  });

  it('checks demo 003: T3.columns fails where 自然人 ≠ 0 but 总计 = 0, T3.results/T3.balance in the 自然人 column', async () => {
    const report = demo('003');
    const all = await checks(report);
    const cells = tableCells(templateOf(report), 'applications');
    const value = (path: string) => cellValue(report, cells.find((c) => c.path === path) ?? assert.fail(path));
    const rows = plan(report, 'applications').filter((c) => c.code === 'T3.columns');
    for (const r of rows) {
      const base = r.paths[0]?.replace(/\.natural$/, '') ?? '';
      const broken = value(`${base}.natural`) !== 0 && value(`${base}.total`) === 0;
      const written = all.find((c) => c.code === 'T3.columns' && c.row === r.row);
      assert.equal(written?.result, broken ? '✗ 不平衡' : CHECK_OK, base);
    }
    assert.ok(rows.some((r) => all.find((c) => c.row === r.row && c.code === 'T3.columns')?.result !== CHECK_OK));
    for (const code of ['T3.results', 'T3.balance']) {
      const results = all.filter((c) => c.code === code).map((c) => c.result);
      assert.deepEqual(results, ['✗ 不平衡', ...new Array(6).fill(CHECK_OK)], code);
    }
  });

  it('says 无法校验 when a cell a rule needs is blank, and only for the rules that need it', async () => {
    assert.ok((await checks(emptyReport('2021', 2021, null))).every((c) => c.result === CHECK_UNKNOWN));
    const report = generateConsistentReport(mulberry32(5), { template: '2019', year: 2020 });
    const cell = tableCells(templateOf(report), 'applications').find((c) => c.path === 'applications.granted.research');
    assert.ok(cell);
    const blanked = withCell(report, cell, null);
    const unknown = plan(blanked, 'applications').filter((c) => c.paths.includes(cell.path));
    assert.deepEqual(unknown.map((c) => c.code).sort(), ['T3.columns', 'T3.results']);
    for (const c of await checks(blanked)) {
      const needs = unknown.some((u) => u.row === c.row && u.left === c.col);
      assert.equal(c.result, needs ? CHECK_UNKNOWN : CHECK_OK, `${c.code} ${address(c.row, c.col)}`);
    }
  });

  it('checks T2.published only in the 2019 table 二, and fails when published > total', async () => {
    assert.ok((await checks(generateConsistentReport(mulberry32(9), { template: '2021', year: 2022 }))).every((c) => c.code !== 'T2.published'));
    const report = demo('002');
    const cell = tableCells(templateOf(report), 'proactive').find((c) => c.path === 'proactive.rules.published');
    assert.ok(cell);
    const t2 = (await checks(withCell(report, cell, 5))).filter((c) => c.code === 'T2.published');
    assert.deepEqual(t2.map((c) => c.result), ['✗ 大于总数', CHECK_OK]);
  });

  it('agrees with the validator on every check of random reports (blanks, broken sums, null tables)', () => {
    const rng = mulberry32(77);
    const codes = new Set(['T2.published', 'T3.columns', 'T3.results', 'T3.balance', 'T4.sum']);
    const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
    let seen = 0;
    for (let i = 0; i < 150; i += 1) {
      let report = generateConsistentReport(rng, { template: i % 2 ? '2019' : '2021', year: 2020 + (i % 2) });
      for (const table of TABLE_KEYS) {
        if (rng() < 0.1) report = { ...report, [table]: null };
        else {
          for (const cell of tableCells(templateOf(report), table)) {
            if (cell.column.variant) continue;
            const r = rng();
            if (r < 0.03) report = withCell(report, cell, null);
            else if (r < 0.06) report = withCell(report, cell, Math.floor(rng() * 20) - 2);
          }
        }
      }
      const findings = validateReport(report).filter((f) => codes.has(f.code));
      const cells = TABLE_KEYS.flatMap((t) => (report[t] === null ? [] : plan(report, t)));
      for (const c of cells) {
        const f = findings.find((x) => x.code === c.code && sameSet(x.cells, c.paths));
        const expected = f?.outcome === 'violation' ? '✗' : f?.outcome === 'uncheckable' ? CHECK_UNKNOWN : CHECK_OK;
        assert.equal(c.result.startsWith('✗') ? '✗' : c.result, expected, `report #${i} ${c.code} ${c.paths.join(',')}`);
        if (f) seen += 1;
      }
      assert.equal(cells.filter((c) => c.result !== CHECK_OK).length, findings.length, `report #${i}: one check per finding`);
    }
    assert.ok(seen > 100, 'the random reports break rules often enough to test something');
  });

  it('keeps the sheet of a missing table, with a note and no values or checks', async () => {
    const wb = await workbook(demo('004'));
    for (const name of ['三 申请办理', '四 复议诉讼']) {
      const ws = wb.getWorksheet(name);
      assert.ok(ws, name);
      const texts: unknown[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
      assert.ok(texts.includes(MISSING_NOTE), name);
      assert.ok(texts.every((v) => typeof v === 'string'), `${name} holds no numbers or formulas`);
    }
  });
});
