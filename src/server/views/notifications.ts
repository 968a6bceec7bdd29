/**
 * Notifications as staff see them: the messages of a case on the case page (to whom, what, its delivery state,
 * attempts, the reason of a failure and the next retry), and the admin's list /console/notifications with the
 * digest addresses of their organisations.
 */
import type { OutboxMessage } from '../../app/notify/ports.ts';
import type { Organization } from '../../app/organizations/ports.ts';
import { maskEmail, maskPhone } from '../../core/application/privacy.ts';
import { NOTICE_TITLES, type NoticeKind } from '../../core/application/notices.ts';
import type { Problem } from '../../core/errors.ts';
import { CHANNEL_LABELS, MESSAGE_STATES, STATE_LABELS, type MessageState } from '../../core/notify/messages.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { beijingTime } from '../clock.ts';
import { page } from './layout.ts';

const topicLabel = (topic: string): string => (topic === 'digest' ? '到期提醒（工作人员）' : (NOTICE_TITLES[topic as NoticeKind] ?? topic));

/** The state as a short phrase: 已发送 at…, 发送失败（第 N 次）将于…重试, 发送失败（已放弃）, 未发送（未配置…）. */
function stateText(m: OutboxMessage): string {
  switch (m.state) {
    case 'sent':
      return `${STATE_LABELS.sent}（${beijingTime(m.sentAt ?? m.updatedAt)}）`;
    case 'queued':
      return STATE_LABELS.queued;
    case 'unsent':
      return m.lastError ?? STATE_LABELS.unsent;
    case 'failed':
      return m.nextAttemptAt ? `${STATE_LABELS.failed}，将于 ${beijingTime(m.nextAttemptAt)} 重试` : `${STATE_LABELS.failed}，已停止重试`;
  }
}

const recipientOf = (m: OutboxMessage, personal: boolean): string => (personal || m.topic === 'digest' ? m.recipient : m.channel === 'email' ? maskEmail(m.recipient) : maskPhone(m.recipient));

function rows(messages: readonly OutboxMessage[], personal: boolean, withCase: boolean, caseNumbers: ReadonlyMap<string, string>): string {
  return messages
    .map((m) => {
      const caseCell = withCase ? `<td>${m.caseId ? `<a href="/applications/${encodeURIComponent(m.caseId)}">${escapeHtml(caseNumbers.get(m.caseId) ?? '案件')}</a>` : '—'}</td>` : '';
      return `<tr class="msg-${m.state}"><td class="nowrap">${escapeHtml(beijingTime(m.createdAt))}</td>${caseCell}<td>${escapeHtml(topicLabel(m.topic))}</td><td>${CHANNEL_LABELS[m.channel]}</td><td>${escapeHtml(recipientOf(m, personal))}</td><td>${escapeHtml(stateText(m))}</td><td class="num">${m.attempts}</td><td>${m.state === 'failed' && m.lastError ? escapeHtml(m.lastError) : ''}</td></tr>`;
    })
    .join('\n');
}

const HEAD = (withCase: boolean): string =>
  `<thead><tr><th scope="col">生成时间</th>${withCase ? '<th scope="col">案件</th>' : ''}<th scope="col">通知</th><th scope="col">方式</th><th scope="col">收件人</th><th scope="col">状态</th><th scope="col">尝试次数</th><th scope="col">失败原因</th></tr></thead>`;

/** The case page's section: the messages sent (or to be sent) to the applicant about this case. */
export function caseMessagesSection(messages: readonly OutboxMessage[], personal: boolean): string {
  const body = messages.length
    ? `<div class="table-scroll" role="region" aria-label="发送给申请人的通知" tabindex="0"><table class="list">${HEAD(false)}<tbody>${rows(messages, personal, false, new Map())}</tbody></table></div>`
    : '<p>申请人未留电子邮箱或手机号码，或尚无需要发送的通知。</p>';
  return `<section class="card" id="messages"><h2>发送给申请人的通知</h2>
<p class="hint">登记回执、补正告知书、延期答复告知书和答复书在办理时自动发送：留有电子邮箱的发邮件，留有手机号码的发短信。发送失败的会自动重试。</p>
${body}</section>`;
}

