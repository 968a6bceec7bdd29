/**
 * GET /xxgk/search: the catalog's public full-text search as a page — what anyone sees (published documents only),
 * whoever is logged in, through the same use case as GET /api/catalog/search (app/fulltext searchCatalog). Bad input
 * (an unknown organisation, a malformed date or cursor) shows the page with the coded problem.
 */
import { Hono } from 'hono';
import { searchCatalog, type SearchDeps } from '../../../app/fulltext/index.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import { statusOf } from '../../errors.ts';
import { searchPage } from '../../views/catalog-search.ts';

const KEYS = ['q', 'org', 'from', 'to', 'item', 'validity', 'cursor'] as const;

export function catalogSearchPage(deps: SearchDeps & { readonly organizations: Pick<OrganizationRepository, 'list'> }): Hono {
  const app = new Hono();
  app.get('/xxgk/search', async (c) => {
    const raw = c.req.query();
    const query: Record<string, string> = {};
    for (const k of KEYS) if (typeof raw[k] === 'string' && raw[k] !== '') query[k] = raw[k].slice(0, 300);
    const organizations = (await deps.organizations.list()).map((o) => ({ id: o.id, name: o.name }));
    if (!query.q) return c.html(searchPage({ query, organizations, hits: null, nextCursor: null, problems: [] }));
    const r = await searchCatalog(deps, { q: query.q, org: query.org, from: query.from, to: query.to, item: query.item, validity: query.validity, cursor: query.cursor }, null);
    if (!r.ok) return c.html(searchPage({ query, organizations, hits: null, nextCursor: null, problems: r.problems }), statusOf(r.problems[0]?.code ?? 'search.invalid'));
    return c.html(searchPage({ query, organizations, hits: r.hits, nextCursor: r.nextCursor, problems: [] }));
  });
  return app;
}
