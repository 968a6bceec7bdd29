/**
 * Highlighting for the search results: the matched terms marked with <mark> in HTML-escaped text (the caller puts
 * the result into a page or JSON as HTML), and a snippet of the body or attachment around the matches. Matching is on
 * the folded text (./tokens.ts) and marks the source characters as printed.
 */
import type { QueryTerm } from './tokens.ts';
import { foldText, occurrences } from './tokens.ts';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The source ranges [start, end) where some term occurs, merged and sorted. */
export function matchRanges(text: string, terms: readonly QueryTerm[]): Array<[number, number]> {
  const { text: folded, offsets } = foldText(text);
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    for (const at of occurrences(folded, t.folded)) ranges.push([offsets[at] as number, offsets[at + t.folded.length] as number]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` HTML-escaped with every occurrence of a term wrapped in <mark>…</mark>. Never throws. */
export function highlight(text: string, terms: readonly QueryTerm[]): string {
  return markRanges(text, 0, text.length, matchRanges(text, terms));
}

function markRanges(text: string, from: number, to: number, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = from;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Snippet length in characters (UTF-16 units) around the first match. */
export const SNIPPET_LENGTH = 120;

/**
 * A highlighted snippet of `text`: about `length` characters starting a little before the first match (… where cut),
 * or the start of the text when nothing matches; white space runs collapsed. Never throws.
 */
export function snippet(text: string, terms: readonly QueryTerm[], length = SNIPPET_LENGTH): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const ranges = matchRanges(flat, terms);
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 4));
  // Never cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start] ?? '')) start -= 1;
  let end = Math.min(flat.length, start + length);
  if (end < flat.length && /[\uDC00-\uDFFF]/.test(flat[end] ?? '')) end += 1;
  return (start > 0 ? '…' : '') + markRanges(flat, start, end, ranges) + (end < flat.length ? '…' : '');
}
