/**
 * The fuzzer's randomness: every case is a pure function of (run seed, case index), so a run can stop and resume at
 * any index, and a failing case is rebuilt from its two numbers alone. Values come from fast-check's arbitraries
 * (strings of every Unicode plane, JSON of any shape), drawn with the case's own seed.
 */
import fc from 'fast-check';
import { itemSeed } from '../formats/published/index.ts';
import { mulberry32 } from '../core/annual-report/generate.ts';

export class Rng {
  private readonly next: () => number;
  private draws = 0;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  /** The seed of case `index` of a run. */
  static forCase(runSeed: number, index: number): Rng {
    return new Rng(itemSeed(runSeed, index));
  }
  float(): number {
    this.draws += 1;
    return this.next();
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** A value of a fast-check arbitrary, drawn with a seed from this generator. */
  sample<T>(arb: fc.Arbitrary<T>): T {
    const [value] = fc.sample(arb, { seed: (this.below(0x7fffffff) ^ this.draws) | 0, numRuns: 1 });
    return value as T;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) out[i] = this.below(256);
    return out;
  }
}

/** Strings an attacker or a broken file brings: markup, escapes, numbers past every range, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', '\uFEFF', '\uD800', '\u202E', '\u2028', '\r\n', '\t', '\f', '\\', '"', "'", '`', '%', '%00', '%zz', '&', '#',
  '<', '>', '</', '<!--', ']]>', '<script>alert(1)</script>', '<div>', '<table><tr><td>', '&#x10FFFF;', '&#0;', '&amp;',
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__proto__.polluted', 'constructor.prototype.x',
  '0', '-1', '-0', '1e308', '1e-308', 'NaN', 'Infinity', '99999999999999999999', '9007199254740993', '0x10', '1.5', '１２３',
  'true', 'false', 'null', 'undefined', '[]', '{}', '[object Object]',
  '2026-02-30', '2099-12-31', '1900-01-01', '0000-00-00', '2026-13-01', '2026-12-01T00:00:00Z', '9999-99-99',
  '一、', '（一）', '合计', '总计', '本年新收政府信息公开申请数量', '〇', '二〇二五', '/', '—', '　',
  '../../etc/passwd', '/etc/passwd', 'C:\\Windows', 'http://evil.example/', '//evil.example', 'javascript:alert(1)', 'data:text/html,x',
  'a'.repeat(300), '中'.repeat(2000), '\u0300'.repeat(50), '🀄'.repeat(20),
];

/** A string for a field or parameter: hostile, random Unicode, a number, or a date, sometimes very long. */
export function fuzzString(rng: Rng): string {
  switch (rng.below(6)) {
    case 0:
    case 1:
      return rng.pick(HOSTILE_STRINGS);
    case 2:
      return rng.sample(fc.string({ unit: rng.chance(0.5) ? 'grapheme' : 'binary', maxLength: rng.chance(0.1) ? 5000 : 40 }));
    case 3:
      return String(rng.sample(rng.chance(0.5) ? fc.integer() : fc.double()));
    case 4:
      return `${2000 + rng.below(120)}-${String(rng.below(14)).padStart(2, '0')}-${String(rng.below(33)).padStart(2, '0')}`;
    default:
      return rng.pick(HOSTILE_STRINGS) + rng.sample(fc.string({ maxLength: 8 })) + rng.pick(HOSTILE_STRINGS);
  }
}
