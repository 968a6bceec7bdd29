/**
 * The catalog's staff pages (/console/catalog…): the subtree's documents, 拟稿, 修改草稿, the document page and its
 * steps (送审, 保密审查, 发布, 修改, 废止, 失效) and attachment upload — the same use cases as /api/catalog, by the same
 * rules: login (else a redirect to /login), a document outside the subtree answers 404 before the role is checked
 * (403), every POST needs the session's CSRF token; a refused step shows the page again with its coded problems.
 * The page's upload is a multipart form read within a body limit (the API's raw-body upload streams).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { addAttachment, MAX_ATTACHMENT_BYTES } from '../../../app/catalog/attachments.ts';
import { catalogTree, editCatalogTree, moveNodeDocuments } from '../../../app/catalog/decisions.ts';
import { amendDocument, createDocument, editDocument, endDocument, publishDocument, reviewDocument, submitDocument } from '../../../app/catalog/documents.ts';
import type { Result } from '../../../app/catalog/ports.ts';
import type { Actor } from '../../../app/applications/cases.ts';
import type { CatalogDocument } from '../../../core/catalog/document.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { can, type Action } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, inScope, type Auth } from '../../auth.ts';
import { authorizedPage, recordLoaders } from '../../authorize.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { formBody, formValues, streamedForm, UntrustedInput } from '../../forms.ts';
import { consoleDocumentPage, consoleListPage, documentFormPage, documentValues, importPage, treePage } from '../../views/catalog-console.ts';
import type { TreeEdit } from '../../../core/catalog/tree.ts';
import { importSiteCatalog, type ImportFiles } from '../../../app/catalog/site-import.ts';
import { zipImportFiles } from '../../../formats/catalog/import-files.ts';
import type { SessionView } from '../../views/cases.ts';
import { listFilter, type CatalogRouteDeps } from './api.ts';

const MAX_FORM = 2 * 1024 * 1024;
/** The console's import upload (table + attachments ZIP), read in memory: larger catalogs go through the CLI. */
const MAX_IMPORT_UPLOAD = 200 * 1024 * 1024;

type Gate = { auth: Auth; session: SessionView } | { response: Response };

/** The case number of an application (for the link back from a document drafted from it). */
export type CaseNumbers = (id: string) => Promise<string | null>;

