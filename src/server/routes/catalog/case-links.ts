/**
 * The catalog on the case desk (routes/applications/pages.ts calls these hooks): the published documents matching an
 * application's description at intake and on the case page (条例第三十六条第一项), and POST /applications/:id/release
 * (条例第四十四条: the released information drafted into the catalog; staff with catalog.write, the case in their
 * subtree — 404 outside it, checked first —, the session's CSRF token; audited catalog.release).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Case } from '../../../core/application/case.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { releasable, releaseToAll } from '../../../app/catalog/release.ts';
import { findPublished, type DocumentSearch } from '../../../app/fulltext/index.ts';
import { authOf, clientIp, csrfOk, type Auth } from '../../auth.ts';
import { authorizedJson, authorizedPage, recordLoaders } from '../../authorize.ts';
import { htmlError, jsonError } from '../../errors.ts';
import { presentHit } from '../search/presenter.ts';
import { presentDocument } from './presenter.ts';
import { formValues } from '../../forms.ts';
import { foundDocumentsSection, releaseSection, type FoundDocument } from '../../views/catalog-case.ts';
import type { CatalogRouteDeps } from './api.ts';

/** What the case pages ask of the catalog: HTML sections (empty when there is nothing to say). */
export interface CaseCatalog {
  /** At intake: the published documents matching the description typed so far. */
  forRequest(c: Context, request: { description: string; documentNumber: string | null }): Promise<string>;
  /** On the case page: the matches, and the 条例第四十四条 section. */
  forCase(c: Context, auth: Auth, kase: Case): Promise<string>;
}

/** The hooks over the catalog and (when the server has one) the search index. */
export function caseCatalog(deps: CatalogRouteDeps, search: DocumentSearch | undefined): CaseCatalog {
  const found = async (c: Context, request: { description: string; documentNumber: string | null }, idPrefix: string, heading: string): Promise<string> => {
    if (!search) return '';
    const r = await findPublished(search, request);
    const ids = r.documents.map((d) => d.hit.id);
    const summaries = ids.length === 0 ? [] : (await deps.catalog.list({ organizationIds: (await deps.organizations.list()).map((o) => o.id), ids, states: ['published'], limit: ids.length, offset: 0 })).items;
    const origin = new URL(c.req.url).origin;
    const documents: FoundDocument[] = r.documents.map((d) => {
      const s = summaries.find((x) => x.id === d.hit.id);
      return { ...d, indexNo: s?.indexNo ?? null, publisher: s?.publisher ?? '', link: `${origin}${d.hit.url}` };
    });
    return foundDocumentsSection({ terms: r.terms, documents, heading, idPrefix });
  };
  return {
    forRequest: (c, request) => found(c, request, 'found', '已主动公开的相关文件'),
    async forCase(c, auth, kase) {
      const drafted = await deps.catalog.list({ organizationIds: [kase.organizationId], fromCase: kase.id, limit: 20, offset: 0 });
      const canRelease = drafted.total === 0 && releasable(kase) && can(auth.user.role, 'catalog.write');
      const release = releaseSection({ caseId: kase.id, documents: drafted.items, canRelease, csrfToken: auth.csrfToken });
      return `${await found(c, kase.request, 'found', '已主动公开的相关文件（条例第三十六条第一项）')}${release}`;
    },
  };
}

/**
 * POST /applications/:id/release (page: draft the case's released information into the catalog, then open the draft)
 * and its JSON twin POST /api/applications/:id/release; GET /api/applications/:id/published lists the published
 * documents matching the request (case.read).
 */
export function releaseRoutes(deps: CatalogRouteDeps & { readonly cases: { get(id: string): Promise<Case | null> } }, search?: DocumentSearch): Hono {
  const app = new Hono();
  const records = recordLoaders({ cases: deps.cases });
  app.post('/api/applications/:id/release', async (c) => {
    const g = await authorizedJson(c, records, 'catalog.write', { kind: 'case', id: c.req.param('id') });
    if ('response' in g) return g.response;
    const { auth, record: kase } = g;
    const r = await releaseToAll(deps, kase.id, { id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });
    return r.ok ? c.json({ ok: true, document: presentDocument(r.value, [], true) }, 201) : jsonError(c, r.problems);
  });
  app.get('/api/applications/:id/published', async (c) => {
    const g = await authorizedJson(c, records, 'case.read', { kind: 'case', id: c.req.param('id') });
    if ('response' in g) return g.response;
    const kase = g.record;
    const r = search ? await findPublished(search, kase.request) : { terms: [], documents: [] };
    return c.json({ ok: true, terms: r.terms, documents: r.documents.map((d) => ({ ...presentHit(d.hit), matchedTerms: d.terms })) });
  });
  const limit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });
  app.post('/applications/:id/release', limit, async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect('/login', 303);
    const g = await authorizedPage(c, auth, records, 'catalog.write', { kind: 'case', id: c.req.param('id') });
    if ('response' in g) return g.response;
    const kase = g.record;
    const values = await formValues(c);
    if (!csrfOk(c, auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const r = await releaseToAll(deps, kase.id, { id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });
    if (!r.ok) return htmlError(c, r.problems);
    return c.redirect(`/console/catalog/documents/${encodeURIComponent(r.value.id)}`, 303);
  });
  return app;
}
