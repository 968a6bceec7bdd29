/**
 * The deadline table (期限表) of spec/applications.md — deadline-cases.csv's format: one application per row,
 * columns received, correctionNoticeDue (7 wd, 条例第三十条), thirdPartyReplyDueIfSentOnReceipt (15 wd, 第三十二条),
 * extensionDays, pauseFrom, pauseTo, pausedWorkingDays, answerDue (20 wd + paused + extension, 第三十三条).
 * Only received, extensionDays, pauseFrom and pauseTo are read; `fillDeadlineTable` writes every computed column.
 * Used by `gongkai calendar deadlines` and by the tests that reproduce the shared table. A date counted over a
 * provisional year (calendar.ts) is written `2027-01-13（暂定）`: not a bare date, so a script reading the table cannot
 * take it for a final deadline (the shared table leaves such cells empty: "not computable until 2027 is loaded").
 */
import { problem, type ErrorCode, type Problem } from '../errors.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import { computeDeadlines, EXTENSION_MAX, type Deadlines, type Due } from './deadlines.ts';
import { daysBetween, isIsoDate, type IsoDate } from './dates.ts';
import { PROVISIONAL_LABEL } from './statutory-holidays.ts';

export const DEADLINE_TABLE_COLUMNS = [
  'received',
  'correctionNoticeDue',
  'thirdPartyReplyDueIfSentOnReceipt',
  'extensionDays',
  'pauseFrom',
  'pauseTo',
  'pausedWorkingDays',
  'answerDue',
] as const;

export type DeadlineColumn = (typeof DEADLINE_TABLE_COLUMNS)[number];
/** The columns computed from the others. */
export const COMPUTED_COLUMNS = ['correctionNoticeDue', 'thirdPartyReplyDueIfSentOnReceipt', 'pausedWorkingDays', 'answerDue'] as const satisfies readonly DeadlineColumn[];

export interface DeadlineRow {
  /** Line in the file (1 = header). */
  readonly line: number;
  readonly received: IsoDate;
  readonly extensionDays: number;
  readonly pause?: { readonly from: IsoDate; readonly to: IsoDate };
  /** The cells as read, by column (computed columns included, for comparison). */
  readonly cells: Readonly<Partial<Record<DeadlineColumn, string>>>;
}

export interface DeadlineTable {
  readonly rows: readonly DeadlineRow[];
  /** '\r\n' when the file used it, so that the output matches the input. */
  readonly lineEnding: '\n' | '\r\n';
}

/** What a computed cell says when the count needs a year the calendar lacks (no comma: it stays one CSV cell). */
export function notCoveredCell(year: number): string {
  return `未载入${year}年日历（calendar ${year} not loaded）`;
}

/** What a computed cell says when the date was counted over a provisional year (no comma: it stays one CSV cell). */
export function provisionalCell(value: string): string {
  return `${value}（${PROVISIONAL_LABEL.zh}）`;
}

const isColumn = (name: string): name is DeadlineColumn => (DEADLINE_TABLE_COLUMNS as readonly string[]).includes(name);
const unquote = (cell: string) => (/^".*"$/.test(cell) ? cell.slice(1, -1).replace(/""/g, '"') : cell).trim();

/**
 * Parse a deadline table. Problems, located `source:line` (Chinese and English): deadline.table (header, cell count),
 * calendar.badDate, deadline.extension (not 0-20), deadline.pause (half given, reversed, before receipt). Never throws.
 */
