/**
 * The year's tables 二, 三 and 四 of an organisation (and below), counted from the catalog and the cases: every count a
 * link to the documents, decisions, cases or review records behind it; the findings of the built report; downloads in every format. And the drill-down list.
 */
import type { CaseSummary } from '../../app/applications/index.ts';
import { STATE_LABELS } from '../../core/application/case.ts';
import { REVIEW_GROUP_LABELS, REVIEW_OUTCOME_LABELS, type ReviewRecord } from '../../core/application/review.ts';
import type { Finding } from '../../core/annual-report/findings.ts';
import { tableLayout, type ValueCell } from '../../core/annual-report/layout.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { TEMPLATES, type TableKey } from '../../core/annual-report/templates/index.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { REPORT_CSS } from '../../formats/html/style.ts';
import { renderTable } from '../../formats/html/table.ts';
import { FORMAT_IDS, FORMATS } from '../../formats/index.ts';
import { CASES_CSS, type SessionView } from './cases.ts';
import { page } from './layout.ts';
import type { SeasonRecord } from '../../app/season/reports.ts';
import type { AreaRollUp } from '../../app/season/rollup.ts';
import { cellName } from '../../core/annual-report/findings.ts';
import { ACTION_LABELS as SEASON_ACTION_LABELS, REPORT_STATE_LABELS, type ReportAction } from '../../core/season/lifecycle.ts';
import { beijingTime } from '../clock.ts';

const base = (orgId: string, year: number) => `/organizations/${encodeURIComponent(orgId)}/tables/${year}`;

/**
 * Table 三 or 四 drawn as the template draws it (merged header cells: 申请人情况 / 法人或其他组织, 行政复议 / 行政诉讼 /
 * 未经复议直接起诉 …), every count above zero a link to the cases or records behind it.
 */
function matrix(report: AnnualReport, table: TableKey, orgId: string): string {
  const link = (cell: ValueCell): string | null =>
    cell.value === null || cell.value === 0 ? null : `${base(orgId, report.year ?? 0)}/cells/${table}/${encodeURIComponent(cell.cell.path.slice(table.length + 1))}`;
  return `<div class="annual-report">${renderTable(tableLayout(report, table), new Map(), undefined, { link })}</div>`;
}

/** The report's place in the season: state, due date, the versions, and the buttons this user may press. */
export interface SeasonView {
  readonly current: SeasonRecord;
  readonly versions: readonly SeasonRecord[];
  readonly due: string;
  readonly daysLate: number;
  readonly actions: readonly ReportAction[];
}

function seasonSection(orgId: string, year: number, season: SeasonView, csrfToken: string): string {
  const c = season.current;
  const history = season.versions
    .map((v) => `<li>第 ${v.version} 版：${REPORT_STATE_LABELS[v.state].zh}（${escapeHtml(v.updatedBy)}，${escapeHtml(beijingTime(v.updatedAt))}）${v.comment ? `：${escapeHtml(v.comment)}` : ''}</li>`)
    .join('');
  const buttons = season.actions
    .map((a) => {
      const needs = a === 'return' || a === 'correct';
      const id = `season-${a}`;
      return `<form method="post" action="${base(orgId, year)}/season/${a}" class="season-action"><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">${
        needs ? `<label for="${id}">${a === 'return' ? '退回意见' : '更正说明'}</label> <input type="text" id="${id}" name="comment" required> ` : ''
      }<button type="submit"${a === 'submit' || a === 'publish' ? ' class="primary"' : ''}>${SEASON_ACTION_LABELS[a]}</button></form>`;
    })
    .join('');
  return `<section class="card" aria-labelledby="season-h"><h2 id="season-h">报送与公布</h2>
<p>当前：第 ${c.version} 版，<strong>${REPORT_STATE_LABELS[c.state].zh}</strong>。公布期限：${season.due}${season.daysLate > 0 ? `，<strong>已逾期 ${season.daysLate} 天</strong>` : ''}（条例第四十九条、第五十条）。${c.state === 'returned' && c.comment ? `退回意见：${escapeHtml(c.comment)}` : ''}</p>
${history ? `<ul>${history}</ul>` : ''}${buttons}</section>`;
}

