/** Pages of the annual reports: the list (/) and one report (/reports/:id); imported reports are marked 已导入. */
import type { FindingSummary } from '../../app/annual-report/index.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import type { DownloadLink, ReportListItem } from '../routes/reports/presenter.ts';
import { page } from './layout.ts';

const SEVERITIES = [
  { key: 'error', zh: '错误', en: 'errors' },
  { key: 'warning', zh: '警告', en: 'warnings' },
  { key: 'info', zh: '提示', en: 'info' },
] as const;

function badge(severity: keyof FindingSummary, n: number): string {
  return `<span class="badge ${n === 0 ? 'zero' : severity}" data-severity="${severity}">${n}</span>`;
}

/** The 已导入 tag of an imported report (one built here through the season carries none); 第 N 版 after a correction. */
function importedTag(item: ReportListItem): string {
  return `${item.imported ? ` <span class="tag imported" title="从已发布的报告文件导入 / imported from a published file">已导入</span>` : ''}${item.version > 1 ? ` <span class="tag">第 ${item.version} 版</span>` : ''}`;
}

function listRow(item: ReportListItem): string {
  const org = item.organization === null
    ? `<span class="muted">${escapeHtml(item.organizationLabel)}</span>`
    : escapeHtml(item.organizationLabel);
  return `<tr data-report="${escapeHtml(item.id)}"${item.imported ? ' data-imported' : ''}>
<td><a href="${escapeHtml(item.href)}">${org}</a>${importedTag(item)}</td>
<td class="num">${item.year ?? "—"}</td>
<td>${escapeHtml(item.templateNotice)}</td>
${SEVERITIES.map((s) => `<td class="num">${badge(s.key, item.summary[s.key])}</td>`).join('\n')}
</tr>`;
}

/**
 * `/`: the published reports of the store, newest publication first, each organisation's year once (its newest
 * version), with their finding counts; `next` is the cursor of the next page. Never throws.
 */
export function reportListPage(items: readonly ReportListItem[], next: string | null = null): string {
  const head = SEVERITIES.map((s) => `<th scope="col">${s.zh} <span class="en">${s.en}</span></th>`).join('');
  const body = `<h1>政府信息公开工作年度报告</h1>
<p class="lead">已公布的年度报告，按《政府信息公开条例》第五十条及国办模板的勾稽关系逐项检查；各机关历年报告和更正版本见<a href="/nianbao">年报专栏</a>。<a href="/import">导入报告</a><br>
<span class="en">Published annual reports, checked against the arithmetic rules of the national templates.</span></p>
${items.length === 0 ? '<p class="muted">尚无已公布的年度报告。<span class="en">No published report yet.</span></p>' : `<div class="table-scroll" role="region" aria-label="年度报告列表" tabindex="0"><table class="list">
<thead><tr><th scope="col">机关 <span class="en">organisation</span></th><th scope="col">年度 <span class="en">year</span></th><th scope="col">模板 <span class="en">template</span></th>${head}</tr></thead>
<tbody>
${items.map(listRow).join('\n')}
</tbody>
</table></div>`}
${next ? `<p class="pager"><a href="/?after=${encodeURIComponent(next)}" rel="next">下一页 <span class="en">next page</span></a></p>` : ''}`;
  return page({ title: '年度报告', body, nav: 'reports' });
}

export interface ReportPageInput {
  readonly item: ReportListItem;
  readonly title: string;
  /**
   * Trusted HTML: the report article with its findings (src/formats/html renderReportArticle): the title, sections
   * 一 … 六 with the offending cells marked, and the findings list, which the page CSS sets beside the report.
   */
  readonly articleHtml: string;
  readonly downloads: readonly DownloadLink[];
  /** Trusted CSS of the report tables. */
  readonly reportCss: string;
  /** For an admin of its scope on an imported report: the form to withdraw it (with the session's CSRF token). */
  readonly withdraw?: { readonly csrfToken: string } | null;
}

/** `/reports/:id`: the report rendered to its template, its findings beside it, and download links. Never throws. */
export function reportPage(input: ReportPageInput): string {
  const { item } = input;
  const counts = SEVERITIES.map((s) => `${s.zh} ${badge(s.key, item.summary[s.key])}`).join('&emsp;');
  const downloads = input.downloads
    .map((d) => `<li><a href="${escapeHtml(d.href)}" data-format="${escapeHtml(d.format)}" download>${escapeHtml(d.label)}</a></li>`)
    .join('');
  const body = `<div class="report-toolbar">
<p><a href="/">← 年度报告列表</a> <span class="en">/ all reports</span></p>
<p class="lead">${escapeHtml(item.organizationLabel)} · ${item.year === null ? "年度未知" : `${item.year} 年度`} · ${escapeHtml(item.templateNotice)}${importedTag(item)}&emsp;${counts}</p>
<nav aria-label="下载"><ul class="downloads"><li class="muted">下载 <span class="en">download</span>：</li>${downloads}</ul></nav>
</div>
<div class="report-body">
${input.articleHtml}
</div>${input.withdraw ? `
<details class="withdraw"><summary>撤回此报告</summary><form method="post" action="/reports/${encodeURIComponent(item.id)}/withdraw">
<input type="hidden" name="_csrf" value="${escapeHtml(input.withdraw.csrfToken)}">
<p>撤回后报告不再公开列出和显示，但仍保存在系统中（状态“已撤回”）；审计日志记录撤回人和理由。该机关该年度可重新导入或在平台上编制报告。</p>
<label for="withdraw-reason">撤回理由</label> <input type="text" id="withdraw-reason" name="reason" maxlength="500" required>
<button type="submit">撤回</button></form></details>` : ''}`;
  return page({ title: input.title, body, css: input.reportCss });
}
