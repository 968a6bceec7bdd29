/**
 * The equation check of a scan read by OCR: a value the recogniser read surely can still be wrong (a 6 read as 8 with
 * a high probability). Where an equation of tables 三 and 四 (../equations.ts) has every term read and fails, the
 * values in it that no holding equation vouches for are not taken: null with `import.ocrUncertain`. A value in a
 * holding equation is confirmed by it. Repeated until nothing changes (a cell made null leaves its equations unknown).
 * A printed arithmetic error in the source makes its cells null too: null is not wrong. Pure.
 */
import type { Equation } from '../equations.ts';
import type { CellProvenance } from './import-text.ts';

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The paths of the read cells the equations do not let stand. */
export function ocrEquationCheck(provenance: readonly CellProvenance[], equations: readonly Equation[]): string[] {
  const value = new Map<string, number | null>(provenance.map((p) => [p.path, p.value]));
  const read = new Set(provenance.filter((p) => p.how === 'read').map((p) => p.path));
  const dropped: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const status = equations.map((e) => {
      const terms = [...e.lhs, ...e.rhs].map((p) => value.get(p));
      if (terms.some((v) => v === null || v === undefined)) return 'unknown';
      const l = sum(e.lhs.map((p) => value.get(p) as number));
      const r = e.rhs.map((p) => value.get(p) as number);
      return r.every((v) => close(l, v)) ? 'holds' : 'fails';
    });
    const confirmed = new Set(equations.flatMap((e, i) => (status[i] === 'holds' ? [...e.lhs, ...e.rhs] : [])));
    equations.forEach((e, i) => {
      if (status[i] !== 'fails') return;
      for (const p of [...e.lhs, ...e.rhs]) {
        if (!read.has(p) || confirmed.has(p) || value.get(p) === null) continue;
        value.set(p, null);
        dropped.push(p);
        changed = true;
      }
    });
  }
  return dropped;
}
