/**
 * Routes of the annual reports: the list, one report, its downloads, and the JSON API, over the one report store
 * (annual_reports: the reports published through the season, imported by an area or saved from /import — marked
 * 已导入 — and the demo's). Each route validates its params (./schema.ts) → calls the use case → hands the result to the
 * presenter and a view.
 */
import { Hono, type Context } from 'hono';
import { checkReport, renderReport, unknownFormat, type CheckReportOutput, type RendererRegistry } from '../../../app/annual-report/index.ts';
import type { ReportStore, StoredReport } from '../../../app/annual-report/ports.ts';
import { DomainError, problem, type Problem } from '../../../core/errors.ts';
import { PROVENANCE_CSS, REPORT_CSS, renderReportArticle } from '../../../formats/html/render.ts';
import { presentSources } from '../import/presenter.ts';
import { htmlError, jsonError } from '../../errors.ts';
import { reportListPage, reportPage } from '../../views/reports.ts';
import {
  contentDisposition,
  presentDownloads,
  presentListItem,
  presentListJson,
  presentReportJson,
  reportTitle,
} from './presenter.ts';
import { DownloadParams, ListQuery, ReportParams } from './schema.ts';
import type { AuditLog } from '../../../app/people/ports.ts';
import { mayWithdraw } from '../../../core/season/lifecycle.ts';
import { authOf, clientIp, csrfOk } from '../../auth.ts';
import { actorOfAuth, authorizedPage, recordLoaders } from '../../authorize.ts';
import { verdict } from '../../../core/people/authorize.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import { formValues } from '../../forms.ts';

export interface ReportRoutesDeps {
  readonly formats: RendererRegistry;
  /** The report store; without one (no database) the list is empty and every id is not found. */
  readonly store?: ReportStore;
  /** The audit log: an admin's withdrawal of an imported report is recorded there (withdrawal needs accounts). */
  readonly audit?: AuditLog;
  readonly now?: () => string;
  /** The organisations: withdrawing acts on the report's organisation (authorize: scope, then role). */
  readonly organizations?: Pick<OrganizationRepository, 'get'>;
}

/** Reports a page of the list holds (keyset paged: ?after= the previous page's last). */
export const REPORT_PAGE_SIZE = 50;

interface Checked {
  readonly stored: StoredReport;
  readonly check: CheckReportOutput;
}

function notFound(id: string): Problem {
  return problem('notFound', `reports/${id}`, { zh: `没有编号为“${id}”的报告`, en: `no report with id "${id}"` }, { id });
}

/**
 * The report routes over the store: each report is read and checked per request (validation is pure). Unknown id →
 * 404 notFound; unknown format → 404 format.unknown; PDF unavailable → 503; a bad page cursor → 400 page.cursor.
 */
