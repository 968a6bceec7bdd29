/**
 * The fuzzer's randomness: every case is a pure function of (run seed, case index), so a run can stop and resume at
 * any index, and a failing case is rebuilt from its two numbers alone. Strings of every Unicode plane (lone
 * surrogates, combining marks, controls, CJK, astral), numbers at every edge and JSON of any shape are drawn here
 * directly from the case's generator: fast-check's `sample` cost a few milliseconds a value, most of a case's time.
 */
import { itemSeed } from '../formats/published/index.ts';
import { mulberry32 } from '../core/annual-report/generate.ts';

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  /** The seed of case `index` of a run. */
  static forCase(runSeed: number, index: number): Rng {
    return new Rng(itemSeed(runSeed, index));
  }
  float(): number {
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
  /** A string of up to `maxLength` code units, its characters from every range that trips parsers (CHAR_RANGES). */
  string(maxLength: number): string {
    const n = this.below(maxLength + 1);
    // One or two ranges per string, as real text is (a Chinese sentence, an ASCII token), sometimes any.
    const ranges = this.chance(0.3) ? CHAR_RANGES : [this.pick(CHAR_RANGES), this.pick(CHAR_RANGES)];
    let out = '';
    while (out.length < n) {
      const [lo, hi] = this.pick(ranges);
      out += String.fromCodePoint(lo + this.below(hi - lo + 1));
    }
    return out.length > maxLength ? out.slice(0, maxLength) : out;
  }
  /** An integer: small, near a power of two, at the edges of int32 and of the safe range. */
  integer(): number {
    switch (this.below(4)) {
      case 0:
        return this.below(201) - 100;
      case 1: {
        const p = 2 ** this.below(54);
        return this.pick([p, p - 1, -p, -p - 1, p + 1]);
      }
      case 2:
        return this.pick([0, -1, 2147483647, -2147483648, 4294967295, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);
      default:
        return Math.floor((this.float() - 0.5) * 2 ** (1 + this.below(53)));
    }
  }
  /** A number: an integer, a fraction, an edge of the doubles (±0, tiny, huge, not finite). */
  double(): number {
    if (this.chance(0.3)) return this.pick([0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, Infinity, -Infinity, NaN, 0.1, 1e21, 1e-7]);
    return this.chance(0.5) ? this.integer() + this.float() : (this.float() - 0.5) * 10 ** (this.below(40) - 10);
  }
  /** A JSON value of any shape, nested at most `depth` deep. */
  json(depth: number): unknown {
    const r = this.below(depth > 0 ? 8 : 5);
    switch (r) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2: {
        const d = this.double();
        return Number.isFinite(d) ? d : this.integer();
      }
      case 3:
      case 4:
        return this.chance(0.3) ? this.pick(HOSTILE_STRINGS) : this.string(20);
      case 5:
        return Array.from({ length: this.below(5) }, () => this.json(depth - 1));
      default: {
        const out: Record<string, unknown> = {};
        for (let i = this.below(5); i > 0; i -= 1) Object.defineProperty(out, this.chance(0.2) ? this.pick(HOSTILE_STRINGS) : this.string(8), { value: this.json(depth - 1), enumerable: true, writable: true, configurable: true });
        return out;
      }
    }
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) out[i] = this.below(256);
    return out;
  }
}

/**
 * Code point ranges of fuzzed strings: ASCII controls and printable, Latin-1, combining marks, CJK and its punctuation
 * and full-width forms, bidi and zero-width controls, lone surrogates, private use, BOM and noncharacters, astral.
 */
const CHAR_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f], [0x20, 0x7e], [0x20, 0x7e], [0x7f, 0xff], [0x300, 0x36f], [0x4e00, 0x9fff], [0x4e00, 0x9fff], [0x3000, 0x303f],
  [0xff00, 0xffef], [0x200b, 0x202e], [0xd800, 0xdfff], [0xe000, 0xe0ff], [0xfeff, 0xfeff], [0xfffe, 0xffff], [0x1f000, 0x1faff], [0x10000, 0x10ffff],
];

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
      return rng.string(rng.chance(0.1) ? 5000 : 40);
    case 3:
      return String(rng.chance(0.5) ? rng.integer() : rng.double());
    case 4:
      return `${2000 + rng.below(120)}-${String(rng.below(14)).padStart(2, '0')}-${String(rng.below(33)).padStart(2, '0')}`;
    default:
      return rng.pick(HOSTILE_STRINGS) + rng.string(8) + rng.pick(HOSTILE_STRINGS);
  }
}
