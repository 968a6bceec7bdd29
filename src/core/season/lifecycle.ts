/**
 * The lifecycle of an (organisation, year) annual report through the reporting season (条例第四十九条、第五十条):
 * 草稿 → 已提交 (to the parent government's 政府信息公开工作主管部门) → 退回 (with a comment) or 已接收 → 已公布 (frozen).
 * A top organisation (no parent) publishes its own report directly. A correction after publication is a new version
 * with a 更正说明; every version stays. Deadlines: 31 January for administrative bodies, 31 March for a government's
 * report on its area (constants citing the articles); an area may set earlier local dates. Pure.
 */
import { BODY_REPORT_DUE, GOVERNMENT_REPORT_DUE } from '../annual-report/season.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';

export const REPORT_STATES = ['draft', 'submitted', 'returned', 'received', 'published', 'withdrawn'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The states in which a version's report is frozen and counts for its area (a returned one is back with its office). */
export const FROZEN_STATES: readonly ReportState[] = ['submitted', 'received', 'published'];

export const REPORT_STATE_LABELS: Readonly<Record<ReportState, { zh: string; en: string }>> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  received: { zh: '已接收', en: 'received' },
  published: { zh: '已公布', en: 'published' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

/**
 * 已撤回: an imported report (one published elsewhere and brought in by 导入, not built here) taken down by an admin of
 * its scope, with the reason — a wrong or forged upload. Only an imported version that is its year's latest may be
 * withdrawn (a report built on the platform is corrected instead, 更正); it stays stored, never public, counts for no
 * roll-up, and the organisation's next report for the year is a new version.
 */
export function mayWithdraw(record: { readonly state: ReportState; readonly source: ReportSource }, isLatest: boolean): boolean {
  return record.state === 'published' && record.source === 'import' && isLatest;
}

/** Where a version's report came from: built on the platform through the season, or imported from a published file. */
export type ReportSource = 'platform' | 'import';

/** The statutory publication date of the report on `year`: 31 March for a government, 31 January otherwise. */
export function reportDue(year: number, kind: 'government' | 'department' | 'office', local?: IsoDate | null): IsoDate {
  const due = kind === 'government' ? GOVERNMENT_REPORT_DUE : BODY_REPORT_DUE;
  const statutory = `${year + 1}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`;
  // An area may set an earlier date for its organisations, never a later one.
  return local && local < statutory ? local : statutory;
}

export type ReportAction = 'submit' | 'return' | 'receive' | 'publish' | 'correct';

/** Where each action may start from. A top organisation publishes from its draft; correcting starts a new version. */
const FROM: Readonly<Record<ReportAction, readonly ReportState[]>> = {
  submit: ['draft', 'returned'],
  return: ['submitted'],
  receive: ['submitted'],
  publish: ['received', 'draft'],
  correct: ['published'],
};

const TO: Readonly<Record<ReportAction, ReportState>> = { submit: 'submitted', return: 'returned', receive: 'received', publish: 'published', correct: 'draft' };

export interface ReportLifecycle {
  readonly state: ReportState;
  readonly version: number;
  /** Has a parent organisation (a report goes up before it is published). */
  readonly hasParent: boolean;
}

/**
 * The state after `action`, or the problem: report.transition (not allowed from this state, or a report with a
 * parent published before it was received), report.commentRequired (a return or a correction without its text).
 */
export function nextState(current: ReportLifecycle, action: ReportAction, comment: string | null): { ok: true; state: ReportState; version: number } | { ok: false; problems: Problem[] } {
  if (!FROM[action].includes(current.state) || (action === 'publish' && current.state === 'draft' && current.hasParent)) {
    return { ok: false, problems: [problem('report.transition', 'action', { zh: `${REPORT_STATE_LABELS[current.state].zh}的报告不能${ACTION_LABELS[action]}`, en: `a ${current.state} report cannot be ${action}ed` })] };
  }
  if ((action === 'return' || action === 'correct') && (comment ?? '').trim() === '') {
    return { ok: false, problems: [problem('report.commentRequired', 'comment', { zh: action === 'return' ? '退回时请写明意见' : '更正时请写明更正说明', en: action === 'return' ? 'say why it is returned' : 'write the correction notice' })] };
  }
  return { ok: true, state: TO[action], version: action === 'correct' ? current.version + 1 : current.version };
}

export const ACTION_LABELS: Readonly<Record<ReportAction, string>> = { submit: '提交', return: '退回', receive: '接收', publish: '公布', correct: '更正' };

/** Days late at `today` for a report still unpublished (0 when on time or published). */
export function daysLate(due: IsoDate, today: IsoDate, state: ReportState): number {
  if (state === 'published' || today <= due) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}
