/**
 * Annual report → XLSX workbook (exceljs). Sheet 说明 carries schema, template, year, organization, the narrative
 * sections and annotations, so the workbook reads back losslessly (read.ts); then one sheet per table (二、三、四)
 * drawn from core/annual-report/layout.ts — labels and merged cells exactly as the template prints them — with the
 * spec's arithmetic rules as live formulas beside each table (checks.ts). Blank cells stay blank: never zero.
 */
import { reportTitle } from '../report-text.ts';
import ExcelJS from 'exceljs';
import { RULES } from '../../core/annual-report/findings.ts';
import { placeCells, tableLayout, type PlacedCell } from '../../core/annual-report/layout.ts';
import { NARRATIVE_KEYS, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { TABLE_KEYS, TEMPLATE_IDS, type TableKey } from '../../core/annual-report/templates/index.ts';
import { CHECK_OK, CHECK_UNKNOWN, checkPlan, type CheckPlan } from './checks.ts';
import {
  CONTINUED,
  GRID_TOP,
  INFO_LABELS,
  INFO_SHEET,
  MISSING_NOTE,
  TABLE_SHEETS,
  address,
  chunkText,
  encodeCellText,
  gridToSheet,
} from './shape.ts';

type Sheet = ExcelJS.Worksheet;

// 宋体 is on every Chinese Windows and in WPS; the printed report uses 仿宋 (see docx/render.ts), a sheet favours legibility.
const FONT = '宋体';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const CHECK_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8E1' } };
const FILL_NOTE = '空白单元格表示未知（不是零），不适用请留空。';
const CHECK_NOTE = '表格右侧或下方的校验为实时公式，修改数字后自动重新校验。';
const CHECK_WIDTH = 20;

/** Display width of text in Excel column units: a CJK character is about two. */
function units(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1.1;
  return n;
}

/** Lines the text wraps to in a cell `width` units wide. */
function lines(text: string, width: number): number {
  const usable = Math.max(width - 1.5, 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(units(line) / usable)), 0);
}

const rowHeight = (n: number) => Math.min(409, Math.max(20, n * 14.5 + 6));

/** Grid column widths per table: label columns wide enough for the template's labels, value columns narrow. */
function gridWidths(table: TableKey, width: number): number[] {
  if (table === 'applications') return [6, 12, 36, ...new Array<number>(width - 3).fill(9)];
  if (table === 'proactive') return [22, ...new Array<number>(width - 1).fill(16)];
  return new Array<number>(width).fill(8.5);
}

function spanWidth(widths: readonly number[], left: number, right: number): number {
  let w = 0;
  for (let c = left; c <= right; c += 1) w += widths[c - 1] ?? 9;
  return w;
}

function box(ws: Sheet, top: number, left: number, bottom: number, right: number, style: Partial<ExcelJS.Style>): void {
  for (let r = top; r <= bottom; r += 1) {
    for (let c = left; c <= right; c += 1) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      if (style.fill) cell.fill = style.fill;
    }
  }
  const master = ws.getCell(top, left);
  if (style.font) master.font = style.font;
  if (style.alignment) master.alignment = style.alignment;
  if (style.numFmt) master.numFmt = style.numFmt;
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

function writeGrid(ws: Sheet, placed: readonly PlacedCell[], widths: readonly number[], heights: Map<number, number>): void {
  for (const p of placed) {
    const { row, col } = gridToSheet(p.row, p.col);
    const bottom = row + p.cell.rowSpan - 1;
    const right = col + p.cell.colSpan - 1;
    const cell = ws.getCell(row, col);
    if (p.cell.kind === 'value') {
      if (p.cell.value !== null) cell.value = p.cell.value;
      box(ws, row, col, bottom, right, { font: { name: FONT, size: 11 }, alignment: { horizontal: 'center', vertical: 'middle' } });
      continue;
    }
    cell.value = p.cell.text;
    const header = p.cell.kind === 'header';
    const centered = header || p.cell.rowSpan > 1;
    box(ws, row, col, bottom, right, {
      font: { name: FONT, size: 11, bold: header },
      alignment: { horizontal: centered ? 'center' : 'left', vertical: 'middle', wrapText: true },
      ...(header ? { fill: HEADER_FILL } : {}),
    });
    if (p.cell.rowSpan === 1) {
      const need = rowHeight(lines(p.cell.text, spanWidth(widths, col, right)));
      heights.set(row, Math.max(heights.get(row) ?? 0, need));
    }
  }
}

