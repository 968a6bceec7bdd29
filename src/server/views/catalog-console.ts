/**
 * The staff console of the 政府信息公开目录 (/console/catalog): the documents of the user's subtree in every state,
 * the draft form (拟稿 and 修改草稿), and a document's page with its workflow — 附件上传, 送审, 保密审查 with its
 * conclusion (条例第十七条), 发布, 修改 (a new version), 废止 and 失效 — each a form with the session's CSRF token.
 * Server-rendered, no script (the CSP forbids them); usable at 360 px (fields stack, tables scroll).
 */
import type { Attachment, DocumentSummary } from '../../app/catalog/ports.ts';
import { documentUrl } from '../../app/catalog/documents.ts';
import type { CatalogDocument } from '../../core/catalog/document.ts';
import type { CatalogNode } from '../../core/catalog/tree.ts';
import { ARTICLE_20_ITEMS, DISCLOSURE_LABELS, DISCLOSURE_MODES, DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, DOCUMENT_STATES, DOCUMENT_STATE_LABELS, REVIEW_CONCLUSIONS, REVIEW_CONCLUSION_LABELS, VALIDITY_LABELS, itemLabel } from '../../core/catalog/terms.ts';
import { PROACTIVE_PUBLICATION } from '../../core/calendar/deadlines.ts';
import { isLate } from '../../core/catalog/timeliness.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CASES_CSS, field, hidden, type SessionView } from './cases.ts';
import { page } from './layout.ts';

export const CONSOLE_CATALOG_CSS = `${CASES_CSS}
.form .field{margin:.5rem 0}.form label{display:block;font-weight:600}
.form input[type=text],.form input[type=date],.form input[type=url],.form input[type=file],.form select,.form textarea{font:inherit;padding:.3rem .45rem;border:1px solid #8c959f;border-radius:4px;width:100%;max-width:40rem;box-sizing:border-box}
.form textarea{min-height:10rem}.hint{color:#57606a;font-size:.9rem}
.doc-preview{border:1px dashed #8c959f;padding:.5rem 1rem;background:#fff;overflow-wrap:anywhere}
.flag.late{background:#fff8c5;color:#6c4400;border:1px solid #d4a72c}
`;

const page_ = (title: string, body: string, session: SessionView) => page({ title, body, css: CONSOLE_CATALOG_CSS, nav: 'catalogStaff', session });

/** The problems of a refused form, Chinese first, the code for developers. */
export const problemsBox = (problems: readonly Problem[], heading = '未能保存'): string =>
  problems.length === 0 ? '' : `<div class="problems" role="alert"><h2>${heading}</h2><ul>${problems.map((p) => `<li class="error">${escapeHtml(p.at)}：${escapeHtml(p.messageZh)}<br><span class="en">${escapeHtml(p.message)} (${p.code})</span></li>`).join('')}</ul></div>`;

const options = (list: readonly (readonly [string, string])[], selected: string | undefined, empty: string | null = '全部') =>
  `${empty === null ? '' : `<option value="">${empty}</option>`}${list.map(([v, l]) => `<option value="${escapeHtml(v)}"${v === selected ? ' selected' : ''}>${escapeHtml(l)}</option>`).join('')}`;

const qs = (q: Readonly<Record<string, string>>, patch: Record<string, string>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...patch })) if (v) u.set(k, v);
  return u.toString();
};

