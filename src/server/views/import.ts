/**
 * Pages of the import (导入报告): the upload form (GET /import, and again with the problems when a file cannot be
 * imported), the result (the report rendered with each cell's source, the findings, 保存为报告) and the page that
 * says why a posted report was not saved. Plain forms: everything works without script.
 */
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { cellName } from '../../core/annual-report/findings.ts';
import { TEMPLATE_LIST } from '../../core/annual-report/templates/index.ts';
import type { ImportResultView } from '../routes/import/presenter.ts';
import type { ImportFormValues } from '../routes/import/schema.ts';
import { page } from './layout.ts';

const IMPORT_CSS = `
.import-summary{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(0,1fr) minmax(0,1fr);gap:1rem;margin:.8rem 0 1.2rem;align-items:start}
@media (max-width:1000px){.import-summary{grid-template-columns:minmax(0,1fr)}}
.import-card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem .8rem}
.import-card h2{font-size:1.05rem;margin:.2rem 0 .5rem}
.import-card table.list{border:0}
.import-card table.list th,.import-card table.list td{padding:.35rem .5rem}
.import-card table.list tbody th{background:none;text-align:left;width:7.5em}
.import-card table.list tr:last-child>*{border-bottom:0}
.import-card .detected .value{font-weight:600}
.import-card .evidence{display:block;color:#57606a;font-size:.85rem;overflow-wrap:anywhere}
.counts{display:flex;gap:1.5rem;margin:0 0 .6rem}
.counts div{text-align:center}
.counts dt{font-size:.9rem;color:#57606a}
.counts dd{margin:0;font-size:1.6rem;font-weight:600;font-variant-numeric:tabular-nums}
.counts dd.inferred{color:#0b4f9c;font-style:italic}
.counts dd.missing{color:#6e7781}
.import-card.save p{margin:.2rem 0 .7rem}
.import-card .check .pair{white-space:nowrap;margin-right:.6em}
.lead code{background:#eef1f4;padding:0 .35em;border-radius:4px}
`;

const SEVERITIES = [
  { key: 'error', zh: '错误' },
  { key: 'warning', zh: '警告' },
  { key: 'info', zh: '提示' },
] as const;

/** The problems in Chinese then English, with their code; `located` also names where (a field, a JSON path). */
export function problemList(problems: readonly Problem[], located: boolean): string {
  const items = problems.map((p) => {
    // Where: the cell's name in words; the JSON path and the code are for developers (shown with the English switch).
    const name = located && p.at ? cellName(p.at) : null;
    const at = located && p.at ? `${name ? `<span class="at-name">${escapeHtml(name)}</span> ` : ''}<code class="at${name ? ' dev' : ''}">${escapeHtml(p.at)}</code> ` : '';
    return `<li data-code="${escapeHtml(p.code)}" title="${escapeHtml(p.code)}">${at}<strong>${escapeHtml(p.messageZh)}</strong><br><span class="en">${escapeHtml(p.message)}</span> <code class="dev">${escapeHtml(p.code)}</code></li>`;
  });
  return `<ul>${items.join('\n')}</ul>`;
}

export interface ImportFormPageInput {
  readonly values: ImportFormValues;
  /** Why the last upload failed; the form is shown again below them. */
  readonly problems?: readonly Problem[];
}

function option(value: string, label: string, selected: string): string {
  return `<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`;
}