function writeChecks(ws: Sheet, plan: CheckPlan, widths: readonly number[], heights: Map<number, number>): void {
  for (const l of plan.labels) {
    ws.getCell(l.top, l.left).value = l.text;
    box(ws, l.top, l.left, l.bottom, l.right, {
      font: { name: FONT, size: 10, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      fill: CHECK_FILL,
    });
    const span = l.bottom - l.top + 1;
    const need = rowHeight(lines(l.text, spanWidth(widths, l.left, l.right)) / span);
    for (let r = l.top; r <= l.bottom; r += 1) heights.set(r, Math.max(heights.get(r) ?? 0, need));
  }
  for (const c of plan.cells) {
    ws.getCell(c.row, c.left).value = { formula: c.formula, result: c.result };
    box(ws, c.row, c.left, c.row, c.right, {
      font: { name: FONT, size: 10 },
      alignment: { horizontal: 'center', vertical: 'middle' },
      fill: CHECK_FILL,
    });
  }
  // One conditional-format block per check cell: a bounding box would also colour the report's own numbers.
  for (const c of plan.cells) {
    ws.addConditionalFormatting({ ref: address(c.row, c.left), rules: CHECK_RULES });
  }
}

const CHECK_RULES: ExcelJS.ConditionalFormattingRule[] = [
  { type: 'containsText', operator: 'containsText', text: '✗', priority: 1, style: { font: { color: { argb: 'FFC00000' }, bold: true } } },
  { type: 'containsText', operator: 'containsText', text: CHECK_UNKNOWN, priority: 2, style: { font: { color: { argb: 'FF7F7F7F' } } } },
  { type: 'containsText', operator: 'containsText', text: CHECK_OK, priority: 3, style: { font: { color: { argb: 'FF2E7D32' } } } },
];

function title(ws: Sheet, text: string, right: number, note?: string): void {
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).font = { name: '黑体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { vertical: 'middle' };
  ws.getRow(1).height = 26;
  if (right > 1) ws.mergeCells(1, 1, 1, right);
  if (note === undefined) return;
  ws.getCell(2, 1).value = note;
  ws.getCell(2, 1).font = { name: FONT, size: 9, color: { argb: 'FF595959' } };
  ws.getCell(2, 1).alignment = { vertical: 'middle', wrapText: true };
  if (right > 1) ws.mergeCells(2, 1, 2, right);
}

function writeTableSheet(wb: ExcelJS.Workbook, report: AnnualReport, table: TableKey): void {
  const template = templateOf(report);
  const heading = template.sections.find((s) => s.key === table)?.heading ?? TABLE_SHEETS[table];
  const ws = wb.addWorksheet(TABLE_SHEETS[table]);
  if (report[table] === null) {
    ws.getColumn(1).width = 60;
    title(ws, heading, 1);
    ws.getCell(GRID_TOP, 1).value = MISSING_NOTE;
    ws.getCell(GRID_TOP, 1).font = { name: FONT, size: 12, bold: true, color: { argb: 'FFC00000' } };
    ws.pageSetup = { paperSize: 9, orientation: 'portrait' };
    return;
  }
  const layout = tableLayout(report, table);
  const placed = placeCells(layout);
  const plan = checkPlan(template, layout, placed);
  const hasCheckColumn = plan.cells.some((c) => c.left > layout.width);
  // One spacer column between the table and its check column keeps the printed form intact.
  const widths = [...gridWidths(table, layout.width), ...(hasCheckColumn ? [2, CHECK_WIDTH] : [])];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const note = plan.cells.length > 0 ? `${FILL_NOTE}${CHECK_NOTE}` : FILL_NOTE;
  title(ws, heading, layout.width, note);
  ws.getRow(2).height = rowHeight(lines(note, spanWidth(widths, 1, layout.width)));
  const heights = new Map<number, number>();
  writeGrid(ws, placed, widths, heights);
  writeChecks(ws, plan, widths, heights);
  for (const [row, h] of heights) ws.getRow(row).height = h;
  const headRows = layout.rows.filter((r) => r.kind === 'head').length;
  const labelCols = table === 'applications' ? 3 : table === 'proactive' ? 1 : 0;
  ws.views = [{ state: 'frozen', xSplit: labelCols, ySplit: GRID_TOP - 1 + headRows }];
  const lastRow = Math.max(gridToSheet(layout.rows.length - 1, 0).row, ...plan.cells.map((c) => c.row));
  ws.pageSetup = {
    paperSize: 9,
    // Table 四 has fifteen value columns: landscape keeps them legible; 二 and 三 print upright like the template.
    orientation: table === 'reviewLitigation' ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${address(lastRow, widths.length)}`,
    ...(headRows > 0 ? { printTitlesRow: `${GRID_TOP}:${GRID_TOP + headRows - 1}` } : {}),
  };
}

function infoRow(ws: Sheet, label: string, value: string | number | null, note = ''): void {
  const row = ws.addRow([label, value ?? null, note]);
  row.getCell(1).font = { name: FONT, size: 11, bold: true };
  row.getCell(1).alignment = { vertical: 'top', wrapText: true };
  row.getCell(2).font = { name: FONT, size: 11 };
  row.getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  row.getCell(3).font = { name: FONT, size: 9, color: { argb: 'FF595959' } };
  row.getCell(3).alignment = { vertical: 'top', wrapText: true };
  for (let c = 1; c <= 3; c += 1) row.getCell(c).border = BORDER;
  const text = typeof value === 'string' ? value : '';
  row.height = rowHeight(Math.max(lines(text, 70), lines(label, 26), lines(note, 30)));
}

/** Text rows: one per chunk of at most 30,000 characters, continuation rows marked （续）. Null → a blank cell. */
function textRows(ws: Sheet, label: string, text: string | null, note = ''): void {
  if (text === null) return infoRow(ws, label, null, note);
  chunkText(text).forEach((part, i) => infoRow(ws, i === 0 ? label : `${label}${CONTINUED}`, encodeCellText(part), i === 0 ? note : ''));
}

function writeInfoSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const template = templateOf(report);
  const ws = wb.addWorksheet(INFO_SHEET);
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 70;
  ws.getColumn(3).width = 30;
  title(ws, encodeCellText(reportTitle(report)), 3,
    '本工作簿由 gongkai 导出，可修改后重新导入。第二、三、四部分的表格各占一个工作表；B 列为内容，A 列名称请勿修改。');
  ws.getRow(2).height = 30;
  ws.addRow([]);
  infoRow(ws, INFO_LABELS.schema, report.schema, '请勿修改');
  infoRow(ws, INFO_LABELS.template, report.template, `${template.notice}（${TEMPLATE_IDS.join(' 或 ')}）`);
  infoRow(ws, INFO_LABELS.year, report.year);
  textRows(ws, INFO_LABELS.organization, report.organization, '空白表示未知');
  for (const key of NARRATIVE_KEYS) {
    const heading = template.sections.find((s) => s.key === key)?.heading ?? key;
    textRows(ws, heading, report.sections[key], '空白表示未填写');
  }
  const notes = Object.keys(report.annotations).length > 0 ? JSON.stringify(report.annotations) : null;
  textRows(ws, INFO_LABELS.annotations, notes, '来源缺陷等附注，供程序使用');
  ws.addRow([]);
  ws.addRow(['校验规则', '各表旁的校验公式显示“✓”（相符）、“✗”（不符）或“无法校验”（有空白单元格）：']);
  for (const code of ['T2.published', 'T3.columns', 'T3.results', 'T3.balance', 'T4.sum'] as const) {
    const row = ws.addRow(['', `${code}：${RULES[code].zh}`]);
    row.getCell(2).font = { name: FONT, size: 10 };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** The report as an XLSX workbook (sheets 说明, 二 主动公开, 三 申请办理, 四 复议诉讼). Never rejects on report content. */
export async function renderXlsx(report: AnnualReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.title = reportTitle(report);
  writeInfoSheet(wb, report);
  for (const table of TABLE_KEYS) writeTableSheet(wb, report, table);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
