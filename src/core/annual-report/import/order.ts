/**
 * Rows of values printed apart from their labels. A PDF-to-Markdown converter prints a table's header words and row
 * labels as a block of lines and its values as small label-less pipe tables — still in the template's row order. The
 * value lines are placed on the template's rows by that order, never by guess:
 * - a row whose label was found with its values beside it (on the label's line, not as a whole line of values of
 *   their own) keeps them;
 * - every other row (label found alone, or not found) takes the next whole line of values, in template order;
 * - when the lines are as many as those rows, the placement is unique;
 * - when fewer (a converter dropped a row), each choice of the rows left without a line is a placement, and the
 *   template's equations choose (a blank counting as 0): a placement breaking an equation that another placement
 *   satisfies is dropped; the left-out rows stay blank, never "recovered" as numbers. A cell is read only when every
 *   placement left agrees on it; otherwise it stays null with its candidates;
 * - when more, or when the rows print different numbers of cells (table 二), nothing is placed.
 * Placed cells say so in their provenance (note `order`).
 */
import type { Equation } from '../equations.ts';
import { furnitureLine, parseField, type Field } from './fields.ts';
import { rowReadings, type RowReadings } from './readings.ts';
import { resolveReadings, type CellResult } from './resolve.ts';

/** A whole line of values with no words: a row's cells printed without its label. */
export interface ValueLine {
  /** Offset of the line in the text. */
  readonly start: number;
  readonly fields: readonly Field[];
}

const WORDS = /\p{Script=Han}|[A-Za-z]{2}/u;

/** A line's cells: pipe cells (the outer pipes dropped), tab cells, or space-separated words. */
function lineCells(line: string): { raw: string; at: number }[] {
  const positional = /[\t|]/.test(line);
  if (!positional) return [...line.matchAll(/\S+/g)].map((m) => ({ raw: m[0], at: m.index ?? 0 }));
  const cells: { raw: string; at: number }[] = [];
  let at = 0;
  for (const piece of line.split(/[\t|]/)) {
    cells.push({ raw: piece, at: at + piece.length - piece.trimStart().length });
    at += piece.length + 1;
  }
  if (/^\s*\|/.test(line)) cells.shift();
  if (/\|\s*$/.test(line)) cells.pop();
  return cells;
}

/**
 * The whole lines of `body` (found at `offset` in the text) that hold exactly `width` cells, each a value, a blank or a
 * "/" — and no words (empty label cells before them aside). The first line is skipped unless `atLineStart`: it is the rest of a label's line.
 */
export function valueLines(body: string, offset: number, width: number, atLineStart: boolean): ValueLine[] {
  const out: ValueLine[] = [];
  let pos = 0;
  body.split('\n').forEach((line, i) => {
    const start = offset + pos;
    pos += line.length + 1;
    if ((i === 0 && !atLineStart) || line.trim() === '' || WORDS.test(line) || furnitureLine(line)) return;
    const cells = lineCells(line);
    // A converter may keep the label column(s) emptied of their words: leading empty cells beyond the row's width.
    while (cells.length > width && cells[0]?.raw.trim() === '') cells.shift();
    if (cells.length !== width) return;
    const positional = /[\t|]/.test(line);
    const fields = cells.map((c) => parseField(c.raw, start + c.at, positional));
    if (fields.every((f): f is Field => f !== null)) out.push({ start, fields });
  });
  return out;
}

/** Most rows a converter may have dropped for the placements to be enumerated (C(25, 2) = 300 placements). */
const MAX_DROPPED = 2;

function* choose(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i += 1) for (const rest of choose(n, k - 1, i + 1)) yield [i, ...rest];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The equations that hold and those that fail under one resolution, a blank counting as 0 — otherwise a placement
 * that puts the left-out row where it hides a broken sum could never be told from the right one. Cells left unknown
 * (ambiguous, lost) make an equation uncheckable.
 */
