/**
 * Notifications (issue 12 item 8): the applicant's notices by e-mail and SMS, the staff's due-soon/overdue digests,
 * and the outbox worker that sends them with retries. A step's messages are built here before the step is written
 * and stored by the case repository in the step's own transaction (`messagesFor`), so a case step and its notice
 * are kept or lost together; sending happens later (`runOutbox`), never inside a step, which no mail server can slow.
 */
import type { Case } from '../../core/application/case.ts';
import { caseClock } from '../../core/application/clock.ts';
import { buildNotice } from '../../core/application/notices.ts';
import type { WorkingDayCalendar } from '../../core/calendar/calendar.ts';
import type { IsoDate } from '../../core/calendar/dates.ts';
import { DUE_SOON_WORKING_DAYS } from '../../core/calendar/deadlines.ts';
import { addWorkingDays } from '../../core/calendar/working-days.ts';
import { applicantMessages, digestMessage, NOT_CONFIGURED, NOTIFIED_STEPS, retryDelayMinutes, type DigestCase, type MessageDraft } from '../../core/notify/messages.ts';
import type { CaseRepository, Clock, IdSource } from '../applications/ports.ts';
import type { Organization, OrganizationRepository } from '../organizations/ports.ts';
import type { NewMessage, OutboxMessage, OutboxRepository, Sender, SendResult } from './ports.ts';

/** 复议机关 named in an answer: the nearest government above a department or office; a government's is the one above. */
export async function reviewBodyOf(organizations: Pick<OrganizationRepository, 'get'>, org: Organization | null): Promise<string> {
  if (!org) return '上一级人民政府';
  let parentId = org.parentId;
  while (parentId) {
    const parent = await organizations.get(parentId);
    if (!parent) break;
    if (parent.kind === 'government') return parent.name;
    parentId = parent.parentId;
  }
  return '上一级人民政府';
}

/** Builds the applicant's messages of a step on a case of one organisation (see messagesFor); synchronous, so it can run inside a transaction. */
export type Messenger = (c: Case, step: string, cal: WorkingDayCalendar, today: IsoDate, now: string) => NewMessage[];

/** Look up what the notices of an organisation's cases name (机关, 复议机关) once, and give the builder of their messages. */
export async function noticeMessenger(deps: { organizations: Pick<OrganizationRepository, 'get'>; ids: IdSource }, organizationId: string): Promise<Messenger> {
  const org = await deps.organizations.get(organizationId);
  const organization = org?.name ?? '';
  const reviewBody = await reviewBodyOf(deps.organizations, org);
  return (c, step, cal, today, now) => {
    const kind = NOTIFIED_STEPS[step];
    if (!kind || (!c.applicant.email && !c.applicant.phone)) return [];
    const notice = buildNotice(kind, c, { organization, reviewBody, clock: caseClock(cal, c, today) });
    return notice ? applicantMessages(c, notice, organization).map((m) => withId(deps.ids, m, now)) : [];
  };
}

/**
 * The messages step `step` (or 'register') sends the applicant of case `c` (the case after the step): its notice by
 * e-mail and/or SMS; none for other steps or when the applicant gave neither an e-mail address nor a mobile number.
 */
export async function messagesFor(deps: { organizations: Pick<OrganizationRepository, 'get'>; ids: IdSource }, c: Case, step: string, cal: WorkingDayCalendar, today: IsoDate, now: string): Promise<NewMessage[]> {
  if (!NOTIFIED_STEPS[step] || (!c.applicant.email && !c.applicant.phone)) return [];
  return (await noticeMessenger(deps, c.organizationId))(c, step, cal, today, now);
}

const withId = (ids: IdSource, m: MessageDraft, now: string): NewMessage => ({ ...m, id: ids.newId(), createdAt: now });

const plusMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface OutboxDeps {
  readonly outbox: OutboxRepository;
  readonly senders: { readonly email: Sender; readonly sms: Sender };
  readonly clock: Pick<Clock, 'now'>;
}

export interface RunSummary {
  readonly sent: number;
  readonly failed: number;
  readonly unsent: number;
  /** Taken by another process meanwhile. */
  readonly skipped: number;
}

/** How long a message taken for an attempt is left alone by other workers (a crashed attempt is retried after it). */
export const LEASE_MINUTES = 10;

