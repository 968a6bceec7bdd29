/**
 * A table of a generated report as printed: the template's merged-cell grid (core/annual-report/layout.ts) with every
 * cell's text as this document prints it (noise applied to numbers, label variants, header wording variants). Each
 * layout walks this one grid its own way, so the tables of every layout say the same thing.
 */
import type { Rng } from '../../core/annual-report/generate.ts';
import { placeCells, tableLayout } from '../../core/annual-report/layout.ts';
import type { TableKey } from '../../core/annual-report/templates/index.ts';
import { below, chance, pick } from './names.ts';
import { printCell, printLabel, type Noise } from './noise.ts';
import type { EmptyKind, PublishedSample } from './sample.ts';

export interface GridCell {
  /** 0-based grid row and column of the top-left corner. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly kind: 'header' | 'label' | 'value';
  /** The printed text ('' for a blank cell). */
  readonly text: string;
  /** Full cell path, for value cells. */
  readonly path?: string;
  readonly empty?: EmptyKind;
}

export interface PrintedTable {
  readonly table: TableKey;
  /** The section heading the table belongs to (二、主动公开政府信息情况 …). */
  readonly caption: string;
  readonly width: number;
  readonly rowKinds: readonly ('head' | 'group' | 'data')[];
  /** Every cell, row-major in placement order. */
  readonly cells: readonly GridCell[];
}

/** Header wordings seen in published tables besides the template's own. */
function headerText(text: string, noise: Noise, rng: Rng): string {
  if (text.startsWith('采购总金额')) {
    if (noise.amountUnit !== 'none' && chance(rng, 0.7)) return '采购总金额';
    return pick(rng, [text, text, '采购总金额（单位：万元，保留 4 位小数）', '采购总金额']);
  }
  if (text.startsWith('本年收费金额') && noise.amountUnit !== 'none' && chance(rng, 0.5)) return '本年收费金额';
  return text;
}

/** The printed grid of one table, or null when the report prints no such table. */
export function printTable(sample: PublishedSample, table: TableKey, noise: Noise, rng: Rng): PrintedTable | null {
  if (sample.report[table] === null) return null;
  const layout = tableLayout(sample.report, table);
  const cells: GridCell[] = placeCells(layout).map(({ row, col, cell }) => {
    const base = { row, col, rowSpan: cell.rowSpan, colSpan: cell.colSpan };
    if (cell.kind === 'value') {
      const empty = sample.empty.get(cell.cell.path);
      const text = printCell(cell.value, empty, cell.cell.column, noise, rng);
      return { ...base, kind: 'value', text, path: cell.cell.path, ...(empty ? { empty } : {}) };
    }
    if (cell.kind === 'label') return { ...base, kind: 'label', text: printLabel(cell.text, noise) };
    return { ...base, kind: 'header', text: headerText(cell.text, noise, rng) };
  });
  return { table, caption: layout.caption, width: layout.width, rowKinds: layout.rows.map((r) => r.kind), cells };
}

export interface Covering {
  readonly cell: GridCell;
  /** True on the cell's own first row; false where a merged cell continues from above. */
  readonly starts: boolean;
}

/** The cells covering grid row r (starting there or merged down into it), left to right. */
export function rowCover(t: PrintedTable, r: number): Covering[] {
  return t.cells
    .filter((c) => c.row <= r && r < c.row + c.rowSpan)
    .sort((a, b) => a.col - b.col)
    .map((cell) => ({ cell, starts: cell.row === r }));
}

/** The cells starting on grid row r, left to right. */
export function rowCells(t: PrintedTable, r: number): GridCell[] {
  return t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
}

/** Number of leading header rows (repeated after a page break). */
export function headRowCount(t: PrintedTable): number {
  const i = t.rowKinds.findIndex((k) => k !== 'head');
  return i < 0 ? t.rowKinds.length : i;
}

/** Split a label into two parts at a random point (not inside its numbering), as a narrow cell wraps it. */
export function splitLabel(text: string, rng: Rng): [string, string] {
  const start = Math.min(text.length - 1, (/^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\) ?|\d+[.、．]|[一二三四]、)/.exec(text)?.[0].length ?? 0) + 2);
  const at = start + Math.floor(rng() * Math.max(1, text.length - start - 1));
  return [text.slice(0, at), text.slice(at)];
}

/**
 * A table cut in two before grid row `at` (a table split across pages and pasted as two tables, or two Word tables):
 * a merged cell crossing the cut keeps its text above and continues as an empty merged cell below; the second part
 * starts with the header rows again when `repeatHead`.
 */
export function splitTable(t: PrintedTable, at: number, repeatHead: boolean): [PrintedTable, PrintedTable] {
  const heads = repeatHead ? headRowCount(t) : 0;
  const first: GridCell[] = [];
  const second: GridCell[] = t.cells.filter((c) => c.row < heads);
  for (const c of t.cells) {
    const end = c.row + c.rowSpan;
    if (c.row < at) first.push(end > at ? { ...c, rowSpan: at - c.row } : c);
    if (c.row >= at) second.push({ ...c, row: c.row - at + heads });
    else if (end > at) second.push({ ...c, row: heads, rowSpan: end - at, text: '' });
  }
  const kinds = [...t.rowKinds.slice(0, heads), ...t.rowKinds.slice(at)];
  return [
    { ...t, rowKinds: t.rowKinds.slice(0, at), cells: first },
    { ...t, rowKinds: kinds, cells: second.sort((a, b) => a.row - b.row || a.col - b.col) },
  ];
}

/** Width of a text in characters as a Chinese document sets it: ASCII half a character, everything else one. */
export const printedWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

/**
 * Column widths in characters of a table laid out narrow, as Word reports print them (labels wrap mid-word): narrow
 * value columns, label columns as published tables have them; numbers never wrap, so a column is at least as wide
 * as its widest value. Used by the PDF layouts (pdfText, wordPdf).
 */
export function narrowColumnWidths(t: PrintedTable, rng: Rng): number[] {
  const between = (a: number, b: number) => a + below(rng, b - a + 1);
  const widths = Array.from({ length: t.width }, (_, c) => {
    if (t.table === 'proactive') return c === 0 ? between(6, 10) : between(3, 7);
    if (t.table === 'applications') return [between(2, 4), between(3, 6), between(8, 16)][c] ?? between(2, 5);
    return between(2, 4);
  });
  for (const cell of t.cells) {
    if (cell.kind === 'value' && cell.colSpan === 1) widths[cell.col] = Math.max(widths[cell.col] ?? 0, Math.ceil(printedWidth(cell.text)));
  }
  return widths;
}
