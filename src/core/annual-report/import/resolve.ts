/**
 * Choosing among the readings of each row with the arithmetic of the tables (../equations.ts). A reading is dropped
 * when an equation whose every term is known fails under it; a lost cell is recovered when one equation leaves it as
 * the only unknown. A value is kept only when every surviving reading agrees on it, and a recovered value only when
 * a second, independent equation confirms it — otherwise the cell stays null. A wrong number is worse than a missing
 * one.
 */
import type { Equation } from '../equations.ts';
import type { Field } from './fields.ts';
import type { RowReadings, Slot } from './readings.ts';

export interface CellResult {
  readonly path: string;
  readonly value: number | null;
  readonly how: 'read' | 'inferred' | 'missing';
  readonly field?: Field;
  readonly note?: string;
  /** An ambiguous cell's possible values (null: blank), when the importer can name them. */
  readonly candidates?: readonly (number | null)[];
  /** The equations that chose a value among several readings (rule codes). */
  readonly equations?: readonly string[];
}

type Value = number | null | undefined; // undefined: not known (yet)

/** How many more sums must hold under one reading than under any other for it to win outright. */
const MARGIN = 2;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

/** Resolve the readings of every row of a table into one value (or null) per cell. */
export function resolveReadings(rows: readonly RowReadings[], equations: readonly Equation[]): Map<string, CellResult> {
  const byPath = new Map<string, Equation[]>();
  for (const e of equations) for (const p of [...e.lhs, ...e.rhs]) byPath.set(p, [...(byPath.get(p) ?? []), e]);
  const known = new Map<string, number | null>();
  const alive = rows.map((r) => [...r.readings]);

  type Status = 'holds' | 'fails' | 'unknown';
  interface Assigned {
    readonly values: Map<string, Value>;
    /** Per equation touching the row: does it hold under this reading (every term known)? */
    readonly status: Map<Equation, Status>;
  }

  /** The values of a reading, its lost cells recovered where one equation leaves them the only unknown. */
  // The equations each row's cells take part in, computed once.
  const touchedBy = new Map(rows.map((row) => [row, [...new Set(row.paths.flatMap((p) => byPath.get(p) ?? []))]] as const));
  const assign = (row: RowReadings, slots: readonly Slot[]): Assigned => {
    const own = new Map<string, Value>();
    row.paths.forEach((p, i) => {
      const s = slots[i];
      own.set(p, s?.kind === 'read' ? s.value : s?.kind === 'blank' ? null : undefined);
    });
    const valueOf = (p: string): Value => (own.has(p) ? own.get(p) : known.get(p));
    const touched = touchedBy.get(row) ?? [];
    const status = new Map<Equation, Status>();
    const lost = slots.some((x) => x.kind === 'lost');
    for (let pass = 0; lost && pass < 3; pass += 1) {
      for (const e of touched) {
        const terms = [...e.lhs, ...e.rhs];
        const unknown = terms.filter((p) => valueOf(p) === undefined);
        if (unknown.length !== 1 || terms.some((p) => valueOf(p) === null)) continue;
        const [u] = unknown as [string];
        if (!own.has(u)) continue; // only this row's lost cells are recovered here
        const l = sum(e.lhs.filter((p) => p !== u).map((p) => valueOf(p) as number));
        const r = sum(e.rhs.filter((p) => p !== u).map((p) => valueOf(p) as number));
        const v = e.lhs.includes(u) ? r - l : l - r;
        if (v < 0 || !Number.isInteger(v)) status.set(e, 'fails');
        else own.set(u, v);
      }
    }
    for (const e of touched) {
      if (status.get(e) === 'fails') continue;
      const vals = [...e.lhs, ...e.rhs].map(valueOf);
      if (vals.some((v) => v === undefined || v === null)) {
        status.set(e, 'unknown');
        continue;
      }
      const l = sum(e.lhs.map((p) => valueOf(p) as number));
      const r = sum(e.rhs.map((p) => valueOf(p) as number));
      status.set(e, close(l, r) ? 'holds' : 'fails');
    }
    return { values: own, status };
  };

  /**
   * The readings an equation can tell apart: a reading is dropped for breaking an equation only when another reading
   * satisfies that equation with every term known. An equation that holds under no reading (the printed report does
   * not add up there) is no evidence — otherwise a blank placed to hide the broken sum would win.
   */
  const survivors = (assigned: readonly Assigned[]): Assigned[] => {
    const equations = new Set(assigned.flatMap((a) => [...a.status.keys()]));
    const evidence = [...equations].filter((e) => assigned.some((a) => a.status.get(e) === 'holds'));
    const consistent = assigned.filter((a) => !evidence.some((e) => a.status.get(e) === 'fails'));
    // Among consistent readings, one under which clearly more sums can be checked and hold is the better explanation.
    // Otherwise they all stay, and the cells they disagree on end up null.
    const holds = (a: Assigned) => [...a.status.values()].filter((s) => s === 'holds').length;
    const counts = consistent.map(holds).sort((a, b) => b - a);
    const [best = 0, second = 0] = counts;
    // Only a clear margin decides: a reading under which two more sums hold than under any other.
    return best - second >= MARGIN ? consistent.filter((a) => holds(a) === best) : consistent;
  };

  let assignments: Map<string, Value>[][] = rows.map(() => []);
  for (let iteration = 0, changed = true; changed && iteration < 30; iteration += 1) {
    changed = false;
    assignments = rows.map((row, i) => {
      const readings = alive[i] ?? [];
      // A row read one way with nothing lost never changes: its values were settled on the first pass.
      if (iteration > 0 && readings.length === 1 && !readings[0]?.some((x) => x.kind === 'lost')) return assignments[i] ?? [];
      const assigned = readings.map((r) => assign(row, r));
      const kept = survivors(assigned);
      if (kept.length > 0 && kept.length < readings.length) {
        alive[i] = readings.filter((_, j) => kept.includes(assigned[j] as Assigned));
        changed = true;
      }
      const chosen = (kept.length > 0 ? kept : assigned).map((a) => a.values);
      for (const p of row.paths) {
        const vals = chosen.map((a) => a.get(p));
        const first = vals[0];
        if (chosen.length > 0 && first !== undefined && vals.every((v) => v === first) && known.get(p) !== first) {
          known.set(p, first);
          changed = true;
        }
      }
      return chosen;
    });
  }

  const out = new Map<string, CellResult>();
  // Cells printed but not surely read by OCR: missing for that reason, with their place in the source.
  const uncertain = new Map<string, Field>();
  const stillUnknown = (path: string, note: string): CellResult => {
    const field = uncertain.get(path);
    return field ? { path, value: null, how: 'missing', note: 'ocrUncertain', field } : { path, value: null, how: 'missing', note };
  };
  rows.forEach((row, i) => {
    const readings = alive[i] ?? [];
    const chosen = assignments[i] ?? [];
    row.paths.forEach((path, c) => {
      if (readings.length === 0) {
        out.set(path, { path, value: null, how: 'missing', note: row.overflow ? 'overflow' : 'notFound' });
        return;
      }
      const slots = readings.map((r) => r[c] as Slot);
      const s0u = slots[0];
      if (s0u?.kind === 'lost' && s0u.uncertain && slots.every((s) => s.kind === 'lost' && s.uncertain === s0u.uncertain)) uncertain.set(path, s0u.uncertain);
      const vals = chosen.map((a) => a.get(path));
      const first = vals[0];
      const agreed = vals.length > 0 && vals.every((v) => v === first);
      if (!agreed || first === undefined) {
        out.set(path, agreed ? stillUnknown(path, 'lost') : { path, value: null, how: 'missing', note: 'ambiguous' });
        return;
      }
      const s0 = slots[0];
      if (first === null) {
        const field = s0?.kind === 'blank' && slots.every((s) => s.kind === 'blank' && s.field === s0.field) ? s0.field : undefined;
        out.set(path, { path, value: null, how: 'missing', note: 'blank', ...(field ? { field } : {}) });
        return;
      }
      if (s0?.kind === 'read' && slots.every((s) => s.kind === 'read' && s.field === s0.field)) {
        out.set(path, { path, value: first, how: 'read', field: s0.field });
        return;
      }
      out.set(path, { path, value: first, how: 'inferred' });
    });
  });

  // A recovered value stands only if two equations with every term known hold with it — re-checked until nothing
  // changes, so a value rejected here no longer confirms another.
  for (let changed = true; changed; ) {
    changed = false;
    const valueOf = (p: string): number | null | undefined => (out.has(p) ? out.get(p)?.value : known.get(p));
    for (const cell of out.values()) {
      if (cell.how !== 'inferred') continue;
      const confirming = (byPath.get(cell.path) ?? []).filter((e) => {
        const terms = [...e.lhs, ...e.rhs].map(valueOf);
        if (terms.some((v) => v === null || v === undefined)) return false;
        return close(sum(e.lhs.map((p) => valueOf(p) as number)), sum(e.rhs.map((p) => valueOf(p) as number)));
      });
      if (confirming.length < 2) {
        out.set(cell.path, stillUnknown(cell.path, 'unconfirmed'));
        changed = true;
      }
    }
  }
  return out;
}
