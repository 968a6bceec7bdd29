/**
 * The public 年报 column (issue 11 item 6): GET /nianbao, /nianbao/:org, /nianbao/:org/:year[?v=N] and
 * /nianbao/:org/:year/download/:format[?v=N]. Only published versions; anything else (an unknown organisation, a year
 * not published, a bad parameter) is 404.
 */
import { Hono, type Context } from 'hono';
import { checkReport, renderReport, type RendererRegistry } from '../../../app/annual-report/index.ts';
import { organizationReports, publishedColumn, publishedReport, type PublishedDeps } from '../../../app/season/published.ts';
import { problem } from '../../../core/errors.ts';
import { totalsChart } from '../../../formats/charts/season.ts';
import { PROVENANCE_CSS, REPORT_CSS, renderReportArticle } from '../../../formats/html/render.ts';
import { htmlError } from '../../errors.ts';
import { columnPage, organizationReportsPage, publishedReportPage } from '../../views/nianbao.ts';
import { presentSources } from '../import/presenter.ts';
import { contentDisposition, reportTitle } from '../reports/presenter.ts';

export function publicReportRoutes(deps: PublishedDeps & { formats: RendererRegistry }): Hono {
  const app = new Hono();
  const formats = Object.entries(deps.formats).map(([id, f]) => ({ id, label: f.label }));
  const notFound = (c: Context) => htmlError(c, [problem('notFound', c.req.path, { zh: `没有此页面：${c.req.path}`, en: `no such page: ${c.req.path}` })]);
  /** The year and version of the path and query, or null when malformed. */
  const which = (c: Context): { year: number; version: number | null } | null => {
    const year = c.req.param('year') ?? '';
    const v = c.req.query('v');
    if (!/^\d{4}$/.test(year) || (v !== undefined && !/^\d{1,4}$/.test(v))) return null;
    return { year: Number(year), version: v === undefined ? null : Number(v) };
  };

  app.get('/nianbao', async (c) => c.html(columnPage(await publishedColumn(deps, null))));

  app.get('/nianbao/:org', async (c) => {
    const data = await organizationReports(deps, c.req.param('org'));
    if (!data) return notFound(c);
    const { years, rows } = data.comparison;
    const chart = years.length > 1 ? await totalsChart(rows.map((r) => ({ name: r.zh, values: r.values })), years) : null;
    return c.html(organizationReportsPage({ data, formats, chart }));
  });

  app.get('/nianbao/:org/:year', async (c) => {
    const w = which(c);
    const data = w ? await publishedReport(deps, c.req.param('org'), w.year, w.version) : null;
    if (!data) return notFound(c);
    const check = checkReport({ report: data.report });
    const articleHtml = renderReportArticle(data.report, { findings: check.findings, ...(data.provenance ? { provenance: presentSources(data.provenance) } : {}) });
    return c.html(publishedReportPage({ data, title: reportTitle(data.report), articleHtml, reportCss: data.provenance ? `${REPORT_CSS}${PROVENANCE_CSS}` : REPORT_CSS, formats }));
  });

  app.get('/nianbao/:org/:year/download/:format', async (c) => {
    const w = which(c);
    const data = w ? await publishedReport(deps, c.req.param('org'), w.year, w.version) : null;
    if (!data) return notFound(c);
    const rendered = await renderReport(deps, { report: data.report, format: c.req.param('format') });
    if (!rendered.ok) return htmlError(c, rendered.problems);
    const id = `${data.record.year}-${data.record.version}`;
    return c.body(rendered.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': rendered.contentType, 'Content-Disposition': contentDisposition(id, data.report, rendered.ext), 'Cache-Control': 'no-cache' });
  });

  return app;
}
