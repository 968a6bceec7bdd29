/**
 * Which missed cells no importer could read: in a layout that prints a blank cell as nothing at all (text extracted
 * from a PDF without positions), a row with blanks prints fewer numbers than it has cells, in order (table 四 prints
 * its three groups as one row of fifteen). The row is
 * *undetermined by its source* when, even knowing every other cell of the report exactly, more than one placement of
 * the printed numbers into the row's cells breaks no T3/T4 equation that the truth itself keeps. The benchmark prints
 * accuracy both over all cells and over the cells the source determines, so neither figure hides the other.
 */
import { tableEquations } from '../../core/annual-report/equations.ts';
import type { Cell } from '../../core/annual-report/model.ts';
import { parseReportValue } from '../../core/annual-report/parse.ts';
import { TABLE_KEYS, TEMPLATES, isTemplateId, tableCells, type CellDef, type ColumnDef } from '../../core/annual-report/templates/index.ts';
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
 * How a layout's text prints the cells, for the undetermined computation. Absent: blank cells print as nothing and
 * every other cell stands apart (the rule above). `positioned`: every cell has a place of its own, a blank one too
 * (cells separated by runs of line breaks, table cells): nothing is undetermined. `runs`: cells run together with
 * nothing between them (crawled page text): each run's text is split every way the template and its equations allow.
 */
export type CellPrinting = { readonly kind: 'positioned' } | { readonly kind: 'runs'; readonly runs: readonly PrintedRun[] };

/** Cells printed one after another with nothing between them (a table row, or table 四's fifteen numbers). */
export interface PrintedRun {
  /** The cells' full paths, in print order. */
  readonly paths: readonly string[];
  /** The text they make together (170000017), or their words separated by spaces (each word one cell's). */
  readonly text: string;
  /** Whether a blank cell vanishes from the run (any cell may be missing, and then counts 0 in the equations). */
  readonly vanish: boolean;
}

/** Most splits of one run enumerated; a run with more is counted as determined (an under-count). */
export const MAX_SPLITS = 5000;
/** Most search steps spent on one document's joint splits; candidates not reached by then are dropped. */
const MAX_STEPS = 200000;
/** Most candidate splits of one run kept for the joint search; a run with more is held at the truth. */
const MAX_CANDIDATES = 400;

const PIECE = /^([+-]?)(0|[1-9]\d*)(\.\d+)?(万元|元)?$/;

/** The value a piece of a run gives a cell of this column, or undefined when the cell cannot print it. */
function pieceValue(piece: string, column: ColumnDef): number | undefined {
  const m = PIECE.exec(piece);
  if (!m) return undefined;
  const [, sign = '', int = '', frac = '', unit = ''] = m;
  if (sign === '+' && column.kind !== 'signedCount') return undefined;
  if (sign === '-' && int === '0' && frac === '') return undefined;
  if ((frac !== '' || unit !== '') && column.kind !== 'amount') return undefined;
  const v = Number(`${sign === '-' ? '-' : ''}${int}${frac}`);
  return unit === '元' ? v / 10000 : v;
}

/**
 * Every split of a run's text into its cells, in order: each piece a number the cell's column can print (no leading
 * zero except 0 itself; a sign only where the column allows one), or — when blanks vanish — no piece at all (null).
 * Null when there are more than `limit` splits.
 */
export function splitRun(text: string, columns: readonly ColumnDef[], vanish: boolean, limit = MAX_SPLITS): Cell[][] | null {
  const normal = text.normalize('NFKC').trim();
  // Cells separated by spaces (a row printed as a prose line): each piece is one whole word, only placed.
  const words = /\s/.test(normal) ? normal.split(/\s+/) : null;
  const chars = words ?? [...normal];
  const out: Cell[][] = [];
  const chosen: Cell[] = [];
  const walk = (i: number, p: number): boolean => {
    if (i === columns.length) {
      if (p === chars.length) out.push([...chosen]);
      return out.length <= limit;
    }
    const column = columns[i] as ColumnDef;
    if (vanish) {
      chosen.push(null);
      const ok = walk(i + 1, p);
      chosen.pop();
      if (!ok) return false;
    }
    for (let e = p + 1; e <= Math.min(chars.length, words ? p + 1 : p + 20); e += 1) {
      const v = pieceValue(chars.slice(p, e).join(''), column);
      if (v === undefined) continue;
      chosen.push(v);
      const ok = walk(i + 1, e);
      chosen.pop();
      if (!ok) return false;
    }
    return true;
  };
  return walk(0, 0) ? out : null;
}

