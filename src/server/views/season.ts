/**
 * The season dashboard (GET /season) and an organisation's cross-year checks (GET /organizations/:id/season-checks):
 * every organisation of the subtree with its state, days late, findings and flags, filters, the XLSX export, and three
 * charts drawn on the server (formats/charts/season.ts), each an SVG with role="img", an aria-label and its figures as
 * a table beside it.
 */
import { RESULT_GROUPS, type DashboardRow } from '../../app/season/dashboard.ts';
import type { Finding } from '../../core/annual-report/findings.ts';
import type { AnomalyOptions, YearChecks } from '../../core/season/anomalies.ts';
import { REPORT_STATE_LABELS, REPORT_STATES, type ReportState } from '../../core/season/lifecycle.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CASES_CSS, type SessionView } from './cases.ts';
import { page } from './layout.ts';

export const SEASON_CSS = `.chart{max-width:100%;overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5rem;margin:0 0 .5rem}
.chart svg{max-width:100%;height:auto}
.flags{margin:0;padding-left:1.1rem;font-size:.9rem}
.filters input[type=text],.filters input[type=number]{font:inherit;padding:.3rem .5rem}`;

export interface DashboardCharts {
  readonly submissions: string | null;
  readonly results: string | null;
  readonly totals: string | null;
}

const tablesHref = (id: string, year: number): string => `/organizations/${encodeURIComponent(id)}/tables/${year}#season-h`;
const checksHref = (id: string, options: AnomalyOptions): string => `/organizations/${encodeURIComponent(id)}/season-checks?factor=${options.factor}&amp;minimum=${options.minimum}&amp;busy=${options.busy}`;
const num = (v: number | null): string => (v === null ? '—' : String(v));

