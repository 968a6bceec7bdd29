/**
 * Searching the 政府信息公开目录 (issue 10; 条例第二十三条: the catalog must be searchable): the public search sees
 * only published documents, anywhere or in an organisation's subtree; a logged-in staff member searches their own
 * organisation's subtree, drafts and documents under review included, unless they ask for the public view.
 */
import type { Problem } from '../../core/errors.ts';
import { problem } from '../../core/errors.ts';
import type { SearchPage, SearchQuery } from '../../core/fulltext/types.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';

/** The search index (src/storage/search.ts `searchDocuments` over a database). */
export interface DocumentSearch {
  search(query: SearchQuery): Promise<SearchPage>;
}

export interface SearchDeps {
  readonly index: DocumentSearch;
  readonly organizations: Pick<OrganizationRepository, 'subtreeIds'>;
}

/** What a caller asks: the search box and the filters as typed (strings from a URL or the CLI). */
export interface CatalogSearchInput {
  readonly q: string;
  /** An organisation: it and everything below it. */
  readonly org?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly item?: string | undefined;
  readonly validity?: string | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
  /** 'public': a staff member sees what the public sees. */
  readonly view?: 'public' | 'staff' | undefined;
}

/** Who searches: null for the public; staff with the organisations of their subtree. */
export type Searcher = { readonly scope: ReadonlySet<string> } | null;

/**
 * Search the catalog as `who`. Errors (values): search.invalid (query, dates, limit, cursor), notFound for an
 * organisation outside a staff member's scope (as if it did not exist). Throws only on database errors.
 */
export async function searchCatalog(deps: SearchDeps, input: CatalogSearchInput, who: Searcher): Promise<SearchPage> {
  const staff = who !== null && input.view !== 'public';
  let organizationIds: readonly string[] | null = null;
  if (input.org !== undefined && input.org !== '') {
    if (staff && !who.scope.has(input.org)) return notFound(input.org);
    organizationIds = await deps.organizations.subtreeIds(input.org);
  } else if (staff) {
    organizationIds = [...who.scope];
  }
  return deps.index.search({
    q: input.q,
    organizationIds,
    publishedFrom: input.from ?? null,
    publishedTo: input.to ?? null,
    item: input.item ?? null,
    validity: input.validity ?? null,
    statuses: staff ? 'all' : ['published'],
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    cursor: input.cursor ?? null,
  });
}

const notFound = (org: string): SearchPage => {
  const problems: Problem[] = [problem('notFound', 'org', { zh: `没有此机关：${org}`, en: `no such organisation: ${org}` })];
  return { ok: false, problems };
};