/** GET /console/catalog: the subtree's documents in every state, filtered and paged. */
export function consoleListPage(input: { organizations: readonly { id: string; name: string }[]; query: Readonly<Record<string, string>>; total: number; page: number; size: number; items: readonly DocumentSummary[]; canWrite: boolean; canImport: boolean; session: SessionView }): string {
  const q = input.query;
  const org = (id: string) => input.organizations.find((o) => o.id === id)?.name ?? '';
  const rows = input.items
    .map((d) => `<tr><td><a href="/console/catalog/documents/${encodeURIComponent(d.id)}">${escapeHtml(d.title)}</a>${d.docNumber ? `<br><small>${escapeHtml(d.docNumber)}</small>` : ''}</td><td>${escapeHtml(org(d.organizationId))}</td><td>${DOCUMENT_STATE_LABELS[d.state].zh}${d.state === 'published' && d.validity !== 'valid' ? `（${VALIDITY_LABELS[d.validity].zh}）` : ''}${isLate(d.publishWorkingDays) ? ' <span class="flag late">超期发布</span>' : ''}</td><td class="nowrap">${d.writtenOn ?? ''}</td><td class="nowrap">${d.publishedOn ?? ''}</td><td class="nowrap">${escapeHtml(d.indexNo ?? '')}</td></tr>`)
    .join('');
  const pages = Math.max(1, Math.ceil(input.total / input.size));
  const pager = pages <= 1 ? '' : `<nav class="pager" aria-label="分页">${input.page > 1 ? `<a href="/console/catalog?${qs(q, { page: String(input.page - 1) })}" rel="prev">上一页</a> ` : ''}<span>第 ${input.page} / ${pages} 页</span>${input.page < pages ? ` <a href="/console/catalog?${qs(q, { page: String(input.page + 1) })}" rel="next">下一页</a>` : ''}</nav>`;
  const filters = `<form class="filters" method="get" action="/console/catalog">
<div><label for="f-org">机关</label><select id="f-org" name="organization">${options(input.organizations.map((o) => [o.id, o.name] as const), q.organization, null)}</select></div>
<div><label for="f-state">状态</label><select id="f-state" name="state">${options(DOCUMENT_STATES.map((s) => [s, DOCUMENT_STATE_LABELS[s].zh] as const), q.state)}</select></div>
<div><label for="f-kind">类别</label><select id="f-kind" name="kind">${options(DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_LABELS[k].zh] as const), q.kind)}</select></div>
<div><label for="f-title">标题含</label><input type="text" id="f-title" name="title" value="${escapeHtml(q.title ?? '')}" maxlength="100"></div>
<div><label><input type="checkbox" name="late" value="1"${q.late === '1' ? ' checked' : ''}> 只看超期发布</label></div>
<div><button type="submit">筛选</button></div></form>`;
  return page_(
    '公开目录管理',
    `<h1>公开目录管理</h1>
<p class="lead">本机关及下级机关的政府信息公开目录文件：拟稿 → 送保密审查 → 发布 → 修改 / 废止（条例第十七条、第二十三条）。${PROACTIVE_PUBLICATION.article}：信息形成或变更之日起 ${PROACTIVE_PUBLICATION.workingDays} 个工作日内公开，超期的标为“超期发布”。</p>
<p>${input.canWrite ? `<a class="button" href="/console/catalog/new?organization=${encodeURIComponent(q.organization ?? '')}">拟稿（新建文件）</a>` : ''}${input.canWrite && input.canImport ? ' · ' : ''}${input.canImport ? '<a href="/console/catalog/import">导入原网站公开目录</a> · <a href="/console/catalog/tree">编辑目录栏目</a>' : ''}</p>
${filters}
<div class="table-scroll" role="region" aria-label="文件列表" tabindex="0"><table class="list"><thead><tr><th scope="col">标题</th><th scope="col">机关</th><th scope="col">状态</th><th scope="col">成文日期</th><th scope="col">发布日期</th><th scope="col">索引号</th></tr></thead><tbody>${rows || '<tr><td colspan="6">没有符合条件的文件。</td></tr>'}</tbody></table></div>
<p>共 ${input.total} 件</p>${pager}`,
    input.session,
  );
}

/** The values of a document as the form shows them. */
export function documentValues(d: CatalogDocument): Record<string, string> {
  return { organizationId: d.organizationId, title: d.title, publisher: d.publisher, writtenOn: d.writtenOn ?? '', docNumber: d.docNumber ?? '', topic: d.topic ?? '', item: d.item ?? '', nodeId: d.nodeId ?? '', kind: d.kind, disclosure: d.disclosure, disclosureReason: d.disclosureReason ?? '', interprets: d.interprets ?? '', mediaUrl: d.mediaUrl ?? '', body: d.bodyHtml, version: String(d.version) };
}