/** A chart: the SVG inside role="img" with its label, the figures as a table in a <details> beside it. */
export function figure(id: string, title: string, svg: string | null, table: string): string {
  if (svg === null) return '';
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>
<div class="chart" role="img" aria-label="${escapeHtml(title)}（数据见下表）">${svg}</div>
<details><summary>${escapeHtml(title)}：数据表</summary><div class="table-scroll" role="region" aria-label="${escapeHtml(title)}数据" tabindex="0">${table}</div></details></section>`;
}

export interface DashboardPageInput {
  readonly year: number;
  readonly orgId: string;
  readonly rows: readonly DashboardRow[];
  /** Every row before filtering (the counts in the lead speak of the whole subtree). */
  readonly total: readonly DashboardRow[];
  readonly filter: { state: ReportState | null; late: boolean; flagged: boolean; q: string };
  readonly options: AnomalyOptions;
  readonly years: readonly number[];
  readonly submissions: readonly { date: string; count: number; cumulative: number }[];
  readonly charts: DashboardCharts;
  readonly session: SessionView;
  /** The user may import the area's published reports (/season/import). */
  readonly canImport?: boolean;
}

/** GET /season. */
export function seasonDashboardPage(input: DashboardPageInput): string {
  const { year, rows, options, filter } = input;
  const counts = Object.entries(REPORT_STATE_LABELS).map(([k, l]) => `${l.zh} ${input.total.filter((r) => r.state === k).length}`).join(' · ');
  const late = input.total.filter((r) => r.daysLate > 0).length;
  const flagged = input.total.filter((r) => r.crossYear.length > 0).length;
  const flags = (r: DashboardRow): string =>
    r.crossYear.length === 0 ? '—' : `<a href="${checksHref(r.id, options)}">${r.crossYear.length} 项</a><ul class="flags">${r.crossYear.slice(0, 3).map((f) => `<li>${escapeHtml(f.messageZh)}</li>`).join('')}</ul>`;
  const body = rows
    .map((r) => `<tr><td><a href="${tablesHref(r.id, year)}">${escapeHtml(r.name)}</a></td><td>${REPORT_STATE_LABELS[r.state].zh}${r.version > 1 ? `（第 ${r.version} 版）` : ''}</td><td class="nowrap">${r.due}</td><td class="num">${r.daysLate > 0 ? `<strong>${r.daysLate}</strong>` : '—'}</td><td class="num">${num(r.errors)}</td><td class="num">${num(r.warnings)}</td><td>${flags(r)}</td></tr>`)
    .join('\n');
  const query = new URLSearchParams({ year: String(year), ...(filter.state ? { state: filter.state } : {}), ...(filter.late ? { late: '1' } : {}), ...(filter.flagged ? { flagged: '1' } : {}), ...(filter.q ? { q: filter.q } : {}), factor: String(options.factor), minimum: String(options.minimum), busy: String(options.busy) }).toString();
  const byResults = [...rows].filter((r) => r.results !== null).sort((a, b) => (b.totals.at(-1)?.value ?? 0) - (a.totals.at(-1)?.value ?? 0));
  const resultsTable = `<table class="list"><thead><tr><th scope="col">机关</th>${RESULT_GROUPS.map((g) => `<th scope="col">${g.zh}</th>`).join('')}</tr></thead><tbody>${byResults.map((r) => `<tr><td>${escapeHtml(r.name)}</td>${RESULT_GROUPS.map((g) => `<td class="num">${num(r.results?.[g.key] ?? null)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const totalsTable = `<table class="list"><thead><tr><th scope="col">机关</th>${input.years.map((y) => `<th scope="col">${y}年</th>`).join('')}</tr></thead><tbody>${byResults.map((r) => `<tr><td>${escapeHtml(r.name)}</td>${r.totals.map((t) => `<td class="num">${num(t.value)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const submissionsTable = `<table class="list"><thead><tr><th scope="col">日期</th><th scope="col">当日报送</th><th scope="col">累计</th></tr></thead><tbody>${input.submissions.map((p) => `<tr><td>${p.date}</td><td class="num">${p.count}</td><td class="num">${p.cumulative}</td></tr>`).join('')}</tbody></table>`;
  return page({
    title: `${year} 年度报告报送`,
    css: `${CASES_CSS}${SEASON_CSS}`,
    nav: 'season',
    session: input.session,
    body: `<h1>${year} 年度报告报送情况</h1>
<p class="lead">本机关及下级机关的年度报告：${counts}；逾期未公布 ${late} 个；跨年度核对有提示 ${flagged} 个。<a href="/organizations/${encodeURIComponent(input.orgId)}/rollup/${year}">查看本地区汇总</a>${input.canImport ? '；<a href="/season/import">导入本地区各机关已公布的年度报告</a>' : ''}。部门于次年1月31日前公布（条例第四十九条），人民政府于3月31日前公布本行政区域的年度报告（条例第五十条）。</p>
<form class="filters" method="get" action="/season">
<div><label for="s-year">年度</label><input type="number" id="s-year" name="year" value="${year}" min="2008" max="2100" class="short"></div>
<div><label for="s-state">状态</label><select id="s-state" name="state"><option value="">全部</option>${REPORT_STATES.map((s) => `<option value="${s}"${filter.state === s ? ' selected' : ''}>${REPORT_STATE_LABELS[s].zh}</option>`).join('')}</select></div>
<div><label for="s-q">机关名称</label><input type="text" id="s-q" name="q" value="${escapeHtml(filter.q)}"></div>
<div><label><input type="checkbox" name="late" value="1"${filter.late ? ' checked' : ''}> 仅逾期</label><label><input type="checkbox" name="flagged" value="1"${filter.flagged ? ' checked' : ''}> 仅有错误、警告或跨年度提示</label></div>
<div><label for="s-factor">异常倍数</label><input type="number" id="s-factor" name="factor" value="${options.factor}" min="1.1" max="1000" step="0.1" class="short"></div>
<div><label for="s-minimum">起算数量</label><input type="number" id="s-minimum" name="minimum" value="${options.minimum}" min="0" class="short"></div>
<div><button type="submit">查看</button></div>
</form>
<p>显示 ${rows.length} 个机关。<a href="/season.xlsx?${escapeHtml(query)}" download>导出 Excel（XLSX）</a></p>
<div class="table-scroll" role="region" aria-label="报送情况" tabindex="0"><table class="list"><thead><tr><th scope="col">机关</th><th scope="col">状态</th><th scope="col">公布期限</th><th scope="col">逾期天数</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">跨年度核对</th></tr></thead><tbody>${body}</tbody></table></div>
${figure('chart-submissions', '报送进度（累计已报送机关数）', input.charts.submissions, submissionsTable)}
${figure('chart-results', `${year}年申请办理结果（按机关）`, input.charts.results, resultsTable)}
${figure('chart-totals', '各机关本年新收申请数量（逐年）', input.charts.totals, totalsTable)}`,
  });
}

/** GET /organizations/:id/season-checks: each year of the organisation compared with the year before. */
export function seasonChecksPage(input: { name: string; orgId: string; checks: readonly YearChecks[]; options: AnomalyOptions; session: SessionView }): string {
  const item = (f: Finding): string => `<li><strong>${f.code}</strong> ${escapeHtml(f.messageZh)}</li>`;
  const years = [...input.checks]
    .reverse()
    .map((c) => `<section aria-labelledby="y${c.year}"><h2 id="y${c.year}">${c.year} 年度</h2>${c.previousYear === null ? '<p>没有上一年度已报送的报告，未作比较。</p>' : c.findings.length === 0 ? `<p>与 ${c.previousYear} 年度相比未见问题。</p>` : `<ul>${c.findings.map(item).join('')}</ul>`}</section>`)
    .join('\n');
  return page({
    title: `${input.name} 跨年度核对`,
    css: CASES_CSS,
    nav: 'season',
    session: input.session,
    body: `<h1>${escapeHtml(input.name)} 跨年度核对</h1>
<p class="lead">逐年与上一年度已报送的报告比较：上年结转、现行有效件数等衔接关系，以及主要数字变化超过 ${input.options.factor} 倍（两年均不少于 ${input.options.minimum}）、上一年度合计不少于 ${input.options.busy} 而本年全部为 0 的表格。<a href="/season">返回报送情况</a></p>
${years || '<p>尚无已报送的年度报告。</p>'}`,
  });
}
