/** The organisation tree page: the admin's subtree, indented, and the form to add an organisation under one of them. */
import type { Organization } from '../../app/organizations/index.ts';
import { inTreeOrder } from '../../app/organizations/tree.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

const KIND_LABELS: Readonly<Record<Organization['kind'], string>> = { government: '人民政府', department: '政府部门', office: '办公室或其他机构' };

export function organizationsPage(input: { organizations: readonly Organization[]; csrfToken: string; values: Readonly<Record<string, string>>; problems: readonly Problem[]; added: string | null }): string {
  const tree = inTreeOrder(input.organizations);
  const rows = tree.map(({ organization: o, depth }) => `<li style="margin-left:${depth * 1.5}rem">${escapeHtml(o.name)} <span class="muted">${KIND_LABELS[o.kind]}${o.code ? ` · ${escapeHtml(o.code)}` : ''}</span></li>`);
  const options = tree.map(({ organization: o, depth }) => `<option value="${escapeHtml(o.id)}"${input.values.parentId === o.id ? ' selected' : ''}>${'　'.repeat(depth)}${escapeHtml(o.name)}</option>`);
  const kind = input.values.kind ?? 'department';
  const opt = (v: string, l: string) => `<option value="${v}"${v === kind ? ' selected' : ''}>${l}</option>`;
  return page({
    title: '机构设置',
    nav: 'organizations',
    body: `<h1>机构设置</h1>
<p class="lead">本机关及下级机关。人民政府之下可设政府部门，部门之下可设内设机构；同一上级之下名称不能重复。</p>
${input.added ? `<p class="notice" role="status">已添加：${escapeHtml(input.added)}</p>` : ''}
${input.problems.length > 0 ? `<div class="problems" role="alert"><h2>未添加</h2><ul>${input.problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
<ul class="org-tree">${rows.join('\n')}</ul>
<form class="form" method="post" action="/console/organizations">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}">
<h2>添加机关</h2>
<div class="field"><label for="o-parent">上级机关</label><select id="o-parent" name="parentId" required>${options.join('')}</select></div>
<div class="field"><label for="o-name">名称</label><input type="text" id="o-name" name="name" value="${escapeHtml(input.values.name ?? '')}" required></div>
<div class="field"><label for="o-kind">类型</label><select id="o-kind" name="kind">${opt('department', KIND_LABELS.department)}${opt('office', KIND_LABELS.office)}${opt('government', '人民政府（下级政府，如乡镇）')}</select></div>
<div class="field"><label for="o-code">统一社会信用代码或机构代码（可不填）</label><input type="text" id="o-code" name="code" value="${escapeHtml(input.values.code ?? '')}"></div>
<button class="primary" type="submit">添加</button>
</form>`,
  });
}
