/** Staff pages outside the case desk: editing an organisation's 政府信息公开指南 (admin). */
import type { Problem } from '../../core/errors.ts';
import type { Guide } from '../../core/portal/guide.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

const GUIDE_FIELDS: readonly { name: keyof Guide; label: string; required: boolean; long?: boolean }[] = [
  { name: 'office', label: '政府信息公开工作机构', required: true },
  { name: 'address', label: '办公地址', required: true },
  { name: 'postcode', label: '邮政编码', required: false },
  { name: 'hours', label: '办公时间', required: true },
  { name: 'phone', label: '咨询电话', required: true },
  { name: 'fax', label: '传真', required: false },
  { name: 'email', label: '电子邮箱', required: false },
  { name: 'notes', label: '其他说明', required: false, long: true },
];

/** The guide editor (values kept on error). */
export function guideEditPage(orgId: string, organization: string, values: Partial<Record<keyof Guide, string | null>>, csrfToken: string, problems: readonly Problem[] = []): string {
  const fields = GUIDE_FIELDS.map((f) => {
    const id = `g-${f.name}`;
    const mine = problems.filter((p) => p.at === f.name);
    const v = values[f.name] ?? '';
    const attrs = `id="${id}" name="${f.name}"${f.required ? ' required' : ''}${mine.length > 0 ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}`;
    const control = f.long ? `<textarea ${attrs}>${escapeHtml(v)}</textarea>` : `<input type="text" ${attrs} value="${escapeHtml(v)}">`;
    return `<div class="field"><label for="${id}">${f.label}${f.required ? ' *' : ''}</label>${control}${mine.map((p) => `<span class="error" id="${id}-error" style="color:#a40e26;font-weight:600;display:block">${escapeHtml(p.messageZh)}</span>`).join('')}</div>`;
  }).join('\n');
  return page({
    title: `编辑指南：${organization}`,
    body: `<h1>编辑政府信息公开指南：${escapeHtml(organization)}</h1>
<p class="lead">条例第十二条：行政机关应当编制、公布政府信息公开指南。申请方式、答复期限等法定内容由系统按条例自动列出。</p>
${problems.length > 0 ? `<div class="problems" role="alert"><h2>未保存：有 ${problems.length} 处需要修改</h2></div>` : ''}
<form class="form" method="post" action="/console/guide/${encodeURIComponent(orgId)}">
<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
${fields}
<button class="primary" type="submit">保存</button>
</form>`,
  });
}