function check(cells: Map<string, CellResult>, equations: readonly Equation[]): { holds: Set<Equation>; fails: Set<Equation> } {
  const holds = new Set<Equation>();
  const fails = new Set<Equation>();
  const value = (p: string): number | undefined => {
    const c = cells.get(p);
    return c?.value ?? (c?.note === 'blank' ? 0 : undefined);
  };
  for (const e of equations) {
    if ([...e.lhs, ...e.rhs].some((p) => value(p) === undefined)) continue;
    const l = sum(e.lhs.map((p) => value(p) as number));
    const r = sum(e.rhs.map((p) => value(p) as number));
    (Math.abs(l - r) < 1e-6 ? holds : fails).add(e);
  }
  return { holds, fails };
}

/**
 * Place the value lines of a table whose rows print apart from their labels; null when the table does not print that
 * way (no region holds two whole lines of values) or the lines cannot be placed by order. `rows` are the rows as read
 * beside their labels, `lines` the whole value lines in each row's region (empty for a row not found).
 */
export function placeByOrder(rows: readonly RowReadings[], lines: readonly (readonly ValueLine[])[], equations: readonly Equation[]): Map<string, CellResult> | null {
  const width = rows[0]?.paths.length ?? 0;
  if (rows.length < 2 || rows.some((r) => r.paths.length !== width) || !lines.some((l) => l.length >= 2)) return null;
  const anchored = rows.map((r, i) => (lines[i]?.length ?? 0) === 0 && r.readings.length === 1 && (r.readings[0] ?? []).some((s) => s.kind !== 'lost' && s.field !== undefined));
  const open = rows.map((_, i) => i).filter((i) => !anchored[i]);
  const orphans = lines.flat().sort((a, b) => a.start - b.start);
  const dropped = open.length - orphans.length;
  if (dropped < 0 || dropped > MAX_DROPPED) return null;

  const placedRows = new Set<number>();
  const resolutions: Map<string, CellResult>[] = [];
  for (const without of choose(open.length, dropped)) {
    const placed = rows.map((r) => r);
    let next = 0;
    open.forEach((rowIndex, k) => {
      const row = rows[rowIndex] as RowReadings;
      if (without.includes(k)) {
        // A row the converter left out printed nothing: its cells stay null, never recovered as numbers (a left-out
        // row is most often a row of blanks, and the sums would "recover" zeros the report never printed).
        placed[rowIndex] = { ...row, readings: [row.paths.map(() => ({ kind: 'blank' as const }))], overflow: false };
        return;
      }
      const line = orphans[next++] as ValueLine;
      placed[rowIndex] = rowReadings(row.paths, row.columns, line.fields, line.start);
      placedRows.add(rowIndex);
    });
    resolutions.push(resolveReadings(placed, equations));
  }

  // A placement breaking an equation that another placement satisfies is dropped; an equation no placement satisfies
  // (the printed report does not add up there) is no evidence.
  const checks = resolutions.map((r) => check(r, equations));
  const evidence = new Set(checks.flatMap((c) => [...c.holds]));
  const kept = resolutions.filter((_, i) => ![...(checks[i]?.fails ?? [])].some((e) => evidence.has(e)));
  const alive = kept.length > 0 ? kept : resolutions;

  const out = new Map<string, CellResult>();
  const orderPaths = new Set([...placedRows].flatMap((i) => rows[i]?.paths ?? []));
  for (const path of rows.flatMap((r) => r.paths)) {
    const results = alive.map((r) => r.get(path) as CellResult);
    const values = [...new Set(results.map((c) => c.value))];
    const first = results[0] as CellResult;
    if (values.length > 1) out.set(path, { path, value: null, how: 'missing', note: 'ambiguous', candidates: values.sort((a, b) => (a ?? -1) - (b ?? -1)) });
    else if (first.how === 'read' && orderPaths.has(path) && results.every((c) => c.field === first.field)) out.set(path, { ...first, note: 'order' });
    else if (first.how === 'read' && !results.every((c) => c.field === first.field)) out.set(path, { path, value: first.value, how: 'inferred', note: 'order' });
    else out.set(path, first);
  }
  return out;
}
