/**
 * Rows whose cells run together (crawled page text with the tags stripped: "…申请数量170000017（二）部分公开…"). The
 * digits of a row are one or more runs; every way of cutting them into the row's cells is a candidate reading, and
 * ./solve-runs.ts keeps those consistent with the template's equations. A cut obeys how numbers are printed: no
 * leading zero except 0 itself, a decimal part stays with its number, a sign starts a 本年增/减 cell (a "-" may also be a
 * dash meaning "empty", and in a row without 本年增/减 a negative count printed in error), a count is a whole number
 * without a unit of money. Digits separated by white space or
 * by text are never joined into one cell.
 *
 * Two ways of printing blanks are seen: every cell written out (zeros included), or blank cells vanishing without a
 * trace (rows with fewer digits than cells, or none at all). In the second case any cell of a row may have vanished.
 */
import type { ColumnDef } from '../templates/index.ts';
import type { Field } from './fields.ts';

export type RunToken =
  | { readonly kind: 'digits'; readonly text: string; readonly offset: number; readonly unit?: '万元' | '元' }
  | { readonly kind: 'sign'; readonly char: '+' | '-'; readonly offset: number }
  | { readonly kind: 'dash'; readonly raw: string; readonly offset: number };

/** One cell of a run reading: a number cut from the runs, or a blank (vanished, or a dash). */
export type RunSlot = { readonly value: number; readonly field: Field } | { readonly value: null; readonly field?: Field };

const TOKEN = /([+\-−])(?=\d)|(\d+(?:\.\d+)?)(万元|元)?|([/／—–\-−]+)/g;

/** The number-like tokens of a region's text (masked parts already blanked out), in order, with their offsets. */
export function runTokens(body: string, offset: number): RunToken[] {
  const out: RunToken[] = [];
  for (const m of body.matchAll(TOKEN)) {
    const at = offset + (m.index ?? 0);
    if (m[1]) out.push({ kind: 'sign', char: m[1] === '+' ? '+' : '-', offset: at });
    else if (m[2]) out.push({ kind: 'digits', text: m[2], offset: at, ...(m[3] ? { unit: m[3] as '万元' | '元' } : {}) });
    else if (m[4]) out.push({ kind: 'dash', raw: m[4], offset: at });
  }
  return out;
}

/** Digits in a region: how many cells its runs could fill at most. */
export const digitCount = (tokens: readonly RunToken[]): number =>
  tokens.reduce((n, t) => n + (t.kind === 'digits' ? t.text.replace('.', '').length : t.kind === 'dash' ? 1 : 0), 0);

const VALID = /^(0|[1-9]\d*)(\.\d+)?$/;

/** The longest cell cut from a run (digits and decimal point): no count or amount in a report is longer. */
const MAX_CELL_CHARS = 16;

/** Most readings enumerated for one row; beyond it the row is left unread (ambiguous), never guessed. */
export const MAX_RUN_READINGS = 20000;

export interface RunReadings {
  readonly readings: readonly (readonly RunSlot[])[];
  /** More readings than MAX_RUN_READINGS, or none at all: nothing can be read from the row. */
  readonly overflow: boolean;
}

function cellValue(text: string, unit: '万元' | '元' | undefined, column: ColumnDef, sign: 1 | -1): number | null {
  if (!VALID.test(text)) return null;
  const v = sign * Number(text);
  if (column.kind !== 'amount') return Number.isInteger(v) && unit === undefined ? v : null;
  return unit === '元' ? Math.round(v) / 10000 : v;
}

/**
 * Every reading of a row from its tokens: each cell takes a cut of a run (or a dash, or vanishes when `vanishing`),
 * and every digit is used exactly once, in order.
 */
export function runReadings(columns: readonly ColumnDef[], tokens: readonly RunToken[], vanishing: boolean): RunReadings {
  const n = columns.length;
  const hasSigned = columns.some((c) => c.kind === 'signedCount');
  const out: RunSlot[][] = [];
  let overflow = false;
  const slots: RunSlot[] = [];
  // Characters left from token t on: a run longer than the cells left could hold has no reading (bounds the work on a
  // hostile megabyte-long run).
  const left: number[] = new Array<number>(tokens.length + 1).fill(0);
  for (let t = tokens.length - 1; t >= 0; t -= 1) {
    const token = tokens[t] as RunToken;
    left[t] = (left[t + 1] ?? 0) + (token.kind === 'digits' ? token.text.length : 1);
  }
  // t: token index, pos: position inside a digits token, c: cell index.
  const walk = (t: number, pos: number, c: number): void => {
    if (overflow) return;
    if ((left[t] ?? 0) - pos > (n - c) * (MAX_CELL_CHARS + 1)) return;
    if (c === n) {
      if (t === tokens.length) {
        if (out.length >= MAX_RUN_READINGS) overflow = true;
        else out.push([...slots]);
      }
      return;
    }
    const column = columns[c] as ColumnDef;
    if (vanishing) {
      slots.push({ value: null });
      walk(t, pos, c + 1);
      slots.pop();
    }
    const token = tokens[t];
    if (!token) return;
    if (token.kind === 'dash' || (token.kind === 'sign' && token.char === '-')) {
      // A dash is an empty cell ("/" or "—"; a "-" before digits may be one too).
      slots.push({ value: null, field: { kind: 'notApplicable', value: null, raw: token.kind === 'dash' ? token.raw : '-', offset: token.offset, positional: false } });
      walk(t + 1, 0, c + 1);
      slots.pop();
    }
    const cut = (digits: Extract<RunToken, { kind: 'digits' }>, from: number, sign: 1 | -1, start: number, next: number) => {
      for (let end = from + 1; end <= Math.min(digits.text.length, from + MAX_CELL_CHARS); end += 1) {
        const text = digits.text.slice(from, end);
        if (digits.text[end] === '.') continue;
        const last = end === digits.text.length;
        const value = cellValue(text, last ? digits.unit : undefined, column, sign);
        if (value === null) continue;
        const raw = `${sign < 0 ? '-' : start < digits.offset ? '+' : ''}${text}${last && digits.unit ? digits.unit : ''}`;
        const field: Field = { kind: 'number', value, raw, offset: start, positional: false, ...(last && digits.unit ? { unit: digits.unit } : {}) };
        slots.push({ value, field });
        if (last) walk(next, 0, c + 1);
        else walk(next - 1, end, c + 1);
        slots.pop();
        if (overflow) return;
      }
    };
    if (token.kind === 'sign') {
      const digits = tokens[t + 1];
      // A sign starts the row's 本年增/减 cell; in a row without one, a "-" before digits may also be a negative count
      // printed in error (kept as printed, for the validator to flag) — never a plus.
      const signed = column.kind === 'signedCount' || (token.char === '-' && column.kind === 'count' && !hasSigned);
      if (signed && digits?.kind === 'digits' && digits.offset === token.offset + 1) {
        cut(digits, 0, token.char === '-' ? -1 : 1, token.offset, t + 2);
      }
      return;
    }
    if (token.kind === 'digits') cut(token, pos, 1, token.offset + pos, t + 1);
  };
  walk(0, 0, 0);
  return { readings: overflow ? [] : out, overflow: overflow || out.length === 0 };
}
