/**
 * The applications JSON API (documented at /openapi.json, ./openapi.ts): register, list, read, take steps, review
 * records, organisations, and the year's tables 三/四 with drill-down. Every route: read and check the input → use
 * case → presenter. Bad input → 400 with a located code and nothing written; an illegal step → 409; unknown id → 404.
 * The acting person is the logged-in user (cookie session; see ../../auth.ts).
 */
import { presentDecision, presentDocumentFacts } from '../catalog/presenter.ts';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  addReview,
  buildYearReport,
  decideReview,
  drillDown,
  MAX_DRILL_DOWN,
  getCase,
  loadCalendar,
  registerApplication,
  takeStep,
  approveProposal,
  correctApplication,
  voidApplication,
  proposeStep,
  returnProposal,
  type Actor,
  type ApplicationDeps,
} from '../../../app/applications/index.ts';
import type { OutboxRepository } from '../../../app/notify/ports.ts';
import { login, logout, type PeopleDeps } from '../../../app/people/index.ts';
import { COMMAND_KINDS, type CommandKind } from '../../../core/application/commands.ts';
import { can, needsApproval } from '../../../core/people/roles.ts';
import { APPROVABLE, type Approval } from '../../../core/application/approval.ts';
import { clientIp, deviceOf, endSession, inScope, outOfScope, requireApiUser, startSession, type Auth } from '../../auth.ts';
import { authorizedJson, recordLoaders } from '../../authorize.ts';
import { checkReport } from '../../../app/annual-report/index.ts';
import { createOrganization } from '../../../app/organizations/index.ts';
import { CASE_STATES, type CaseState } from '../../../core/application/case.ts';
import { isIsoDate } from '../../../core/calendar/dates.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { jsonError } from '../../errors.ts';
import { jsonBody } from '../../forms.ts';
import { OPENAPI } from './openapi.ts';
import { decodeCursor, encodeCursor } from '../../../app/applications/page-cursor.ts';
import { presentCase, presentMessages, presentReview, presentSummary } from './presenter.ts';

/** A proposal as the API shows it. */
const presentApproval = (a: Approval) => ({ id: a.id, caseId: a.caseId, caseNumber: a.caseNumber, kind: a.kind, input: a.input, proposedBy: a.proposedBy.name, proposedAt: a.proposedAt, status: a.status, decidedBy: a.decidedBy?.name ?? null, decidedAt: a.decidedAt, comment: a.comment });

/** Largest JSON body accepted (an application with a long description is a few KB). */
export const MAX_JSON_BODY = 256 * 1024;

const tooLarge = (c: Context) => jsonError(c, [problem('input.tooLarge', 'body', { zh: `请求体超过 ${MAX_JSON_BODY / 1024} KB`, en: `the body is over ${MAX_JSON_BODY / 1024} KB` })]);

function queryProblems(q: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  for (const key of ['dueBefore', 'dueOnOrBefore', 'receivedFrom', 'receivedTo']) {
    if (q[key] !== undefined && !isIsoDate(q[key] as string)) out.push(problem('application.invalid', key, { zh: `应为 YYYY-MM-DD：${q[key]}`, en: `expected YYYY-MM-DD: ${q[key]}` }));
  }
  for (const s of (q.state ?? '').split(',').filter(Boolean)) {
    if (!(CASE_STATES as readonly string[]).includes(s)) out.push(problem('application.invalid', 'state', { zh: `没有此状态：${s}`, en: `no such state: ${s}` }));
  }
  for (const key of ['limit', 'offset']) {
    if (q[key] !== undefined && !/^\d{1,6}$/.test(q[key] as string)) out.push(problem('application.invalid', key, { zh: '应为非负整数', en: 'expected a non-negative integer' }));
  }
  if (q.order !== undefined && q.order !== 'due' && q.order !== 'received') out.push(problem('application.invalid', 'order', { zh: '应为 due 或 received', en: 'expected due or received' }));
  return out;
}

/** The acting user, for the use cases and the audit log. */
const actorOf = (c: Context, auth: Auth): Actor => ({ id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });

/**
 * The routes under /api/applications, /api/reviews, /api/organizations and /api/session, and /openapi.json. Every
 * operation but /openapi.json and logging in needs a session (401 otherwise) and the CSRF token on changes (403);
 * a record outside the user's subtree answers 404 (checked first, so ids do not leak); a role that may not do the
 * operation on a record in scope answers 403.
 */
