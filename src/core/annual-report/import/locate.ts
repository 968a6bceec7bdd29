/**
 * Finding template labels in report text whose labels may be split across lines, spaced out, printed with full-width
 * or ASCII brackets, or numbered 1、 / 1． / 1. — the search runs on the whitespace-free search view and answers in
 * offsets of the original text.
 */
import { pageNumberLines } from './furniture.ts';
import { lineRunCells } from './line-runs.ts';
import { labelKey, normalizeText, searchView, type SearchView } from './normalize.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A normalised report text and its search view. */
export class TextIndex {
  readonly text: string;
  /** Bare page-number lines (./furniture.ts): never read as cells. */
  readonly furniture: readonly Span[];
  private readonly view: SearchView;
  private looseView: SearchView | null = null;

  constructor(original: string) {
    this.text = lineRunCells(original, normalizeText(original));
    this.view = searchView(this.text);
    this.furniture = pageNumberLines(this.text);
  }

  /**
   * Like `find`, on a view without ASCII digits, dots and commas: a label whose own values were printed inside it
   * (PDF text read across a wrapped cell: “本年新收政府信息公 3 0 1 …\n开申请数量”) is still found.
   */
  findLoose(key: string, from = 0, to = this.text.length): Span | null {
    this.looseView ??= (() => {
      const text: string[] = [];
      const origin: number[] = [];
      for (let i = 0; i < this.view.text.length; i += 1) {
        const ch = this.view.text[i] as string;
        if (/[0-9.,+\-/]/.test(ch)) continue;
        text.push(ch);
        origin.push(this.view.origin[i] ?? 0);
      }
      return { text: text.join(''), origin };
    })();
    const loose = key.replace(/[0-9.,+\-/]/g, '');
    const v = this.looseView;
    let lo = 0;
    let hi = v.origin.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((v.origin[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    const at = loose === '' ? -1 : v.text.indexOf(loose, lo);
    if (at < 0) return null;
    const start = v.origin[at] ?? 0;
    const end = (v.origin[at + loose.length - 1] ?? start) + 1;
    return end <= to ? { start, end } : null;
  }

  /** First view index whose original offset is >= offset. */
  private viewIndex(offset: number): number {
    const o = this.view.origin;
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((o[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first occurrence of `key` (a labelKey) starting at or after `from` and ending by `to`. */
  find(key: string, from = 0, to = this.text.length): Span | null {
    if (key === '') return null;
    const at = this.view.text.indexOf(key, this.viewIndex(from));
    if (at < 0) return null;
    const start = this.view.origin[at] ?? 0;
    const end = (this.view.origin[at + key.length - 1] ?? start) + 1;
    return end <= to ? { start, end } : null;
  }

  /** Every occurrence of `key` within [from, to). */
  findAll(key: string, from = 0, to = this.text.length): Span[] {
    const out: Span[] = [];
    let cursor = from;
    for (;;) {
      const hit = this.find(key, cursor, to);
      if (!hit) return out;
      out.push(hit);
      cursor = hit.end;
    }
  }

  /** The first of several keys found after `from` (earliest start). */
  findFirst(keys: readonly string[], from = 0, to = this.text.length): Span | null {
    let best: Span | null = null;
    for (const k of keys) {
      const hit = this.find(k, from, to);
      if (hit && (!best || hit.start < best.start)) best = hit;
    }
    return best;
  }

  /** The first match of a pattern over the search view within [from, to), in original offsets. */
  findPattern(pattern: RegExp, from = 0, to = this.text.length): Span | null {
    const start = this.viewIndex(from);
    const re = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g');
    re.lastIndex = start;
    const m = re.exec(this.view.text);
    if (!m || m[0] === '') return null;
    const s = this.view.origin[m.index] ?? 0;
    const e = (this.view.origin[m.index + m[0].length - 1] ?? s) + 1;
    return e <= to ? { start: s, end: e } : null;
  }

  /** The search-view text between two offsets (labels joined across line breaks). */
  viewText(from: number, to: number): string {
    return this.view.text.slice(this.viewIndex(from), this.viewIndex(to));
  }
}

export const NUMBERING = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.．、])/;
const TRAILING_NOTE = /[(（][^()（）]*[)）]$/;

/** The distinctive core of a row label: without its numbering and trailing parenthetical note. */
export function coreKey(label: string): string {
  return labelKey(label.replace(NUMBERING, '').replace(TRAILING_NOTE, ''));
}

const PREFIX_BEFORE = /(?:[(（]\s*[一二三四五六七八九十]{1,2}\s*[)）]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,2}\s*、)[ \t]*$/;

/** Move a label's start back over its numbering (（三）, 1., 一、) so the number is not read as a value. */
export function withNumbering(text: string, span: Span): Span {
  const before = text.slice(Math.max(0, span.start - 10), span.start);
  const m = PREFIX_BEFORE.exec(before);
  return m ? { start: span.start - m[0].length, end: span.end } : span;
}
