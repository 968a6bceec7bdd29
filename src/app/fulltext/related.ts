/**
 * 条例第三十六条第一项 (所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径): the published catalog
 * documents that may already hold what an application asks for, found by searching the terms of its description
 * (core/fulltext/request-terms.ts) one by one, and ranked by how many terms a document matches, then by the field
 * they match in (title before body before attachment), then newest first. Public view only: a handler points the
 * applicant to what anyone can read.
 */
import { requestTerms } from '../../core/fulltext/request-terms.ts';
import type { SearchHit } from '../../core/fulltext/types.ts';
import type { DocumentSearch } from './search-catalog.ts';

/** A document found for an application, with the terms it matched. */
export interface RelatedDocument {
  readonly hit: SearchHit;
  readonly terms: readonly string[];
}

/** How many documents a term may bring (each search is one index query). */
const PER_TERM = 10;

/**
 * The published documents matching an application's description and 文号, best first, at most `limit`. Never throws
 * on input (an empty description finds nothing); throws only on database errors.
 */
export async function findPublished(index: DocumentSearch, request: { readonly description: string; readonly documentNumber: string | null }, limit = 5): Promise<{ terms: string[]; documents: RelatedDocument[] }> {
  const terms = requestTerms(request.description, request.documentNumber);
  const found = new Map<string, { hit: SearchHit; terms: string[] }>();
  for (const term of terms) {
    const page = await index.search({ q: term, statuses: ['published'], limit: PER_TERM });
    if (!page.ok) continue; // a term the index refuses (too long…) is skipped: the others still count
    for (const hit of page.hits) {
      const seen = found.get(hit.id);
      if (seen) {
        seen.terms.push(term);
        if (hit.score > seen.hit.score) seen.hit = hit;
      } else found.set(hit.id, { hit, terms: [term] });
    }
  }
  const documents = [...found.values()].sort((a, b) => b.terms.length - a.terms.length || b.hit.score - a.hit.score || (b.hit.publishedOn ?? '').localeCompare(a.hit.publishedOn ?? '') || a.hit.id.localeCompare(b.hit.id));
  return { terms, documents: documents.slice(0, limit) };
}
