/**
 * What the index stores for a document and what it is asked, the same on both engines (docs/decisions.md "Search at
 * a million documents"): one list of tokens per document — each text token tagged with its field (t… title and 文号,
 * b… body, a… attachment) and one token per filter value (xs… status, xo… organisation, xi… 第二十条 item, xv… 有效性,
 * the value's FNV-1a hash in hex; and the publication date as year, month and day, xy2025 xm202501 xd20250110, for PostgreSQL's date windows) — and a match expression of AND/OR over them. SQLite keeps the list in a contentless
 * FTS5 table (detail=none), PostgreSQL in a tsvector (array_to_tsvector, no parser); each renders the same expression
 * in its own syntax, so both propose the same candidates. A filter token only narrows candidates (two values may share a
 * hash): the storage still checks the real column. Pure; never throws.
 */
import { isIsoDate } from '../calendar/dates.ts';
import { fnv32 } from './rank.ts';
import { distinctTokens, type QueryTerm } from './tokens.ts';
import type { SearchDoc } from './types.ts';

/** A match expression: a token (exact or prefix), all of some, or one of some. */
export type MatchExpr = { readonly token: string; readonly prefix: boolean } | { readonly and: readonly MatchExpr[] } | { readonly or: readonly MatchExpr[] };

/** The field tags of text tokens. */
export const FIELD_TAG = { title: 't', body: 'b', attach: 'a' } as const;
type Field = keyof typeof FIELD_TAG;

/** The filters that are index tokens, and their tags. */
const FILTER_TAG = { status: 'xs', organization: 'xo', item: 'xi', validity: 'xv' } as const;

/** The token of a filter value (a tag and 8 hex digits: ASCII letters and digits, one token for FTS5's `ascii`). */
export const filterToken = (kind: keyof typeof FILTER_TAG, value: string): string => `${FILTER_TAG[kind]}${fnv32(value).toString(16).padStart(8, '0')}`;

/** The tokens of a document: its field-tagged text tokens (distinct per field), then its filter tokens. */
export function indexTokens(doc: SearchDoc): string[] {
  const out: string[] = [];
  for (const t of distinctTokens(`${doc.title}\n${doc.docNumber ?? ''}`)) out.push(`t${t}`);
  for (const t of distinctTokens(doc.body)) out.push(`b${t}`);
  for (const t of distinctTokens(doc.attachmentText)) out.push(`a${t}`);
  out.push(filterToken('status', doc.status), filterToken('organization', doc.organizationId), filterToken('validity', doc.validity));
  if (doc.item !== null) out.push(filterToken('item', doc.item));
  if (doc.publishedOn !== null && isIsoDate(doc.publishedOn)) {
    const d = doc.publishedOn.replaceAll('-', '');
    out.push(`xy${d.slice(0, 4)}`, `xm${d.slice(0, 6)}`, `xd${d}`);
  }
  return out;
}

/** The fields a tier's candidates must hold every token of a term in (one field per term). */
const TIER_FIELDS: Readonly<Record<1 | 2 | 3, readonly Field[]>> = { 3: ['title'], 2: ['title', 'body'], 1: ['title', 'body', 'attach'] };

/** Beyond this many organisations the filter is left to the column (an OR of thousands of tokens costs more than it saves). */
export const MAX_ORGANIZATION_TOKENS = 64;

export interface MatchFilters {
  readonly statuses: readonly string[] | 'all';
  readonly organizationIds: readonly string[] | null;
  readonly item: string | null;
  readonly validity: string | null;
}

/**
 * Filter values most documents of a catalog hold (发布 status: the catalog is mostly published documents; 有效: most are
 * in force). Their tokens are left out of the match: intersecting with a list that holds nearly every document costs
 * the index more than it removes (PostgreSQL at 1,000,000 documents: the GIN part of one window query 3.5 ms with the
 * published token, 0.35 ms without; docs/decisions.md "Search at a million documents, measured"), and the columns
 * are checked on the rows read anyway, so the answer is the same.
 */
export const MAJORITY_VALUES: { readonly status: readonly string[]; readonly validity: readonly string[] } = { status: ['published'], validity: ['有效'] };

/**
 * The candidates of a tier: for every term all its tokens in one of the tier's fields, and the filter values (but
 * those of MAJORITY_VALUES, and a status list holding one of them: checked on the columns only).
 */
export function tierMatch(terms: readonly QueryTerm[], tier: 1 | 2 | 3, f: MatchFilters): MatchExpr {
  const parts: MatchExpr[] = terms.map((t) => ({
    or: TIER_FIELDS[tier].map((field) => ({ and: t.tokens.map((k) => ({ token: `${FIELD_TAG[field]}${k.token}`, prefix: k.prefix })) })),
  }));
  if (f.statuses !== 'all' && !f.statuses.some((s) => MAJORITY_VALUES.status.includes(s))) parts.push({ or: f.statuses.map((s) => ({ token: filterToken('status', s), prefix: false })) });
  if (f.organizationIds !== null && f.organizationIds.length <= MAX_ORGANIZATION_TOKENS) parts.push({ or: f.organizationIds.map((o) => ({ token: filterToken('organization', o), prefix: false })) });
  if (f.item !== null) parts.push({ token: filterToken('item', f.item), prefix: false });
  if (f.validity !== null && !MAJORITY_VALUES.validity.includes(f.validity)) parts.push({ token: filterToken('validity', f.validity), prefix: false });
  return { and: parts };
}

/** FTS5 query syntax (tokens are letters, digits and Han only, so quoting cannot break). */
export function ftsSyntax(e: MatchExpr): string {
  if ('token' in e) return `"${e.token}"${e.prefix ? '*' : ''}`;
  if ('and' in e) return e.and.length === 1 ? ftsSyntax(e.and[0] as MatchExpr) : `(${e.and.map(ftsSyntax).join(' AND ')})`;
  return e.or.length === 1 ? ftsSyntax(e.or[0] as MatchExpr) : `(${e.or.map(ftsSyntax).join(' OR ')})`;
}

/** PostgreSQL tsquery syntax of the same expression. */
export function tsquerySyntax(e: MatchExpr): string {
  if ('token' in e) return `'${e.token}'${e.prefix ? ':*' : ''}`;
  if ('and' in e) return e.and.length === 1 ? tsquerySyntax(e.and[0] as MatchExpr) : `(${e.and.map(tsquerySyntax).join(' & ')})`;
  return e.or.length === 1 ? tsquerySyntax(e.or[0] as MatchExpr) : `(${e.or.map(tsquerySyntax).join(' | ')})`;
}