export function catalogConsole(deps: CatalogRouteDeps, caseNumber: CaseNumbers = async () => null): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_FORM, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });

  const gate = (c: Context, action: Action = 'catalog.read'): Gate => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent(c.req.url.replace(/^https?:\/\/[^/]+/, ''))}`, 303) };
    if (!can(auth.user.role, action)) return { response: htmlError(c, [problem('auth.forbidden', action)]) };
    return { auth, session: { name: auth.user.displayName, csrfToken: auth.csrfToken } };
  };
  const actorOf = (c: Context, auth: Auth): Actor => ({ id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });
  const scopedOrgs = async (auth: Auth) => (await deps.organizations.list()).filter((o) => inScope(auth, o.id)).map((o) => ({ id: o.id, name: o.name }));
  /** A POST on a document: in scope (404), the role (403), the CSRF token (403); then the form's fields. */
  const records = recordLoaders({ documents: deps.catalog });
  const orgLoaders = recordLoaders({ organizations: deps.organizations });
  const posted = async (c: Context, auth: Auth, action: Action, read: (c: Context) => Promise<Record<string, unknown>> = formValues): Promise<{ doc: CatalogDocument; values: Record<string, unknown> } | Response> => {
    const g = await authorizedPage(c, auth, records, action, { kind: 'document', id: c.req.param('id') ?? '' });
    if ('response' in g) return g.response;
    const doc = g.record;
    const values = await read(c);
    if (!csrfOk(c, auth, typeof values._csrf === 'string' ? values._csrf : undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    return { doc, values };
  };

  const show = async (c: Context, g: { auth: Auth; session: SessionView }, doc: CatalogDocument, problems: readonly Problem[] = []) => {
    const [org, attachments, number] = await Promise.all([deps.organizations.get(doc.organizationId), deps.catalog.attachments(doc.id), doc.fromCase ? caseNumber(doc.fromCase) : Promise.resolve(null)]);
    const link = async (label: string, id: string | null) => {
      const other = id ? await deps.catalog.get(id) : null;
      return other && inScope(g.auth, other.organizationId) ? [{ label, doc: other }] : [];
    };
    const related = [...(await link('修改的文件', doc.amends)), ...(await link('新版本', doc.amendedBy)), ...(await link('所解读的政策', doc.interprets))];
    const role = g.auth.user.role;
    return c.html(
      consoleDocumentPage({ doc, organization: org?.name ?? '', attachments, fromCase: doc.fromCase && number ? { id: doc.fromCase, number } : null, related, can: { write: can(role, 'catalog.write'), review: can(role, 'catalog.review'), publish: can(role, 'catalog.publish') }, problems, today: deps.clock.today(), session: g.session }),
      problems.length > 0 ? statusOf(problems[0]?.code ?? 'catalog.invalid') : 200,
    );
  };
  const after = async (c: Context, g: { auth: Auth; session: SessionView }, doc: CatalogDocument, r: Result<CatalogDocument>) =>
    r.ok ? c.redirect(`/console/catalog/documents/${encodeURIComponent(r.value.id)}`, 303) : show(c, g, (await deps.catalog.get(doc.id)) ?? doc, r.problems);

  app.get('/console/catalog', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const q = c.req.query();
    const organization = q.organization && inScope(g.auth, q.organization) ? q.organization : g.auth.user.organizationId;
    const parsed = listFilter({ ...q, organization }, await deps.organizations.subtreeIds(organization), undefined);
    if (!parsed.ok) return htmlError(c, parsed.problems);
    const r = await deps.catalog.list(parsed.filter);
    return c.html(consoleListPage({ organizations: await scopedOrgs(g.auth), query: { ...q, organization }, total: r.total, page: parsed.page, size: parsed.filter.limit, items: r.items, canWrite: can(g.auth.user.role, 'catalog.write'), canImport: can(g.auth.user.role, 'catalog.publish'), session: g.session }));
  });

  const newForm = async (c: Context, g: { auth: Auth; session: SessionView }, values: Record<string, string>, problems: readonly Problem[]) => {
    const orgs = await scopedOrgs(g.auth);
    const org = values.organizationId && inScope(g.auth, values.organizationId) ? values.organizationId : g.auth.user.organizationId;
    const publisher = values.publisher ?? orgs.find((o) => o.id === org)?.name ?? '';
    return c.html(documentFormPage({ heading: '拟稿', action: '/console/catalog/new', values: { ...values, organizationId: org, publisher }, problems, organizations: orgs, nodes: await catalogTree(deps, org), session: g.session }), problems.length > 0 ? statusOf(problems[0]?.code ?? 'catalog.invalid') : 200);
  };

  app.get('/console/catalog/new', async (c) => {
    const g = gate(c, 'catalog.write');
    if ('response' in g) return g.response;
    return newForm(c, g, { organizationId: c.req.query('organization') ?? '' }, []);
  });

  app.post('/console/catalog/new', limit, async (c) => {
    const g = gate(c, 'catalog.write');
    if ('response' in g) return g.response;
    const values = await formValues(c);
    if (!csrfOk(c, g.auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const org = values.organizationId ?? '';
    if (!inScope(g.auth, org)) return newForm(c, g, values, [problem('catalog.invalid', 'organizationId', { zh: '所属机关不存在', en: 'no such organisation' })]);
    const r = await createDocument(deps, org, values, actorOf(c, g.auth));
    return r.ok ? c.redirect(`/console/catalog/documents/${encodeURIComponent(r.value.id)}`, 303) : newForm(c, g, values, r.problems);
  });

  app.get('/console/catalog/documents/:id', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const granted = await authorizedPage(c, g.auth, records, 'catalog.read', { kind: 'document', id: c.req.param('id') });
    return 'response' in granted ? granted.response : show(c, g, granted.record);
  });

  const editForm = async (c: Context, g: { auth: Auth; session: SessionView }, doc: CatalogDocument, values: Record<string, string>, problems: readonly Problem[]) =>
    c.html(documentFormPage({ heading: `修改草稿：${doc.title}`, action: `/console/catalog/documents/${encodeURIComponent(doc.id)}/edit`, values, problems, organizations: null, nodes: await catalogTree(deps, doc.organizationId), session: g.session }), problems.length > 0 ? statusOf(problems[0]?.code ?? 'catalog.invalid') : 200);

  app.get('/console/catalog/documents/:id/edit', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const granted = await authorizedPage(c, g.auth, records, 'catalog.write', { kind: 'document', id: c.req.param('id') });
    if ('response' in granted) return granted.response;
    return editForm(c, g, granted.record, documentValues(granted.record), []);
  });

  app.post('/console/catalog/documents/:id/edit', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const p = await posted(c, g.auth, 'catalog.write');
    if (p instanceof Response) return p;
    const values = p.values as Record<string, string>;
    const version = /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined;
    const r = await editDocument(deps, p.doc.id, values, actorOf(c, g.auth), version);
    return r.ok ? c.redirect(`/console/catalog/documents/${encodeURIComponent(r.value.id)}`, 303) : editForm(c, g, p.doc, values, r.problems);
  });

  const STEP_ACTIONS: Readonly<Record<string, Action>> = { submit: 'catalog.write', amend: 'catalog.write', review: 'catalog.review', publish: 'catalog.publish', repeal: 'catalog.publish', expire: 'catalog.publish' };
  app.post('/console/catalog/documents/:id/steps/:step', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const step = c.req.param('step');
    const action = STEP_ACTIONS[step];
    if (!action) return htmlError(c, [problem('notFound', 'step', { zh: `没有此步骤：${step}`, en: `no such step: ${step}` })]);
    const p = await posted(c, g.auth, action);
    if (p instanceof Response) return p;
    const { doc, values } = p;
    const actor = actorOf(c, g.auth);
    const version = typeof values.version === 'string' && /^\d+$/.test(values.version) ? Number(values.version) : undefined;
    if (step === 'submit') return after(c, g, doc, await submitDocument(deps, doc.id, actor, version));
    if (step === 'review') return after(c, g, doc, await reviewDocument(deps, doc.id, values, actor, version));
    if (step === 'publish') return after(c, g, doc, await publishDocument(deps, doc.id, values, actor, version));
    // 修改: the new version starts as a copy of the published text (edited, reviewed and published in its turn).
    if (step === 'amend') return after(c, g, doc, await amendDocument(deps, doc.id, documentValues(doc), actor));
    return after(c, g, doc, await endDocument(deps, doc.id, step === 'repeal' ? 'repeal' : 'expire', values, actor, version));
  });

  // The file streams to the content-addressed store as it arrives (hashed, counted, cut past the limit), never held whole.
  app.post('/console/catalog/documents/:id/attachments', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    // The document first (scope, then role), before a byte of the body is read.
    const granted = await authorizedPage(c, g.auth, records, 'catalog.write', { kind: 'document', id: c.req.param('id') });
    if ('response' in granted) return granted.response;
    const doc = granted.record;
    let upload;
    try {
      upload = await streamedForm(c, 'file', MAX_ATTACHMENT_BYTES + 64 * 1024, async (file) => ({ name: file.name, stored: await deps.files.putStream(file.stream, MAX_ATTACHMENT_BYTES) }));
    } catch (error) {
      if (error instanceof UntrustedInput && error.problems[0]?.code === 'input.tooLarge') return show(c, g, doc, [problem('catalog.fileTooLarge', 'file')]);
      throw error;
    }
    if (!csrfOk(c, g.auth, upload.fields._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const file = upload.file;
    if (file?.stored === 'tooLarge') return show(c, g, doc, [problem('catalog.fileTooLarge', 'file')]);
    if (!file || file.stored.size === 0) return show(c, g, doc, [problem('import.empty', 'file')]);
    const r = await addAttachment(deps, doc.id, { name: file.name, ...file.stored }, actorOf(c, g.auth));
    return r.ok ? c.redirect(`/console/catalog/documents/${encodeURIComponent(doc.id)}`, 303) : show(c, g, doc, r.problems);
  });

  const importLimit = bodyLimit({ maxSize: MAX_IMPORT_UPLOAD, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body', { zh: `上传合计不能超过 ${MAX_IMPORT_UPLOAD / 1024 / 1024} MB，请用 gongkai catalog import`, en: `at most ${MAX_IMPORT_UPLOAD / 1024 / 1024} MB: use gongkai catalog import` })]) });
  const importForm = async (c: Context, g: { auth: Auth; session: SessionView }, selected: string, problems: readonly Problem[], result: { imported: number; attachments: number; warnings: readonly Problem[] } | null = null) =>
    c.html(importPage({ organizations: await scopedOrgs(g.auth), selected, problems, result, maxMb: MAX_IMPORT_UPLOAD / 1024 / 1024, session: g.session }), problems.length > 0 ? statusOf(problems[0]?.code ?? 'catalog.row') : 200);

  // The tree shapes the public site: an approver's or admin's act, as 发布 is; audited catalog.tree.
  const treeForm = async (c: Context, g: { auth: Auth; session: SessionView }, org: string, problems: readonly Problem[]) =>
    c.html(treePage({ organizations: await scopedOrgs(g.auth), selected: org, nodes: await catalogTree(deps, org, actorOf(c, g.auth)), filed: await deps.catalog.documentsPerNode(org), problems, session: g.session }), problems.length > 0 ? statusOf(problems[0]?.code ?? 'catalog.invalid') : 200);
  app.get('/console/catalog/tree', async (c) => {
    const g = gate(c, 'catalog.publish');
    if ('response' in g) return g.response;
    const org = c.req.query('organization') ?? g.auth.user.organizationId;
    const granted = await authorizedPage(c, g.auth, orgLoaders, 'catalog.publish', { kind: 'organization', id: org });
    if ('response' in granted) return granted.response;
    return treeForm(c, g, org, []);
  });
  app.post('/console/catalog/tree', limit, async (c) => {
    const g = gate(c, 'catalog.publish');
    if ('response' in g) return g.response;
    const v = await formValues(c);
    if (!csrfOk(c, g.auth, typeof v._csrf === 'string' ? v._csrf : undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
    const org = str('organizationId');
    const granted = await authorizedPage(c, g.auth, orgLoaders, 'catalog.publish', { kind: 'organization', id: org });
    if ('response' in granted) return granted.response;
    const kind = str('edit');
    const edit: TreeEdit | null =
      kind === 'add' ? { kind, parentId: str('parentId') === '' ? null : str('parentId'), name: str('name'), code: str('code') }
      : kind === 'rename' ? { kind, id: str('id'), name: str('name') }
      : kind === 'up' || kind === 'down' ? { kind: 'move', id: str('id'), direction: kind }
      : kind === 'remove' ? { kind, id: str('id') }
      : null;
    if (kind === 'moveDocuments') {
      const moved = await moveNodeDocuments(deps, org, str('id'), str('to'), actorOf(c, g.auth));
      return moved.ok ? c.redirect(`/console/catalog/tree?organization=${encodeURIComponent(org)}`, 303) : treeForm(c, g, org, moved.problems);
    }
    if (edit === null) return treeForm(c, g, org, [problem('catalog.invalid', 'edit', { zh: '未知的操作', en: 'unknown edit' })]);
    const r = await editCatalogTree(deps, org, edit, actorOf(c, g.auth));
    return r.ok ? c.redirect(`/console/catalog/tree?organization=${encodeURIComponent(org)}`, 303) : treeForm(c, g, org, r.problems);
  });

  // Importing publishes (the documents were public on the old site): an approver's or admin's act, as 发布 is.
  app.get('/console/catalog/import', async (c) => {
    const g = gate(c, 'catalog.publish');
    return 'response' in g ? g.response : importForm(c, g, g.auth.user.organizationId, []);
  });

  app.post('/console/catalog/import', importLimit, async (c) => {
    const g = gate(c, 'catalog.publish');
    if ('response' in g) return g.response;
    const body = await formBody(c);
    if (!csrfOk(c, g.auth, typeof body._csrf === 'string' ? body._csrf : undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const org = typeof body.organizationId === 'string' ? body.organizationId : '';
    if (!inScope(g.auth, org)) return importForm(c, g, g.auth.user.organizationId, [problem('notFound', 'organizationId')]);
    const table = body.table;
    if (!(table instanceof File) || table.size === 0) return importForm(c, g, org, [problem('import.empty', 'table')]);
    const zip = body.attachments;
    let files: ImportFiles | null = null;
    if (zip instanceof File && zip.size > 0) {
      const read = await zipImportFiles(new Uint8Array(await zip.arrayBuffer()));
      if (!read.ok) return importForm(c, g, org, read.problems);
      files = read.files;
    }
    const r = await importSiteCatalog(deps, org, await deps.readTable(new Uint8Array(await table.arrayBuffer())), files, table.name, actorOf(c, g.auth));
    return r.ok ? importForm(c, g, org, [], r.value) : importForm(c, g, org, r.problems);
  });

  return app;
}