/** The tables page. */
export function tablesPage(input: { report: AnnualReport; orgId: string; organizations: readonly { id: string; name: string }[]; findings: readonly Finding[]; session: SessionView; canWrite: boolean; problems?: readonly Problem[]; season?: SeasonView | null }): string {
  const { report, orgId } = input;
  const year = report.year ?? 0;
  const years = Array.from({ length: 6 }, (_, i) => year + 2 - i);
  const errors = input.findings.filter((f) => f.severity !== 'info');
  return page({
    title: `${report.organization ?? ''} ${year} 年度 表二、表三、表四`,
    css: `${REPORT_CSS}${CASES_CSS}`,
    nav: 'tables',
    session: input.session,
    body: `<h1>${escapeHtml(report.organization ?? '')} ${year} 年度政府信息公开工作年度报告（表二、表三、表四）</h1>
<p class="lead">表二由主动公开目录（规章、规范性文件及其有效性）和录入或导入的处理决定统计，表三、表四由案件统计（均含下级机关）。模板：${TEMPLATES[report.template].notice}。点击数字查看对应的文件、决定或案件。正文由本机关撰写。</p>
<form class="filters" method="get" action="/organizations/go">
<div><label for="t-org">机关</label><select id="t-org" name="organization">${input.organizations.map((o) => `<option value="${escapeHtml(o.id)}"${o.id === orgId ? ' selected' : ''}>${escapeHtml(o.name)}</option>`).join('')}</select></div>
<div><label for="t-year">年度</label><select id="t-year" name="year">${years.map((y) => `<option${y === year ? ' selected' : ''}>${y}</option>`).join('')}</select></div>
<div><button type="submit">查看</button></div></form>
${input.season ? seasonSection(orgId, year, input.season, input.session.csrfToken) : ''}
<ul class="downloads">${FORMAT_IDS.map((f) => `<li><a href="${base(orgId, year)}.${FORMATS[f].ext}">${escapeHtml(FORMATS[f].label)}</a></li>`).join('')}</ul>
${report.proactive !== null && Object.keys(report.proactive).length > 0 ? `<h2>二、主动公开政府信息情况</h2>
${matrix(report, 'proactive', orgId)}` : ''}
<h2>三、收到和处理政府信息公开申请情况</h2>
${matrix(report, 'applications', orgId)}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
${matrix(report, 'reviewLitigation', orgId)}
<h2>正文</h2>
${sectionsForm(input)}
<h2>校验</h2>
${errors.length === 0 ? '<p>没有错误或警告：表三、表四的勾稽关系全部通过，正文检查通过。</p>' : `<ul>${errors.map((f) => `<li>${f.severity === 'error' ? '错误' : '警告'}：${escapeHtml(f.messageZh)}</li>`).join('')}</ul>`}`,
  });
}

const SECTION_LABELS = { overview: '一、总体情况', problems: '五、存在的主要问题及改进情况', otherMatters: '六、其他需要报告的事项' } as const;

/** The narrative sections: a form for who may write them, the text otherwise. */
function sectionsForm(input: { report: AnnualReport; orgId: string; session: SessionView; canWrite: boolean; problems?: readonly Problem[] }): string {
  const { report } = input;
  const keys = Object.keys(SECTION_LABELS) as (keyof typeof SECTION_LABELS)[];
  if (!input.canWrite) return keys.map((k) => `<h3>${SECTION_LABELS[k]}</h3><p>${escapeHtml(report.sections[k] ?? '（未填写）').replace(/\n/g, '<br>')}</p>`).join('');
  const problems = input.problems ?? [];
  // The draft (core/annual-report/narrative.ts) fills only empty sections, in the form: nothing is saved until 保存正文.
  const draftLink = `<p><a href="${base(input.orgId, report.year ?? 0)}?draft=1#s-overview">按表格数字生成正文初稿</a>（只填入尚未填写的部分；核对、补充后保存。正文引用的数字由“正文所述数字与表格不一致”规则逐一核对。）</p>`;
  return `${draftLink}<form class="form" method="post" action="${base(input.orgId, report.year ?? 0)}/sections">
<input type="hidden" name="_csrf" value="${escapeHtml(input.session.csrfToken)}">
${keys.map((k) => `<div class="field"><label for="s-${k}">${SECTION_LABELS[k]}</label><textarea id="s-${k}" name="${k}" rows="6" style="width:100%">${escapeHtml(report.sections[k] ?? '')}</textarea>${problems.filter((p) => p.at === k).map((p) => `<span class="error" style="color:#a40e26;display:block">${escapeHtml(p.messageZh)}</span>`).join('')}</div>`).join('\n')}
<button class="primary" type="submit">保存正文</button>
</form>`;
}

