/**
 * The case desk pages (staff; login required, else a redirect to /login): the work queue, intake, the case page and
 * its step forms, review records, and the year tables with drill-down and downloads. Scope is checked first (404
 * outside the user's subtree), then the role (403); every POST needs the session's CSRF token. A refused step shows
 * the case page again with the coded reason (400/409).
 */
import { cellName } from '../../../core/annual-report/findings.ts';
import { proactiveCellPage } from '../../views/catalog-staff.ts';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { decodeCursor, encodeCursor } from '../../../app/applications/page-cursor.ts';
import { addReview, approveProposal, buildYearReport, correctApplication, decideReview, voidApplication, drillDown, getCase, proposeStep, registerApplication, MAX_SECTION_CHARS, returnProposal, saveReportSections, takeStep, type Actor } from '../../../app/applications/index.ts';
import { APPROVABLE } from '../../../core/application/approval.ts';
import { awaitedYear } from '../console/calendar.ts';
import { checkReport } from '../../../app/annual-report/index.ts';
import { draftNarrative } from '../../../core/annual-report/narrative.ts';
import { NARRATIVE_KEYS, type AnnualReport } from '../../../core/annual-report/model.ts';
import type { OutboxRepository } from '../../../app/notify/ports.ts';
import type { PeopleDeps } from '../../../app/people/index.ts';
import type { PortalDeps } from '../../../app/portal/portal.ts';
import { CASE_STATES, OPEN_STATES, type CaseState } from '../../../core/application/case.ts';
import type { CommandKind } from '../../../core/application/commands.ts';
import { addWorkingDays } from '../../../core/calendar/working-days.ts';
import { daysLeft, DUE_SOON_WORKING_DAYS } from '../../../core/calendar/deadlines.ts';
import { loadCalendar } from '../../../app/applications/cases.ts';
import { DomainError, problem, type Problem } from '../../../core/errors.ts';
import { can, needsApproval, type Action } from '../../../core/people/roles.ts';
import { FORMATS, FORMAT_IDS } from '../../../formats/index.ts';
import { authOf, clientIp, csrfOk, inScope, type Auth } from '../../auth.ts';
import { authorizedPage, recordLoaders } from '../../authorize.ts';
import type { RecordLoaders, RecordRef, Records } from '../../../app/people/authorize.ts';
import type { RecordKind } from '../../../core/people/authorize.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { approvalsPage, caseDetailPage, newCasePage, queuePage, type SessionView } from '../../views/cases.ts';
import { applicationFieldsets } from '../../views/portal.ts';
import { caseMessagesSection } from '../../views/notifications.ts';
import { cellPage, rollupPage, tablesPage, type SeasonView } from '../../views/tables.ts';
import { rollUpArea } from '../../../app/season/rollup.ts';
import { actOnReport, availableActions, seasonStatus } from '../../../app/season/reports.ts';
import { daysLate, reportDue, type ReportAction } from '../../../core/season/lifecycle.ts';
import { formValues, nest } from '../../forms.ts';
import { maskedApplicant } from './presenter.ts';
import { noticeLinks, sendNotice } from './notice-links.ts';
import type { CaseCatalog } from '../catalog/case-links.ts';

const MAX_FORM = 64 * 1024;

type Gate = { auth: Auth; session: SessionView } | { response: Response };

