/**
 * A spreadsheet as rows of text, for the catalog's imports (decisions from 双公示 exports; a site's catalog): CSV
 * (RFC 4180 quoting; UTF-8, UTF-16 or GB18030 as decodeText sniffs them) or the first worksheet of an XLSX (exceljs;
 * dates as YYYY-MM-DD). Errors: import.empty, input.tooLarge, table.csvSyntax (line), xlsx.unreadable. Never throws.
 */
import ExcelJS from 'exceljs';
import { problem, type Problem } from '../../core/errors.ts';
import { decodeText, isZip } from '../source/detect.ts';

export const MAX_TABLE_BYTES = 20 * 1024 * 1024;
export const MAX_TABLE_ROWS = 100_000;

export type TableRead = { ok: true; rows: string[][] } | { ok: false; problems: Problem[] };

/** Parse CSV text. */
export function parseCsv(text: string): TableRead {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '') return { ok: false, problems: [problem('table.csvSyntax', `line ${line}`, { zh: '引号只能出现在单元格开头', en: 'a quote may only open a cell' })] };
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line += 1;
      if (rows.length > MAX_TABLE_ROWS) return { ok: false, problems: [problem('input.tooLarge', '', { zh: `超过 ${MAX_TABLE_ROWS} 行`, en: `more than ${MAX_TABLE_ROWS} rows` })] };
    } else cell += ch;
  }
  if (quoted) return { ok: false, problems: [problem('table.csvSyntax', `line ${line}`, { zh: '引号未闭合', en: 'unclosed quote' })] };
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return { ok: true, rows };
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
};

/** Read a CSV or XLSX upload as rows. */
export async function readTable(bytes: Uint8Array): Promise<TableRead> {
  if (bytes.byteLength === 0) return { ok: false, problems: [problem('import.empty', '')] };
  if (bytes.byteLength > MAX_TABLE_BYTES) return { ok: false, problems: [problem('input.tooLarge', '', { zh: `超过 ${MAX_TABLE_BYTES / 1024 / 1024} MB`, en: `larger than ${MAX_TABLE_BYTES / 1024 / 1024} MB` })] };
  if (!isZip(bytes)) return parseCsv(decodeText(bytes).text.replace(/^\uFEFF/, ''));
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    if (!sheet) return { ok: false, problems: [problem('import.empty', '')] };
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (r) => {
      const values = Array.isArray(r.values) ? r.values.slice(1) : [];
      rows.push(values.map((v) => cellText(v as ExcelJS.CellValue)));
    });
    return { ok: true, rows };
  } catch {
    return { ok: false, problems: [problem('xlsx.unreadable', '')] };
  }
}