/** 拟稿 / 修改草稿 / 修改（新版本）: the fields of core/catalog/document.ts parseDocumentFields. */
export function documentFormPage(input: { heading: string; action: string; values: Readonly<Record<string, string>>; problems: readonly Problem[]; organizations: readonly { id: string; name: string }[] | null; nodes: readonly CatalogNode[]; session: SessionView }): string {
  const v = input.values;
  const err = (at: string) => input.problems.filter((p) => p.at === at).map((p) => `<span class="error" style="color:#a40e26;font-weight:600;display:block">${escapeHtml(p.messageZh)}</span>`).join('');
  const text = (name: string, label: string, extra = '') => `${field(`d-${name}`, label, `<input type="text" id="d-${name}" name="${name}" value="${escapeHtml(v[name] ?? '')}"${extra}>`)}${err(name)}`;
  const sel = (name: string, label: string, list: readonly (readonly [string, string])[], empty: string | null) => `${field(`d-${name}`, label, `<select id="d-${name}" name="${name}">${options(list, v[name], empty)}</select>`)}${err(name)}`;
  return page_(
    input.heading,
    `<p><a href="/console/catalog">← 公开目录管理</a></p><h1>${escapeHtml(input.heading)}</h1>
${problemsBox(input.problems)}
<form class="form" method="post" action="${escapeHtml(input.action)}">${hidden('_csrf', input.session.csrfToken)}${v.version ? hidden('version', v.version) : ''}
${input.organizations ? sel('organizationId', '所属机关', input.organizations.map((o) => [o.id, o.name] as const), null) : ''}
${text('title', '标题（必填）', ' required maxlength="300"')}
${text('publisher', '发布机构（必填）', ' required maxlength="200"')}
${field('d-writtenOn', '成文日期', `<input type="date" id="d-writtenOn" name="writtenOn" value="${escapeHtml(v.writtenOn ?? '')}">`)}${err('writtenOn')}
${text('docNumber', '文号')}
${text('topic', '主题分类')}
${sel('item', '条例第二十条事项', ARTICLE_20_ITEMS.map((i) => [i.code, `${itemLabel(i.code)} ${i.zh}`] as const), '（不属于）')}
${sel('nodeId', '目录栏目', input.nodes.map((n) => [n.id, n.name] as const), '（不选）')}
${sel('kind', '文件类别', DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_LABELS[k].zh] as const), null)}
${sel('disclosure', '公开方式', DISCLOSURE_MODES.map((m) => [m, DISCLOSURE_LABELS[m].zh] as const), null)}
${field('d-disclosureReason', '不主动公开的理由（依申请公开、不予公开时必填）', `<textarea id="d-disclosureReason" name="disclosureReason" rows="2">${escapeHtml(v.disclosureReason ?? '')}</textarea>`)}${err('disclosureReason')}
${text('interprets', '所解读的政策文件编号（政策解读必填）')}
${text('mediaUrl', '图解或视频链接（http/https）')}
${field('d-body', '正文（可用 HTML：段落、标题、表格、列表、链接；脚本和样式会被去除）', `<textarea id="d-body" name="body" rows="16">${escapeHtml(v.body ?? '')}</textarea>`)}${err('body')}
<button class="primary" type="submit">保存草稿</button></form>`,
    input.session,
  );
}

/** What the user may do on a document page. */
export interface DocumentPermissions {
  readonly write: boolean;
  readonly review: boolean;
  readonly publish: boolean;
}

const stepForm = (id: string, step: string, label: string, version: number, csrf: string, inner: string, open = false) =>
  `<details${open ? ' open' : ''}><summary>${label}</summary><form method="post" action="/console/catalog/documents/${encodeURIComponent(id)}/steps/${step}">${hidden('_csrf', csrf)}${hidden('version', String(version))}${inner}<button class="primary" type="submit">${label}</button></form></details>`;

