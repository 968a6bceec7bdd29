/** Staff pages outside the case desk: editing an organisation's 政府信息公开指南, and the audit log (admin). */
import type { Problem } from '../../core/errors.ts';
import type { AuditEntry, ChainCheck } from '../../core/people/audit.ts';
import type { Guide } from '../../core/portal/guide.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';
import { STATE_LABELS } from '../../core/application/case.ts';
import { COMMANDS } from '../../core/application/commands.ts';
import { CHANNEL_LABELS } from '../../core/application/terms.ts';
import { ROLE_LABELS } from '../../core/people/roles.ts';
import { ACTION_LABELS as SEASON_ACTIONS, REPORT_STATE_LABELS } from '../../core/season/lifecycle.ts';
import { beijingTime } from '../clock.ts';

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
    nav: 'guide',
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
  'case.correct': '更正登记内容',
  'case.void': '作废申请',
  'review.add': '登记复议诉讼',
  'review.decide': '登记复议诉讼结果',
  'user.add': '新建账户',
  'user.disable': '停用账户',
  'user.enable': '启用账户',
  'user.role': '更改角色',
  'user.unlock': '解除登录锁定',
  'user.resetLink': '生成重设密码链接',
  'user.passwordChange': '修改本人密码',
  'user.passwordReset': '经链接重设密码',
  'guide.update': '修改公开指南',
  'notify.address': '设置到期提醒邮箱',
  'report.update': '修改年度报告',
  'approval.submit': '提交审核',
  'approval.approve': '审核批准',
  'approval.return': '审核退回',
  'report.withdraw': '撤回导入的年度报告',
  'site.setup': '首次设置',
  'site.update': '修改网站信息',
  'calendar.addYear': '载入节假日安排',
  'report.season': '年度报告报送',
  'organization.add': '添加机关',
  'catalog.create': '拟稿（公开目录文件）',
  'catalog.edit': '修改草稿（公开目录文件）',
  'catalog.submit': '送保密审查',
  'catalog.review': '保密审查',
  'catalog.publish': '发布（公开目录文件）',
  'catalog.amend': '修改已发布文件（新版本）',
  'catalog.repeal': '废止文件',
  'catalog.expire': '宣布文件失效',
  'catalog.attach': '上传附件',
  'catalog.decisions': '录入或导入处理决定（表二）',
  'catalog.tree': '编辑公开目录',
  'catalog.release': '依申请公开转主动公开（条例第四十四条）',
  'catalog.import': '导入原网站公开目录',
};

const REASONS: Readonly<Record<string, string>> = { throttled: '尝试过多，暂被限制', password: '密码错误', unknownUser: '无此用户名' };
const VIA: Readonly<Record<string, string>> = { api: '经接口', page: '经网页' };
const known = <T extends string>(labels: Readonly<Record<T, { zh: string }>>, v: unknown): string | null =>
  typeof v === 'string' && Object.hasOwn(labels, v) ? labels[v as T].zh : null;

/** What an entry acted on, in words (with a link where there is a page); the stored identifier only as a tooltip. */
function auditSubject(subject: string | null): string {
  if (!subject) return '';
  const [kind, id = '', year = ''] = subject.split(':');
  const tip = ` title="${escapeHtml(subject)}"`;
  if (kind === 'case') return `<a href="/applications/${encodeURIComponent(id)}"${tip}>该申请</a>`;
  if (kind === 'report') return `<a href="/organizations/${encodeURIComponent(id)}/tables/${encodeURIComponent(year)}"${tip}>${escapeHtml(year)} 年度报告</a>`;
  if (kind === 'organization') return `<a href="/console/guide/${encodeURIComponent(id)}"${tip}>公开指南</a>`;
  if (kind === 'user') return `<span${tip}>账户</span>`;
  if (kind === 'savedReport') return `<span${tip}>已保存的报告 ${escapeHtml(id)}</span>`;
  return `<span${tip}>—</span>`;
}

