/**
 * The statutory clock of a disclosure application (依申请公开), 《中华人民共和国政府信息公开条例》(2019 修订):
 * - 第三十条: an unclear request → ask once for a correction (补正) within 7 working days of receipt; the answer
 *   period then runs from receipt of the corrected application (pass that date as `received`).
 * - 第三十二条: a consulted third party has 15 working days to reply.
 * - 第三十三条第二款: answer within 20 working days of receipt; an approved extension adds at most 20 working days.
 * - 第三十三条第三款: time spent consulting third parties or other agencies is not counted (a pause).
 * - 第三十四条: other agencies consulted on jointly-made information have 15 working days to reply.
 * Each number lives here once, with its article. Counting conventions (spec/applications.md): the receipt day is
 * day 0 (DAY_COUNTING); a pause from S (request sent) to E (reply or payment received) removes the working days d
 * with S < d <= E from the count, so the answer is due on the (20 + paused + extension)-th working day after receipt.
 * A date counted over a provisional year (calendar.ts; 《全国年节及纪念日放假办法》第二条 without the year's notice)
 * carries `provisional: true` and the years it depended on: it is shown as 暂定 and changes when the notice is loaded.
 */
import { problem, type Problem } from '../errors.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import { daysBetween, isIsoDate, type IsoDate } from './dates.ts';
import { addWorkingDays, workingDaysBetween, type AddResult, type DayCounting, type NotCovered, type ProofDay, type ProvisionalMark } from './working-days.ts';

/** A period of the 条例, counted in working days, with its article (Chinese, English) and its name. */
export interface StatutoryPeriod {
  readonly workingDays: number;
  readonly article: string;
  readonly articleEn: string;
  readonly zh: string;
  readonly en: string;
}

/** 条例第三十条: 补正 — ask for the correction within 7 working days of receipt. */
export const CORRECTION_NOTICE = { workingDays: 7, article: '条例第三十条', articleEn: 'Art. 30', zh: '补正告知期限', en: 'correction notice due' } as const satisfies StatutoryPeriod;
/** 条例第三十三条第二款: answer within 20 working days of receipt. */
export const ANSWER = { workingDays: 20, article: '条例第三十三条第二款', articleEn: 'Art. 33(2)', zh: '答复期限', en: 'answer due' } as const satisfies StatutoryPeriod;
/** 条例第三十三条第二款: an extension of at most 20 working days (approved by the head of the disclosure office). */
export const EXTENSION_MAX = { workingDays: 20, article: '条例第三十三条第二款', articleEn: 'Art. 33(2)', zh: '延长答复期限（最长）', en: 'longest extension' } as const satisfies StatutoryPeriod;
/** 条例第三十二条: the third party has 15 working days to reply. */
export const THIRD_PARTY_REPLY = { workingDays: 15, article: '条例第三十二条', articleEn: 'Art. 32', zh: '第三方答复期限', en: 'third-party reply due' } as const satisfies StatutoryPeriod;
/** 条例第三十四条: the other agencies have 15 working days to reply (silence = consent). */
export const INTER_AGENCY_REPLY = { workingDays: 15, article: '条例第三十四条', articleEn: 'Art. 34', zh: '其他机关答复期限', en: 'inter-agency reply due' } as const satisfies StatutoryPeriod;

/**
 * 条例第二十六条: information to be disclosed proactively is published within 20 working days of being formed or
 * changed (自该政府信息形成或者变更之日起20个工作日内). The catalog counts it from the 成文日期 (or the date of the change).
 */
export const PROACTIVE_PUBLICATION = { workingDays: 20, article: '条例第二十六条', articleEn: 'Art. 26', zh: '主动公开期限', en: 'proactive publication due' } as const satisfies StatutoryPeriod;

/** 国办函〔2020〕109号: the applicant pays within 20 working days of receiving the fee notice (收费通知). */
export const FEE_PAYMENT = { workingDays: 20, article: '国办函〔2020〕109号', articleEn: 'State Council Office letter [2020] 109', zh: '缴费期限', en: 'payment due' } as const satisfies StatutoryPeriod;

/** Our setting, not the statute's: a deadline this many working days away or closer is "due soon" (即将到期). */
export const DUE_SOON_WORKING_DAYS = 5;

/** A stretch during which the answer clock stands still: from the day the request was sent to the day the reply (or payment) came. */
export interface Pause {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Why, for the proof: 征求第三方意见, 征求其他机关意见, 收费通知未缴费 … */
  readonly reason: string;
}

export interface DeadlineInput {
  /** The day the application (or the corrected application, Art. 30) counts as received (Art. 31). */
  readonly received: IsoDate;
  /** Working days of an approved extension, 0-20 (Art. 33(2)). */
  readonly extensionDays?: number;
  readonly pauses?: readonly Pause[];
}

