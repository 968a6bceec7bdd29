/**
 * Notifications (issue 12 item 8): what the applicant is sent when a case is registered (登记回执), asked to correct
 * (补正告知书, 条例第三十条), extended (延期答复告知书, 第三十三条第二款) or answered (答复书) — by e-mail when they gave an
 * address, by SMS when they gave a mobile number — and the staff's digest of cases due soon and overdue. Pure: the
 * texts are built here from the notices of core/application/notices.ts; sending is an adapter's business.
 */
import type { Case } from '../application/case.ts';
import type { Notice, NoticeKind } from '../application/notices.ts';
import type { IsoDate } from '../calendar/dates.ts';

export const CHANNELS = ['email', 'sms'] as const;
export type NotifyChannel = (typeof CHANNELS)[number];

/**
 * Delivery states of a message in the outbox: queued (not tried yet), sent, failed (the last attempt failed: its
 * reason and the attempts are kept; retried at `nextAttemptAt`, or given up when that is null), unsent (no mail
 * server or SMS gateway configured: logged, never sent).
 */
export const MESSAGE_STATES = ['queued', 'sent', 'failed', 'unsent'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export const STATE_LABELS: Readonly<Record<MessageState, string>> = { queued: '待发送', sent: '已发送', failed: '发送失败', unsent: '未发送' };
export const CHANNEL_LABELS: Readonly<Record<NotifyChannel, string>> = { email: '电子邮件', sms: '短信' };

/** Why a message was not sent because nothing is configured (the reason stored with state `unsent`). */
export const NOT_CONFIGURED: Readonly<Record<NotifyChannel, string>> = { email: '未发送（未配置邮件服务器）', sms: '未发送（未配置短信通道）' };

/** The notices an applicant is sent, by the step that makes them (register is 登记). */
export const NOTIFIED_STEPS: Readonly<Record<string, NoticeKind>> = { register: 'receipt', requestCorrection: 'correction', extend: 'extension', answer: 'answer' };

/** A message to put in the outbox. */
export interface MessageDraft {
  readonly channel: NotifyChannel;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  /** The case it is about (null for a digest). */
  readonly caseId: string | null;
  readonly organizationId: string;
  /** What it is: a notice kind, or 'digest'. */
  readonly topic: NoticeKind | 'digest';
  /** At most one message with this key is ever queued (digests: one per organisation and day). */
  readonly dedupeKey: string | null;
}

/** A mainland mobile number (11 digits from 13-19), with an optional +86/0086 and spaces or dashes; null otherwise. */
export function mobileNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** A plausible e-mail address (one @, a dot in the domain, no spaces or angle brackets); null otherwise. */
export function emailAddress(text: string | null | undefined): string | null {
  const t = text?.trim() ?? '';
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(t) ? t : null;
}

/** A notice as the plain text of an e-mail: title, 文号, addressee, paragraphs, signature and date. */
export function noticeText(n: Notice): string {
  return [n.title, n.docNumber, '', n.addressee, ...n.paragraphs.map((p) => `\u3000\u3000${p}`), '', n.signature, n.date, ''].join('\n');
}

/** What an SMS says happened (the notice itself goes by the delivery route the applicant chose, or by e-mail). */
const SMS_SUMMARY: Readonly<Record<NoticeKind, string>> = {
  receipt: '已登记，本机关将在法定期限内答复',
  correction: '需要补正，请查收补正告知书',
  extension: '答复期限已延长，请查收延期答复告知书',
  consultation: '正在征求意见',
  fee: '需缴纳信息处理费，请查收收费通知',
  answer: '已作出答复，请查收答复书',
};

/**
 * The applicant's messages for a notice: an e-mail with the notice's full text when they gave an e-mail address, an
 * SMS with a short summary when they gave a mobile number; none when neither (a landline gets nothing).
 */
export function applicantMessages(c: Case, notice: Notice, organization: string): MessageDraft[] {
  const out: MessageDraft[] = [];
  const base = { caseId: c.id, organizationId: c.organizationId, topic: notice.kind, dedupeKey: null };
  const email = emailAddress(c.applicant.email);
  if (email) out.push({ ...base, channel: 'email', recipient: email, subject: `${notice.title}（申请编号：${c.number}）`, body: noticeText(notice) });
  const mobile = mobileNumber(c.applicant.phone);
  if (mobile) {
    out.push({ ...base, channel: 'sms', recipient: mobile, subject: notice.title, body: `【${organization}】${c.applicant.name}：你的政府信息公开申请（申请编号：${c.number}）${SMS_SUMMARY[notice.kind]}。` });
  }
  return out;
}

/** One line of a digest. */
export interface DigestCase {
  readonly number: string;
  readonly applicantName: string;
  readonly description: string;
  readonly due: IsoDate;
}

const line = (d: DigestCase): string => `${d.number}\u3000${d.applicantName}\u3000${d.description.length > 40 ? `${d.description.slice(0, 40)}…` : d.description}\u3000期限：${d.due}`;

/**
 * The staff digest of an organisation for `today`: its open cases overdue and due within the next working days;
 * null when there is nothing to report. One per organisation and day (dedupe key `digest:ORG:DATE`).
 */
export function digestMessage(org: { id: string; name: string }, recipient: string, today: IsoDate, overdue: readonly DigestCase[], dueSoon: readonly DigestCase[], soonDays: number): MessageDraft | null {
  if (overdue.length === 0 && dueSoon.length === 0) return null;
  const body = [
    `${org.name}：`,
    `\u3000\u3000截至${today}，本机关有已超期案件 ${overdue.length} 件、${soonDays}个工作日内到期案件 ${dueSoon.length} 件。`,
    '',
    `一、已超期（${overdue.length} 件）`,
    ...(overdue.length ? overdue.map(line) : ['（无）']),
    '',
    `二、${soonDays}个工作日内到期（${dueSoon.length} 件）`,
    ...(dueSoon.length ? dueSoon.map(line) : ['（无）']),
    '',
    '本邮件由政府信息公开工作平台自动发送。',
    '',
  ].join('\n');
  return { channel: 'email', recipient, subject: `依申请公开案件到期提醒：已超期${overdue.length}件，即将到期${dueSoon.length}件（${today}）`, body, caseId: null, organizationId: org.id, topic: 'digest', dedupeKey: `digest:${org.id}:${today}` };
}

/** Minutes to wait before attempt `attempts + 1` after `attempts` failed ones; null when it is time to give up. */
export const RETRY_MINUTES: readonly number[] = [1, 5, 15, 60, 240, 720];
export function retryDelayMinutes(attempts: number): number | null {
  return attempts >= 1 && attempts <= RETRY_MINUTES.length ? (RETRY_MINUTES[attempts - 1] ?? null) : null;
}