/** `GET /import` (and a failed `POST /import`): the upload form, with the problems of the last upload. Never throws. */
export function importFormPage(input: ImportFormPageInput): string {
  const { values } = input;
  const problems = input.problems ?? [];
  const invalid = (field: string) => (problems.some((p) => p.at === field) ? ' aria-invalid="true"' : '');
  const box = problems.length > 0
    ? `<div class="problems" role="alert" id="import-problems">
<h2>无法导入此文件 <span class="en">the file could not be imported</span></h2>
${problemList(problems, false)}
<p class="hint">请更正后重新选择文件提交（浏览器不会保留已选的文件）。<span class="en">Fix it and choose the file again (browsers do not keep a chosen file).</span></p>
</div>`
    : '';
  const body = `<h1>导入年度报告 <span class="en">import an annual report</span></h1>
<p class="lead">上传已公开的政府信息公开工作年度报告，系统按国办模板读取其中的表格和文字，逐项检查勾稽关系，并注明每个数值取自原文何处。<br>
<span class="en">Upload a published annual report: its tables and text are read into the national template, checked, and every value shows where in the source it came from.</span></p>
${box}
<form class="form" method="post" action="/import" enctype="multipart/form-data">
<div class="field">
<label for="file">报告文件 <span class="en">report file</span></label>
<input type="file" id="file" name="file" accept=".txt,.md,.html,.htm,.docx,.pdf,.ofd,.xlsx,.doc,.wps,.rtf,.xls,.et" required aria-describedby="file-hint"${invalid('file')}>
<span class="hint" id="file-hint">支持 txt、md、html、htm、docx、pdf、ofd、xlsx，服务器装有 LibreOffice 时还支持 doc、wps、rtf、xls、et，不超过 20 MB；扫描版 PDF 需先进行文字识别（OCR）。<span class="en">txt, md, html, docx, pdf, ofd or xlsx — doc, wps, rtf, xls and et when the server has LibreOffice — up to 20 MB; a scanned PDF needs OCR first.</span></span>
</div>
<fieldset>
<legend>识别参数（可选） <span class="en">overrides (optional)</span></legend>
<p class="hint">留空则按原文自动识别；填写后以所填为准。<span class="en">Leave empty to detect from the file; what you enter wins.</span></p>
<div class="field">
<label for="template">模板 <span class="en">template</span></label>
<select id="template" name="template"${invalid('template')}>
${option('', '自动识别（按表头）', values.template)}
${TEMPLATE_LIST.map((t) => option(t.id, `${t.label}（${t.notice}）`, values.template)).join('\n')}
</select>
</div>
<div class="field">
<label for="year">年度 <span class="en">year</span></label>
<input type="text" class="short" id="year" name="year" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" size="6" value="${escapeHtml(values.year)}" aria-describedby="year-hint"${invalid('year')}>
<span class="hint" id="year-hint">1990 至 2100 之间的整数，如 2023；留空则按标题识别。<span class="en">e.g. 2023; empty: from the title.</span></span>
</div>
<div class="field">
<label for="organization">机关名称 <span class="en">organisation</span></label>
<input type="text" id="organization" name="organization" maxlength="100" value="${escapeHtml(values.organization)}" aria-describedby="organization-hint"${invalid('organization')}>
<span class="hint" id="organization-hint">如“某某市人民政府办公室”；留空则按标题识别。<span class="en">empty: from the title.</span></span>
</div>
</fieldset>
<button type="submit" class="primary">导入并检查 <span class="en">import and check</span></button>
</form>`;
  return page({ title: '导入报告', body, nav: 'import' });
}

export interface ImportResultPageInput {
  readonly view: ImportResultView;
  /** Trusted HTML: the report article with the cell sources and the findings (src/formats/html). */
  readonly articleHtml: string;
  /** Trusted CSS of the report tables and the marks. */
  readonly reportCss: string;
  /** Whether reports can be saved (the app has a store). */
  readonly canSave: boolean;
  /** Why this import is not offered for saving (nothing of the template read; the user's role may not save), if so. */
  readonly saveRefusal?: string | null;
  /**
   * With accounts: null when nobody is logged in (the card asks to log in), else the session's CSRF token for the
   * save form. Undefined when the app runs without accounts.
   */
  readonly csrfToken?: string | null;
}

