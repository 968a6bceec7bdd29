/**
 * Routes of the annual reports: the list, one report, its downloads, and the JSON API, over the demo reports
 * (read-only) and the reports users saved (the store, marked 已导入). Each route validates its params (./schema.ts)
 * → calls the use case → hands the result to the presenter and a view.
 */
import { Hono, type Context } from 'hono';
import { checkReport, renderReport, unknownFormat, type CheckReportOutput, type RendererRegistry } from '../../../app/annual-report/index.ts';
import type { ReportStore, StoredReport } from '../../../app/annual-report/ports.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { PROVENANCE_CSS, REPORT_CSS, renderReportArticle } from '../../../formats/html/render.ts';
import { presentSources } from '../import/presenter.ts';
import type { DemoReport } from '../../demo.ts';
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
import { DownloadParams, ReportParams } from './schema.ts';
import type { AuditLog } from '../../../app/people/ports.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, reportInScope } from '../../auth.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import { formValues } from '../../forms.ts';

export interface ReportRoutesDeps {
  /** The demo reports, read-only. */
  readonly reports: readonly DemoReport[];
  readonly formats: RendererRegistry;
  /** The saved reports (listed first, newest first); none without a store. */
  readonly store?: ReportStore;
  /** The audit log: an admin's withdrawal of a saved report is recorded there (withdrawal needs accounts). */
  readonly audit?: AuditLog;
  readonly now?: () => string;
  /** The organisations: a saved report is withdrawn only by an admin of the subtree it names. */
  readonly organizations?: Pick<OrganizationRepository, 'byName'>;
}

interface Checked {
  readonly demo: DemoReport;
  readonly check: CheckReportOutput;
  /** Saved by a user (the store), not a demo report. */
  readonly imported: boolean;
}

function notFound(id: string): Problem {
  return problem('notFound', `reports/${id}`, { zh: `没有编号为“${id}”的报告`, en: `no report with id "${id}"` }, { id });
}

/**
 * The report routes over the demo reports (checked once: immutable, validation is pure) and the saved ones (read and
 * checked per request). Unknown id → 404 notFound; unknown format → 404 format.unknown; PDF unavailable → 503.
 */
export function reportRoutes(deps: ReportRoutesDeps): Hono {
  const demos = new Map<string, Checked>(
    deps.reports.map((demo) => [demo.id, { demo, check: checkReport({ report: demo.report }), imported: false }]),
  );
  const saved = (stored: StoredReport): Checked => ({ demo: stored, check: checkReport({ report: stored.report }), imported: true });
  const items = async () => {
    const all = [...((await deps.store?.list()) ?? []).map(saved), ...demos.values()];
    return all.map(({ demo, check, imported }) => presentListItem(demo, check, imported));
  };
  /** Validate the id and find the report; a failure is a notFound problem. */
  const lookup = async (c: Context): Promise<Checked | Problem> => {
    const parsed = ReportParams.safeParse(c.req.param());
    const id = c.req.param('id') ?? '';
    if (!parsed.success) return notFound(id);
    const demo = demos.get(parsed.data.id);
    if (demo) return demo;
    const stored = await deps.store?.get(parsed.data.id);
    return stored ? saved(stored) : notFound(parsed.data.id);
  };
  const isProblem = (x: Checked | Problem): x is Problem => 'code' in x;

  const app = new Hono();

  app.get('/', async (c) => c.html(reportListPage(await items())));

  app.get('/reports/:id', async (c) => {
    const auth = authOf(c);
    const found = await lookup(c);
    if (isProblem(found)) return htmlError(c, [found]);
    const { demo, check, imported } = found;
    // A report saved from an import shows where each cell came from, as the import result did.
    const provenance = (demo as Partial<StoredReport>).provenance;
    return c.html(
      reportPage({
        item: presentListItem(demo, check, imported),
        title: reportTitle(demo.report),
        articleHtml: renderReportArticle(demo.report, { findings: check.findings, ...(provenance ? { provenance: presentSources(provenance) } : {}) }),
        downloads: presentDownloads(demo.id, deps.formats),
        reportCss: provenance ? `${REPORT_CSS}${PROVENANCE_CSS}` : REPORT_CSS,
        withdraw: imported && deps.audit && auth && can(auth.user.role, 'report.withdraw') && (await reportInScope(deps.organizations, auth)(demo.report.organization)) ? { csrfToken: auth.csrfToken } : null,
      }),
    );
  });

  /** An admin withdraws a saved report (with a reason): gone from the lists and pages, kept aside, audited. */
  app.post('/reports/:id/withdraw', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent(`/reports/${c.req.param('id')}`)}`, 303);
    const found = await lookup(c);
    if (isProblem(found) || !found.imported || !deps.store || !deps.audit) return htmlError(c, [isProblem(found) ? found : problem('report.notFound', 'id')]);
    if (!can(auth.user.role, 'report.withdraw')) return htmlError(c, [problem('auth.forbidden', 'report.withdraw')]);
    if (!(await reportInScope(deps.organizations, auth)(found.demo.report.organization))) return htmlError(c, [problem('report.outOfScope', 'organization')]);
    const values = await formValues(c);
    if (!csrfOk(c, auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const reason = (values.reason ?? '').trim();
    if (reason === '' || reason.length > 500) return htmlError(c, [problem('application.invalid', 'reason', { zh: '请写明撤回理由（不超过 500 字）', en: 'give the reason for the withdrawal (at most 500 characters)' })]);
    const id = found.demo.id;
    if (!(await deps.store.withdraw(id))) return htmlError(c, [problem('report.notFound', 'id')]);
    await deps.audit.append({ at: (deps.now ?? (() => new Date().toISOString()))(), actorId: auth.user.id, actorName: auth.user.displayName, organizationId: auth.user.organizationId, action: 'report.withdraw', subject: `savedReport:${id}`, detail: { title: reportTitle(found.demo.report), withdrawReason: reason }, ip: clientIp(c) });
    return c.redirect('/', 303);
  });

  app.get('/reports/:id/download/:format', async (c) => {
    const found = await lookup(c);
    if (isProblem(found)) return htmlError(c, [found]);
    const params = DownloadParams.safeParse(c.req.param());
    const format = c.req.param('format') ?? '';
    if (!params.success) return htmlError(c, [unknownFormat(deps.formats, format)]);
    const rendered = await renderReport(deps, { report: found.demo.report, format: params.data.format });
    if (!rendered.ok) return htmlError(c, rendered.problems);
    return c.body(rendered.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': rendered.contentType,
      'Content-Disposition': contentDisposition(found.demo.id, found.demo.report, rendered.ext),
      'Cache-Control': 'no-cache',
    });
  });

  app.get('/api/reports', async (c) => c.json(presentListJson(await items())));

  app.get('/api/reports/:id', async (c) => {
    const found = await lookup(c);
    if (isProblem(found)) return jsonError(c, [found]);
    return c.json(presentReportJson(found.demo, found.check, found.imported, presentDownloads(found.demo.id, deps.formats)));
  });

  return app;
}
