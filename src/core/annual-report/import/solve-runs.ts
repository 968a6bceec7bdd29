/**
 * Choosing among the readings of run-together rows (./runs.ts) with the template's equations, solved jointly across
 * the rows of a table. A blank (vanished) cell counts as 0 in the equations: in such a text a blank was printed as
 * nothing where the office meant none. The steps:
 * 1. Each row keeps the readings under which its own equation (T3.columns) holds. A row under which no reading holds
 *    is a printed sum that does not add up: it keeps every reading, and the equations touching its undecided cells
 *    are set aside — they are no evidence for the other rows.
 * 2. The rows still undecided are searched jointly (backtracking, each equation checked as soon as its rows are
 *    chosen); every solution is visited, up to a bound.
 * 3. A cell is read only when every solution agrees on it; otherwise it stays null, with its candidates. When the rows
 *    admit no joint solution at all, or the search reaches its bound, only what each row's own readings agree on is
 *    kept — never a guess.
 */
import type { Equation } from '../equations.ts';
import type { Field } from './fields.ts';
import type { CellResult } from './resolve.ts';
import type { RunSlot } from './runs.ts';

export interface RunRow {
  readonly paths: readonly string[];
  /** The row's readings; empty when the row's label was not found or nothing could be read (see `note`). */
  readonly readings: readonly (readonly RunSlot[])[];
  /** Why a row without readings has none: its label was not found, or its runs had too many readings. */
  readonly note?: 'notFound' | 'ambiguous';
}

/** Most search nodes for one table; beyond it each row keeps what propagation left (cells it disagrees on stay null). */
const MAX_NODES = 400000;
/** Most distinct sums tracked while propagating one equation; beyond it that equation prunes nothing. */
const MAX_SUMS = 50000;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

