/**
 * Presenters of the applications API: domain values → the JSON the API answers (never a database row), with the
 * Chinese labels a client needs to show them (state, step, answer category, deadline).
 */
import { eventLabel } from '../../../core/application/amend.ts';
import type { CaseSummary, CaseView } from '../../../app/applications/index.ts';
import type { OutboxMessage } from '../../../app/notify/ports.ts';
import { STATE_LABELS as MESSAGE_STATE_LABELS } from '../../../core/notify/messages.ts';
import { STATE_LABELS, type Case } from '../../../core/application/case.ts';
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../../core/application/privacy.ts';
import { NEXT_LABELS, type NextDeadline } from '../../../core/application/clock.ts';
import { COMMANDS } from '../../../core/application/commands.ts';
import { REVIEW_GROUP_LABELS, REVIEW_OUTCOME_LABELS, type ReviewRecord } from '../../../core/application/review.ts';
import { answerCategory, APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../../../core/application/terms.ts';
import type { CaseEvent } from '../../../core/application/transitions.ts';
import type { WorkingDayCalendar } from '../../../core/calendar/calendar.ts';
import { yearOf } from '../../../core/calendar/dates.ts';
import type { Due } from '../../../core/calendar/deadlines.ts';
import { formatDeadlineProof } from '../../../core/calendar/proof.ts';
import { PROVISIONAL_LABEL, PROVISIONAL_NOTE } from '../../../core/calendar/statutory-holidays.ts';

/**
 * A due date as JSON: the date, or why it is not known. A provisional date (a year whose holiday notice is not
 * loaded, counted under 《全国年节及纪念日放假办法》第二条) says so, with the years and the reason in Chinese.
 */
export const presentDue = (due: Due): { date: string | null; notCovered?: { year: number }; provisional?: { years: readonly number[]; label: string; note: string } } =>
  due.ok
    ? { date: due.date, ...(due.provisional ? { provisional: { years: due.provisionalYears ?? [], label: PROVISIONAL_LABEL.zh, note: PROVISIONAL_NOTE.zh } } : {}) }
    : { date: null, notCovered: { year: due.year } };

export function presentNext(next: NextDeadline | null) {
  if (!next) return null;
  return {
    kind: next.kind,
    label: NEXT_LABELS[next.kind].zh,
    ...presentDue(next.due),
    workingDaysLeft: next.left?.ok ? next.left.workingDaysLeft : null,
    status: next.left?.ok ? next.left.status : null,
  };
}

/**
 * A case in a list. With the calendar, a stored running deadline in a year not loaded yet says it is provisional
 * (暂定): it was counted on 《全国年节及纪念日放假办法》第二条 alone.
 */
export function presentSummary(s: CaseSummary, cal?: WorkingDayCalendar) {
  const provisional = cal && s.nextDue.date && cal.isProvisional(yearOf(s.nextDue.date)) ? { provisional: { years: [yearOf(s.nextDue.date)], label: PROVISIONAL_LABEL.zh, note: PROVISIONAL_NOTE.zh } } : {};
  return {
    id: s.id,
    number: s.number,
    organizationId: s.organizationId,
    state: s.state,
    stateLabel: STATE_LABELS[s.state].zh,
    applicantType: s.applicantType,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[s.applicantType].zh,
    applicantName: s.applicantName,
    description: s.description,
    receivedOn: s.receivedOn,
    closedOn: s.closedOn,
    result: s.resultRow ? { row: s.resultRow, label: answerCategory(s.resultRow)?.zh ?? s.resultRow } : null,
    nextDue: s.nextDue.kind ? { kind: s.nextDue.kind, label: NEXT_LABELS[s.nextDue.kind].zh, date: s.nextDue.date, ...provisional } : null,
    href: `/api/applications/${encodeURIComponent(s.id)}`,
  };
}

export const presentEvent = (e: CaseEvent) => ({
  seq: e.seq,
  kind: e.kind,
  label: eventLabel(e.kind),
  on: e.on,
  recordedAt: e.recordedAt,
  actor: e.actor,
  reason: e.reason,
  from: e.from,
  to: e.to,
  data: e.kind === 'register' ? {} : e.data,
});

export const presentReview = (r: ReviewRecord) => ({
  ...r,
  groupLabel: REVIEW_GROUP_LABELS[r.group].zh,
  outcomeLabel: REVIEW_OUTCOME_LABELS[r.outcome ?? 'pending'].zh,
});

/** The applicant with identity number, phone, e-mail and address masked (lists, oversight, anyone outside the owner). */
export function maskedApplicant(a: Case['applicant']): Case['applicant'] {
  return {
    ...a,
    idNumber: maskIdNumber(a.idNumber),
    phone: a.phone === null ? null : maskPhone(a.phone),
    email: a.email === null ? null : maskEmail(a.email),
    address: a.address === null ? null : maskAddress(a.address),
    ...(a.fax ? { fax: maskPhone(a.fax) } : {}),
  };
}

/** The case page as JSON; `personal` shows the applicant's identity and contact in full (owner's staff only). */
export function presentCase(view: CaseView, personal: boolean) {
  const { case: full, clock } = view;
  const c: Case = personal ? full : { ...full, applicant: maskedApplicant(full.applicant) };
  const answer = clock.answer;
  return {
    ok: true as const,
    today: view.today,
    personalData: personal ? ('full' as const) : ('masked' as const),
    case: {
      ...c,
      stateLabel: STATE_LABELS[c.state].zh,
      channelLabel: CHANNEL_LABELS[c.channel].zh,
      receiptRule: CHANNEL_LABELS[c.channel].receiptRule,
      result: c.resultRow ? { row: c.resultRow, label: answerCategory(c.resultRow)?.zh ?? c.resultRow, articles: answerCategory(c.resultRow)?.articles ?? null } : null,
    },
    deadlines: {
      correctionNoticeDue: presentDue(clock.correctionNoticeDue),
      answerDue: answer?.ok ? presentDue(answer.answerDue) : null,
      pausedWorkingDays: answer?.ok && answer.pausedWorkingDays.ok ? answer.pausedWorkingDays.days : null,
      extensionDays: c.extension?.days ?? 0,
      next: presentNext(clock.next),
      answeredLate: clock.answeredLate,
    },
    proof: answer?.ok ? { lines: formatDeadlineProof(answer.proof), days: answer.proof.days } : null,
    timeline: view.events.map(presentEvent),
    available: view.available.map((kind) => ({ kind, label: COMMANDS[kind].zh, method: 'POST', href: `/api/applications/${encodeURIComponent(c.id)}/steps/${kind}` })),
    reviews: view.reviews.map(presentReview),
  };
}

/** A case's notifications in the API: delivery state, attempts and failure reason; the recipient masked like the applicant. */
export function presentMessages(messages: readonly OutboxMessage[], personal: boolean) {
  return messages.map((m) => ({
    id: m.id,
    channel: m.channel,
    topic: m.topic,
    recipient: personal ? m.recipient : m.channel === 'email' ? maskEmail(m.recipient) : maskPhone(m.recipient),
    subject: m.subject,
    state: m.state,
    stateLabel: MESSAGE_STATE_LABELS[m.state],
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.nextAttemptAt,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  }));
}