/** GET /console/catalog/documents/:id: the metadata, the body as it will be published, attachments, the steps allowed. */
export function consoleDocumentPage(input: { doc: CatalogDocument; organization: string; attachments: readonly Attachment[]; fromCase: { id: string; number: string } | null; related: readonly { label: string; doc: DocumentSummary }[]; can: DocumentPermissions; problems: readonly Problem[]; today: string; session: SessionView }): string {
  const d = input.doc;
  const csrf = input.session.csrfToken;
  const row = (label: string, value: string) => (value ? `<dt>${label}</dt><dd>${value}</dd>` : '');
  const id = encodeURIComponent(d.id);
  const steps: string[] = [];
  if (input.can.write && d.state !== 'published') steps.push(`<p><a href="/console/catalog/documents/${id}/edit">修改草稿</a>${d.state !== 'draft' ? '（修改后退回拟稿，须重新送审）' : ''}</p>`);
  if (input.can.write && d.state === 'draft') steps.push(stepForm(d.id, 'submit', '送保密审查', d.version, csrf, ''));
  if (input.can.review && d.state === 'inReview')
    steps.push(stepForm(d.id, 'review', '保密审查', d.version, csrf, `${field('rv-conclusion', '审查结论', `<select id="rv-conclusion" name="conclusion" required>${options(REVIEW_CONCLUSIONS.map((c) => [c, REVIEW_CONCLUSION_LABELS[c].zh] as const), undefined, '请选择')}</select>`)}
${field('rv-opinion', '审查意见（必填）', '<textarea id="rv-opinion" name="opinion" rows="3" required></textarea>')}
${field('rv-reason', '不主动公开的理由（结论为依申请公开或不予公开时必填）', '<textarea id="rv-reason" name="reason" rows="2"></textarea>')}`, true));
  if (input.can.publish && d.state === 'cleared') steps.push(stepForm(d.id, 'publish', '发布', d.version, csrf, `${field('pb-on', '发布日期', `<input type="date" id="pb-on" name="publishedOn" value="${input.today}" max="${input.today}" required>`)}<p class="hint">发布时按网站设置的格式编制索引号。</p>`, true));
  if (d.state === 'published' && d.validity === 'valid') {
    if (input.can.write) steps.push(`<form method="post" action="/console/catalog/documents/${id}/steps/amend">${hidden('_csrf', csrf)}<p class="hint">修改已发布的文件：以本文件内容生成新版本草稿，新版本发布后本文件标为“已修改”。</p><button type="submit">修改（生成新版本）</button></form>`);
    if (input.can.publish) {
      steps.push(stepForm(d.id, 'repeal', '废止', d.version, csrf, `${field('rp-on', '废止日期', `<input type="date" id="rp-on" name="on" value="${input.today}" max="${input.today}" required>`)}${field('rp-by', '废止依据（文号或标题，必填）', '<input type="text" id="rp-by" name="by" required>')}`));
      steps.push(stepForm(d.id, 'expire', '宣布失效', d.version, csrf, field('ex-on', '失效日期', `<input type="date" id="ex-on" name="on" value="${input.today}" max="${input.today}" required>`)));
    }
  }
  const upload =
    input.can.write && d.state !== 'published'
      ? `<form class="form" method="post" action="/console/catalog/documents/${id}/attachments" enctype="multipart/form-data">${hidden('_csrf', csrf)}${field('at-file', '上传附件（PDF、DOCX、XLSX、PNG、JPEG、GIF，不超过 50 MB）', '<input type="file" id="at-file" name="file" required accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif">')}<button type="submit">上传</button></form>`
      : '';
  const files = input.attachments.map((a) => `<li>${escapeHtml(a.name)}（${Math.max(1, Math.round(a.size / 1024))} KB，${escapeHtml(a.mediaType.split('/').pop() ?? '')}）${d.state === 'published' ? ` <a href="/xxgk/files/${encodeURIComponent(a.id)}">下载</a>` : ''}</li>`).join('');
  const review = d.review ? `${escapeHtml(REVIEW_CONCLUSION_LABELS[d.review.conclusion].zh)}：${escapeHtml(d.review.opinion)}（${escapeHtml(d.review.by)}，${escapeHtml(d.review.at.slice(0, 10))}）` : '';
  return page_(
    d.title,
    `<p><a href="/console/catalog">← 公开目录管理</a></p>
<h1>${escapeHtml(d.title)} <span class="muted">${DOCUMENT_STATE_LABELS[d.state].zh}</span></h1>
${problemsBox(input.problems, '未能办理')}
<div class="case-grid"><div>
<section class="card"><h2>文件信息</h2><dl>
${row('索引号', escapeHtml(d.indexNo ?? '（发布时编制）'))}${row('所属机关', escapeHtml(input.organization))}${row('发布机构', escapeHtml(d.publisher))}${row('成文日期', d.writtenOn ?? '')}${row('文号', escapeHtml(d.docNumber ?? ''))}
${row('事项', d.item ? escapeHtml(itemLabel(d.item)) : '')}${row('类别', DOCUMENT_KIND_LABELS[d.kind].zh)}${row('公开方式', `${DISCLOSURE_LABELS[d.disclosure].zh}${d.disclosureReason ? `：${escapeHtml(d.disclosureReason)}` : ''}`)}
${row('发布日期', d.publishedOn ?? '')}${d.publishWorkingDays !== null ? row('发布用时', `${d.publishWorkingDays} 个工作日${isLate(d.publishWorkingDays) ? ` <span class="flag late">超过${PROACTIVE_PUBLICATION.article}的 ${PROACTIVE_PUBLICATION.workingDays} 个工作日</span>` : ''}`) : ''}
${row('有效性', `${VALIDITY_LABELS[d.validity].zh}${d.validityOn ? `（${d.validityOn}）` : ''}${d.repealedBy ? `，废止依据：${escapeHtml(d.repealedBy)}` : ''}`)}
${row('保密审查', review)}${d.interpretationLate ? row('同步发布', '<span class="flag late">解读晚于政策发布</span>') : ''}
${input.fromCase ? row('来源', `依申请公开转主动公开（条例第四十四条）：<a href="/applications/${encodeURIComponent(input.fromCase.id)}">申请 ${escapeHtml(input.fromCase.number)}</a>`) : ''}
${d.sourceUrl ? row('原网站链接', escapeHtml(d.sourceUrl)) : ''}
${input.related.map((r) => row(r.label, `<a href="/console/catalog/documents/${encodeURIComponent(r.doc.id)}">${escapeHtml(r.doc.title)}</a>`)).join('')}
${d.state === 'published' ? row('公开页面', `<a href="${documentUrl(d.id)}">${documentUrl(d.id)}</a>`) : ''}
</dl></section>
<section class="card steps"><h2>办理</h2>${steps.join('\n') || '<p>当前没有可办理的步骤。</p>'}</section>
<section class="card"><h2>附件</h2>${files ? `<ul>${files}</ul>` : '<p>无附件。</p>'}${upload}</section>
</div><div>
<section class="card"><h2>正文（发布后的样子）</h2><div class="doc-preview">${d.bodyHtml || '<p class="muted">（无正文）</p>'}</div></section>
</div></div>`,
    input.session,
  );
}

