/**
 * GET /api/catalog/search (documented in /openapi.json, ./openapi.ts): the catalog's full-text search. Public: an
 * anonymous caller sees only published documents; a logged-in staff member searches their organisation's subtree,
 * drafts included (`view=public` for the public view). Input checked here and by the index (search.invalid → 400).
 */
import { Hono } from 'hono';
import { searchCatalog, type SearchDeps } from '../../../app/fulltext/index.ts';
import { problem } from '../../../core/errors.ts';
import { authOf } from '../../auth.ts';
import { jsonError } from '../../errors.ts';
import { presentHit } from './presenter.ts';

/** The search route. */
export function searchApi(deps: SearchDeps): Hono {
  const app = new Hono();
  app.get('/api/catalog/search', async (c) => {
    const q = c.req.query();
    if (q.limit !== undefined && !/^\d{1,3}$/.test(q.limit)) return jsonError(c, [problem('search.invalid', 'limit', { zh: '每页条数应为 1 至 100 的整数', en: 'limit must be an integer from 1 to 100' })]);
    if (q.view !== undefined && q.view !== 'public') return jsonError(c, [problem('search.invalid', 'view', { zh: 'view 只能为 public', en: 'view must be public' })]);
    const auth = authOf(c);
    const page = await searchCatalog(
      deps,
      { q: q.q ?? '', org: q.org, from: q.from, to: q.to, item: q.item, validity: q.validity, limit: q.limit === undefined ? undefined : Number(q.limit), cursor: q.cursor, view: q.view === 'public' ? 'public' : undefined },
      auth ? { scope: auth.scope } : null,
    );
    if (!page.ok) return jsonError(c, page.problems);
    // A staff answer depends on the session: never cached by a shared cache.
    if (auth) c.header('Cache-Control', 'private, no-store');
    return c.json({ ok: true, nextCursor: page.nextCursor, items: page.hits.map(presentHit) });
  });
  return app;
}
