/**
 * The public 年报 column (/nianbao): every organisation with the years it published; an organisation's reports by
 * year with each version, its 更正说明 and downloads, its years compared side by side (a chart with its figures as a
 * table), and for a government its area's reports; one report rendered to its template. Public: no session needed.
 */
import type { ColumnEntry, OrganizationReports, PublishedReport } from '../../app/season/published.ts';
import type { SeasonRecord } from '../../app/season/reports.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CASES_CSS } from './cases.ts';
import { page } from './layout.ts';
import { figure, SEASON_CSS } from './season.ts';

export interface DownloadFormat {
  readonly id: string;
  readonly label: string;
}

const orgHref = (id: string): string => `/nianbao/${encodeURIComponent(id)}`;
const reportHref = (id: string, year: number, version?: number): string => `${orgHref(id)}/${year}${version === undefined ? '' : `?v=${version}`}`;
const downloadHref = (id: string, year: number, version: number, format: string): string => `${orgHref(id)}/${year}/download/${encodeURIComponent(format)}?v=${version}`;
const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');
const num = (v: number | null): string => (v === null ? '—' : String(v));

function columnTable(entries: readonly ColumnEntry[], label: string): string {
  const rows = entries
    .map((e) => `<tr><td><span style="padding-left:${e.depth * 1.2}rem">${e.years.length > 0 ? `<a href="${orgHref(e.organization.id)}">${escapeHtml(e.organization.name)}</a>` : escapeHtml(e.organization.name)}</span></td><td>${e.years.length > 0 ? e.years.map((y) => `<a href="${reportHref(e.organization.id, y)}">${y}年</a>`).join(' ') : '<span class="muted">尚未公布</span>'}</td></tr>`)
    .join('');
  return `<div class="table-scroll" role="region" aria-label="${escapeHtml(label)}" tabindex="0"><table class="list"><thead><tr><th scope="col">机关</th><th scope="col">已公布的年度报告</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** GET /nianbao. */
export function columnPage(entries: readonly ColumnEntry[]): string {
  const published = entries.filter((e) => e.years.length > 0).length;
  return page({
    title: '政府信息公开工作年度报告',
    nav: 'nianbao',
    css: CASES_CSS,
    body: `<h1>政府信息公开工作年度报告</h1>
<p class="lead">各行政机关于每年1月31日前公布本机关上一年度政府信息公开工作年度报告（《政府信息公开条例》第四十九条、第五十条），县级以上人民政府于3月31日前公布本行政区域的年度报告。共 ${entries.length} 个机关，已公布报告的 ${published} 个。</p>
${columnTable(entries, '各机关年度报告')}`,
  });
}

function versionLabel(r: SeasonRecord, newest: number): string {
  return r.version === 1 && newest === 1 ? '' : `第 ${r.version} 版${r.version === newest ? '（现行）' : ''}`;
}

/** GET /nianbao/:org: the organisation's years, their comparison, and its area's reports. */
export function organizationReportsPage(input: { data: OrganizationReports; formats: readonly DownloadFormat[]; chart: string | null }): string {
  const { data } = input;
  const org = data.organization;
  const rows = data.years
    .flatMap(({ year, versions }) =>
      versions.map((r) => `<tr><td>${year}年${versionLabel(r, versions[0]?.version ?? 1) ? ` <span class="muted">${versionLabel(r, versions[0]?.version ?? 1)}</span>` : ''}</td><td class="nowrap">${day(r.publishedAt)}</td><td>${r.notice ? escapeHtml(r.notice) : '—'}</td><td><a href="${reportHref(org.id, year, r.version)}">查看</a></td><td>${input.formats.map((f) => `<a href="${downloadHref(org.id, year, r.version, f.id)}" download>${escapeHtml(f.label)}</a>`).join(' · ')}</td></tr>`),
    )
    .join('');
  const { years, rows: figures } = data.comparison;
  const table = `<table class="list"><thead><tr><th scope="col">项目</th>${years.map((y) => `<th scope="col">${y}年</th>`).join('')}</tr></thead><tbody>${figures.map((f) => `<tr><td>${escapeHtml(f.zh)}</td>${f.values.map((v) => `<td class="num">${num(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const comparison = years.length > 1 ? `${figure('chart-years', '逐年比较', input.chart, table)}` : '';
  return page({
    title: `${org.name} 年度报告`,
    nav: 'nianbao',
    css: `${CASES_CSS}${SEASON_CSS}`,
    body: `<p><a href="/nianbao">← 年度报告专栏</a></p>
<h1>${escapeHtml(org.name)} 政府信息公开工作年度报告</h1>
${data.years.length === 0 ? '<p>本机关尚未在本平台公布年度报告。</p>' : `<div class="table-scroll" role="region" aria-label="各年度报告" tabindex="0"><table class="list"><thead><tr><th scope="col">年度</th><th scope="col">公布日期</th><th scope="col">更正说明</th><th scope="col">报告</th><th scope="col">下载</th></tr></thead><tbody>${rows}</tbody></table></div>`}
${comparison}
${data.area.length > 0 ? `<h2>本地区各机关年度报告</h2>${columnTable(data.area, '本地区各机关年度报告')}` : ''}`,
  });
}

/** GET /nianbao/:org/:year: one version rendered to its template. */
export function publishedReportPage(input: { data: PublishedReport; title: string; articleHtml: string; reportCss: string; formats: readonly DownloadFormat[] }): string {
  const { data } = input;
  const org = data.organization;
  const r = data.record;
  const newest = data.versions[0]?.version ?? r.version;
  const others = data.versions.filter((v) => v.version !== r.version);
  return page({
    title: input.title,
    nav: 'nianbao',
    css: input.reportCss,
    body: `<div class="report-toolbar">
<p><a href="${orgHref(org.id)}">← ${escapeHtml(org.name)} 年度报告</a></p>
<p>公布日期：${day(r.publishedAt)}${versionLabel(r, newest) ? `；${versionLabel(r, newest)}` : ''}${r.notice ? `；更正说明：${escapeHtml(r.notice)}` : ''}${r.version !== newest ? `。本版已被更正，<a href="${reportHref(org.id, r.year)}">查看现行版本</a>` : ''}${others.length > 0 && r.version === newest ? `。更正前的版本：${others.map((v) => `<a href="${reportHref(org.id, r.year, v.version)}">第 ${v.version} 版</a>`).join(' ')}` : ''}</p>
<p>下载：${input.formats.map((f) => `<a href="${downloadHref(org.id, r.year, r.version, f.id)}" download>${escapeHtml(f.label)}</a>`).join(' · ')}</p>
</div>
${input.articleHtml}`,
  });
}