/** GET/POST /console/catalog/tree: an organisation's catalog tree — rename, add, move up or down, remove (item 4). */
export function treePage(input: { organizations: readonly { id: string; name: string }[]; selected: string; nodes: readonly CatalogNode[]; filed: ReadonlyMap<string, number>; problems: readonly Problem[]; session: SessionView }): string {
  const form = (edit: string, id: string, inner: string, label: string, cls = '') =>
    `<form class="inline" method="post" action="/console/catalog/tree">${hidden('_csrf', input.session.csrfToken)}${hidden('organizationId', input.selected)}${hidden('edit', edit)}${hidden('id', id)}${inner}<button type="submit"${cls}>${label}</button></form>`;
  const level = (parentId: string | null): string => {
    const kids = input.nodes.filter((n) => n.parentId === parentId).sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
    if (kids.length === 0) return '';
    return `<ul>${kids
      .map((n) => {
        const fixed = n.parentId === null && n.item !== null && n.code.startsWith('A20-');
        const count = input.filed.get(n.id) ?? 0;
        const others = input.nodes.filter((o) => o.id !== n.id).map((o) => [o.id, `${o.code} ${o.name}`] as const);
        const move = count > 0 ? form('moveDocuments', n.id, `<label for="mv-${escapeHtml(n.id)}">${count} 件文件移至</label> <select id="mv-${escapeHtml(n.id)}" name="to">${options(others, '', '（选择栏目）')}</select>`, '移动') : '';
        return `<li><span class="code">${escapeHtml(n.code)}</span> <span class="muted">${count > 0 ? `${count} 件` : ''}</span> ${form('rename', n.id, `<label class="sr-only" for="nm-${escapeHtml(n.id)}">${escapeHtml(n.name)} 的新名称</label><input id="nm-${escapeHtml(n.id)}" name="name" value="${escapeHtml(n.name)}" maxlength="60" size="40" required>`, '改名')}
${form('up', n.id, '', '上移')}${form('down', n.id, '', '下移')}${fixed ? '' : form('remove', n.id, '', '删除', ' class="danger"')}${move}${level(n.id)}</li>`;
      })
      .join('')}</ul>`;
  };
  const parents = input.nodes.map((n) => [n.id, `${n.code} ${n.name}`] as const);
  return page_(
    '编辑目录栏目',
    `<p><a href="/console/catalog">← 公开目录管理</a></p><h1>编辑目录栏目</h1>
<p class="lead">政府信息公开目录的栏目：第二十条规定的十五项（可改名，不能删除），以及基层政务公开标准目录的领域（国办发〔2019〕54号）等。栏目可改名、增加、调整顺序；栏目下的文件可整体移至另一栏目（不能移入文件所属第二十条事项以外的事项栏目）；有下级栏目或有文件归入的栏目不能删除。每次修改记入审计日志。</p>
${problemsBox(input.problems)}
<form class="form" method="get" action="/console/catalog/tree">${field('tr-org', '机关', `<select id="tr-org" name="organization">${options(input.organizations.map((o) => [o.id, o.name] as const), input.selected, null)}</select>`)}<button type="submit">查看</button></form>
<nav aria-label="目录栏目">${level(null)}</nav>
<h2>增加栏目</h2>
<form class="form" method="post" action="/console/catalog/tree">${hidden('_csrf', input.session.csrfToken)}${hidden('organizationId', input.selected)}${hidden('edit', 'add')}
${field('tr-parent', '上级栏目', `<select id="tr-parent" name="parentId">${options(parents, '', '（顶级栏目）')}</select>`)}
${field('tr-name', '名称', '<input id="tr-name" name="name" maxlength="60" required>')}
${field('tr-code', '代码（可空，自动编号）', '<input id="tr-code" name="code" maxlength="20" pattern="[A-Za-z0-9_-]*">')}
<button class="primary" type="submit">增加</button></form>`,
    input.session,
  );
}