/** Attempt one message now: sent, failed (retried with backoff, or given up) or unsent (channel not configured). */
export async function attemptMessage(deps: OutboxDeps, m: OutboxMessage): Promise<'sent' | 'failed' | 'unsent' | 'skipped'> {
  const now = deps.clock.now();
  const sender = deps.senders[m.channel];
  if (!sender.configured) {
    await deps.outbox.record(m.id, { state: 'unsent', lastError: NOT_CONFIGURED[m.channel], nextAttemptAt: null, sentAt: null, updatedAt: now });
    return 'unsent';
  }
  const attempts = m.attempts + 1;
  if (!(await deps.outbox.claim(m.id, m.attempts, plusMinutes(now, LEASE_MINUTES)))) return 'skipped';
  const result = await sender.send({ to: m.recipient, subject: m.subject, body: m.body, id: m.id }).catch((error: unknown): SendResult => ({ ok: false, reason: `发送出错 / unexpected error: ${error instanceof Error ? error.message : String(error)}` }));
  const at = deps.clock.now();
  if (result.ok) {
    await deps.outbox.record(m.id, { state: 'sent', lastError: null, nextAttemptAt: null, sentAt: at, updatedAt: at });
    return 'sent';
  }
  const delay = result.retry === false ? null : retryDelayMinutes(attempts);
  await deps.outbox.record(m.id, { state: 'failed', lastError: result.reason, nextAttemptAt: delay === null ? null : plusMinutes(at, delay), sentAt: null, updatedAt: at });
  return 'failed';
}

/** Send what is due now, one message after another (at most `limit`). Database errors reject; send errors are recorded. */
export async function runOutbox(deps: OutboxDeps, limit = 100): Promise<RunSummary> {
  const due = await deps.outbox.due(deps.clock.now(), limit);
  const counts = { sent: 0, failed: 0, unsent: 0, skipped: 0 };
  for (const m of due) counts[await attemptMessage(deps, m)] += 1;
  return counts;
}

export interface DigestDeps {
  readonly outbox: OutboxRepository;
  readonly cases: Pick<CaseRepository, 'list'>;
  readonly organizations: Pick<OrganizationRepository, 'list'>;
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** Working days ahead that count as "due soon" in a digest (the work queue's 5个工作日内到期). */
export const SOON_WORKING_DAYS = DUE_SOON_WORKING_DAYS;

const digestCase = (s: { number: string; applicantName: string; description: string; nextDue: { date: string | null } }): DigestCase => ({ number: s.number, applicantName: s.applicantName, description: s.description, due: s.nextDue.date ?? '' });

/**
 * Queue today's digest for every organisation with a digest address: its own open cases overdue and due within
 * SOON_WORKING_DAYS working days (not those of the organisations below it: each has its own address). At most one
 * digest per organisation and day (a second run, or another process, queues nothing); none on a rest day unless
 * `restDays`. Returns how many were queued.
 */
export async function enqueueDigests(deps: DigestDeps, cal: WorkingDayCalendar, options: { readonly restDays?: boolean } = {}): Promise<{ queued: number; organizations: number }> {
  const today = deps.clock.today();
  const now = deps.clock.now();
  const addresses = await deps.outbox.addresses();
  const day = cal.isWorkingDay(today);
  // The worker sends digests on working days only (a day the calendar does not cover counts as one); asked for, any day.
  if (!options.restDays && day.covered && !day.working) return { queued: 0, organizations: addresses.size };
  const soon = addWorkingDays(cal, today, SOON_WORKING_DAYS);
  let queued = 0;
  for (const org of await deps.organizations.list()) {
    const to = addresses.get(org.id);
    if (!to) continue;
    const overdue = await deps.cases.list({ organizationIds: [org.id], dueBefore: today, order: 'due', limit: 200 });
    const dueSoon = soon.ok ? (await deps.cases.list({ organizationIds: [org.id], dueOnOrBefore: soon.date, order: 'due', limit: 400 })).items.filter((s) => s.nextDue.date !== null && s.nextDue.date >= today) : [];
    const draft = digestMessage({ id: org.id, name: org.name }, to, today, overdue.items.map(digestCase), dueSoon.map(digestCase), SOON_WORKING_DAYS);
    if (draft) queued += await deps.outbox.enqueue([withId(deps.ids, draft, now)]);
  }
  return { queued, organizations: addresses.size };
}
