/**
 * The shape of the annual-report workbook, shared by write.ts and read.ts so the two cannot drift: sheet names, where
 * each table's grid starts, the rows of the 说明 sheet, and the text escaping that makes strings survive XLSX.
 * Cell positions are never typed here: they come from core/annual-report/layout.ts (`tableLayout` + `placeCells`).
 */
import type { NarrativeKey, TableKey } from '../../core/annual-report/templates/index.ts';

/** The cover sheet: schema, template, year, organization, the narrative sections and annotations. */
export const INFO_SHEET = '说明';

export const TABLE_SHEETS: Readonly<Record<TableKey, string>> = {
  proactive: '二 主动公开',
  applications: '三 申请办理',
  reviewLitigation: '四 复议诉讼',
};

/** 1-based worksheet row of the first grid row: row 1 holds the caption, row 2 a filling note. */
export const GRID_TOP = 3;

/** Printed in place of a table the report lacks (spec: an absent section is never zero). */
export const MISSING_NOTE = '本部分表格缺失（不得视为零）';

/** Column A label of each 说明 row; the value sits in column B. */
export const INFO_LABELS = {
  schema: '数据格式（schema）',
  template: '模板（template）',
  year: '报告年度（year）',
  organization: '机关名称（organization）',
  annotations: '附注（annotations，JSON，供程序使用）',
} as const;

/** Suffix of the rows that continue a text longer than one cell holds. */
export const CONTINUED = '（续）';

/** Excel refuses cells longer than 32,767 characters; long narratives continue on the next rows. */
export const CELL_TEXT_LIMIT = 30_000;

export type InfoKey = keyof typeof INFO_LABELS | NarrativeKey;

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address of a 1-based row and column. */
export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** Worksheet row/column (1-based) of a 0-based grid position from `placeCells`. */
export function gridToSheet(gridRow: number, gridCol: number): { row: number; col: number } {
  return { row: GRID_TOP + gridRow, col: gridCol + 1 };
}

const ESCAPE_LIKE = /_(?=x[0-9A-Fa-f]{4})/g;
// Characters XML 1.0 cannot carry (dropped by writers), \r (normalised to \n by XML parsers) and lone surrogates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\r\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escape text for a cell the way Excel does (ECMA-376 ST_Xstring `_xHHHH_`), which exceljs and Excel decode on read.
 * An underscore that could start such an escape is written `_x005F_` so literal text like `_x000D_` survives.
 */
export function encodeCellText(text: string): string {
  return text
    .replace(ESCAPE_LIKE, '_x005F_')
    .replace(UNSAFE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Split text into pieces a cell can hold (the reader joins the rows back). */
export function chunkText(text: string): string[] {
  if (text.length <= CELL_TEXT_LIMIT) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CELL_TEXT_LIMIT) out.push(text.slice(i, i + CELL_TEXT_LIMIT));
  return out;
}