/**
 * The cells of printed runs that the text does not determine: every run is split every way (splitRun); the splits
 * consistent with the template's equations that the truth keeps (T3.columns, T3.balance, T3.results, T4.sum, a
 * vanished or blank cell counting 0), solved jointly across runs, are kept; a cell is undetermined when the kept
 * splits disagree on it. A run with too many splits, or a candidate whose joint check exceeds the work bound, counts
 * as determined (an under-count).
 */
export function runUndetermined(truth: Record<string, unknown>, runs: readonly PrintedRun[]): Set<string> {
  const out = new Set<string>();
  if (!isTemplateId(truth.template)) return out;
  const template = TEMPLATES[truth.template];
  const defs = new Map(TABLE_KEYS.flatMap((t) => [...tableCells(template, t)]).map((c) => [c.path, c]));
  const zero = (v: Cell) => v ?? 0;
  // Each run's candidate splits; runs with one candidate (or too many) are fixed at the truth.
  const owner = new Map<string, { run: number; index: number }>();
  const candidates: Cell[][][] = runs.map((run, r) => {
    const columns = run.paths.map((p) => defs.get(p)?.column);
    const splits = columns.every((c) => c !== undefined) ? splitRun(run.text, columns as ColumnDef[], run.vanish) : null;
    run.paths.forEach((p, index) => owner.set(p, { run: r, index }));
    return splits ?? [run.paths.map((p) => at(truth, p))];
  });
  const equations = tableEquations(template)
    .map((e) => [...e.lhs.map((path) => ({ path, sign: 1 })), ...e.rhs.map((path) => ({ path, sign: -1 }))])
    .filter((terms) => terms.reduce((s, t) => s + t.sign * zero(at(truth, t.path)), 0) === 0);
  // Per equation: the fixed part and, per run it touches, the (cell index, sign) terms.
  const eqs = equations.map((terms) => {
    let fixed = 0;
    const byRun = new Map<number, { index: number; sign: number }[]>();
    for (const t of terms) {
      const o = owner.get(t.path);
      if (!o) fixed += t.sign * zero(at(truth, t.path));
      else byRun.set(o.run, [...(byRun.get(o.run) ?? []), { index: o.index, sign: t.sign }]);
    }
    return { fixed, byRun };
  });
  const part = (r: number, cand: readonly Cell[], e: (typeof eqs)[number]) =>
    (e.byRun.get(r) ?? []).reduce((s, t) => s + t.sign * zero(cand[t.index] ?? null), 0);
  // Equations within one run prune its candidates directly.
  const live = candidates.map((cands, r) => cands.filter((c) => eqs.every((e) => e.byRun.size !== 1 || !e.byRun.has(r) || e.fixed + part(r, c, e) === 0)));
  // The rest: a candidate stays when some choice in the other runs completes a joint solution (bounded search).
  // The truth's own split is one such solution; runs with too many candidates are held at the truth.
  const truthSplit = runs.map((run) => run.paths.map((p) => at(truth, p)));
  const same = (a: readonly Cell[], b: readonly Cell[]) => a.every((v, i) => zero(v) === zero(b[i] ?? null) && (v === null) === (b[i] === null));
  live.forEach((cands, r) => {
    if (cands.length > MAX_CANDIDATES || !cands.some((c) => same(c, truthSplit[r] as Cell[]))) live[r] = [truthSplit[r] as Cell[]];
  });
  const multi = eqs.map((e, k) => ({ e, k })).filter(({ e }) => e.byRun.size > 1);
  const touching = live.map((_, r) => multi.filter(({ e }) => e.byRun.has(r)));
  // contrib[r][i][j]: what candidate i of run r adds to the j-th equation it touches.
  const contrib = live.map((cands, r) => cands.map((c) => (touching[r] ?? []).map(({ e }) => part(r, c, e))));
  // A run no equation ties to others keeps every candidate its own equations allow.
  const supported = live.map((cands, r) => new Set<number>(cands.length === 1 || (touching[r]?.length ?? 0) === 0 ? cands.map((_, i) => i) : []));
  live.forEach((cands, r) => {
    const t = cands.findIndex((c) => same(c, truthSplit[r] as Cell[]));
    if (t >= 0) supported[r]?.add(t);
  });
  const order = live.map((_, r) => r).filter((r) => (touching[r]?.length ?? 0) > 0).sort((a, b) => (live[a]?.length ?? 0) - (live[b]?.length ?? 0));
  let budget = MAX_STEPS;
  for (const r of order) {
    const cands = live[r] as Cell[][];
    for (let i = 0; i < cands.length && budget > 0; i += 1) {
      if (supported[r]?.has(i)) continue;
      const found = solve(r, i);
      if (found) found.forEach((ci, rr) => ci >= 0 && supported[rr]?.add(ci));
    }
  }
  function solve(r0: number, i0: number): number[] | null {
    const choice = live.map(() => -1);
    const sums = multi.map(({ e }) => e.fixed);
    const open = multi.map(({ e }) => e.byRun.size);
    const slot = new Map(multi.map(({ k }, j) => [k, j]));
    const assign = (r: number, i: number, sign: 1 | -1): boolean => {
      let ok = true;
      (touching[r] ?? []).forEach(({ k }, j) => {
        const q = slot.get(k) as number;
        sums[q] = (sums[q] ?? 0) + sign * ((contrib[r]?.[i]?.[j]) ?? 0);
        open[q] = (open[q] ?? 0) - sign;
        if (sign === 1 && open[q] === 0 && sums[q] !== 0) ok = false;
      });
      choice[r] = sign === 1 ? i : -1;
      return ok;
    };
    const rest = order.filter((r) => r !== r0);
    const walk = (k: number): boolean => {
      if ((budget -= 1) <= 0) return false;
      if (k === rest.length) return true;
      const r = rest[k] as number;
      for (let i = 0; i < (live[r] as Cell[][]).length; i += 1) {
        const ok = assign(r, i, 1);
        if (ok && walk(k + 1)) return true;
        assign(r, i, -1);
        if (budget <= 0) return false;
      }
      return false;
    };
    if (!assign(r0, i0, 1)) return null;
    return walk(0) ? choice : null;
  }
  runs.forEach((run, r) => {
    const kept = [...(supported[r] ?? [])].map((i) => (live[r] as Cell[][])[i] as Cell[]);
    run.paths.forEach((p, index) => {
      if (new Set(kept.map((c) => String(c[index]))).size > 1) out.add(p);
    });
  });
  return out;
}

/**
 * The missed cells (paths) that the source does not determine: their rows (with blanks, printed as nothing) are
 * placed jointly, per table, in every way that keeps the printed order; among the placements that break no equation
 * the truth keeps, a cell is undetermined when they disagree on its value.
 */
export function undeterminedCells(truth: Record<string, unknown>, missed: readonly string[], printing?: CellPrinting): Set<string> {
  const out = new Set<string>();
  if (!isTemplateId(truth.template) || missed.length === 0) return out;
  if (printing?.kind === 'positioned') return out;
  if (printing?.kind === 'runs') {
    const undetermined = runUndetermined(truth, printing.runs);
    return new Set(missed.filter((p) => undetermined.has(p)));
  }
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