export interface NotificationsPageInput {
  readonly messages: readonly OutboxMessage[];
  readonly total: number;
  readonly state: MessageState | null;
  readonly offset: number;
  readonly caseNumbers: ReadonlyMap<string, string>;
  readonly organizations: readonly Organization[];
  readonly addresses: ReadonlyMap<string, string>;
  readonly channels: { readonly email: boolean; readonly sms: boolean };
  readonly csrfToken: string;
  readonly problems?: readonly Problem[];
  readonly saved?: boolean;
}

const PAGE = 100;

/**
 * /console/notifications: every message of the admin's organisations, newest first, filtered by state; digest
 * addresses. Applicants' addresses and numbers are masked here (the case page shows them in full, and audits the view).
 */
export function notificationsPage(input: NotificationsPageInput): string {
  const filters = [`<a href="/console/notifications"${input.state === null ? ' aria-current="true"' : ''}>全部</a>`, ...MESSAGE_STATES.map((s) => `<a href="/console/notifications?state=${s}"${input.state === s ? ' aria-current="true"' : ''}>${STATE_LABELS[s]}</a>`)].join('　|　');
  const channels = `<p class="notice">邮件：${input.channels.email ? '已配置邮件服务器（GONGKAI_SMTP_HOST）' : '未配置邮件服务器，邮件只记录、不发送'}；短信：${input.channels.sms ? '已接入短信通道（GONGKAI_SMS_MODULE）' : '未配置短信通道，短信只记录、不发送'}。</p>`;
  const problems = input.problems && input.problems.length > 0 ? `<div class="problems" role="alert"><ul>${input.problems.map((p) => `<li class="error">${escapeHtml(p.messageZh)}<br><span class="en">${escapeHtml(p.message)} (${p.code})</span></li>`).join('')}</ul></div>` : '';
  const addressRows = input.organizations
    .map((o) => {
      const id = `addr-${o.id}`;
      return `<tr><td>${escapeHtml(o.name)}</td><td><form method="post" action="/console/notifications/addresses/${encodeURIComponent(o.id)}" class="inline"><input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}"><input type="email" id="${escapeHtml(id)}" aria-label="${escapeHtml(o.name)}的到期提醒收件邮箱" name="email" value="${escapeHtml(input.addresses.get(o.id) ?? '')}" placeholder="不发送提醒"> <button type="submit">保存</button></form></td></tr>`;
    })
    .join('\n');
  const next = input.offset + PAGE < input.total ? `<p><a href="/console/notifications?${input.state ? `state=${input.state}&amp;` : ''}offset=${input.offset + PAGE}">更早的通知</a></p>` : '';
  return page({
    title: '通知发送',
    nav: 'notifications',
    body: `<h1>通知发送</h1>
<p class="lead">发送给申请人的登记回执、补正告知书、延期答复告知书、答复书，以及发送给本机关的到期提醒，每一条都记录发送状态、尝试次数和失败原因。</p>
${channels}${problems}${input.saved ? '<p class="notice" role="status">已保存。</p>' : ''}
<nav aria-label="按状态筛选"><p>${filters}</p></nav>
<p>共 ${input.total} 条。</p>
<div class="table-scroll" role="region" aria-label="通知记录" tabindex="0"><table class="list"><caption class="en">最新的在前 / newest first</caption>${HEAD(true)}<tbody>${rows(input.messages, false, true, input.caseNumbers)}</tbody></table></div>
${next}
<section class="card"><h2>到期提醒收件邮箱</h2>
<p class="hint">每个工作日早 8 时后，向下列邮箱发送本机关已超期和 5 个工作日内到期的案件清单（每个机关每天一封；留空则不发送）。</p>
<div class="table-scroll" role="region" aria-label="到期提醒收件邮箱" tabindex="0"><table class="list"><thead><tr><th scope="col">机关</th><th scope="col">收件邮箱</th></tr></thead><tbody>${addressRows}</tbody></table></div></section>`,
  });
}
