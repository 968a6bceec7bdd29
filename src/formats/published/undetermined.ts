/**
 * Which missed cells no importer could read: in a layout that prints a blank cell as nothing at all (text extracted
 * from a PDF without positions), a row with blanks prints fewer numbers than it has cells, in order (table 四 prints
 * its three groups as one row of fifteen). The row is
 * *undetermined by its source* when, even knowing every other cell of the report exactly, more than one placement of
 * the printed numbers into the row's cells breaks no T3/T4 equation that the truth itself keeps. The benchmark prints
 * accuracy both over all cells and over the cells the source determines, so neither figure hides the other.
 */
import type { Cell } from '../../core/annual-report/model.ts';
import { parseReportValue } from '../../core/annual-report/parse.ts';
import { TABLE_KEYS, TEMPLATES, isTemplateId, tableCells, type CellDef } from '../../core/annual-report/templates/index.ts';
import { validateReport } from '../../core/annual-report/validate.ts';

const at = (value: unknown, path: string): Cell => {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : null;
};

const setAt = (value: Record<string, unknown>, path: string, v: Cell): void => {
  const keys = path.split('.');
  let node = value;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) as string] = v;
};

/** The T3/T4 equation violations of a canonical report, as `code@cell` strings. */
function violations(json: Record<string, unknown>): Set<string> {
  const parsed = parseReportValue(json);
  if (!parsed.ok) return new Set(['unparsable']);
  return new Set(validateReport(parsed.report).filter((f) => f.severity === 'error' && /^T[34]\./.test(f.code)).map((f) => `${f.code}@${f.cells.join(',')}`));
}

/** Every way to put `k` values, in order, into `n` slots (the other slots blank). */
function placements(n: number, k: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, chosen: number[]) => {
    if (chosen.length === k) return void out.push(chosen);
    for (let i = start; i <= n - (k - chosen.length); i += 1) walk(i + 1, [...chosen, i]);
  };
  walk(0, []);
  return out;
}

/** Largest number of joint placements tried for one table; beyond it a cell is counted as determined (an under-count). */
const MAX_COMBINATIONS = 4000;

/**
 * The missed cells (paths) that the source does not determine: their rows (with blanks, printed as nothing) are
 * placed jointly, per table, in every way that keeps the printed order; among the placements that break no equation
 * the truth keeps, a cell is undetermined when they disagree on its value.
 */
export function undeterminedCells(truth: Record<string, unknown>, missed: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (!isTemplateId(truth.template) || missed.length === 0) return out;
  const template = TEMPLATES[truth.template];
  const all: CellDef[] = TABLE_KEYS.flatMap((t) => [...tableCells(template, t)]).filter((c) => !c.column.variant);
  // The printed unit: a row of tables 二 and 三; table 四's three groups print as one row of fifteen numbers.
  const rowOf = (c: CellDef) => (c.table === 'reviewLitigation' ? c.table : `${c.table}.${c.row.join('.')}`);
  const base = violations(truth);
  const missedSet = new Set(missed);
  // The rows to place, grouped by table: rows holding a missed cell and printing fewer numbers than cells.
  const byTable = new Map<string, { cells: CellDef[]; printed: number[]; options: number[][] }[]>();
  for (const key of new Set(all.filter((c) => missedSet.has(c.path)).map(rowOf))) {
    const cells = all.filter((c) => rowOf(c) === key);
    const printed = cells.map((c) => at(truth, c.path)).filter((v): v is number => v !== null);
    if (printed.length === cells.length || printed.length === 0) continue;
    const table = cells[0]?.table ?? '';
    byTable.set(table, [...(byTable.get(table) ?? []), { cells, printed, options: placements(cells.length, printed.length) }]);
  }
  for (const rows of byTable.values()) {
    const total = rows.reduce((n, r) => n * r.options.length, 1);
    if (total > MAX_COMBINATIONS) continue;
    const seen = new Map<string, Set<string>>(); // path → the values it takes under consistent placements
    const walk = (i: number, trial: Record<string, unknown>) => {
      if (i === rows.length) {
        if (![...violations(trial)].every((x) => base.has(x))) return;
        for (const r of rows) for (const c of r.cells) if (missedSet.has(c.path)) seen.set(c.path, (seen.get(c.path) ?? new Set()).add(String(at(trial, c.path))));
        return;
      }
      const r = rows[i] as (typeof rows)[number];
      for (const slots of r.options) {
        const next = structuredClone(trial);
        r.cells.forEach((c, j) => setAt(next, c.path, slots.includes(j) ? (r.printed[slots.indexOf(j)] as number) : null));
        walk(i + 1, next);
      }
    };
    walk(0, truth);
    for (const [path, values] of seen) if (values.size > 1) out.add(path);
  }
  return out;
}