/** The cases (or records) behind one cell. */
export function cellPage(input: { title: string; back: string; total: number; cases?: readonly CaseSummary[]; records?: readonly ReviewRecord[]; session: SessionView; next?: string | null }): string {
  const list = input.cases
    ? `<div class="table-scroll" role="region" aria-label="案件" tabindex="0"><table class="list"><thead><tr><th scope="col">申请编号</th><th scope="col">申请人</th><th scope="col">收到日期</th><th scope="col">办结日期</th><th scope="col">状态</th></tr></thead><tbody>${input.cases
        .map((c) => `<tr><td><a href="/applications/${encodeURIComponent(c.id)}">${escapeHtml(c.number)}</a></td><td>${escapeHtml(c.applicantName)}</td><td>${c.receivedOn}</td><td>${c.closedOn ?? ''}</td><td>${STATE_LABELS[c.state].zh}</td></tr>`)
        .join('')}</tbody></table></div>`
    : `<ul>${(input.records ?? []).map((r) => `<li><a href="/applications/${encodeURIComponent(r.caseId)}">${REVIEW_GROUP_LABELS[r.group].zh}</a>：${escapeHtml(r.body)}，${r.filedOn} 受理，${REVIEW_OUTCOME_LABELS[r.outcome ?? 'pending'].zh}</li>`).join('')}</ul>`;
  return page({
    title: input.title,
    css: CASES_CSS,
    nav: 'cases',
    session: input.session,
    body: `<p><a href="${input.back}">← 返回表格</a></p><h1>${escapeHtml(input.title)}</h1><p class="lead">共 ${input.total} 件${input.total > (input.cases ?? input.records ?? []).length ? `，本页列出 ${(input.cases ?? input.records ?? []).length} 件` : ''}</p>${list}${input.next ? `<p><a href="?cursor=${encodeURIComponent(input.next)}">下一页</a></p>` : ''}`,
  });
}

/** GET /organizations/:id/rollup/:year: the area's tables summed from its organisations' frozen reports; a cell's contributors on demand. */
export function rollupPage(input: { orgId: string; year: number; up: AreaRollUp; cell: string | null; session: SessionView }): string {
  const { up, orgId, year } = input;
  const here = `/organizations/${encodeURIComponent(orgId)}/rollup/${year}`;
  const link = (cell: ValueCell): string => `${here}?cell=${encodeURIComponent(cell.cell.path)}#cell-h`;
  const table = (t: TableKey) => `<div class="annual-report">${renderTable(tableLayout(up.report, t), new Map(), undefined, { link })}</div>`;
  const parts = input.cell ? up.contributions.get(input.cell) : undefined;
  const drill = parts
    ? `<section class="card" aria-labelledby="cell-h"><h2 id="cell-h">${escapeHtml(cellName(input.cell ?? '') ?? input.cell ?? '')}</h2><table class="list"><thead><tr><th scope="col">机关</th><th scope="col">数值</th></tr></thead><tbody>${parts.map((p) => `<tr><td>${escapeHtml(p.name)}</td><td class="num">${p.value === null ? '（空白）' : p.value}</td></tr>`).join('')}</tbody></table></section>`
    : '';
  const findings = up.findings.filter((f) => f.code.startsWith('rollup.'));
  return page({
    title: `${up.report.organization ?? ''} ${year} 年度汇总`,
    css: `${REPORT_CSS}${CASES_CSS}`,
    nav: 'season',
    session: input.session,
    body: `<h1>${escapeHtml(up.report.organization ?? '')} ${year} 年度汇总</h1>
<p class="lead">由下级机关已报送（已提交、已接收或已公布）的年度报告相加：${up.included.length} 个机关计入${up.missing.length > 0 ? `；尚未报送 ${up.missing.length} 个：${escapeHtml(up.missing.join('、'))}` : ''}。各机关都填写的单元格为合计；有机关空白的单元格合计为空。点击数字查看各机关的数值。</p>
${drill}
${findings.length > 0 ? `<ul>${findings.map((f) => `<li>${escapeHtml(f.messageZh)}</li>`).join('')}</ul>` : ''}
<h2>二、主动公开政府信息情况</h2>${table('proactive')}
<h2>三、收到和处理政府信息公开申请情况</h2>${table('applications')}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>${table('reviewLitigation')}`,
  });
}
