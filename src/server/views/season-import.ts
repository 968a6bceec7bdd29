/**
 * Importing a season from the web (导入本地区年度报告): the upload form with the recent imports, the job's page —
 * its progress while it runs (the page reloads itself through a Refresh header, which the reader can stop), then every
 * file's outcome and, for the files no name matched, the confirm form naming their organisations.
 */
import type { SeasonImportFileRecord, SeasonImportJob, SeasonJobState } from '../../app/season/import-jobs.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CASES_CSS, type SessionView } from './cases.ts';
import { problemList } from './import.ts';
import { page } from './layout.ts';

const CSS = `progress{width:100%;max-width:32rem;height:1.2rem}
.outcome-stored{color:#1a7f37}.outcome-skipped{color:#6e7781}.outcome-unmatched{color:#9a6700}
.place select{max-width:100%}`;

export const JOB_STATE_LABELS: Readonly<Record<SeasonJobState | 'interrupted', string>> = {
  running: '正在导入',
  done: '已完成',
  failed: '失败',
  interrupted: '已中断（服务曾停止，请重新上传未导入的文件）',
};

const jobHref = (id: string): string => `/season/import/${encodeURIComponent(id)}`;

export interface SeasonImportFormInput {
  readonly parents: readonly { id: string; name: string; depth: number }[];
  readonly values: { parentId: string; year: string; createOrgs: boolean };
  readonly canCreate: boolean;
  readonly recent: readonly { job: SeasonImportJob; parent: string; status: SeasonJobState | 'interrupted' }[];
  readonly problems: readonly Problem[];
  readonly limits: { uploadMb: number; files: number };
  readonly session: SessionView;
}

/** GET /season/import (and the form again with its problems). */
export function seasonImportFormPage(input: SeasonImportFormInput): string {
  const v = input.values;
  const recent = input.recent.length === 0
    ? '<p>尚无导入记录。</p>'
    : `<div class="table-scroll" role="region" aria-label="最近的导入" tabindex="0"><table class="list"><thead><tr><th scope="col">开始时间</th><th scope="col">范围</th><th scope="col">年度</th><th scope="col">文件</th><th scope="col">状态</th><th scope="col">操作人</th></tr></thead><tbody>${input.recent
        .map(({ job, parent, status }) => `<tr><td class="nowrap"><a href="${jobHref(job.id)}">${escapeHtml(job.createdAt.slice(0, 16).replace('T', ' '))}</a></td><td>${escapeHtml(parent)}</td><td>${job.year}</td><td class="num">${job.done}/${job.total}</td><td>${escapeHtml(JOB_STATE_LABELS[status])}</td><td>${escapeHtml(job.actorName)}</td></tr>`)
        .join('')}</tbody></table></div>`;
  return page({
    title: '导入本地区年度报告',
    css: `${CASES_CSS}${CSS}`,
    nav: 'season',
    session: input.session,
    body: `<h1>导入本地区年度报告</h1>
<p class="lead">上传本地区各机关已在本机关网站公布的年度报告（Word、WPS、PDF、OFD、网页等格式，可打包为一个 ZIP 压缩包，或一次选择多个文件），系统逐个读取，按报告中的机关名称匹配到所选范围内的机关，存为该机关该年度已公布的报告，并在<a href="/season">报送情况</a>中显示。无法匹配的文件在导入完成后逐一确认；已有该年度报告的机关不会被覆盖；个别文件无法读取不影响其他文件。</p>
${input.problems.length > 0 ? `<div class="problems" role="alert"><h2>未开始导入</h2>${problemList(input.problems, false)}</div>` : ''}
<form class="form" method="post" action="/season/import" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${escapeHtml(input.session.csrfToken)}">
<div class="field"><label for="si-parent">导入到哪个机关之下</label><select id="si-parent" name="parentId" required>${input.parents.map((p) => `<option value="${escapeHtml(p.id)}"${p.id === v.parentId ? ' selected' : ''}>${'　'.repeat(p.depth)}${escapeHtml(p.name)}</option>`).join('')}</select></div>
<div class="field"><label for="si-year">报告年度</label><input type="number" id="si-year" name="year" value="${escapeHtml(v.year)}" min="2008" max="2100" required class="short"></div>
<div class="field"><label for="si-files">报告文件或 ZIP 压缩包</label><input type="file" id="si-files" name="files" multiple required aria-describedby="si-files-hint"><p class="hint" id="si-files-hint">合计不超过 ${input.limits.uploadMb} MB，不超过 ${input.limits.files} 个文件。</p></div>
${input.canCreate ? `<div class="field"><label><input type="checkbox" name="createOrgs" value="1"${v.createOrgs ? ' checked' : ''}> 报告中的机关尚未建立时，在所选机关之下新建</label></div>` : ''}
<div class="field"><button class="primary" type="submit">开始导入</button></div>
</form>
<h2>最近的导入</h2>
${recent}`,
  });
}

export interface SeasonJobPageInput {
  readonly job: SeasonImportJob;
  readonly status: SeasonJobState | 'interrupted';
  readonly parent: string;
  readonly files: readonly SeasonImportFileRecord[];
  /** The organisations an unmatched file may be placed under (those below the job's parent). */
  readonly organizations: readonly { id: string; name: string }[];
  readonly canCreate: boolean;
  readonly refreshing: boolean;
  readonly problems: readonly Problem[];
  readonly session: SessionView;
}