export function parseDeadlineTable(text: string, source = ''): { ok: true; table: DeadlineTable } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const lineEnding = body.includes('\r\n') ? '\r\n' : '\n';
  const lines = body.split(/\r?\n/);
  const at = (line: number) => (source ? `${source}:${line}` : `${line}`);
  const fail = (code: ErrorCode, line: number, zh: string, en: string) =>
    problems.push(problem(code, at(line), { zh: `第${line}行：${zh}`, en: `line ${line}: ${en}` }, { line }));

  const header = (lines[0] ?? '').split(',').map(unquote);
  header.forEach((name) => {
    if (!isColumn(name)) fail('deadline.table', 1, `未知的列“${name}”，可用的列：${DEADLINE_TABLE_COLUMNS.join(', ')}`, `unknown column "${name}"; columns: ${DEADLINE_TABLE_COLUMNS.join(', ')}`);
  });
  if (new Set(header).size !== header.length) fail('deadline.table', 1, '列名重复', 'a column is named twice');
  if (!header.includes('received')) fail('deadline.table', 1, '缺少 received 列', 'the column "received" is missing');
  if (problems.length > 0) return { ok: false, problems };

  const rows: DeadlineRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const values = raw.split(',').map(unquote);
    if (values.length !== header.length) {
      return fail('deadline.table', line, `应有 ${header.length} 个单元格，实有 ${values.length} 个`, `expected ${header.length} cells, found ${values.length}`);
    }
    const cells: Partial<Record<DeadlineColumn, string>> = {};
    header.forEach((name, k) => {
      if (isColumn(name)) cells[name] = values[k] ?? '';
    });
    const received = cells.received ?? '';
    if (!isIsoDate(received)) return fail('calendar.badDate', line, `received “${received}”`, `received "${received}"`);
    const extText = cells.extensionDays ?? '';
    const extensionDays = extText === '' ? 0 : /^\d+$/.test(extText) ? Number(extText) : Number.NaN;
    if (!(extensionDays <= EXTENSION_MAX.workingDays)) {
      return fail('deadline.extension', line, `extensionDays “${extText}”`, `extensionDays "${extText}"`);
    }
    const from = cells.pauseFrom ?? '';
    const to = cells.pauseTo ?? '';
    if ((from === '') !== (to === '')) return fail('deadline.pause', line, 'pauseFrom 与 pauseTo 应同时填写或同时留空', 'pauseFrom and pauseTo go together');
    if (from !== '') {
      for (const [name, d] of [['pauseFrom', from], ['pauseTo', to]] as const) {
        if (!isIsoDate(d)) return fail('calendar.badDate', line, `${name} “${d}”`, `${name} "${d}"`);
      }
      if (daysBetween(from, to) < 0) return fail('deadline.pause', line, `pauseTo ${to} 早于 pauseFrom ${from}`, `pauseTo ${to} is before pauseFrom ${from}`);
      if (daysBetween(received, from) < 0) return fail('deadline.pause', line, `pauseFrom ${from} 早于 received ${received}`, `pauseFrom ${from} is before received ${received}`);
    }
    rows.push({ line, received, extensionDays, ...(from !== '' ? { pause: { from, to } } : {}), cells });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, table: { rows, lineEnding } };
}

/**
 * The computed cells of one row. `notCovered` lists the years the calendar lacked for it, `provisional` the
 * provisional years its dates were counted over (those cells are written with （暂定）).
 */
export function computeRow(cal: WorkingDayCalendar, row: DeadlineRow): { cells: Record<DeadlineColumn, string>; notCovered: number[]; provisional: number[] } {
  const r = computeDeadlines(cal, {
    received: row.received,
    extensionDays: row.extensionDays,
    pauses: row.pause ? [{ ...row.pause, reason: '征求意见或缴费 / consultation or fee' }] : [],
  });
  // parseDeadlineTable has validated every input, so the only failures left are bugs.
  if (!r.ok) throw new Error(`deadline row ${row.line}: ${r.problems.map((p) => p.message).join('; ')}`);
  const notCovered = new Set<number>();
  const provisional = new Set<number>();
  const cell = (v: Due | Deadlines['pausedWorkingDays']): string => {
    if (v.ok) {
      const value = 'date' in v ? v.date : String(v.days);
      if (!v.provisional) return value;
      for (const y of v.provisionalYears ?? []) provisional.add(y);
      return provisionalCell(value);
    }
    notCovered.add(v.year);
    return notCoveredCell(v.year);
  };
  const cells: Record<DeadlineColumn, string> = {
    received: row.received,
    correctionNoticeDue: cell(r.correctionNoticeDue),
    thirdPartyReplyDueIfSentOnReceipt: cell(r.thirdPartyReplyDueIfSentOnReceipt),
    extensionDays: String(row.extensionDays),
    pauseFrom: row.pause?.from ?? '',
    pauseTo: row.pause?.to ?? '',
    pausedWorkingDays: cell(r.pausedWorkingDays),
    answerDue: cell(r.answerDue),
  };
  return { cells, notCovered: [...notCovered].sort(), provisional: [...provisional].sort() };
}

/**
 * The table with every computed column filled, in the standard column order; plus the rows the calendar could not
 * cover and the rows with provisional (暂定) dates.
 */
export function fillDeadlineTable(cal: WorkingDayCalendar, table: DeadlineTable): { csv: string; notCovered: { line: number; years: number[] }[]; provisional: { line: number; years: number[] }[] } {
  const out = [DEADLINE_TABLE_COLUMNS.join(',')];
  const notCovered: { line: number; years: number[] }[] = [];
  const provisional: { line: number; years: number[] }[] = [];
  for (const row of table.rows) {
    const r = computeRow(cal, row);
    out.push(DEADLINE_TABLE_COLUMNS.map((c) => r.cells[c]).join(','));
    if (r.notCovered.length > 0) notCovered.push({ line: row.line, years: r.notCovered });
    if (r.provisional.length > 0) provisional.push({ line: row.line, years: r.provisional });
  }
  return { csv: out.join(table.lineEnding) + table.lineEnding, notCovered, provisional };
}
