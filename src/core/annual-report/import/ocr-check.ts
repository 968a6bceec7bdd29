/**
 * The equation check of a scan read by OCR: a value the recogniser read surely can still be wrong (a 6 read as 8 with
 * a high probability). Where an equation of tables 三 and 四 (../equations.ts) has every term read and fails, the
 * values in it that no holding equation vouches for are not taken: null with `import.ocrUncertain`. A value in a
 * holding equation is confirmed by it. Repeated until nothing changes (a cell made null leaves its equations unknown).
 * A printed arithmetic error in the source makes its cells null too: null is not wrong. Pure.
 */
import type { Equation } from '../equations.ts';
import type { CellProvenance } from './import-text.ts';

/**
 * Where a value read by OCR is on its page: the page (1-based, as the provenance counts pages: by form feeds) and its
 * box in page units — points (1/72 inch) from the top-left corner of the page as read, i.e. once turned upright and
 * levelled.
 */
export interface OcrBox {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A value word of a scan as the OCR adapter wrote it into the text: [start, end) in its page's text, confidence, box. */
export interface OcrReading {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly box: OcrBox;
}

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

/**
 * Each cell read from a value the OCR wrote (its provenance offset falls in the reading's place in the text) keeps that
 * reading's confidence and page box — taken or not (a ⍰ or a value the equations dropped keeps its place too). `text`
 * is the text the provenance's offsets count in (pages split at form feeds). Pure.
 */
export function withOcrReadings(provenance: readonly CellProvenance[], text: string, readings: readonly OcrReading[]): CellProvenance[] {
  if (readings.length === 0) return [...provenance];
  const pageStarts = [0];
  for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) pageStarts.push(i + 1);
  const absolute = readings
    .map((r) => ({ start: (pageStarts[r.box.page - 1] ?? Infinity) + r.start, end: (pageStarts[r.box.page - 1] ?? Infinity) + r.end, r }))
    .filter((a) => Number.isFinite(a.start))
    .sort((a, b) => a.start - b.start);
  const find = (offset: number): OcrReading | null => {
    let lo = 0;
    let hi = absolute.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((absolute[mid]?.start ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const a = absolute[lo];
    return a && a.start <= offset && offset < a.end ? a.r : null;
  };
  return provenance.map((p) => {
    const r = p.offset === undefined ? null : find(p.offset);
    return r ? { ...p, confidence: r.confidence, box: r.box } : p;
  });
}
