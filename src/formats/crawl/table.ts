/**
 * A crawled table (CSV or XLSX, one web page per row) → its pages: row number, title, text. The row number is the
 * 1-based data row (the header row is not counted; CSV lines that are entirely empty are not rows, as csv.DictReader
 * and pandas count them; in XLSX the sheet row minus the header row), so it is stable and names the row in
 * `<base>-row<N>`. The format is read from the bytes (a ZIP is XLSX, anything else CSV text in UTF-8, UTF-16 or
 * GB18030/GBK). Work is bounded: over {@link MAX_TABLE_BYTES} bytes or {@link MAX_TABLE_ROWS} rows is refused.
 * Every expected failure is a coded problem, never a throw.
 */
import { Buffer } from 'node:buffer';
import { problem, type Problem } from '../../core/errors.ts';
import { decodeText, isZip } from '../source/detect.ts';
import { ZIP_LIMITS } from '../source/limits.ts';
import { checkZip } from '../source/zip.ts';
import { parseCsv } from './csv.ts';

export const MAX_TABLE_BYTES = 200 * 1024 * 1024;
export const MAX_TABLE_ROWS = 100_000;

export interface CrawlColumns {
  /** Header of the column holding the page text (required). */
  readonly text: string;
  /** Header of the column holding the page title, if any. */
  readonly title?: string;
}

export interface CrawledPage {
  /** 1-based data row. */
  readonly row: number;
  /** null when there is no title column or the cell is empty. */
  readonly title: string | null;
  readonly text: string;
}

export type CrawlTable =
  | { readonly ok: true; readonly format: 'csv' | 'xlsx'; readonly encoding?: string; readonly pages: readonly CrawledPage[] }
  | { readonly ok: false; readonly problem: Problem };

const tooLarge = (name: string, zh: string, en: string, data: Record<string, unknown>): CrawlTable => ({ ok: false, problem: problem('input.tooLarge', name, { zh, en }, data) });

/** The index of each requested column in the header row, or the `table.noColumn` problem listing the columns there are. */
function columnIndexes(header: readonly string[], columns: CrawlColumns, at: string): { text: number; title: number | null } | Problem {
  const names = header.map((h) => h.replace(/^\ufeff/, '').trim());
  const find = (want: string) => names.indexOf(want.trim());
  for (const want of [columns.text, ...(columns.title === undefined ? [] : [columns.title])]) {
    if (find(want) < 0) {
      const list = names.filter((n) => n !== '');
      return problem(
        'table.noColumn',
        at,
        {
          zh: `没有“${want}”列；表头中的列：${list.map((n) => `“${n}”`).join('、') || '（无）'}`,
          en: `no column "${want}"; the header has: ${list.map((n) => JSON.stringify(n)).join(', ') || '(none)'}`,
        },
        { column: want, columns: names },
      );
    }
  }
  return { text: find(columns.text), title: columns.title === undefined ? null : find(columns.title) };
}

const titleOf = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);

function readCsv(bytes: Uint8Array, name: string, columns: CrawlColumns): CrawlTable {
  const { text, encoding } = decodeText(bytes);
  const parsed = parseCsv(text, name, { maxRecords: MAX_TABLE_ROWS + 1 });
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.records;
  if (!header) return { ok: false, problem: problem('import.empty', name) };
  const at = columnIndexes(header.fields, columns, `${name}:${header.line}`);
  if ('code' in at) return { ok: false, problem: at };
  const pages = rows.map((r, i) => ({ row: i + 1, title: at.title === null ? null : titleOf(r.fields[at.title]), text: r.fields[at.text] ?? '' }));
  return { ok: true, format: 'csv', encoding, pages };
}

type ExcelValue = import('exceljs').CellValue;

/** The text a cell shows: formulas give their cached result, rich text its plain text, dates ISO. */
function cellText(value: ExcelValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return '';
  if ('result' in value) return cellText(value.result as ExcelValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelValue);
  return '';
}

async function readXlsxTable(bytes: Uint8Array, name: string, columns: CrawlColumns): Promise<CrawlTable> {
  // A crawl's export is larger than a report: its whole may inflate to MAX_TABLE_BYTES, one sheet to half of it.
  const limits = { ...ZIP_LIMITS, entryBytes: MAX_TABLE_BYTES / 2, totalBytes: MAX_TABLE_BYTES };
  const inflated = await checkZip(bytes, limits);
  const unreadable = (msg: string): CrawlTable => ({ ok: false, problem: problem('xlsx.unreadable', name, { zh: msg, en: msg }) });
  if (!inflated.ok && inflated.reason === 'tooLarge') return tooLarge(name, `解压后过大（${inflated.detail}）`, `too large once unzipped (${inflated.detail})`, { ...inflated.data });
  if (!inflated.ok) return unreadable(`ZIP 结构损坏 / broken ZIP structure (${inflated.detail})`);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as import('exceljs').Buffer);
  } catch (error) {
    return unreadable(error instanceof Error ? error.message : String(error));
  }
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0);
  const headerOf = (ws: (typeof sheets)[number]): string[] => {
    const row = ws.getRow(ws.dimensions.top);
    const out: string[] = [];
    for (let c = 1; c <= ws.columnCount; c += 1) out.push(cellText(row.getCell(c).value));
    return out;
  };
  // The first sheet whose header has the text column; else the first sheet, for the message listing its columns.
  const sheet = sheets.find((ws) => headerOf(ws).some((h) => h.trim() === columns.text.trim())) ?? sheets[0];
  if (!sheet) return { ok: false, problem: problem('import.empty', name) };
  const top = sheet.dimensions.top;
  const at = columnIndexes(headerOf(sheet), columns, `${name}!${sheet.name}:${top}`);
  if ('code' in at) return { ok: false, problem: at };
  const last = sheet.rowCount;
  if (last - top > MAX_TABLE_ROWS) return tooLarge(name, `超过 ${MAX_TABLE_ROWS} 行`, `over ${MAX_TABLE_ROWS} rows`, { maxRows: MAX_TABLE_ROWS });
  const pages: CrawledPage[] = [];
  for (let r = top + 1; r <= last; r += 1) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const title = at.title === null ? null : titleOf(cellText(row.getCell(at.title + 1).value));
    pages.push({ row: r - top, title, text: cellText(row.getCell(at.text + 1).value) });
  }
  return { ok: true, format: 'xlsx', pages };
}

/** Read a crawled table. `name` locates problems. Errors: `input.tooLarge`, `import.empty`, `table.csvSyntax`, `table.noColumn`, `xlsx.unreadable`. */
export async function readCrawlTable(bytes: Uint8Array, name: string, columns: CrawlColumns): Promise<CrawlTable> {
  if (bytes.length > MAX_TABLE_BYTES) {
    return tooLarge(name, `超过 ${MAX_TABLE_BYTES / 1024 / 1024} MB`, `over ${MAX_TABLE_BYTES / 1024 / 1024} MB`, { bytes: bytes.length, max: MAX_TABLE_BYTES });
  }
  if (bytes.length === 0) return { ok: false, problem: problem('import.empty', name) };
  try {
    return isZip(bytes) ? await readXlsxTable(bytes, name, columns) : readCsv(bytes, name, columns);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: problem('input.unreadable', name, { zh: reason, en: reason }) };
  }
}