/** GET/POST /console/catalog/import: an existing site's catalog (CSV/XLSX) and its attachments (ZIP). */
export function importPage(input: { organizations: readonly { id: string; name: string }[]; selected: string; problems: readonly Problem[]; result: { imported: number; attachments: number; warnings: readonly Problem[] } | null; maxMb: number; session: SessionView }): string {
  const warned = input.result && input.result.warnings.length > 0 ? `<h3>请注意（${input.result.warnings.length} 行）</h3><ul>${input.result.warnings.map((w) => `<li>${escapeHtml(w.messageZh)}</li>`).join('')}</ul>` : '';
  const done = input.result ? `<div class="card" role="status"><h2>已导入</h2><p>${input.result.imported} 件文件、${input.result.attachments} 个附件已作为已发布文件导入。<a href="/console/catalog?organization=${encodeURIComponent(input.selected)}&amp;state=published">查看</a></p>${warned}</div>` : '';
  return page_(
    '导入原网站公开目录',
    `<p><a href="/console/catalog">← 公开目录管理</a></p><h1>导入原网站公开目录</h1>
<p class="lead">从原网站导出的公开目录表格（CSV 或 XLSX，第一行为列名）导入已公开的文件。可识别的列：索引号、标题（必填）、发布机构、成文日期、发布日期（与成文日期至少一项）、文号、主题分类、事项、类别、有效性、废止（失效）日期、废止依据、链接、正文、附件（文件名，多个用分号隔开）。废止、失效或已修改的文件没有日期的，照样导入并逐行提示：表二不计入任何年度的本年废止件数，也不计入现行有效件数。附件文件打包为一个 ZIP 一并上传，按文件名对应。</p>
<p class="hint">全部导入或全部不导入：任何一行有错误（日期无效、索引号重复或已存在、附件缺失或类型不支持等），逐行列出，一行也不导入，改正后重新上传。索引号为空的行按网站设置的格式编号。导入的文件视为原网站已发布的文件，不再经过保密审查，操作记入审计日志。网页上传合计不超过 ${input.maxMb} MB；更大的目录请用命令 gongkai catalog import。</p>
${done}${problemsBox(input.problems, input.problems.length > 1 ? `未导入：${input.problems.length} 处错误` : '未导入')}
<form class="form" method="post" action="/console/catalog/import" enctype="multipart/form-data">${hidden('_csrf', input.session.csrfToken)}
${field('im-org', '导入到机关', `<select id="im-org" name="organizationId">${options(input.organizations.map((o) => [o.id, o.name] as const), input.selected, null)}</select>`)}
${field('im-table', '目录表格（CSV 或 XLSX）', '<input type="file" id="im-table" name="table" required accept=".csv,.xlsx">')}
${field('im-zip', '附件（ZIP，可选）', '<input type="file" id="im-zip" name="attachments" accept=".zip">')}
<button class="primary" type="submit">导入</button></form>`,
    input.session,
  );
}
