/**
 * The season dashboard of a 主管部门 (GET /season, GET /season.xlsx) and an organisation's cross-year checks
 * (GET /organizations/:id/season-checks): staff with report.read, over their own subtree (404 outside it). Filters and
 * the anomaly factor come from the query; bad values fall back to the defaults.
 */
import { Hono, type Context } from 'hono';
import { filterRows, RESULT_GROUPS, seasonDashboard, organizationSeasonChecks, submissionsOverTime } from '../../../app/season/dashboard.ts';
import type { PortalDeps } from '../../../app/portal/portal.ts';
import { reportingYear } from '../../../core/annual-report/season.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { anomalyOptions } from '../../../core/season/anomalies.ts';
import { REPORT_STATES, reportDue, type ReportState } from '../../../core/season/lifecycle.ts';
import { resultsChart, submissionsChart, totalsChart } from '../../../formats/charts/season.ts';
import { seasonWorkbook } from '../../../formats/xlsx/season.ts';
import { authOf, inScope, type Auth } from '../../auth.ts';
import { authorizedPage, recordLoaders } from '../../authorize.ts';
import { htmlError } from '../../errors.ts';
import type { SessionView } from '../../views/cases.ts';
import { seasonChecksPage, seasonDashboardPage } from '../../views/season.ts';

type Gate = { auth: Auth; session: SessionView } | { response: Response };

export function seasonRoutes(deps: PortalDeps): Hono {
  const app = new Hono();
  // One memo per server: a frozen version's summary is computed once (app/season/dashboard.ts).
  const cache = new Map<string, unknown>();
  const records = recordLoaders({ organizations: deps.organizations });

  const gate = (c: Context): Gate => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent(c.req.url.replace(/^https?:\/\/[^/]+/, ''))}`, 303) };
    if (!can(auth.user.role, 'report.read')) return { response: htmlError(c, [problem('auth.forbidden', 'report.read')]) };
    return { auth, session: { name: auth.user.displayName, csrfToken: auth.csrfToken } };
  };

  /** The dashboard's rows for the query: year, filters, anomaly options. */
  const board = async (c: Context, auth: Auth) => {
    const q = c.req.query();
    const today = deps.clock.today();
    const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : reportingYear(today);
    const options = anomalyOptions(q);
    const orgs = (await deps.organizations.list()).filter((o) => inScope(auth, o.id));
    const season = deps.season;
    const total = season ? await seasonDashboard({ season, cache }, { organizations: orgs, year, today, options }) : [];
    const filter = { state: (REPORT_STATES as readonly string[]).includes(q.state ?? '') ? (q.state as ReportState) : null, late: q.late === '1', flagged: q.flagged === '1', q: (q.q ?? '').slice(0, 100) };
    const rows = filterRows(total, filter);
    return { year, options, total, rows, filter, years: [year - 2, year - 1, year] };
  };

  app.get('/season', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const b = await board(c, g.auth);
    const submissions = submissionsOverTime(b.rows);
    const own = (await deps.organizations.get(g.auth.user.organizationId)) ?? null;
    const withResults = [...b.rows].filter((r) => r.results !== null).sort((x, y) => (y.totals.at(-1)?.value ?? 0) - (x.totals.at(-1)?.value ?? 0));
    const charts = {
      submissions: submissions.length > 0 ? await submissionsChart(submissions, reportDue(b.year, own?.kind ?? 'department')) : null,
      results: withResults.length > 0 ? await resultsChart(withResults.map((r) => ({ name: r.name, values: RESULT_GROUPS.map((x) => r.results?.[x.key] ?? null) })), RESULT_GROUPS.map((x) => x.zh)) : null,
      totals: withResults.length > 0 ? await totalsChart(withResults.map((r) => ({ name: r.name, values: r.totals.map((t) => t.value) })), b.years) : null,
    };
    return c.html(seasonDashboardPage({ ...b, orgId: g.auth.user.organizationId, submissions, charts, session: g.session, canImport: deps.seasonImports !== undefined && can(g.auth.user.role, 'report.importSeason') }));
  });

  app.get('/season.xlsx', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const b = await board(c, g.auth);
    const bytes = await seasonWorkbook({ year: b.year, rows: b.rows, years: b.years });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="season-${b.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${b.year}年度报告报送情况.xlsx`)}`,
    });
  });

  app.get('/organizations/:id/season-checks', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const id = c.req.param('id');
    const granted = await authorizedPage(c, g.auth, records, 'report.read', { kind: 'organization', id });
    if ('response' in granted) return granted.response;
    const org = granted.record;
    if (!deps.season) return htmlError(c, [problem('notFound', `organizations/${id}`)]);
    const options = anomalyOptions(c.req.query());
    const checks = await organizationSeasonChecks({ season: deps.season, cache }, id, options);
    return c.html(seasonChecksPage({ name: org.name, orgId: id, checks, options, session: g.session }));
  });

  return app;
}
