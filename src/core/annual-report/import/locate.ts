/**
 * Finding template labels in report text whose labels may be split across lines, spaced out, printed with full-width
 * or ASCII brackets, or numbered 1、 / 1． / 1. — the search runs on the whitespace-free search view and answers in
 * offsets of the original text.
 */
import { labelKey, normalizeText, searchView, type SearchView } from './normalize.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A normalised report text and its search view. */
export class TextIndex {
  readonly text: string;
  private readonly view: SearchView;

  constructor(original: string) {
    this.text = normalizeText(original);
    this.view = searchView(this.text);
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

  /** The search-view text between two offsets (labels joined across line breaks). */
  viewText(from: number, to: number): string {
    return this.view.text.slice(this.viewIndex(from), this.viewIndex(to));
  }
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.．、])/;
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
