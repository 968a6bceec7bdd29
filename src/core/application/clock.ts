/**
 * The statutory clock of one case: which deadline runs now and when it falls, from the case's own steps.
 * - 第三十条: the correction notice is due 7 working days after receipt; after a correction the answer clock runs from
 *   the day the corrected application arrived (`clockStart`).
 * - 第三十二条、第三十四条: a consultation gives the consulted party 15 working days and stops the answer clock.
 * - 第三十三条: the answer is due 20 working days after `clockStart`, plus an approved extension.
 * - 第四十二条 / 国办函〔2020〕109号: a fee notice gives 20 working days to pay; whether it stops the answer clock is a
 *   named setting (FEE_PAUSES_CLOCK), as spec/applications.md asks.
 * An ongoing pause (consultation or fee not yet ended) is counted up to `today`.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.ts';
import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import {
  computeDeadlines,
  CORRECTION_NOTICE,
  daysLeft,
  FEE_PAYMENT,
  INTER_AGENCY_REPLY,
  periodDue,
  THIRD_PARTY_REPLY,
  type DaysLeft,
  type Deadlines,
  type Due,
  type Pause,
  type StatutoryPeriod,
} from '../calendar/deadlines.ts';
import type { Problem } from '../errors.ts';
import type { Case } from './case.ts';

/** Our setting (spec: "not settled by the sources at hand … default: paused"): an unpaid fee notice stops the answer clock. */
export const FEE_PAUSES_CLOCK = true;

export type NextKind = 'answer' | 'correctionReply' | 'thirdPartyReply' | 'interAgencyReply' | 'feePayment';

export const NEXT_LABELS: Readonly<Record<NextKind, { zh: string; en: string }>> = {
  answer: { zh: '答复期限', en: 'answer due' },
  correctionReply: { zh: '补正期限（申请人）', en: 'correction due from the applicant' },
  thirdPartyReply: { zh: '第三方答复期限', en: 'third-party reply due' },
  interAgencyReply: { zh: '其他机关答复期限', en: 'inter-agency reply due' },
  feePayment: { zh: '缴费期限', en: 'payment due' },
};

/** The deadline that runs now, for the work queue. */
export interface NextDeadline {
  readonly kind: NextKind;
  readonly due: Due;
  /** Days left and overdue/dueSoon/onTime on `today`; null when the due date is not known (calendar not covered). */
  readonly left: DaysLeft | null;
}

export interface CaseClock {
  /** 补正告知期限: 7 working days after the original receipt. */
  readonly correctionNoticeDue: Due;
  /** The answer deadlines from `clockStart` with the case's pauses and extension (null while awaiting a correction). */
  readonly answer: Deadlines | { readonly ok: false; readonly problems: readonly Problem[] } | null;
  /** The deadline running now (null once the case is closed). */
  readonly next: NextDeadline | null;
  /** For a closed, answered case: whether the answer came after its due date. */
  readonly answeredLate: boolean | null;
}

/** The pauses of the answer clock, an ongoing one counted to `today`, clipped to start no earlier than `clockStart`. */
export function casePauses(c: Case, today: IsoDate): Pause[] {
  const raw: Pause[] = c.consultations.map((k) => ({
    from: k.sentOn,
    to: k.endedOn ?? today,
    reason: k.kind === 'thirdParty' ? `征求第三方意见：${k.party}` : `征求其他机关意见：${k.party}`,
  }));
  if (FEE_PAUSES_CLOCK && c.fee) raw.push({ from: c.fee.noticeOn, to: c.fee.paidOn ?? c.fee.lapsedOn ?? today, reason: '收费通知，等待缴费' });
  return raw
    .filter((p) => daysBetween(c.clockStart, p.to) > 0)
    .map((p) => (daysBetween(c.clockStart, p.from) < 0 ? { ...p, from: c.clockStart } : p));
}

/** The answer deadlines of a case on `today`. */
export function answerDeadlines(cal: WorkingDayCalendar, c: Case, today: IsoDate): CaseClock['answer'] {
  return computeDeadlines(cal, { received: c.clockStart, extensionDays: c.extension?.days ?? 0, pauses: casePauses(c, today) });
}

const next = (cal: WorkingDayCalendar, today: IsoDate, kind: NextKind, due: Due): NextDeadline => ({
  kind,
  due,
  left: due.ok ? daysLeft(cal, today, due.date) : null,
});

const fixed = (date: IsoDate): Due => ({ ok: true, date });

/** Every deadline of a case on `today`. */
export function caseClock(cal: WorkingDayCalendar, c: Case, today: IsoDate): CaseClock {
  const correctionNoticeDue = periodDue(cal, c.receivedOn, CORRECTION_NOTICE);
  const answer = c.state === 'awaitingCorrection' ? null : answerDeadlines(cal, c, today);
  const answerDue: Due | null = answer && answer.ok ? answer.answerDue : null;
  const consultation = c.consultations.at(-1);
  let running: NextDeadline | null = null;
  switch (c.state) {
    case 'processing':
      running = answerDue ? next(cal, today, 'answer', answerDue) : null;
      break;
    case 'awaitingCorrection':
      running = c.correction ? next(cal, today, 'correctionReply', fixed(c.correction.replyBy)) : null;
      break;
    case 'consulting':
      if (consultation) {
        const period: StatutoryPeriod = consultation.kind === 'thirdParty' ? THIRD_PARTY_REPLY : INTER_AGENCY_REPLY;
        running = next(cal, today, consultation.kind === 'thirdParty' ? 'thirdPartyReply' : 'interAgencyReply', periodDue(cal, consultation.sentOn, period));
      }
      break;
    case 'awaitingFee':
      if (c.fee) running = next(cal, today, 'feePayment', periodDue(cal, c.fee.noticeOn, FEE_PAYMENT));
      break;
    default:
      running = null;
  }
  const answeredLate = c.answer && answerDue && answerDue.ok ? daysBetween(answerDue.date, c.answer.on) > 0 : null;
  return { correctionNoticeDue, answer, next: running, answeredLate };
}

/** The fee payment due date of a case with a fee notice. */
export const feePaymentDue = (cal: WorkingDayCalendar, noticeOn: IsoDate): Due => periodDue(cal, noticeOn, FEE_PAYMENT);