function detectedTable(view: ImportResultView): string {
  const rows = view.detected.map((d) => {
    const value = d.value === null ? '<span class="muted">未识别</span> <span class="en">not detected</span>' : escapeHtml(d.value);
    const evidence = d.evidence ? `：“${escapeHtml(d.evidence)}”` : '';
    const how = `<span class="evidence">识别方式 <span class="en">how</span>：${escapeHtml(d.how)} <span class="en">${escapeHtml(d.howEn)}</span>${d.evidence ? `<br>依据${evidence}` : ''}</span>`;
    return `<tr><th scope="row">${d.label} <span class="en">${d.labelEn}</span></th><td><span class="value">${value}</span>${how}</td></tr>`;
  });
  return `<table class="list detected">
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function countsCard(view: ImportResultView): string {
  const { counts, summary } = view;
  const count = (key: 'read' | 'inferred' | 'missing', zh: string, en: string) =>
    `<div><dt>${zh} <span class="en">${en}</span></dt><dd class="${key}" data-count="${key}">${counts[key]}</dd></div>`;
  const findings = SEVERITIES.map((s) => `<span class="pair">${s.zh} <span class="badge ${summary[s.key] === 0 ? 'zero' : s.key}" data-severity="${s.key}">${summary[s.key]}</span></span>`).join(' ');
  return `<section class="import-card" aria-labelledby="counts-heading">
<h2 id="counts-heading">单元格 <span class="en">cells</span></h2>
<dl class="counts">
${count('read', '读取', 'read')}
${count('inferred', '推算', 'inferred')}
${count('missing', '缺失', 'missing')}
</dl>
<p class="check">检查结果 <span class="en">findings</span>：${findings} <a href="#findings-heading">查看</a></p>
</section>`;
}

function saveCard(view: ImportResultView, canSave: boolean, csrfToken: string | null | undefined, refusal: string | null): string {
  if (!canSave) {
    return `<section class="import-card save"><h2>保存</h2><p class="muted">此站点未配置数据目录，不能保存。<span class="en">No data folder: saving is off.</span></p></section>`;
  }
  if (refusal) return `<section class="import-card save"><h2>保存</h2><p>${escapeHtml(refusal)}</p></section>`;
  if (csrfToken === null) {
    return `<section class="import-card save"><h2>保存</h2><p>工作人员<a href="/login?next=/import">登录</a>后可将导入的报告保存。<span class="en">Staff log in to save.</span></p></section>`;
  }
  return `<form class="import-card save" method="post" action="/import/save" aria-labelledby="save-heading">
<h2 id="save-heading">保存 <span class="en">save</span></h2>
${csrfToken ? `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">\n` : ''}<input type="hidden" name="report" value="${escapeHtml(view.reportJson)}">
<input type="hidden" name="provenance" value="${escapeHtml(view.provenanceJson)}">
<p>核对无误后保存，报告将出现在年度报告列表中（标为“已导入”），可查看、检查和下载。<br><span class="en">Saved reports appear in the list, marked 已导入.</span></p>
<button type="submit" class="primary">保存为报告</button>
</form>`;
}

/** `POST /import`: what was detected, the cell counts, 保存为报告, and the report with its sources and findings. Never throws. */
export function importResultPage(input: ImportResultPageInput): string {
  const { view } = input;
  const encoding = view.encoding ? ` · ${escapeHtml(view.encoding)}` : '';
  const body = `<div class="report-toolbar">
<p><a href="/import">← 导入其他文件</a> <span class="en">/ import another file</span></p>
<h1>导入结果 <span class="en">import result</span></h1>
<p class="lead">文件 <code>${escapeHtml(view.fileName)}</code> · ${escapeHtml(view.formatLabel)}${encoding} · 尚未保存 <span class="en">not saved yet</span></p>
<div class="import-summary">
<section class="import-card" aria-labelledby="detected-heading">
<h2 id="detected-heading">识别结果 <span class="en">detected</span></h2>
${detectedTable(view)}
</section>
${countsCard(view)}
${saveCard(view, input.canSave, input.csrfToken, input.saveRefusal ?? null)}
</div>
</div>
<div class="report-body">
${input.articleHtml}
</div>`;
  return page({ title: `导入结果：${view.title}`, body, css: `${input.reportCss}${IMPORT_CSS}`, nav: 'import' });
}

/** `POST /import/save` refused: the posted report's problems, located by JSON path; nothing was saved. Never throws. */
export function saveProblemsPage(problems: readonly Problem[]): string {
  const body = `<h1>无法保存报告 <span class="en">the report could not be saved</span></h1>
<div class="problems" role="alert">
<h2>报告数据有误，未保存任何内容 <span class="en">the report data is invalid: nothing was saved</span></h2>
${problemList(problems, true)}
</div>
<p><a href="/import">重新导入文件</a> <span class="en">/ import the file again</span></p>`;
  return page({ title: '无法保存报告', body, nav: 'import' });
}

export interface ImportJobPageInput {
  readonly id: string;
  readonly name: string;
  readonly done: number;
  readonly total: number;
  /** The page reloads itself (Refresh header) until the reader stops it. */
  readonly refreshing: boolean;
  readonly refreshSeconds: number;
}

/** `GET /import/jobs/:id` while a scan is read by OCR: pages read of all, the page reloading itself. Never throws. */
export function importJobPage(input: ImportJobPageInput): string {
  const href = `/import/jobs/${encodeURIComponent(input.id)}`;
  const reading = input.done < input.total ? `，正在识别第 ${input.done + 1} 页` : '';
  const body = `<p><a href="/import">← 导入其他文件</a> <span class="en">/ import another file</span></p>
<h1>正在识别扫描件 <span class="en">reading a scan by OCR</span></h1>
<p class="lead">文件 <code>${escapeHtml(input.name)}</code> 是扫描件，正在逐页文字识别（OCR），每页约需数秒至数十秒。识别完成后本页显示导入结果。<br><span class="en">The file is a scan: its pages are read by OCR one by one; the result appears here when all are read.</span></p>
<p><progress max="${input.total}" value="${input.done}" aria-label="识别进度">${input.done}/${input.total}</progress></p>
<p role="status">已识别 ${input.done} / ${input.total} 页${reading}。${input.refreshing ? `本页每 ${input.refreshSeconds} 秒自动刷新（<a href="${href}?refresh=0">停止自动刷新</a>）。` : `<a href="${href}">刷新</a>`} <span class="en">${input.done} of ${input.total} pages read.</span></p>`;
  return page({ title: `正在识别：${input.name}`, body, css: `${IMPORT_CSS}progress{width:100%;max-width:32rem;height:1.2rem}`, nav: 'import' });
}

/** `GET /import/jobs/:id` of a job this server does not have (never started, expired, or lost in a restart). */
export function importJobGonePage(): string {
  const body = `<h1>未找到该导入任务 <span class="en">import job not found</span></h1>
<p>导入任务不存在或已过期（结果保留 1 小时；服务重启后需重新上传）。<br><span class="en">The job does not exist or has expired (results are kept for an hour; after a restart, upload the file again).</span></p>
<p><a href="/import">重新导入文件</a> <span class="en">/ import the file again</span></p>`;
  return page({ title: '未找到该导入任务', body, nav: 'import' });
}