/** Set together, only on a result counted over a provisional year: the flag and the years it depended on. */
export interface Provisional {
  readonly provisional?: true;
  readonly provisionalYears?: readonly number[];
}

/** A due date, 暂定 when `provisional`; or the year the calendar lacks. */
export type Due = ({ readonly ok: true; readonly date: IsoDate } & Provisional) | NotCovered;

/** The Provisional fields of a count (none when it looked at loaded years only). */
export function provisionalOf(mark: ProvisionalMark): Provisional {
  return mark.provisionalYears && mark.provisionalYears.length > 0 ? { provisional: true, provisionalYears: mark.provisionalYears } : {};
}

/** A count's due date. */
const dueOf = (r: AddResult): Due => (r.ok ? { ok: true, date: r.date, ...provisionalOf(r) } : bare(r));
export type DeadlineKind = 'correctionNotice' | 'thirdPartyReply' | 'interAgencyReply' | 'answer';

/** The deadline proof (期限计算明细): every day from receipt to the answer due date, and where each deadline falls. */
export interface DeadlineProof {
  readonly received: IsoDate;
  readonly extensionDays: number;
  /** Working days to count for the answer: 20 + extension (paused days are listed, not counted). */
  readonly target: number;
  readonly days: readonly ProofDay[];
  /** The deadlines falling on the days above (none when that count ran out of the calendar). */
  readonly marks: readonly { readonly date: IsoDate; readonly kind: DeadlineKind; readonly period: StatutoryPeriod }[];
  /** Set when the count stopped at a year the calendar does not cover: `days` ends the day before. */
  readonly notCovered?: NotCovered;
  /** Set when some of `days` were classified on a provisional year (暂定): those years. */
  readonly provisionalYears?: readonly number[];
}

export interface Deadlines {
  readonly ok: true;
  readonly received: IsoDate;
  readonly correctionNoticeDue: Due;
  readonly thirdPartyReplyDueIfSentOnReceipt: Due;
  readonly interAgencyReplyDueIfSentOnReceipt: Due;
  /** Working days inside the pauses (S < d <= E), each counted once when pauses overlap. */
  readonly pausedWorkingDays: ({ readonly ok: true; readonly days: number } & Provisional) | NotCovered;
  readonly answerDue: Due;
  readonly proof: DeadlineProof;
}

export type DeadlinesResult = Deadlines | { readonly ok: false; readonly problems: readonly Problem[] };

/** The due date of a statutory period started on `start` (e.g. a consultation sent that day). notCovered when a year is missing. */
export function periodDue(cal: WorkingDayCalendar, start: IsoDate, period: StatutoryPeriod, counting?: DayCounting): Due {
  return dueOf(addWorkingDays(cal, start, period.workingDays, counting ? { counting } : {}));
}

/** A NotCovered without its partial proof. */
const bare = (nc: NotCovered): NotCovered => ({ ok: false, code: nc.code, year: nc.year, date: nc.date });

function validate(input: DeadlineInput): Problem[] {
  const problems: Problem[] = [];
  const validReceived = typeof input.received === 'string' && isIsoDate(input.received);
  if (!validReceived) problems.push(problem('calendar.badDate', 'received', { zh: String(input.received), en: String(input.received) }));
  const ext = input.extensionDays ?? 0;
  if (!Number.isInteger(ext) || ext < 0 || ext > EXTENSION_MAX.workingDays) {
    problems.push(problem('deadline.extension', 'extensionDays', { zh: `收到 ${ext}`, en: `got ${ext}` }, { max: EXTENSION_MAX.workingDays }));
  }
  (input.pauses ?? []).forEach((p, i) => {
    const at = `pauses[${i}]`;
    if (!isIsoDate(p.from) || !isIsoDate(p.to)) {
      problems.push(problem('deadline.pause', at, { zh: `日期无效：${p.from}..${p.to}`, en: `invalid dates: ${p.from}..${p.to}` }));
    } else if (daysBetween(p.from, p.to) < 0) {
      problems.push(problem('deadline.pause', at, { zh: `结束日 ${p.to} 早于开始日 ${p.from}`, en: `ends (${p.to}) before it starts (${p.from})` }));
    } else if (validReceived && daysBetween(input.received, p.from) < 0) {
      problems.push(problem('deadline.pause', at, { zh: `开始日 ${p.from} 早于收到申请之日 ${input.received}`, en: `starts (${p.from}) before the application was received (${input.received})` }));
    }
    if (typeof p.reason !== 'string' || p.reason.trim() === '') {
      problems.push(problem('deadline.pause', at, { zh: '缺少中止原因', en: 'missing the reason of the pause' }));
    }
  });
  return problems;
}

