/**
 * 行政复议 and 行政诉讼 after an answer (条例第五十一条): the applicant may seek administrative review, or sue directly or
 * after the review. Each record is linked to its case and feeds table 四 (year-tables.ts): in its outcome's column
 * (维持 / 纠正 / 其他) in the year it is decided, as 尚未审结 at the end of each year it is pending.
 */
import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';
import { Reader, type Parsed } from './input.ts';
import { REVIEW_OUTCOMES, type ReviewGroup, type ReviewOutcome } from './year-tables.ts';

export const REVIEW_GROUPS: readonly ReviewGroup[] = ['review', 'litigationDirect', 'litigationAfterReview'];

export const REVIEW_GROUP_LABELS: Readonly<Record<ReviewGroup, { zh: string; en: string }>> = {
  review: { zh: '行政复议', en: 'administrative review' },
  litigationDirect: { zh: '行政诉讼（未经复议直接起诉）', en: 'litigation, direct' },
  litigationAfterReview: { zh: '行政诉讼（复议后起诉）', en: 'litigation after review' },
};

export const REVIEW_OUTCOME_LABELS: Readonly<Record<ReviewOutcome | 'pending', { zh: string; en: string }>> = {
  upheld: { zh: '结果维持', en: 'upheld' },
  corrected: { zh: '结果纠正', en: 'corrected' },
  other: { zh: '其他结果', en: 'other outcome' },
  pending: { zh: '尚未审结', en: 'pending' },
};

export interface ReviewRecord {
  readonly id: string;
  readonly caseId: string;
  readonly organizationId: string;
  readonly group: ReviewGroup;
  /** 复议机关 or 人民法院. */
  readonly body: string;
  /** 案号, e.g. （2025）豫0105行初123号. */
  readonly reference: string | null;
  readonly filedOn: IsoDate;
  readonly decidedOn: IsoDate | null;
  readonly outcome: ReviewOutcome | null;
  readonly note: string | null;
}

export interface NewReview {
  readonly group: ReviewGroup;
  readonly body: string;
  readonly reference: string | null;
  readonly filedOn: IsoDate;
  readonly note: string | null;
}

/** Read a new review or lawsuit; it cannot be filed before the case was answered or closed, nor after `today`. */
export function parseNewReview(input: unknown, closedOn: IsoDate | null, today: IsoDate): Parsed<NewReview> {
  const r = new Reader(input);
  const group = r.member('group', '类型（行政复议、行政诉讼）', REVIEW_GROUPS);
  const body = r.text('body', group === 'review' ? '复议机关' : '人民法院', 100);
  const reference = r.optionalText('reference', '案号', 100);
  const filedOn = r.date('filedOn', group === 'review' ? '申请复议之日' : '起诉之日');
  const note = r.optionalText('note', '备注', 1000);
  const problems: Problem[] = r.problems.map((p) => ({ ...p, code: 'review.invalid' }));
  if (problems.length === 0 && closedOn === null) problems.push(problem('review.invalid', 'caseId', { zh: '该申请尚未办结，不能登记行政复议或行政诉讼', en: 'the application is not closed yet' }));
  else if (problems.length === 0 && closedOn !== null && daysBetween(closedOn, filedOn) < 0) problems.push(problem('review.invalid', 'filedOn', { zh: `不能早于办结之日 ${closedOn}`, en: `cannot be before the case closed (${closedOn})` }));
  else if (problems.length === 0 && daysBetween(today, filedOn) > 0) problems.push(problem('application.futureDate', 'filedOn', { zh: `${filedOn} 晚于今天 ${today}`, en: `${filedOn} is after today (${today})` }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { group, body, reference, filedOn, note } };
}

/** Read an outcome (审结) for a pending record: not before it was filed, not after `today`. */
export function parseReviewDecision(input: unknown, record: ReviewRecord, today: IsoDate): Parsed<{ decidedOn: IsoDate; outcome: ReviewOutcome }> {
  if (record.decidedOn !== null) return { ok: false, problems: [problem('review.decided', 'id', undefined, { decidedOn: record.decidedOn })] };
  const r = new Reader(input);
  const decidedOn = r.date('decidedOn', '审结之日');
  const outcome = r.member('outcome', '审理结果', REVIEW_OUTCOMES);
  const problems: Problem[] = r.problems.map((p) => ({ ...p, code: 'review.invalid' }));
  if (problems.length === 0 && daysBetween(record.filedOn, decidedOn) < 0) problems.push(problem('review.invalid', 'decidedOn', { zh: `不能早于受理之日 ${record.filedOn}`, en: `cannot be before it was filed (${record.filedOn})` }));
  else if (problems.length === 0 && daysBetween(today, decidedOn) > 0) problems.push(problem('application.futureDate', 'decidedOn', { zh: `${decidedOn} 晚于今天 ${today}`, en: `${decidedOn} is after today (${today})` }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { decidedOn, outcome } };
}
