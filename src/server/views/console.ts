/** Staff pages outside the case desk: editing an organisation's 政府信息公开指南, and the audit log (admin). */
import type { Problem } from '../../core/errors.ts';
import type { AuditEntry, ChainCheck } from '../../core/people/audit.ts';
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

const ACTION_LABELS: Readonly<Record<AuditEntry['action'], string>> = {
  login: '登录',
  loginFailed: '登录失败',
  logout: '退出登录',
  'personalData.view': '查看申请人个人信息',
  'case.register': '登记申请',
  'case.step': '办理步骤',
  'case.deadline': '期限重算（载入节假日安排）',
  'review.add': '登记复议诉讼',
  'review.decide': '登记复议诉讼结果',
  'user.add': '新建账户',
  'guide.update': '修改公开指南',
  'report.update': '修改年度报告',
};

/** The audit entries (newest first) and the state of the chain. */
export function auditPage(entries: readonly AuditEntry[], chain: ChainCheck): string {
  const status = chain.ok
    ? `<p class="notice">哈希链完整：共 ${chain.entries} 条记录，逐条校验无断裂（gongkai audit verify）。</p>`
    : `<div class="problems" role="alert"><h2>审计日志被篡改</h2><p>第 ${chain.seq} 条记录${chain.reason === 'gap' ? '缺失（被删除）' : chain.reason === 'hash' ? '内容被修改' : '与前一条的链接不符'}。</p></div>`;
  const rows = entries
    .map((e) => `<tr><td class="num">${e.seq}</td><td>${escapeHtml(e.at.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(e.actorName)}</td><td>${escapeHtml(ACTION_LABELS[e.action] ?? e.action)}</td><td>${escapeHtml(e.subject ?? '')}</td><td>${escapeHtml(Object.entries(e.detail).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join('，'))}</td><td>${escapeHtml(e.ip ?? '')}</td></tr>`)
    .join('\n');
  const oldest = entries.at(-1)?.seq;
  return page({
    title: '审计日志',
    body: `<h1>审计日志</h1>
<p class="lead">登录、登录失败、查看申请人个人信息和每一个办理步骤都记录在此。日志只能追加，每条记录含前一条的哈希值。</p>
${status}
<div class="table-scroll" role="region" aria-label="审计日志记录" tabindex="0"><table class="list"><caption class="en">最新的在前 / newest first</caption>
<thead><tr><th scope="col">序号</th><th scope="col">时间（UTC）</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">详情</th><th scope="col">地址</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${oldest !== undefined && oldest > 1 ? `<p><a href="/console/audit?before=${oldest}">更早的记录</a></p>` : ''}`,
  });
}