/** The pause reason of a day (S < d <= E), the first pause listing it. */
function pausedOn(pauses: readonly Pause[]): (date: IsoDate) => string | undefined {
  return (date) => pauses.find((p) => p.from < date && date <= p.to)?.reason;
}

/** Working days in the union of the pauses (S < d <= E). */
function countPaused(cal: WorkingDayCalendar, pauses: readonly Pause[]): Deadlines['pausedWorkingDays'] {
  const dates = new Set<IsoDate>();
  const years = new Set<number>();
  for (const p of pauses) {
    const r = workingDaysBetween(cal, p.from, p.to);
    if (!r.ok) return r;
    for (const d of r.proof) if (d.status === 'counted') dates.add(d.date);
    for (const y of r.provisionalYears ?? []) years.add(y);
  }
  return { ok: true, days: dates.size, ...provisionalOf({ provisionalYears: [...years].sort((a, b) => a - b) }) };
}

/**
 * Every deadline of an application received on `received`, with its deadline proof. A deadline that needs a year the
 * calendar does not cover is `calendar.notCovered` (never guessed from weekdays). Invalid input → coded problems
 * (`calendar.badDate`, `deadline.extension` when over 20 working days, `deadline.pause`).
 */
export function computeDeadlines(cal: WorkingDayCalendar, input: DeadlineInput, counting?: DayCounting): DeadlinesResult {
  const problems = validate(input);
  if (problems.length > 0) return { ok: false, problems };
  const { received } = input;
  const extensionDays = input.extensionDays ?? 0;
  const pauses = input.pauses ?? [];
  const options = counting ? { counting } : {};

  const correctionNoticeDue = periodDue(cal, received, CORRECTION_NOTICE, counting);
  const thirdPartyReplyDueIfSentOnReceipt = periodDue(cal, received, THIRD_PARTY_REPLY, counting);
  const interAgencyReplyDueIfSentOnReceipt = periodDue(cal, received, INTER_AGENCY_REPLY, counting);
  const pausedWorkingDays = countPaused(cal, pauses);
  // Paused days are skipped while counting (Art. 33(3)). This equals "the (20 + paused + extension)-th working day"
  // whenever the pauses end before the due date; a pause begun after the deadline had passed does not revive it.
  const target = ANSWER.workingDays + extensionDays;
  const walk = addWorkingDays(cal, received, target, { ...options, excluded: pausedOn(pauses) });
  const answerDue = dueOf(walk);

  const marks: DeadlineProof['marks'][number][] = [];
  const mark = (due: Due, kind: DeadlineKind, period: StatutoryPeriod) => {
    if (due.ok) marks.push({ date: due.date, kind, period });
  };
  mark(correctionNoticeDue, 'correctionNotice', CORRECTION_NOTICE);
  mark(thirdPartyReplyDueIfSentOnReceipt, 'thirdPartyReply', THIRD_PARTY_REPLY);
  mark(interAgencyReplyDueIfSentOnReceipt, 'interAgencyReply', INTER_AGENCY_REPLY);
  mark(answerDue, 'answer', ANSWER);
  const proof: DeadlineProof = walk.ok
    ? { received, extensionDays, target, days: walk.proof, marks, ...(walk.provisionalYears ? { provisionalYears: walk.provisionalYears } : {}) }
    : { received, extensionDays, target, days: walk.proofSoFar ?? [], marks, notCovered: bare(walk) };
  return { ok: true, received, correctionNoticeDue, thirdPartyReplyDueIfSentOnReceipt, interAgencyReplyDueIfSentOnReceipt, pausedWorkingDays, answerDue, proof };
}

export type DeadlineStatus = 'overdue' | 'dueSoon' | 'onTime';

export type DaysLeft = ({ readonly ok: true; readonly workingDaysLeft: number; readonly status: DeadlineStatus } & Provisional) | NotCovered;

/**
 * Working days left from `today` to `due`: those d with today < d <= due (0 on the due date itself); once the date
 * has passed, minus the working days since (a weekend right after the due date gives 0 but is still overdue).
 * Status: overdue after the due date; dueSoon when at most `dueSoon` working days are left; onTime otherwise.
 * notCovered when a year between the two dates is not loaded; `provisional` when a year between them is provisional.
 */
export function daysLeft(cal: WorkingDayCalendar, today: IsoDate, due: IsoDate, dueSoon: number = DUE_SOON_WORKING_DAYS): DaysLeft {
  const r = workingDaysBetween(cal, today, due);
  if (!r.ok) return r;
  const status: DeadlineStatus = daysBetween(today, due) < 0 ? 'overdue' : r.days <= dueSoon ? 'dueSoon' : 'onTime';
  return { ok: true, workingDaysLeft: r.days, status, ...provisionalOf(r) };
}