/** An entry's details in words: 申请编号, the step and the states it moved between, the reason of a failed login… */
function auditDetail(e: AuditEntry): string {
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.number === 'string') parts.push(`申请编号 ${d.number}`);
  const channel = known(CHANNEL_LABELS, d.channel);
  if (channel) parts.push(`申请方式：${channel}`);
  const seasonStep = typeof d.step === 'string' && Object.hasOwn(SEASON_ACTIONS, d.step) ? SEASON_ACTIONS[d.step as keyof typeof SEASON_ACTIONS] : null;
  if (d.step !== undefined) parts.push(d.step === 'register' ? '登记' : (known(COMMANDS, d.step) ?? (e.action === 'report.season' && seasonStep ? `${seasonStep}年度报告` : '办理步骤')));
  const reportState = e.action === 'report.season' ? known(REPORT_STATE_LABELS, d.state) : null;
  if (reportState) parts.push(`第 ${String(d.version)} 版，${reportState}`);
  const from = known(STATE_LABELS, d.from);
  const to = known(STATE_LABELS, d.to);
  if (to) parts.push(from ? `${from} → ${to}` : `→ ${to}`);
  if (typeof d.reason === 'string') parts.push(REASONS[d.reason] ?? '—');
  if (typeof d.username === 'string') parts.push(`用户名 ${d.username}`);
  const role = known(ROLE_LABELS, d.role);
  const fromRole = known(ROLE_LABELS, d.fromRole);
  if (role) parts.push(fromRole ? `角色：${fromRole} → ${role}` : `角色：${role}`);
  if (typeof d.sessionsEnded === 'number' && d.sessionsEnded > 0) parts.push(`结束 ${d.sessionsEnded} 个登录会话`);
  if (typeof d.expiresAt === 'string') parts.push(`链接有效至 ${beijingTime(d.expiresAt, true)}`);
  if (typeof d.via === 'string') parts.push(VIA[d.via] ?? '');
  if (typeof d.proposedBy === 'string') parts.push(`提交人 ${d.proposedBy}`);
  if (typeof d.approvedBy === 'string') parts.push(`审核人 ${d.approvedBy}`);
  if (typeof d.title === 'string') parts.push(d.title);
  if (e.action === 'organization.add' && typeof d.name === 'string') parts.push(d.name);
  if (typeof d.withdrawReason === 'string') parts.push(`撤回理由：${d.withdrawReason}`);
  if (typeof d.year === 'number' && typeof d.holidays === 'number') parts.push(`${d.year} 年：放假 ${d.holidays} 天、调休上班 ${String(d.workdays)} 天`);
  const raw = Object.keys(d).length > 0 ? ` title="${escapeHtml(JSON.stringify(d))}"` : '';
  return `<span${raw}>${escapeHtml(parts.filter((x) => x !== '').join('，'))}</span>`;
}

/** The audit entries (newest first) and the state of the chain. */
export function auditPage(entries: readonly AuditEntry[], chain: ChainCheck): string {
  const status = chain.ok
    ? chain.checked === chain.entries
      ? `<p class="notice">哈希链完整：共 ${chain.entries} 条记录，逐条校验无断裂，链头与最后一条相符（gongkai audit verify）。</p>`
      : `<p class="notice">哈希链完整：共 ${chain.entries} 条记录；本次校验了上次校验以来新增的 ${chain.checked} 条，链头与最后一条相符（全部重新校验：gongkai audit verify）。</p>`
    : `<div class="problems" role="alert"><h2>审计日志被篡改</h2><p>第 ${chain.seq} 条记录${chain.reason === 'gap' ? '缺失（被删除）' : chain.reason === 'hash' ? '内容被修改' : chain.reason === 'head' ? '起的最新记录缺失（被删除），或链头与最后一条不符' : '与前一条的链接不符'}。</p></div>`;
  const rows = entries
    .map((e) => `<tr><td class="num">${e.seq}</td><td>${escapeHtml(beijingTime(e.at, true))}</td><td>${escapeHtml(e.actorName)}</td><td>${escapeHtml(ACTION_LABELS[e.action] ?? e.action)}</td><td>${auditSubject(e.subject)}</td><td>${auditDetail(e)}</td><td>${escapeHtml(e.ip ?? '')}</td></tr>`)
    .join('\n');
  const oldest = entries.at(-1)?.seq;
  return page({
    title: '审计日志',
    nav: 'audit',
    body: `<h1>审计日志</h1>
<p class="lead">登录、登录失败、查看申请人个人信息和每一个办理步骤都记录在此。日志只能追加，每条记录含前一条的哈希值。</p>
${status}
<div class="table-scroll" role="region" aria-label="审计日志记录" tabindex="0"><table class="list"><caption class="en">最新的在前 / newest first</caption>
<thead><tr><th scope="col">序号</th><th scope="col">时间（北京时间）</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">详情</th><th scope="col">地址</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${oldest !== undefined && oldest > 1 ? `<p><a href="/console/audit?before=${oldest}">更早的记录</a></p>` : ''}`,
  });
}
