/**
 * The catalog API (/api/catalog/…): anonymous callers read published documents only; staff read their subtree's
 * drafts too (catalog.read), write drafts and attachments (catalog.write), review (catalog.review), publish, repeal
 * and declare expired (catalog.publish), and import table 二's decisions (catalog.decisions). A record outside the
 * caller's subtree answers 404 before the role is checked (403). Attachments are uploaded as the raw request body
 * (streamed to the file store, never buffered whole).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { addAttachment, MAX_ATTACHMENT_BYTES } from '../../../app/catalog/attachments.ts';
import { catalogTree, importDecisions } from '../../../app/catalog/decisions.ts';
import { importSiteCatalog } from '../../../app/catalog/site-import.ts';
import { amendDocument, createDocument, editDocument, endDocument, publishDocument, reviewDocument, submitDocument } from '../../../app/catalog/documents.ts';
import type { Actor } from '../../../app/applications/cases.ts';
import type { DocumentFilter, Result } from '../../../app/catalog/ports.ts';
import type { CatalogDocument } from '../../../core/catalog/document.ts';
import { DOCUMENT_KINDS, DOCUMENT_STATES, VALIDITIES, isMemberOf, type DocumentState } from '../../../core/catalog/terms.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import type { Action } from '../../../core/people/roles.ts';
import { can } from '../../../core/people/roles.ts';
import type { CatalogServiceDeps } from '../../../app/catalog/index.ts';
import { authOf, clientIp, inScope, requireApiUser, type Auth } from '../../auth.ts';
import { authorizedJson, recordLoaders } from '../../authorize.ts';
import { jsonError } from '../../errors.ts';
import { jsonBody } from '../../forms.ts';
import { presentDocument, presentNode, presentSummary } from './presenter.ts';

export type CatalogRouteDeps = CatalogServiceDeps;

/** A document body may be long (规章 with tables): 2 MB of JSON. */
export const MAX_DOCUMENT_JSON = 2 * 1024 * 1024;
export const PAGE_SIZE = 20;

const actorOf = (c: Context, auth: Auth): Actor => ({ id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });

/** Whether the caller may see `d`: published to everyone; anything else to staff of its subtree with catalog.read. */
export const visibleTo = (auth: Auth | null, d: Pick<CatalogDocument, 'state' | 'organizationId'>): boolean =>
  d.state === 'published' || (auth !== null && inScope(auth, d.organizationId) && can(auth.user.role, 'catalog.read'));

/** Parse list filters from the query; problems are located at the parameter. */
export function listFilter(q: Readonly<Record<string, string>>, organizationIds: readonly string[], states: readonly DocumentState[] | undefined): { ok: true; filter: DocumentFilter; page: number } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (at: string, zh: string, en: string) => problems.push(problem('catalog.invalid', at, { zh, en }));
  const page = q.page === undefined ? 1 : /^\d{1,5}$/.test(q.page) && Number(q.page) >= 1 ? Number(q.page) : (bad('page', '页码应为正整数', 'a positive integer'), 1);
  const size = q.size === undefined ? PAGE_SIZE : /^\d{1,3}$/.test(q.size) && Number(q.size) >= 1 && Number(q.size) <= 200 ? Number(q.size) : (bad('size', '每页 1 至 200 条', '1 to 200'), PAGE_SIZE);
  if (q.kind !== undefined && q.kind !== '' && !isMemberOf(DOCUMENT_KINDS, q.kind)) bad('kind', '类别不存在', 'unknown kind');
  if (q.validity !== undefined && q.validity !== '' && !isMemberOf(VALIDITIES, q.validity)) bad('validity', '有效性不存在', 'unknown validity');
  if (q.state !== undefined && q.state !== '' && !isMemberOf(DOCUMENT_STATES, q.state)) bad('state', '状态不存在', 'unknown state');
  if (q.year !== undefined && q.year !== '' && !/^\d{4}$/.test(q.year)) bad('year', '年度应为四位数字', 'a four-digit year');
  if (q.item !== undefined && q.item !== '' && !/^(1[0-5]|[1-9])$/.test(q.item)) bad('item', '应为第二十条第1至15项', 'item 1-15');
  if ((q.title ?? '').length > 100) bad('title', '标题关键词不超过100字', 'at most 100 characters');
  if (problems.length > 0) return { ok: false, problems };
  const st = q.state ? [q.state as DocumentState] : states;
  return {
    ok: true,
    page,
    filter: {
      organizationIds,
      ...(st ? { states: states ? st.filter((s) => states.includes(s)) : st } : {}),
      ...(q.item ? { item: q.item } : {}),
      ...(q.node ? { nodeId: q.node } : {}),
      ...(q.kind ? { kind: q.kind as DocumentFilter['kind'] & string } : {}),
      ...(q.validity ? { validity: q.validity as DocumentFilter['validity'] & string } : {}),
      ...(q.year ? { year: Number(q.year) } : {}),
      ...(q.title ? { title: q.title } : {}),
      ...(q.late === '1' ? { late: true } : {}),
      ...(q.interpretationLate === '1' ? { interpretationLate: true } : {}),
      limit: size,
      offset: (page - 1) * size,
    },
  };
}