export function solveRuns(rows: readonly RunRow[], equations: readonly Equation[]): Map<string, CellResult> {
  const where = new Map<string, [number, number]>();
  rows.forEach((r, i) => r.paths.forEach((p, c) => where.set(p, [i, c])));
  const found = (i: number) => (rows[i]?.readings.length ?? 0) > 0;
  // Equations whose every term is a cell of a row that was read.
  const usable = equations.filter((e) => [...e.lhs, ...e.rhs].every((p) => where.has(p) && found(where.get(p)?.[0] ?? -1)));
  const equationRows = new Map(usable.map((e) => [e, [...new Set([...e.lhs, ...e.rhs].map((p) => where.get(p)?.[0] as number))]] as const));
  const rowsOf = (e: Equation): readonly number[] => equationRows.get(e) ?? [];
  const holds = (e: Equation, value: (p: string) => number) => close(sum(e.lhs.map(value)), sum(e.rhs.map(value)));
  /** A cell's value under one reading of its own row (a blank counts as 0). */
  const inRow = (r: readonly RunSlot[]) => (p: string) => r[where.get(p)?.[1] ?? -1]?.value ?? 0;

  // 1. Row equations.
  const broken = new Set<string>();
  const kept = rows.map((row, i) => {
    const local = usable.filter((e) => rowsOf(e).length === 1 && rowsOf(e)[0] === i);
    const ok = row.readings.filter((r) => local.every((e) => holds(e, inRow(r))));
    if (ok.length > 0 || row.readings.length === 0) return ok;
    // A printed sum that does not add up: every reading stays; its undecided cells are no evidence.
    row.paths.forEach((p, c) => {
      const values = new Set(row.readings.map((r) => r[c]?.value ?? null));
      if (values.size > 1) broken.add(p);
    });
    return [...row.readings];
  });
  const linking = usable.filter((e) => rowsOf(e).length > 1 && ![...e.lhs, ...e.rhs].some((p) => broken.has(p)));

  // 2. Propagation: a reading stays only if, for every cross-row equation, some choice of the other rows' readings
  //    makes the equation hold (their possible sums are enumerated, up to MAX_SUMS values).
  const contribution = (e: Equation, i: number, r: readonly RunSlot[]): number => {
    const part = (paths: readonly string[]) => sum(paths.filter((p) => where.get(p)?.[0] === i).map(inRow(r)));
    return Math.round((part(e.lhs) - part(e.rhs)) * 1e4);
  };
  const prune = (e: Equation, domains: (readonly (readonly RunSlot[])[])[]): boolean => {
    const involved = rowsOf(e).map((i) => ({ i, values: [...new Set((domains[i] ?? []).map((r) => contribution(e, i, r)))] }));
    // Rows read one way only: whether they add up is checked once, before the search.
    if (involved.every((o) => o.values.length < 2)) return false;
    let changed = false;
    for (const row of involved) {
      // Every sum the other rows can make.
      let sums = new Set([0]);
      for (const other of involved) {
        if (other === row) continue;
        const next = new Set<number>();
        for (const a of sums) for (const b of other.values) next.add(a + b);
        if (next.size > MAX_SUMS) return changed;
        sums = next;
      }
      const before = domains[row.i]?.length ?? 0;
      domains[row.i] = (domains[row.i] ?? []).filter((r) => sums.has(-contribution(e, row.i, r)));
      if ((domains[row.i]?.length ?? 0) < before) changed = true;
      row.values = [...new Set((domains[row.i] ?? []).map((r) => contribution(e, row.i, r)))];
    }
    return changed;
  };
  const propagate = (equations: readonly Equation[]): (readonly (readonly RunSlot[])[])[] => {
    const domains = kept.map((k) => [...k]);
    for (let round = 0, changed = true; changed && round < 50; round += 1) {
      changed = false;
      for (const e of equations) if (prune(e, domains)) changed = true;
    }
    return domains;
  };
  const emptied = (domains: readonly (readonly (readonly RunSlot[])[])[]) => domains.some((d, i) => d.length === 0 && (kept[i]?.length ?? 0) > 0);
  // An equation no choice of readings satisfies is a printed sum that does not add up: no evidence for any row.
  const cross = linking.filter((e) => !emptied(propagate([e])));
  const domains = propagate(cross);
  const consistent = !emptied(domains);

  // 3. Joint search over the rows still undecided that some cross-row equation touches.
  const chosen: (readonly RunSlot[] | null)[] = domains.map((k) => (k.length === 1 ? (k[0] as readonly RunSlot[]) : null));
  const linked = new Set(cross.flatMap(rowsOf));
  const open = domains.map((k, i) => i).filter((i) => (domains[i]?.length ?? 0) > 1 && linked.has(i));
  const value = (p: string): number => {
    const [i, c] = where.get(p) as [number, number];
    return chosen[i]?.[c]?.value ?? 0;
  };
  const ready = (e: Equation) => rowsOf(e).every((i) => chosen[i] !== null);
  const touching = new Map(open.map((i) => [i, cross.filter((e) => rowsOf(e).includes(i))] as const));
  // Every solution's choice for each open row, as a set of reading indexes.
  const seen = open.map(() => new Set<number>());
  let nodes = 0;
  let solutions = 0;
  let bounded = false;
  const search = (k: number): void => {
    if (bounded) return;
    if (k === open.length) {
      solutions += 1;
      open.forEach((i, j) => seen[j]?.add(domains[i]?.indexOf(chosen[i] as readonly RunSlot[]) ?? -1));
      return;
    }
    const i = open[k] as number;
    for (const reading of domains[i] ?? []) {
      if ((nodes += 1) > MAX_NODES) {
        bounded = true;
        return;
      }
      chosen[i] = reading;
      if ((touching.get(i) ?? []).every((e) => !ready(e) || holds(e, value))) search(k + 1);
      chosen[i] = null;
    }
  };
  // Fixed rows can already break a cross equation: then no search is needed to know there is no solution.
  if (consistent && cross.every((e) => !ready(e) || holds(e, value))) search(0);
  // Solutions found: the readings they use. Search cut short: what propagation left (a superset of every solution's).
  // No solution at all: each row's own consistent readings.
  const joint = consistent && (bounded || solutions > 0);
  const final = domains.map((d, i) => {
    if (!joint) return kept[i] ?? [];
    const j = open.indexOf(i);
    return !bounded && j >= 0 ? d.filter((_, x) => seen[j]?.has(x)) : d;
  });
  const decidedBy = (i: number) => [...new Set([...(joint ? cross : []), ...usable.filter((e) => rowsOf(e).length === 1)].filter((e) => rowsOf(e).includes(i)).map((e) => e.code))];

  // 3. Cells: read where every remaining reading of the row agrees.
  const out = new Map<string, CellResult>();
  rows.forEach((row, i) => {
    const readings = final[i] ?? [];
    row.paths.forEach((path, c) => {
      if (readings.length === 0) {
        out.set(path, { path, value: null, how: 'missing', note: row.note ?? 'notFound' });
        return;
      }
      const slots = readings.map((r) => r[c] as RunSlot);
      const values = [...new Set(slots.map((s) => s.value))];
      if (values.length > 1) {
        const candidates = values.sort((a, b) => (a ?? -Infinity) - (b ?? -Infinity));
        out.set(path, { path, value: null, how: 'missing', note: 'ambiguous', candidates });
        return;
      }
      const [v] = values;
      const fields = new Set(slots.map((s) => (s.field ? `${s.field.offset}:${s.field.raw}` : '')));
      const field: Field | undefined = fields.size === 1 ? slots[0]?.field : undefined;
      if (v === null || v === undefined) {
        out.set(path, { path, value: null, how: 'missing', note: 'blank', ...(field ? { field } : {}) });
        return;
      }
      // One reading from the start: the digits say it. Several: the equations chose among the cuts.
      if (row.readings.length === 1 && field) out.set(path, { path, value: v, how: 'read', field });
      else out.set(path, { path, value: v, how: 'inferred', note: 'split', equations: decidedBy(i), ...(field ? { field } : {}) });
    });
  });
  return out;
}