export function applicationApi(deps: ApplicationDeps, people: PeopleDeps, outbox?: OutboxRepository): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_JSON_BODY, onError: tooLarge });
  // Every record a route acts on is loaded through authorize (scope, then role: ../../authorize.ts).
  const records = recordLoaders(deps);

  app.get('/openapi.json', (c) => c.json(OPENAPI));

  app.post('/api/session', limit, async (c) => {
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const r = await login(people, { username: str(read.body.username), password: str(read.body.password), ip: clientIp(c), device: deviceOf(c) });
    if (!r.ok) return jsonError(c, r.problems);
    startSession(c, r.value);
    return c.json({ ok: true, user: r.value.user, csrfToken: r.value.csrfToken, expiresAt: r.value.expiresAt });
  });

  app.get('/api/session', (c) => {
    const auth = requireApiUser(c);
    return auth instanceof Response ? auth : c.json({ ok: true, user: auth.user, csrfToken: auth.csrfToken });
  });

  app.delete('/api/session', async (c) => {
    const auth = requireApiUser(c);
    if (auth instanceof Response) return auth;
    await logout(people, auth.token, clientIp(c));
    endSession(c);
    return c.json({ ok: true });
  });

  app.post('/api/applications', limit, async (c) => {
    const auth = requireApiUser(c, 'case.register');
    if (auth instanceof Response) return auth;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const org = read.body.organizationId;
    // An organisation outside the user's subtree is answered exactly as an unknown one.
    if (typeof org === 'string' && !inScope(auth, org)) return jsonError(c, [problem('application.invalid', 'organizationId', { zh: `受理机关不存在：${org}`, en: `no such organisation: ${org}` })]);
    const r = await registerApplication(deps, read.body, actorOf(c, auth));
    if (!r.ok) return jsonError(c, r.problems);
    const view = await getCase(deps, r.value.id);
    return view.ok ? c.json(presentCase(view.value, can(auth.user.role, 'case.personalData')), 201) : jsonError(c, view.problems);
  });

  app.get('/api/applications', async (c) => {
    const auth = requireApiUser(c, 'case.read');
    if (auth instanceof Response) return auth;
    const q = c.req.query();
    const problems = queryProblems(q);
    if (problems.length > 0) return jsonError(c, problems);
    // Keyset pagination: `cursor` is the `next` of the previous page; paging by offset is refused (page.offset).
    if (q.offset !== undefined && q.offset !== '0') return jsonError(c, [problem('page.offset', 'offset')]);
    const order = q.order === 'received' ? ('received' as const) : ('due' as const);
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, order, order === 'due' ? 3 : 2);
    if (after && !after.ok) return jsonError(c, after.problems);
    const today = deps.clock.today();
    const filter = {
      ...(q.state ? { states: q.state.split(',') as CaseState[] } : {}),
      ...(q.overdue === '1' || q.overdue === 'true' ? { dueBefore: today } : q.dueBefore ? { dueBefore: q.dueBefore } : {}),
      ...(q.dueOnOrBefore ? { dueOnOrBefore: q.dueOnOrBefore } : {}),
      ...(q.receivedFrom ? { receivedFrom: q.receivedFrom } : {}),
      ...(q.receivedTo ? { receivedTo: q.receivedTo } : {}),
      order,
      limit: Math.min(Number(q.limit ?? 50), 500),
      ...(after ? { after: after.value.key } : {}),
    };
    let organizationIds = [...auth.scope];
    if (q.organization) {
      if (!inScope(auth, q.organization)) return outOfScope(c, `organization ${q.organization}`);
      organizationIds = await deps.organizations.subtreeIds(q.organization);
    }
    const [list, cal] = await Promise.all([deps.cases.list({ ...filter, organizationIds }), loadCalendar(deps)]);
    const next = list.next ? encodeCursor({ list: order, key: list.next }) : null;
    return c.json({ ok: true, today, total: list.total, ...(list.totalCapped ? { totalCapped: true } : {}), items: list.items.map((s) => presentSummary(s, cal)), next });
  });

  app.get('/api/applications/:id', async (c) => {
    const id = c.req.param('id');
    const g = await authorizedJson(c, records, 'case.read', { kind: 'case', id });
    if ('response' in g) return g.response;
    const { auth } = g;
    const view = await getCase(deps, id);
    if (!view.ok) return jsonError(c, view.problems);
    const personal = can(auth.user.role, 'case.personalData');
    if (personal) await people.audit.append({ at: deps.clock.now(), actorId: auth.user.id, actorName: auth.user.displayName, organizationId: view.value.case.organizationId, action: 'personalData.view', subject: `case:${id}`, detail: { via: 'api' }, ip: clientIp(c) });
    return c.json({ ...presentCase(view.value, personal), ...(outbox ? { messages: presentMessages(await outbox.forCase(id), personal) } : {}) });
  });

  app.post('/api/applications/:id/steps/:kind', limit, async (c) => {
    const id = c.req.param('id');
    const kind = c.req.param('kind');
    // An unknown step is the use case's to refuse (a located application.invalid), after the case is found.
    const g = await authorizedJson(c, records, (COMMAND_KINDS as readonly string[]).includes(kind) ? `step.${kind as CommandKind}` : 'case.read', { kind: 'case', id });
    if ('response' in g) return g.response;
    const { auth } = g;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const version = read.body.version;
    if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version))) return jsonError(c, [problem('application.invalid', 'version', { zh: '应为整数', en: 'expected an integer' })]);
    // A handler's answer or extension is proposed (202, the approvers decide); an approver or admin is their own approver.
    if (needsApproval(auth.user.role, kind)) {
      const p = await proposeStep(deps, id, kind, read.body, actorOf(c, auth), version);
      return p.ok ? c.json({ ok: true, approval: presentApproval(p.value) }, 202) : jsonError(c, p.problems);
    }
    const body = (APPROVABLE as readonly string[]).includes(kind) ? { ...read.body, approvedBy: auth.user.displayName } : read.body;
    const r = await takeStep(deps, id, kind, body, actorOf(c, auth), version);
    if (!r.ok) return jsonError(c, r.problems);
    const view = await getCase(deps, r.value.id);
    return view.ok ? c.json(presentCase(view.value, can(auth.user.role, 'case.personalData'))) : jsonError(c, view.problems);
  });

  // 更正 and 作废 (approvers and admins; a handler gets 403 auth.forbidden): outside the user's scope → 404.
  for (const act of ['correct', 'void'] as const) {
    app.post(`/api/applications/:id/${act}`, limit, async (c) => {
      const id = c.req.param('id');
      const g = await authorizedJson(c, records, act === 'correct' ? 'case.correct' : 'case.void', { kind: 'case', id });
      if ('response' in g) return g.response;
      const { auth } = g;
      const read = await jsonBody(c);
      if (!read.ok) return jsonError(c, read.problems);
      const version = read.body.version;
      if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version))) return jsonError(c, [problem('application.invalid', 'version', { zh: '应为整数', en: 'expected an integer' })]);
      const r = act === 'correct' ? await correctApplication(deps, id, read.body, actorOf(c, auth), version) : await voidApplication(deps, id, read.body, actorOf(c, auth), version);
      if (!r.ok) return jsonError(c, r.problems);
      const view = await getCase(deps, id);
      return view.ok ? c.json(presentCase(view.value, can(auth.user.role, 'case.personalData'))) : jsonError(c, view.problems);
    });
  }

  app.get('/api/approvals', async (c) => {
    const auth = requireApiUser(c, 'approval.decide');
    if (auth instanceof Response) return auth;
    return c.json({ ok: true, items: (await deps.approvals.pending([...auth.scope])).map(presentApproval) });
  });

  app.post('/api/approvals/:id/:decision{approve|return}', limit, async (c) => {
    const g = await authorizedJson(c, records, 'approval.decide', { kind: 'approval', id: c.req.param('id') });
    if ('response' in g) return g.response;
    const { auth, record: approval } = g;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const comment = typeof read.body.comment === 'string' ? read.body.comment : null;
    const actor = actorOf(c, auth);
    if (c.req.param('decision') === 'return') {
      const r = await returnProposal(deps, approval.id, actor, comment ?? '');
      return r.ok ? c.json({ ok: true, approval: presentApproval(r.value) }) : jsonError(c, r.problems);
    }
    const r = await approveProposal(deps, approval.id, actor, comment);
    if (!r.ok) return jsonError(c, r.problems);
    const view = await getCase(deps, r.value.id);
    return view.ok ? c.json(presentCase(view.value, can(auth.user.role, 'case.personalData'))) : jsonError(c, view.problems);
  });

  app.post('/api/applications/:id/reviews', limit, async (c) => {
    const id = c.req.param('id');
    const g = await authorizedJson(c, records, 'review.write', { kind: 'case', id });
    if ('response' in g) return g.response;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const r = await addReview(deps, id, read.body);
    return r.ok ? c.json({ ok: true, review: presentReview(r.value) }, 201) : jsonError(c, r.problems);
  });

  app.post('/api/reviews/:id/decision', limit, async (c) => {
    const id = c.req.param('id');
    const g = await authorizedJson(c, records, 'review.write', { kind: 'review', id });
    if ('response' in g) return g.response;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const r = await decideReview(deps, id, read.body);
    return r.ok ? c.json({ ok: true, review: presentReview(r.value) }) : jsonError(c, r.problems);
  });

  app.get('/api/organizations', async (c) => {
    const auth = requireApiUser(c);
    if (auth instanceof Response) return auth;
    return c.json({ ok: true, items: (await deps.organizations.list()).filter((o) => inScope(auth, o.id)) });
  });

  app.post('/api/organizations', limit, async (c) => {
    const auth = requireApiUser(c, 'organization.manage');
    if (auth instanceof Response) return auth;
    const read = await jsonBody(c);
    if (!read.ok) return jsonError(c, read.problems);
    const b = read.body;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    // Only below one's own organisation: a root or a parent outside the subtree is refused as unknown.
    const parentId = text(b.parentId);
    if (parentId === null || !inScope(auth, parentId)) return jsonError(c, [problem('organization.parentNotFound', 'parentId', undefined, { parentId })]);
    const r = await createOrganization(
      { organizations: deps.organizations, newId: deps.ids.newId, now: deps.clock.now },
      { name: text(b.name) ?? '', kind: (text(b.kind) ?? '') as 'government', parentId, code: text(b.code) },
    );
    return r.ok ? c.json({ ok: true, organization: r.organization }, 201) : jsonError(c, r.problems);
  });

  const yearOf = (c: Context): number => (/^\d{4}$/.test(c.req.param('year') ?? '') ? Number(c.req.param('year')) : NaN);

  app.get('/api/organizations/:id/tables/:year', async (c) => {
    const g = await authorizedJson(c, records, 'report.read', { kind: 'organization', id: c.req.param('id') });
    if ('response' in g) return g.response;
    const r = await buildYearReport(deps, c.req.param('id'), yearOf(c));
    if (!r.ok) return jsonError(c, r.problems);
    const { findings } = checkReport({ report: r.value });
    return c.json({ ok: true, report: r.value, findings });
  });

  app.get('/api/organizations/:id/tables/:year/cells/:table/:cell', async (c) => {
    const granted = await authorizedJson(c, records, 'report.read', { kind: 'organization', id: c.req.param('id') });
    if ('response' in granted) return granted.response;
    const limitText = c.req.query('limit') ?? '200';
    const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1 || limit > MAX_DRILL_DOWN) return jsonError(c, [problem('application.invalid', 'limit', { zh: `应为 1 至 ${MAX_DRILL_DOWN} 的整数`, en: `expected an integer from 1 to ${MAX_DRILL_DOWN}` })]);
    const r = await drillDown(deps, c.req.param('id'), yearOf(c), c.req.param('table'), c.req.param('cell'), limit, c.req.query('cursor'));
    if (!r.ok) return jsonError(c, r.problems);
    const v = r.value;
    if (v.table === 'applications') return c.json({ ok: true, total: v.total, cases: v.cases.map((s) => presentSummary(s)), next: v.next });
    if (v.table === 'reviewLitigation') return c.json({ ok: true, total: v.total, records: v.records.map(presentReview), next: v.next });
    return c.json('documents' in v ? { ok: true, total: v.total, documents: v.documents.map(presentDocumentFacts), next: v.next } : { ok: true, total: v.total, decisions: v.decisions.map(presentDecision), next: v.next });
  });

  return app;
}