export function catalogApi(deps: CatalogRouteDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_DOCUMENT_JSON, onError: (c) => jsonError(c, [problem('input.tooLarge', 'body')]) });
  const answer = (c: Context, r: Result<CatalogDocument>, status: 200 | 201 = 200) => (r.ok ? c.json({ ok: true, document: presentDocument(r.value, [], true) }, status) : jsonError(c, r.problems));

  /** The document if the caller may act on it with `action` (404 outside scope, 403 by role). */
  const records = recordLoaders({ documents: deps.catalog });
  const staffDoc = async (c: Context, action: Action): Promise<{ auth: Auth; doc: CatalogDocument } | Response> => {
    const g = await authorizedJson(c, records, action, { kind: 'document', id: c.req.param('id') ?? '' });
    return 'response' in g ? g.response : { auth: g.auth, doc: g.record };
  };

  app.get('/api/catalog/documents', async (c) => {
    const auth = authOf(c);
    const q = c.req.query();
    const orgs = (await deps.organizations.list()).map((o) => o.id);
    const wanted = q.organization ? (orgs.includes(q.organization) ? await deps.organizations.subtreeIds(q.organization) : []) : orgs;
    const staff = auth !== null && can(auth.user.role, 'catalog.read') && q.organization !== undefined && inScope(auth, q.organization);
    const parsed = listFilter(q, wanted, staff ? undefined : ['published']);
    if (!parsed.ok) return jsonError(c, parsed.problems);
    const r = await deps.catalog.list(parsed.filter);
    return c.json({ ok: true, total: r.total, page: parsed.page, documents: r.items.map(presentSummary) });
  });

  app.get('/api/catalog/documents/:id', async (c) => {
    const doc = await deps.catalog.get(c.req.param('id'));
    const auth = authOf(c);
    if (!doc || !visibleTo(auth, doc)) return jsonError(c, [problem('catalog.notFound', 'id')]);
    const staff = auth !== null && inScope(auth, doc.organizationId);
    return c.json({ ok: true, document: presentDocument(doc, await deps.catalog.attachments(doc.id), staff), interpretations: (await deps.catalog.interpretationsOf(doc.id)).filter((d) => visibleTo(auth, d)).map(presentSummary) });
  });

  app.post('/api/catalog/documents', limit, async (c) => {
    const auth = requireApiUser(c, 'catalog.write');
    if (auth instanceof Response) return auth;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const org = read.body.organizationId;
    if (typeof org !== 'string' || !inScope(auth, org)) return jsonError(c, [problem('catalog.invalid', 'organizationId', { zh: '发布机关不存在', en: 'no such organisation' })]);
    return answer(c, await createDocument(deps, org, read.body, actorOf(c, auth)), 201);
  });

  app.post('/api/catalog/documents/:id', limit, async (c) => {
    const g = await staffDoc(c, 'catalog.write');
    if (g instanceof Response) return g;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    return answer(c, await editDocument(deps, g.doc.id, read.body, actorOf(c, g.auth), versionOf(read.body)));
  });

  const STEP_ACTIONS: Readonly<Record<string, Action>> = { submit: 'catalog.write', amend: 'catalog.write', review: 'catalog.review', publish: 'catalog.publish', repeal: 'catalog.publish', expire: 'catalog.publish' };
  app.post('/api/catalog/documents/:id/steps/:step', limit, async (c) => {
    const step = c.req.param('step');
    const action = STEP_ACTIONS[step];
    if (!action) return jsonError(c, [problem('notFound', 'step', { zh: `没有此步骤：${step}`, en: `no such step: ${step}` })]);
    const g = await staffDoc(c, action);
    if (g instanceof Response) return g;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const actor = actorOf(c, g.auth);
    const v = versionOf(read.body);
    const id = g.doc.id;
    if (step === 'submit') return answer(c, await submitDocument(deps, id, actor, v));
    if (step === 'review') return answer(c, await reviewDocument(deps, id, read.body, actor, v));
    if (step === 'publish') return answer(c, await publishDocument(deps, id, read.body, actor, v));
    if (step === 'amend') return answer(c, await amendDocument(deps, id, read.body, actor), 201);
    return answer(c, await endDocument(deps, id, step === 'repeal' ? 'repeal' : 'expire', read.body, actor, v));
  });

  // The file is the raw body (Content-Type of the file), its name in ?name=: streamed, hashed and counted as it arrives.
  app.post('/api/catalog/documents/:id/attachments', async (c) => {
    const g = await staffDoc(c, 'catalog.write');
    if (g instanceof Response) return g;
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_ATTACHMENT_BYTES) return jsonError(c, [problem('catalog.fileTooLarge', 'file')]);
    const body = c.req.raw.body;
    if (!body) return jsonError(c, [problem('import.empty', 'file')]);
    const stored = await deps.files.putStream(body, MAX_ATTACHMENT_BYTES);
    if (stored === 'tooLarge') return jsonError(c, [problem('catalog.fileTooLarge', 'file')]);
    if (stored.size === 0) return jsonError(c, [problem('import.empty', 'file')]);
    const r = await addAttachment(deps, g.doc.id, { name: c.req.query('name') ?? '', ...stored }, actorOf(c, g.auth));
    return r.ok ? c.json({ ok: true, attachment: { id: r.value.id, name: r.value.name, size: r.value.size, mediaType: r.value.mediaType, sha256: r.value.sha256 } }, 201) : jsonError(c, r.problems);
  });

  app.get('/api/catalog/organizations/:id/tree', async (c) => {
    if (!(await deps.organizations.get(c.req.param('id')))) return jsonError(c, [problem('notFound', 'id')]);
    return c.json({ ok: true, nodes: (await catalogTree(deps, c.req.param('id'))).map(presentNode) });
  });

  app.post('/api/catalog/organizations/:id/decisions', bodyLimit({ maxSize: 20 * 1024 * 1024, onError: (c) => jsonError(c, [problem('input.tooLarge', 'body')]) }), async (c) => {
    const auth = requireApiUser(c, 'catalog.decisions');
    if (auth instanceof Response) return auth;
    const org = c.req.param('id');
    if (!inScope(auth, org)) return jsonError(c, [problem('notFound', 'id')]);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const r = await importDecisions(deps, org, await deps.readTable(bytes), c.req.query('source') ?? 'API', actorOf(c, auth), c.req.query('kind') ?? null);
    return r.ok ? c.json({ ok: true, imported: r.value.imported }, 201) : jsonError(c, r.problems);
  });

  // An existing site's catalog: the table as the body (attachments through the console page or the CLI).
  app.post('/api/catalog/organizations/:id/import', bodyLimit({ maxSize: 20 * 1024 * 1024, onError: (c) => jsonError(c, [problem('input.tooLarge', 'body')]) }), async (c) => {
    const auth = requireApiUser(c, 'catalog.publish');
    if (auth instanceof Response) return auth;
    const org = c.req.param('id');
    if (!inScope(auth, org)) return jsonError(c, [problem('notFound', 'id')]);
    const r = await importSiteCatalog(deps, org, await deps.readTable(new Uint8Array(await c.req.arrayBuffer())), null, c.req.query('source') ?? 'API', actorOf(c, auth));
    return r.ok ? c.json({ ok: true, imported: r.value.imported, attachments: r.value.attachments, warnings: r.value.warnings }, 201) : jsonError(c, r.problems);
  });

  return app;
}

const versionOf = (body: Readonly<Record<string, unknown>>): number | undefined => (typeof body.version === 'number' && Number.isInteger(body.version) ? body.version : undefined);