export function reportRoutes(deps: ReportRoutesDeps): Hono {
  const checked = (stored: StoredReport): Checked => ({ stored, check: checkReport({ report: stored.report }) });
  const items = async (c: Context) => {
    const query = ListQuery.safeParse(c.req.query());
    if (!query.success) return problem('page.cursor', 'after');
    let page: { items: readonly StoredReport[]; next: string | null } = { items: [], next: null };
    try {
      if (deps.store) page = await deps.store.list({ limit: REPORT_PAGE_SIZE, after: query.data.after ?? null });
    } catch (error) {
      if (error instanceof DomainError) return error.problems[0] ?? problem('page.cursor', 'after');
      throw error;
    }
    return { items: page.items.map((s) => presentListItem(s, checkReport({ report: s.report }).summary)), next: page.next };
  };
  /** Validate the id and find the report; a failure is a notFound problem. */
  const lookup = async (c: Context): Promise<Checked | Problem> => {
    const parsed = ReportParams.safeParse(c.req.param());
    const id = c.req.param('id') ?? '';
    if (!parsed.success) return notFound(id);
    const stored = await deps.store?.get(parsed.data.id);
    return stored ? checked(stored) : notFound(parsed.data.id);
  };
  const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'code' in x;
  /** Whether the report itself may be withdrawn: imported and still its year's latest (core/season/lifecycle.ts). */
  const withdrawable = (stored: StoredReport): boolean => mayWithdraw({ state: 'published', source: stored.imported ? 'import' : 'platform' }, stored.latest);
  /** Whether the page offers the withdrawal: the same check as the POST's authorize (scope, then role) and the report's. */
  const offered = (c: Context, stored: StoredReport): boolean => {
    const actor = actorOfAuth(authOf(c));
    return Boolean(deps.audit && actor && verdict(actor, 'report.withdraw', stored.organizationId) === 'allowed' && withdrawable(stored));
  };

  const app = new Hono();

  app.get('/', async (c) => {
    const list = await items(c);
    if (isProblem(list)) return htmlError(c, [list]);
    return c.html(reportListPage(list.items, list.next));
  });

  app.get('/reports/:id', async (c) => {
    const auth = authOf(c);
    const found = await lookup(c);
    if (isProblem(found)) return htmlError(c, [found]);
    const { stored, check } = found;
    // An imported report shows where each cell came from, as the import result did.
    const provenance = stored.provenance;
    return c.html(
      reportPage({
        item: presentListItem(stored, check.summary),
        title: reportTitle(stored.report),
        articleHtml: renderReportArticle(stored.report, { findings: check.findings, ...(provenance ? { provenance: presentSources(provenance) } : {}) }),
        downloads: presentDownloads(stored.id, deps.formats),
        reportCss: provenance ? `${REPORT_CSS}${PROVENANCE_CSS}` : REPORT_CSS,
        withdraw: auth && offered(c, stored) ? { csrfToken: auth.csrfToken } : null,
      }),
    );
  });

  /** An admin withdraws an imported report (with a reason): gone from the lists and pages, kept stored, audited. */
  app.post('/reports/:id/withdraw', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent(`/reports/${c.req.param('id')}`)}`, 303);
    const found = await lookup(c);
    if (isProblem(found) || !deps.store || !deps.audit) return htmlError(c, [isProblem(found) ? found : problem('report.notFound', 'id')]);
    // One permission-checked load: the report's organisation, scope first (outside: 404), then the role (403).
    const granted = await authorizedPage(c, auth, recordLoaders({ ...(deps.organizations ? { organizations: deps.organizations } : {}) }), 'report.withdraw', { kind: 'organization', id: found.stored.organizationId });
    if ('response' in granted) return granted.response;
    if (!withdrawable(found.stored)) return htmlError(c, [problem('report.transition', 'id', { zh: '只有导入的、本年度最新一版的报告可以撤回；平台生成的报告有误应提出更正', en: 'only an imported report that is its year\'s latest version can be withdrawn; correct a report built here' })]);
    const values = await formValues(c);
    if (!csrfOk(c, auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const reason = (values.reason ?? '').trim();
    if (reason === '' || reason.length > 500) return htmlError(c, [problem('application.invalid', 'reason', { zh: '请写明撤回理由（不超过 500 字）', en: 'give the reason for the withdrawal (at most 500 characters)' })]);
    const { stored } = found;
    const at = (deps.now ?? (() => new Date().toISOString()))();
    if (!(await deps.store.withdraw(stored.id, { by: auth.user.displayName, at, reason }))) return htmlError(c, [problem('report.conflict', 'id')]);
    await deps.audit.append({ at, actorId: auth.user.id, actorName: auth.user.displayName, organizationId: stored.organizationId, action: 'report.withdraw', subject: `report:${stored.organizationId}:${stored.report.year}`, detail: { reportId: stored.id, version: stored.version, title: reportTitle(stored.report), withdrawReason: reason }, ip: clientIp(c) });
    return c.redirect('/', 303);
  });

  app.get('/reports/:id/download/:format', async (c) => {
    const found = await lookup(c);
    if (isProblem(found)) return htmlError(c, [found]);
    const params = DownloadParams.safeParse(c.req.param());
    const format = c.req.param('format') ?? '';
    if (!params.success) return htmlError(c, [unknownFormat(deps.formats, format)]);
    const rendered = await renderReport(deps, { report: found.stored.report, format: params.data.format });
    if (!rendered.ok) return htmlError(c, rendered.problems);
    return c.body(rendered.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': rendered.contentType,
      'Content-Disposition': contentDisposition(found.stored.id, found.stored.report, rendered.ext),
      'Cache-Control': 'no-cache',
    });
  });

  app.get('/api/reports', async (c) => {
    const list = await items(c);
    if (isProblem(list)) return jsonError(c, [list]);
    return c.json(presentListJson(list.items, list.next));
  });

  app.get('/api/reports/:id', async (c) => {
    const found = await lookup(c);
    if (isProblem(found)) return jsonError(c, [found]);
    return c.json(presentReportJson(found.stored, found.check, presentDownloads(found.stored.id, deps.formats)));
  });

  return app;
}
