/**
 * From the fields printed after a row label to the possible readings of that row. When a row prints exactly as many
 * values as it has cells there is one reading. When it prints fewer, each placement of the missing cells is a reading:
 * in layouts that show blank cells (tabs, pipes, one cell per line) a missing cell was lost in extraction and may be
 * recovered by arithmetic; in space-separated text it is a blank cell, which stays null. ./resolve.ts chooses among
 * readings.
 */
import type { ColumnDef } from '../templates/index.ts';
import { trimToCount, type Field } from './fields.ts';

/**
 * One cell of a reading: a printed field, a blank (null), or a lost cell whose value is unknown — lost in extraction,
 * or printed but not surely read by OCR (`uncertain`: the field stays for its place in the source).
 */
export type Slot =
  | { readonly kind: 'read'; readonly field: Field; readonly value: number }
  | { readonly kind: 'blank'; readonly field?: Field }
  | { readonly kind: 'lost'; readonly uncertain?: Field };

export interface RowReadings {
  readonly paths: readonly string[];
  readonly columns: readonly ColumnDef[];
  /** Possible readings, each with one slot per path. Empty when the row label was not found. */
  readonly readings: readonly (readonly Slot[])[];
  /** Where the label was found (offset in the text), for provenance of missing rows. */
  readonly labelAt: number | null;
  /** True when more values were printed than the row has cells (nothing read: a wrong number is worse). */
  readonly overflow: boolean;
}

/** Amount printed in 元 → 万元 (the template's unit), rounded to the 4 decimals the template keeps. */
function valueOf(field: Field, column: ColumnDef): number {
  const v = field.value ?? 0;
  if (column.kind === 'amount' && field.unit === '元') return Math.round(v) / 10000;
  return v;
}

function slotOf(field: Field, column: ColumnDef): Slot {
  if (field.kind === 'number') return { kind: 'read', field, value: valueOf(field, column) };
  if (field.kind === 'uncertain') return { kind: 'lost', uncertain: field };
  return { kind: 'blank', field };
}

function* combinations(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i += 1) for (const rest of combinations(n, k - 1, i + 1)) yield [i, ...rest];
}

/** At most this many missing cells are placed by combination; more means the row is unreadable. */
const MAX_HOLES = 5;

/** All readings of a row from its printed fields (merged-cell empties already removed by the caller). */
export function rowReadings(paths: readonly string[], columns: readonly ColumnDef[], fields: readonly Field[], labelAt: number | null): RowReadings {
  const n = paths.length;
  const list = trimToCount(fields, n);
  const none: RowReadings = { paths, columns, readings: [], labelAt, overflow: list.length > n };
  if (list.length > n) return none;
  if (list.length === 0) return { paths, columns, readings: [paths.map(() => ({ kind: 'blank' }))], labelAt, overflow: false };
  const holes = n - list.length;
  if (holes > MAX_HOLES) return none;
  const hole: Slot = list.some((f) => f.positional) ? { kind: 'lost' } : { kind: 'blank' };
  const readings: Slot[][] = [];
  for (const at of combinations(n, holes)) {
    const slots: Slot[] = [];
    let next = 0;
    let fits = true;
    let impossible = false;
    for (let i = 0; i < n; i += 1) {
      if (at.includes(i)) slots.push(hole);
      else {
        const f = list[next++] as Field;
        // A number printed with "+" belongs to a signed column (本年增/减) — counts never print a plus sign; a count
        // is a whole number printed without a unit of money.
        if (f.plus && columns[i]?.kind !== 'signedCount') fits = false;
        if (columns[i]?.kind !== 'amount' && f.kind === 'number' && (!Number.isInteger(f.value) || f.unit === '万元' || f.unit === '元')) impossible = true;
        slots.push(slotOf(f, columns[i] as ColumnDef));
      }
    }
    if (!impossible && (fits || holes === 0)) readings.push(slots);
  }
  return { paths, columns, readings, labelAt, overflow: false };
}
