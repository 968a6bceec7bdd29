/**
 * Which documents match a query and in what order, decided in the core so that SQLite and PostgreSQL give the same
 * answer: the index only proposes candidates (documents having every token of every term); a candidate matches when
 * every term occurs, folded, in one of its fields. Relevance is the field tier (docs/decisions.md "Search"):
 *   3 — every term in the title or the 文号;  2 — every term in title, 文号 or body;  1 — some term only in an attachment.
 * Order: tier, then publishedOn newest first (undated last), then a fixed hash of the id (the sort key below).
 */
import type { QueryTerm } from './tokens.ts';
import { containsTerm, fold } from './tokens.ts';
import { dayNumber } from '../calendar/dates.ts';

/** 1900-01-01 as a day number since 1970-01-01. */
const DAY_ZERO = -25_567;

export type Tier = 0 | 1 | 2 | 3;
export const TIERS = [3, 2, 1] as const;

/** The folded fields of a document, as matching needs them. */
export interface FoldedFields {
  readonly title: string;
  readonly docNumber: string;
  readonly body: string;
  readonly attachment: string;
}

export const foldFields = (d: { title: string; docNumber: string | null; body: string; attachmentText: string }): FoldedFields => ({
  title: fold(d.title),
  docNumber: fold(d.docNumber ?? ''),
  body: fold(d.body),
  attachment: fold(d.attachmentText),
});

/** The tier of a document for a query; 0 when some term occurs nowhere (not a match). Never throws. */
export function tierOf(terms: readonly QueryTerm[], f: FoldedFields): Tier {
  let tier: Tier = 3;
  for (const t of terms) {
    if (containsTerm(f.title, t.folded) || containsTerm(f.docNumber, t.folded)) continue;
    if (containsTerm(f.body, t.folded)) tier = tier > 2 ? 2 : tier;
    else if (containsTerm(f.attachment, t.folded)) tier = 1;
    else return 0;
  }
  return tier;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const DAY_SPAN = 131_072; // 2^17 days from 1900: up to 2258
const LOW = 2 ** 32;

/** The part of the sort key a date gives: newer is smaller; no date (or one outside 1900-2258) sorts last. */
export function datePart(date: string | null): number {
  const d = date === null ? null : dayNumber(date);
  if (d === null) return DAY_SPAN;
  const n = d - DAY_ZERO;
  return n < 0 || n >= DAY_SPAN ? DAY_SPAN : DAY_SPAN - 1 - n;
}

/**
 * The sort key of a document (a safe integer < 2^49, the SQLite rowid and the PostgreSQL key): ascending key =
 * publishedOn newest first, then the id's hash. The index stores the next free key when two ids of one day share a
 * hash. Never throws.
 */
export const sortKey = (publishedOn: string | null, id: string): number => datePart(publishedOn) * LOW + fnv32(id);

/** The key range of publishedOn within [from, to] (either may be open): keys k with lo <= k < hi. */
export function keyRange(from: string | null, to: string | null): { lo: number; hi: number } {
  const lo = to === null ? 0 : datePart(to) * LOW;
  const hi = from === null ? (DAY_SPAN + 1) * LOW : (datePart(from) + 1) * LOW;
  return { lo, hi };
}
