/**
 * A spreadsheet (.xlsx, or .xls/.et converted by LibreOffice) → the text the importer reads. Each sheet becomes an HTML
 * table — merged ranges as colspan/rowspan, the cells they cover left out, an empty cell an empty `<td>` — and goes
 * through the HTML reader (../html/import.ts), so a sheet's table reads exactly like the same table in a Word file or
 * on a web page (one tab-separated line per row, a blank cell an empty field).
 */
import { Buffer } from 'node:buffer';
import ExcelJS from 'exceljs';
import { problem, type Problem } from '../../core/errors.ts';
import { escapeHtml } from '../html/escape.ts';
import { htmlToText } from '../html/import.ts';
import { checkZip, zipTooLarge } from '../source/zip.ts';

export type SheetText = { ok: true; text: string; sheets: number } | { ok: false; problem: Problem };

/** What a cell shows: a formula's cached result, rich text's plain text, a hyperlink's text. */
function shown(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return '';
  if ('result' in value) return shown(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : shown(value.text as ExcelJS.CellValue);
  return '';
}

/** A1-style range → its corners (1-based row and column). */
function range(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ''));
  if (!m) return null;
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1] ?? ''), bottom: Number(m[4]), right: col(m[3] ?? '') };
}

/** One worksheet as an HTML table. */
function sheetHtml(ws: ExcelJS.Worksheet): string {
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const r = range(ref);
    if (!r) continue;
    spans.set(`${r.top}:${r.left}`, { rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 });
    for (let y = r.top; y <= r.bottom; y += 1) for (let x = r.left; x <= r.right; x += 1) if (y !== r.top || x !== r.left) covered.add(`${y}:${x}`);
  }
  const width = ws.columnCount;
  const rows: string[] = [];
  for (let y = 1; y <= ws.rowCount; y += 1) {
    const row = ws.getRow(y);
    const cells: string[] = [];
    let any = false;
    for (let x = 1; x <= width; x += 1) {
      if (covered.has(`${y}:${x}`)) continue;
      const text = shown(row.getCell(x).value).trim();
      if (text !== '') any = true;
      const span = spans.get(`${y}:${x}`);
      const attrs = span ? `${span.cols > 1 ? ` colspan="${span.cols}"` : ''}${span.rows > 1 ? ` rowspan="${span.rows}"` : ''}` : '';
      cells.push(`<td${attrs}>${escapeHtml(text)}</td>`);
    }
    // An empty row between tables stays out; the empty cells of a row with content stay in (they are blank values).
    if (any || [...spans.keys()].some((k) => k.startsWith(`${y}:`))) rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<h2>${escapeHtml(ws.name)}</h2><table>${rows.join('')}</table>`;
}

/** The text of an .xlsx workbook, sheet after sheet. Errors (as values, never thrown): `import.extractFailed`. */
export async function xlsxToText(bytes: Uint8Array): Promise<SheetText> {
  const fail = (zh: string, en: string): SheetText => ({ ok: false, problem: problem('import.extractFailed', '', { zh, en }) });
  // Every entry inflated and counted against the limits of untrusted ZIPs (../source/limits.ts) before exceljs sees it.
  const zip = await checkZip(bytes);
  if (!zip.ok && zip.reason === 'tooLarge') return { ok: false, problem: zipTooLarge(zip.detail, zip.data) };
  if (!zip.ok) return fail(`电子表格无法读取（${zip.detail}）`, `the workbook cannot be read (${zip.detail})`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(`电子表格无法读取（${reason}）`, `the workbook cannot be read (${reason})`);
  }
  const html = book.worksheets.map(sheetHtml).join('\n');
  return { ok: true, text: htmlToText(`<html><body>${html}</body></html>`), sheets: book.worksheets.length };
}