/** Logged in (else redirect to /login), allowed to do `action` (else 403). */
function gate(c: Context, action?: Action): Gate {
  const auth = authOf(c);
  if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent(c.req.url.replace(/^https?:\/\/[^/]+/, ''))}`, 303) };
  if (action && !can(auth.user.role, action)) return { response: htmlError(c, [problem('auth.forbidden', action)]) };
  return { auth, session: { name: auth.user.displayName, csrfToken: auth.csrfToken } };
}

/**
 * The checks of every POST on a record: authorize (404 when it does not exist or lies outside the user's scope,
 * checked first so ids do not leak; 403 when the role may not), then 403 without the session's CSRF token; else the
 * record and the posted fields.
 */
async function postedForm<K extends RecordKind>(c: Context, auth: Auth, records: RecordLoaders, ref: RecordRef<K>, action: Action): Promise<{ values: Record<string, string>; record: Records[K] } | { response: Response }> {
  const g = await authorizedPage(c, auth, records, action, ref);
  if ('response' in g) return g;
  const values = await formValues(c);
  if (!csrfOk(c, auth, values._csrf)) return { response: htmlError(c, [problem('auth.csrf', '_csrf')]) };
  return { values, record: g.record };
}

const actorOf = (c: Context, auth: Auth): Actor => ({ id: auth.user.id, name: auth.user.displayName, ip: clientIp(c) });
const notFound = (c: Context, what: string) => htmlError(c, [problem('notFound', what)]);

export function casePages(deps: PortalDeps, people: PeopleDeps, outbox?: OutboxRepository, catalog?: CaseCatalog): Hono {
  const app = new Hono();
  // Every record a page acts on is loaded through authorize (scope, then role: ../../authorize.ts).
  const records = recordLoaders(deps);
  const limit = bodyLimit({ maxSize: MAX_FORM, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });
  const scopedOrgs = async (auth: Auth) => (await deps.organizations.list()).filter((o) => inScope(auth, o.id));

  app.get('/applications', async (c) => {
    const g = gate(c, 'case.read');
    if ('response' in g) return g.response;
    const q = c.req.query();
    const orgs = await scopedOrgs(g.auth);
    const organization = q.organization && inScope(g.auth, q.organization) ? q.organization : g.auth.user.organizationId;
    const today = deps.clock.today();
    const cal = await loadCalendar(deps);
    const soon = addWorkingDays(cal, today, DUE_SOON_WORKING_DAYS);
    // The work queue opens on the cases still open; "全部" (state=) lists every case.
    const stateParam = q.state ?? 'open';
    const states: CaseState[] | undefined = stateParam === 'open' ? [...OPEN_STATES] : stateParam && (CASE_STATES as readonly string[]).includes(stateParam) ? [stateParam as CaseState] : undefined;
    // Keyset pages (`cursor` from the 下一页 link); a stale or edited cursor is a coded error, an old ?offset= link the first page.
    const order = q.order === 'received' ? 'received' : 'due';
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor, order, order === 'due' ? 3 : 2);
    if (after && !after.ok) return htmlError(c, after.problems);
    // 我办理的: the cases this user registered or took a step on (from the audit log).
    const mine = q.mine === '1' ? (await people.audit.subjectsOf(g.auth.user.id, ['case.register', 'case.step'])).filter((s) => s.startsWith('case:')).map((s) => s.slice(5)) : undefined;
    const list = await deps.cases.list({
      organizationIds: await deps.organizations.subtreeIds(organization),
      ...(mine ? { ids: mine } : {}),
      ...(states ? { states } : {}),
      ...(q.due === 'overdue' ? { dueBefore: today } : q.due === 'soon' && soon.ok ? { dueOnOrBefore: soon.date } : {}),
      order,
      limit: 50,
      ...(after ? { after: after.value.key } : {}),
    });
    const rows = list.items.map((item) => ({ item, left: item.nextDue.date ? daysLeft(cal, today, item.nextDue.date) : null }));
    const filter = { organization, state: stateParam, due: q.due ?? '', order: q.order ?? 'due', mine: q.mine === '1' ? '1' : '' };
    // From November, while next year's holiday notice is not loaded, everyone is reminded; admins get the page's link.
    const awaited = awaitedYear(today, (y) => cal.covers(y));
    const topAdmin = can(g.auth.user.role, 'organization.manage') && (await deps.organizations.get(g.auth.user.organizationId))?.parentId === null;
    const reminder = awaited === null ? null : { year: awaited, canLoad: topAdmin };
    const next = list.next ? encodeCursor({ list: order, key: list.next }) : null;
    return c.html(queuePage({ rows, total: list.total, totalCapped: list.totalCapped === true, paged: after !== null, next, filter, organizations: orgs, today, canRegister: can(g.auth.user.role, 'case.register'), session: g.session, reminder }));
  });

  // With the catalog, intake can look up what is already published (条例第三十六条第一项) before registering.
  const intake = async (c: Context, g: { auth: Auth; session: SessionView }, values: Record<string, string>, problems: readonly Problem[], found = '') =>
    c.html(newCasePage({ organizations: await scopedOrgs(g.auth), values, problems, today: deps.clock.today(), applyFields: applicationFieldsets, session: g.session, found: catalog ? found : undefined }), problems.length > 0 ? statusOf(problems[0]?.code ?? 'application.invalid') : 200);

  app.get('/applications/new', async (c) => {
    const g = gate(c, 'case.register');
    return 'response' in g ? g.response : intake(c, g, { organizationId: g.auth.user.organizationId }, []);
  });

  app.post('/applications/new', limit, async (c) => {
    const g = gate(c, 'case.register');
    if ('response' in g) return g.response;
    const values = await formValues(c);
    if (!csrfOk(c, g.auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    if (values.lookup === '1' && catalog) return intake(c, g, values, [], await catalog.forRequest(c, { description: values['request.description'] ?? '', documentNumber: values['request.documentNumber'] || null }));
    const org = values.organizationId ?? '';
    if (!inScope(g.auth, org)) return intake(c, g, values, [problem('application.invalid', 'organizationId', { zh: '受理机关不存在', en: 'no such organisation' })]);
    const input = { ...nest(values), organizationId: org, channel: values.channel, receivedOn: values.receivedOn, confirmDate: values.confirmDate };
    const r = await registerApplication(deps, input, actorOf(c, g.auth));
    if (!r.ok) return intake(c, g, values, r.problems);
    return c.redirect(`/applications/${encodeURIComponent(r.value.id)}`, 303);
  });

  /** The case page (again with problems after a refused step). */
  const show = async (c: Context, g: { auth: Auth; session: SessionView }, id: string, problems: readonly Problem[] = []) => {
    const granted = await authorizedPage(c, g.auth, records, 'case.read', { kind: 'case', id });
    if ('response' in granted) return granted.response;
    const view = await getCase(deps, id);
    if (!view.ok) return notFound(c, `applications/${id}`);
    const personal = can(g.auth.user.role, 'case.personalData');
    if (personal) await people.audit.append({ at: deps.clock.now(), actorId: g.auth.user.id, actorName: g.auth.user.displayName, organizationId: view.value.case.organizationId, action: 'personalData.view', subject: `case:${id}`, detail: { via: 'page' }, ip: clientIp(c) });
    const org = await deps.organizations.get(view.value.case.organizationId);
    const history = await deps.approvals.forCase(id);
    const pending = history.find((a) => a.status === 'pending') ?? null;
    const returned = history[0]?.status === 'returned' ? history[0] : null;
    const role = g.auth.user.role;
    // While a proposal waits, no second answer or extension can be proposed or taken.
    const allowed = view.value.available.filter((k) => can(role, `step.${k}`) && !(pending && (APPROVABLE as readonly string[]).includes(k)));
    const html = caseDetailPage({
      view: view.value,
      organization: org?.name ?? '',
      personal,
      applicant: personal ? view.value.case.applicant : maskedApplicant(view.value.case.applicant),
      allowed,
      csrfToken: g.auth.csrfToken,
      approver: needsApproval(role, 'answer') ? null : g.auth.user.displayName,
      approvals: { pending, returned, canDecide: pending !== null && can(role, 'approval.decide') && pending.proposedBy.id !== g.auth.user.id },
      notices: noticeLinks(view.value),
      ...(outbox ? { messages: caseMessagesSection(await outbox.forCase(id), personal) } : {}),
      ...(catalog ? { catalog: await catalog.forCase(c, g.auth, view.value.case) } : {}),
      canReview: can(g.auth.user.role, 'review.write'),
      canCorrect: can(role, 'case.correct'),
      canVoid: can(role, 'case.void'),
      problems,
      session: g.session,
    });
    return c.html(html, problems.length > 0 ? statusOf(problems[0]?.code ?? 'application.invalid') : 200);
  };

  app.get('/applications/:id', async (c) => {
    const g = gate(c, 'case.read');
    return 'response' in g ? g.response : show(c, g, c.req.param('id'));
  });

  app.get('/applications/:id/notices/:file', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const granted = await authorizedPage(c, g.auth, records, 'case.read', { kind: 'case', id: c.req.param('id') });
    if ('response' in granted) return granted.response;
    const view = await getCase(deps, c.req.param('id'));
    if (!view.ok) return notFound(c, c.req.path);
    return sendNotice(c, deps.organizations, view.value.case, view.value.clock, c.req.param('file'));
  });

  app.post('/applications/:id/steps/:kind', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const id = c.req.param('id');
    const kind = c.req.param('kind');
    const form = await postedForm(c, g.auth, records, { kind: 'case', id }, `step.${kind as CommandKind}`);
    if ('response' in form) return form.response;
    const values = form.values;
    if (values.confirm !== '1') return show(c, g, id, [problem('application.invalid', 'confirm', { zh: '请勾选“确认办理”', en: 'tick the confirmation box' })]);
    const version = /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined;
    const { _csrf: _c, confirm: _f, version: _v, ...input } = values;
    const actor = actorOf(c, g.auth);
    // A handler's answer or extension goes to the approvers; an approver or admin takes it as their own approver.
    if (needsApproval(g.auth.user.role, kind)) {
      const p = await proposeStep(deps, id, kind, input, actor, version);
      return p.ok ? c.redirect(`/applications/${encodeURIComponent(id)}`, 303) : show(c, g, id, p.problems);
    }
    const own = (APPROVABLE as readonly string[]).includes(kind) ? { ...input, approvedBy: g.auth.user.displayName } : input;
    const r = await takeStep(deps, id, kind, own, actor, version);
    return r.ok ? c.redirect(`/applications/${encodeURIComponent(id)}`, 303) : show(c, g, id, r.problems);
  });

  /**
   * 更正 (the registration fields; empty fields clear optional ones) and 作废 from the case page: approvers and admins
   * (403 otherwise), 404 outside the scope, the CSRF token; a refusal shows the case page with the coded problem.
   */
  app.post('/applications/:id/:act{correct|void}', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const id = c.req.param('id');
    const act = c.req.param('act') === 'void' ? 'void' : 'correct';
    const form = await postedForm(c, g.auth, records, { kind: 'case', id }, act === 'void' ? 'case.void' : 'case.correct');
    if ('response' in form) return form.response;
    const values = form.values;
    const version = /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined;
    const actor = actorOf(c, g.auth);
    if (act === 'void') {
      if (values.confirm !== '1') return show(c, g, id, [problem('application.invalid', 'confirm', { zh: '请勾选“确认作废”', en: 'tick the confirmation box' })]);
      const r = await voidApplication(deps, id, { reason: values.reason }, actor, version);
      return r.ok ? c.redirect(`/applications/${encodeURIComponent(id)}`, 303) : show(c, g, id, r.problems);
    }
    const group = (prefix: string) => Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));
    const input = { channel: values.channel, receivedOn: values.receivedOn, applicant: group('applicant'), request: group('request'), reason: values.reason, confirmDate: values.confirmDate };
    const r = await correctApplication(deps, id, input, actor, version);
    return r.ok ? c.redirect(`/applications/${encodeURIComponent(id)}`, 303) : show(c, g, id, r.problems);
  });

  /** Approve or return a proposal: 404 outside the scope, 403 without the right or the CSRF token. */
  app.post('/approvals/:id/:decision{approve|return}', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const form = await postedForm(c, g.auth, records, { kind: 'approval', id: c.req.param('id') }, 'approval.decide');
    if ('response' in form) return form.response;
    const approval = form.record;
    const actor = actorOf(c, g.auth);
    const r = c.req.param('decision') === 'approve' ? await approveProposal(deps, approval.id, actor, form.values.comment ?? null) : await returnProposal(deps, approval.id, actor, form.values.comment ?? '');
    return r.ok ? c.redirect(form.values.back === 'queue' ? '/approvals' : `/applications/${encodeURIComponent(approval.caseId)}`, 303) : show(c, g, approval.caseId, r.problems);
  });

  /** The approvers' queue: every proposal waiting in the user's organisation and below, oldest first. */
  app.get('/approvals', async (c) => {
    const g = gate(c, 'approval.decide');
    if ('response' in g) return g.response;
    const pending = await deps.approvals.pending([...g.auth.scope]);
    return c.html(approvalsPage({ pending, userId: g.auth.user.id, csrfToken: g.auth.csrfToken, session: g.session }));
  });

  app.post('/applications/:id/reviews', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const id = c.req.param('id');
    const form = await postedForm(c, g.auth, records, { kind: 'case', id }, 'review.write');
    if ('response' in form) return form.response;
    const r = await addReview(deps, id, form.values);
    return r.ok ? c.redirect(`/applications/${encodeURIComponent(id)}`, 303) : show(c, g, id, r.problems);
  });

  app.post('/reviews/:id/decision', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const form = await postedForm(c, g.auth, records, { kind: 'review', id: c.req.param('id') }, 'review.write');
    if ('response' in form) return form.response;
    const record = form.record;
    const r = await decideReview(deps, record.id, form.values);
    return r.ok ? c.redirect(`/applications/${encodeURIComponent(record.caseId)}`, 303) : show(c, g, record.caseId, r.problems);
  });

  app.get('/organizations/go', (c) => {
    const org = c.req.query('organization') ?? '';
    const year = /^\d{4}$/.test(c.req.query('year') ?? '') ? c.req.query('year') : String(Number(deps.clock.today().slice(0, 4)) - 1);
    return c.redirect(`/organizations/${encodeURIComponent(org)}/tables/${year}`, 303);
  });

  app.get('/organizations/:id/tables/:file', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const orgId = c.req.param('id');
    const granted = await authorizedPage(c, g.auth, records, 'report.read', { kind: 'organization', id: orgId });
    if ('response' in granted) return granted.response;
    const m = /^(\d{4})(?:\.([a-z]+))?$/.exec(c.req.param('file'));
    if (!m) return notFound(c, c.req.path);
    const built = await buildYearReport(deps, orgId, Number(m[1]));
    if (!built.ok) return htmlError(c, built.problems);
    const ext = m[2];
    if (ext) {
      const format = FORMAT_IDS.find((f) => FORMATS[f].ext === ext);
      if (!format) return htmlError(c, [problem('format.unknown', ext)]);
      const { findings } = checkReport({ report: built.value });
      let bytes: Uint8Array;
      try {
        bytes = await FORMATS[format].render(built.value, { findings });
      } catch (error) {
        if (error instanceof DomainError) return htmlError(c, error.problems);
        throw error;
      }
      const name = encodeURIComponent(`${built.value.organization ?? ''}${m[1]}年度政府信息公开工作年度报告.${ext}`);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': FORMATS[format].contentType, 'content-disposition': `attachment; filename="report-${m[1]}.${ext}"; filename*=UTF-8''${name}` });
    }
    const { findings } = checkReport({ report: built.value });
    const season = await seasonView(g.auth, orgId, Number(m[1]));
    const canWrite = can(g.auth.user.role, 'report.write');
    // ?draft=1: the form shows the narrative drafted from the tables in the sections still empty (saved only when posted).
    const draft = canWrite && c.req.query('draft') === '1' ? draftNarrative(built.value) : null;
    const shown = draft ? { ...built.value, sections: Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, built.value.sections[k]?.trim() ? built.value.sections[k] : draft[k]])) as AnnualReport['sections'] } : built.value;
    return c.html(tablesPage({ report: shown, orgId, organizations: await scopedOrgs(g.auth), findings, session: g.session, canWrite, season }));
  });

  /** The report's season state for this user: current record, versions, due date, days late, the buttons. */
  const seasonView = async (auth: Auth, orgId: string, year: number): Promise<SeasonView | null> => {
    const org = await deps.organizations.get(orgId);
    if (!deps.season || !org) return null;
    const versions = await deps.season.versions(orgId, year);
    const current = await seasonStatus({ season: deps.season }, orgId, year);
    const due = reportDue(year, org.kind);
    return { current, versions, due, daysLate: daysLate(due, deps.clock.today(), current.state), actions: availableActions(current, org, { role: auth.user.role, organizationId: auth.user.organizationId }) };
  };

  app.post('/organizations/:id/tables/:year/season/:action{submit|return|receive|publish|correct}', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const orgId = c.req.param('id');
    // Which role may take which season step is the lifecycle's (actOnReport); here: the organisation, in scope.
    const form = await postedForm(c, g.auth, records, { kind: 'organization', id: orgId }, 'report.read');
    if ('response' in form) return form.response;
    const year = /^\d{4}$/.test(c.req.param('year')) ? Number(c.req.param('year')) : NaN;
    if (!deps.season || !Number.isInteger(year)) return notFound(c, c.req.path);
    const u = g.auth.user;
    const r = await actOnReport({ ...deps, season: deps.season }, orgId, year, c.req.param('action') as ReportAction, form.values.comment ?? null, { id: u.id, name: u.displayName, role: u.role, organizationId: u.organizationId, ip: clientIp(c) });
    return r.ok ? c.redirect(`/organizations/${encodeURIComponent(orgId)}/tables/${year}#season-h`, 303) : htmlError(c, r.problems);
  });

  /** The area's roll-up from the frozen reports below; ?cell=PATH lists each organisation's value of that cell. */
  app.get('/organizations/:id/rollup/:year', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const orgId = c.req.param('id');
    const granted = await authorizedPage(c, g.auth, records, 'report.read', { kind: 'organization', id: orgId });
    if ('response' in granted) return granted.response;
    const year = /^\d{4}$/.test(c.req.param('year')) ? Number(c.req.param('year')) : NaN;
    if (!deps.season || !Number.isInteger(year)) return notFound(c, c.req.path);
    const up = await rollUpArea({ organizations: deps.organizations, season: deps.season }, orgId, year);
    if (!up.ok) return htmlError(c, up.problems);
    return c.html(rollupPage({ orgId, year, up: up.value, cell: c.req.query('cell') ?? null, session: g.session }));
  });

  // Three sections of up to MAX_SECTION_CHARS each, URL-encoded (9 bytes a character at most).
  const sectionsLimit = bodyLimit({ maxSize: 3 * MAX_SECTION_CHARS * 9 + 4096, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });
  app.post('/organizations/:id/tables/:year/sections', sectionsLimit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const orgId = c.req.param('id');
    const form = await postedForm(c, g.auth, records, { kind: 'organization', id: orgId }, 'report.write');
    if ('response' in form) return form.response;
    const values = form.values;
    const year = /^\d{4}$/.test(c.req.param('year')) ? Number(c.req.param('year')) : NaN;
    const saved = await saveReportSections(deps, orgId, year, values, { id: g.auth.user.id, name: g.auth.user.displayName, ip: clientIp(c) });
    if (saved.ok) return c.redirect(`/organizations/${encodeURIComponent(orgId)}/tables/${year}`, 303);
    const built = await buildYearReport(deps, orgId, year);
    if (!built.ok) return htmlError(c, built.problems);
    const report = { ...built.value, sections: { overview: values.overview ?? null, problems: values.problems ?? null, otherMatters: values.otherMatters ?? null } };
    return c.html(tablesPage({ report, orgId, organizations: await scopedOrgs(g.auth), findings: checkReport({ report }).findings, session: g.session, canWrite: true, problems: saved.problems }), 400);
  });

  app.get('/organizations/:id/tables/:year/cells/:table/:cell', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const orgId = c.req.param('id');
    const granted = await authorizedPage(c, g.auth, records, 'report.read', { kind: 'organization', id: orgId });
    if ('response' in granted) return granted.response;
    const year = /^\d{4}$/.test(c.req.param('year')) ? Number(c.req.param('year')) : NaN;
    const r = await drillDown(deps, orgId, year, c.req.param('table'), c.req.param('cell'), 500, c.req.query('cursor'));
    if (!r.ok) return htmlError(c, r.problems);
    const back = `/organizations/${encodeURIComponent(orgId)}/tables/${year}`;
    const v = r.value;
    const title = `${year} 年度 ${v.table === 'applications' ? '表三' : v.table === 'proactive' ? '表二' : '表四'} ${cellName(`${v.table}.${c.req.param('cell')}`) ?? c.req.param('cell')}`;
    if (v.table === 'applications') return c.html(cellPage({ title, back, total: v.total, cases: v.cases, session: g.session, next: v.next }));
    if (v.table === 'reviewLitigation') return c.html(cellPage({ title, back, total: v.total, records: v.records, session: g.session, next: v.next }));
    return c.html(proactiveCellPage({ title, back, total: v.total, ...('documents' in v ? { documents: v.documents } : { decisions: v.decisions }), session: g.session, next: v.next }));
  });

  return app;
}