/** GET /season/import/:id: the progress, every file's outcome, the confirm form of the unmatched. */
export function seasonJobPage(input: SeasonJobPageInput): string {
  const { job, files } = input;
  const stored = files.filter((f) => f.outcome.status === 'stored').length;
  const unmatched = files.filter((f) => f.outcome.status === 'unmatched');
  const skipped = files.filter((f) => f.outcome.status === 'skipped').length;
  const running = input.status === 'running';
  const progress = running
    ? `<p><progress max="${job.total}" value="${job.done}" aria-label="导入进度">${job.done}/${job.total}</progress></p>
<p role="status">已读取 ${job.done} / ${job.total} 个文件${job.currentFile ? `，正在读取：${escapeHtml(job.currentFile)}` : ''}。${input.refreshing ? `本页每 3 秒自动刷新（<a href="${jobHref(job.id)}?refresh=0">停止自动刷新</a>）。` : `<a href="${jobHref(job.id)}">刷新</a>`}</p>`
    : `<p role="status">${escapeHtml(JOB_STATE_LABELS[input.status])}：共 ${job.total} 个文件，已导入 ${stored} 个，待确认 ${unmatched.length} 个，跳过 ${skipped} 个。</p>`;
  const label = (f: SeasonImportFileRecord): string => {
    const o = f.outcome;
    if (o.status === 'stored') return `<span class="outcome-stored">已导入</span>：<a href="/organizations/${encodeURIComponent(o.organizationId)}/tables/${job.year}#season-h">${escapeHtml(o.organization)}</a>${o.created ? '（新建机关）' : ''}`;
    if (o.status === 'skipped') return `<span class="outcome-skipped">跳过</span>：${escapeHtml(o.reason)}`;
    return `<span class="outcome-unmatched">待确认</span>：报告中的机关名称为“${escapeHtml(o.name ?? '未识别')}”${o.suggestions.length > 0 ? `，可能是 ${o.suggestions.map(escapeHtml).join('、')}` : ''}`;
  };
  const rows = files.map((f) => `<tr><td>${escapeHtml(f.outcome.file)}</td><td>${label(f)}</td></tr>`).join('');
  const select = (f: SeasonImportFileRecord): string => {
    if (f.outcome.status !== 'unmatched') return '';
    const o = f.outcome;
    const suggested = input.organizations.filter((x) => o.suggestions.includes(x.name));
    const others = input.organizations.filter((x) => !o.suggestions.includes(x.name));
    const opts = (list: readonly { id: string; name: string }[]) => list.map((x) => `<option value="${escapeHtml(x.id)}">${escapeHtml(x.name)}</option>`).join('');
    return `<tr><td>${escapeHtml(o.file)}<br><span class="muted">${escapeHtml(o.name ?? '未识别机关名称')}</span></td><td class="place"><select id="place-${f.seq}" name="place.${f.seq}" aria-label="${escapeHtml(o.file)} 存为哪个机关的报告"><option value="">暂不处理</option>${suggested.length > 0 ? `<optgroup label="建议">${opts(suggested)}</optgroup>` : ''}${input.canCreate && o.name ? `<option value="__create">新建机关“${escapeHtml(o.name)}”</option>` : ''}<option value="__skip">跳过此文件</option><optgroup label="全部机关">${opts(others)}</optgroup></select></td></tr>`;
  };
  const confirm = !running && unmatched.length > 0
    ? `<h2>确认未匹配的文件</h2>
<p>以下文件中的机关名称未能与范围内的机关唯一对应。请选择各文件所属的机关，或新建机关、跳过该文件。</p>
${input.problems.length > 0 ? `<div class="problems" role="alert">${problemList(input.problems, false)}</div>` : ''}
<form class="form" method="post" action="${jobHref(job.id)}/confirm">
<input type="hidden" name="_csrf" value="${escapeHtml(input.session.csrfToken)}">
<div class="table-scroll" role="region" aria-label="待确认的文件" tabindex="0"><table class="list"><thead><tr><th scope="col">文件</th><th scope="col">存为哪个机关的报告</th></tr></thead><tbody>${unmatched.map(select).join('')}</tbody></table></div>
<div class="field"><button class="primary" type="submit">确认</button></div>
</form>`
    : '';
  return page({
    title: `导入 ${job.year} 年度报告`,
    css: `${CASES_CSS}${CSS}`,
    nav: 'season',
    session: input.session,
    body: `<h1>导入 ${job.year} 年度报告：${escapeHtml(input.parent)}</h1>
<p class="lead">${escapeHtml(job.actorName)} 于 ${escapeHtml(job.createdAt.slice(0, 16).replace('T', ' '))} 开始导入。<a href="/season/import">返回导入</a> · <a href="/season?year=${job.year}">查看报送情况</a></p>
${progress}
${confirm}
<h2>各文件结果</h2>
${files.length === 0 ? '<p>尚未读完第一个文件。</p>' : `<div class="table-scroll" role="region" aria-label="各文件结果" tabindex="0"><table class="list"><thead><tr><th scope="col">文件</th><th scope="col">结果</th></tr></thead><tbody>${rows}</tbody></table></div>`}`,
  });
}
