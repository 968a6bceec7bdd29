/**
 * The search module's interface (issue 10): what the catalog indexes (SearchDoc), what a search asks (SearchQuery)
 * and answers (SearchPage). Implemented by src/storage/search.ts; the use case src/app/fulltext calls it through a port.
 */
import type { Problem } from '../errors.ts';
import type { Tier } from './rank.ts';

/** A document as the catalog gives it to the index. */
export interface SearchDoc {
  readonly id: string;
  readonly organizationId: string;
  readonly title: string;
  /** Plain text. */
  readonly body: string;
  readonly attachmentText: string;
  /** 文号, e.g. 中政办〔2025〕12号. */
  readonly docNumber: string | null;
  readonly writtenOn: string | null;
  /** 'YYYY-MM-DD'. */
  readonly publishedOn: string | null;
  /** 条例第二十条 item code. */
  readonly item: string | null;
  /** 有效/失效/废止/已修改. */
  readonly validity: string;
  /** e.g. draft, review, published, repealed. */
  readonly status: string;
  readonly url: string;
}

/** What to search for. Public callers pass statuses ['published'] (the default). */
export interface SearchQuery {
  /** The search box: terms separated by white space, all required. */
  readonly q: string;
  /** Only these organisations (the caller expands a subtree); absent or null: all. */
  readonly organizationIds?: readonly string[] | null;
  /** publishedOn within [publishedFrom, publishedTo], 'YYYY-MM-DD', either end open. */
  readonly publishedFrom?: string | null;
  readonly publishedTo?: string | null;
  readonly item?: string | null;
  readonly validity?: string | null;
  /** Default ['published']; 'all' for staff searching their scope (drafts included). */
  readonly statuses?: readonly string[] | 'all';
  /** Hits per page, 1-100 (default 20). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | null;
}

/** One hit: HTML fields are escaped with the matches in <mark>. */
export interface SearchHit {
  readonly id: string;
  readonly organizationId: string;
  /** The title as HTML with <mark>. */
  readonly titleHtml: string;
  /** The title as text. */
  readonly title: string;
  /** Part of the body (or of the attachment text when only it matches) as HTML with <mark>. */
  readonly snippetHtml: string;
  /** 3: every term in the title or 文号; 2: in title, 文号 or body; 1: an attachment was needed. */
  readonly score: Tier;
  readonly docNumber: string | null;
  readonly writtenOn: string | null;
  readonly publishedOn: string | null;
  readonly item: string | null;
  readonly validity: string;
  readonly status: string;
  readonly url: string;
}

export type SearchPage =
  | { readonly ok: true; readonly hits: readonly SearchHit[]; readonly nextCursor: string | null }
  | { readonly ok: false; readonly problems: readonly Problem[] };

