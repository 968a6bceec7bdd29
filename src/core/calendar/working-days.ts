/**
 * Counting working days (工作日) over a WorkingDayCalendar — the unit of every period in 条例 Art. 30, 32, 33, 34.
 *
 * Convention (spec/applications.md, "Counting conventions", ours and kept a named parameter): "N working days after
 * date R" is the N-th working day strictly after R; R itself is day 0, whatever kind of day it is. A count that needs
 * a day of a year the calendar does not cover stops there with `calendar.notCovered` — it never falls back to
 * Monday-Friday alone. Each result carries its proof: every day looked at, and why it counted or not. A count that
 * looked at a day of a provisional year (calendar.ts: not loaded, answered from 《全国年节及纪念日放假办法》第二条)
 * says so: `provisionalYears` lists those years, and each such proof day has `provisional: true`.
 */
import { problem, type Problem } from '../errors.ts';
import type { DayStatus, RestDayReason, WorkingDayCalendar, WorkingDayReason } from './calendar.ts';
import { addDays, daysBetween, yearOf, type IsoDate } from './dates.ts';

/**
 * How the start day is treated. `receiptIsDayZero` (the spec's convention, the default): the start day is day 0
 * and never counts. `receiptCountsIfWorking`: the start day is day 1 when it is a working day (offered for a body
 * whose rules say so; not used by the shared test table).
 */
export type DayCounting = 'receiptIsDayZero' | 'receiptCountsIfWorking';

/** The convention in force (spec/applications.md "Counting conventions"). */
export const DAY_COUNTING: DayCounting = 'receiptIsDayZero';

/** One day of a proof: why it counted, or why not. `provisional: true`: classified on a provisional year (暂定). */
export type ProofDay =
  /** The start (receipt) day: day 0; `day` says what kind of day it was (for the record only). */
  | { readonly date: IsoDate; readonly status: 'dayZero'; readonly day: DayStatus }
  /** The n-th working day counted. */
  | { readonly date: IsoDate; readonly status: 'counted'; readonly n: number; readonly reason: WorkingDayReason; readonly name?: string; readonly provisional?: true }
  /** Not a working day: a weekend, or a holiday with its name. */
  | { readonly date: IsoDate; readonly status: 'skipped'; readonly reason: RestDayReason; readonly name?: string; readonly provisional?: true }
  /** A working day the clock stood still (consultation, unpaid fee…), with the reason of the pause. */
  | { readonly date: IsoDate; readonly status: 'paused'; readonly reason: string; readonly provisional?: true };

/** The count needs a day of a year the calendar does not cover. */
export interface NotCovered {
  readonly ok: false;
  readonly code: 'calendar.notCovered';
  readonly year: number;
  /** The first day that could not be classified. */
  readonly date: IsoDate;
  /** The days classified before the count stopped (addWorkingDays only), for a partial proof. */
  readonly proofSoFar?: readonly ProofDay[];
}

/** Present (and non-empty) only when the count looked at a day of a provisional year: those years, ascending. */
export interface ProvisionalMark {
  readonly provisionalYears?: readonly number[];
}

export type AddResult = ({ readonly ok: true; readonly date: IsoDate; readonly proof: readonly ProofDay[] } & ProvisionalMark) | NotCovered;
export type BetweenResult = ({ readonly ok: true; readonly days: number; readonly proof: readonly ProofDay[] } & ProvisionalMark) | NotCovered;

/** The provisional years a proof looked at (day 0 excluded: it is never counted), as a ProvisionalMark. */
export function provisionalMark(proof: readonly ProofDay[]): ProvisionalMark {
  const years = new Set<number>();
  for (const d of proof) if (d.status !== 'dayZero' && d.provisional) years.add(yearOf(d.date));
  return years.size > 0 ? { provisionalYears: [...years].sort((a, b) => a - b) } : {};
}

export interface CountOptions {
  readonly counting?: DayCounting;
  /** Working days that do not count (a pause): the reason, or undefined when the day counts. */
  readonly excluded?: (date: IsoDate) => string | undefined;
}

/** The coded problem of a NotCovered result, Chinese first. */
export function notCoveredProblem(nc: NotCovered, at = ''): Problem {
  return problem(
    'calendar.notCovered',
    at,
    { zh: `${nc.date} 属于 ${nc.year} 年，该年节假日安排未载入（gongkai calendar add-year）`, en: `${nc.date} is in ${nc.year}, whose calendar is not loaded (gongkai calendar add-year)` },
    { year: nc.year, date: nc.date },
  );
}

type Step = { kind: 'day'; day: ProofDay; counts: boolean } | { kind: 'notCovered'; result: NotCovered };

/** Classify one day of a count (n is the number it gets if it counts). */
function step(cal: WorkingDayCalendar, date: IsoDate, n: number, excluded: CountOptions['excluded']): Step {
  const s = cal.isWorkingDay(date);
  if (!s.covered) return { kind: 'notCovered', result: { ok: false, code: 'calendar.notCovered', year: s.year, date } };
  const name = { ...(s.name !== undefined ? { name: s.name } : {}), ...(s.provisional ? { provisional: true as const } : {}) };
  if (!s.working) return { kind: 'day', counts: false, day: { date, status: 'skipped', reason: s.reason, ...name } };
  const pause = excluded?.(date);
  if (pause !== undefined) return { kind: 'day', counts: false, day: { date, status: 'paused', reason: pause, ...(s.provisional ? { provisional: true as const } : {}) } };
  return { kind: 'day', counts: true, day: { date, status: 'counted', n, reason: s.reason, ...name } };
}

function checkCount(n: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of working days must be a whole number ≥ 0, got ${n}`);
}

/**
 * The n-th working day after `from` (with the default convention: strictly after; `from` is day 0).
 * Returns the date and its proof, or `calendar.notCovered` when a needed year is not loaded.
 * Throws only on a bug (invalid date, negative n).
 */
export function addWorkingDays(cal: WorkingDayCalendar, from: IsoDate, n: number, options: CountOptions = {}): AddResult {
  checkCount(n);
  const counting = options.counting ?? DAY_COUNTING;
  const proof: ProofDay[] = [];
  let date = from;
  if (counting === 'receiptIsDayZero' || n === 0) {
    proof.push({ date: from, status: 'dayZero', day: cal.isWorkingDay(from) });
  } else {
    date = addDays(from, -1); // the loop's first step looks at `from` itself
  }
  let k = 0;
  while (k < n) {
    date = addDays(date, 1);
    const s = step(cal, date, k + 1, options.excluded);
    if (s.kind === 'notCovered') return { ...s.result, proofSoFar: proof };
    proof.push(s.day);
    if (s.counts) k += 1;
  }
  return { ok: true, date, proof, ...provisionalMark(proof) };
}

/**
 * Working days from `a` to `b`: those d with a < d <= b (the start is day 0), or a <= d <= b with
 * `receiptCountsIfWorking`; negative when b is before a. Paused days (options.excluded) do not count.
 * `calendar.notCovered` when a needed year is not loaded. Throws only on an invalid date.
 */
export function workingDaysBetween(cal: WorkingDayCalendar, a: IsoDate, b: IsoDate, options: CountOptions = {}): BetweenResult {
  const span = daysBetween(a, b);
  if (span < 0) {
    const back = workingDaysBetween(cal, b, a, options);
    return back.ok ? { ...back, days: back.days === 0 ? 0 : -back.days } : back;
  }
  const counting = options.counting ?? DAY_COUNTING;
  const proof: ProofDay[] = [];
  let first = 1;
  if (counting === 'receiptIsDayZero') proof.push({ date: a, status: 'dayZero', day: cal.isWorkingDay(a) });
  else first = 0;
  let k = 0;
  for (let i = first; i <= span; i += 1) {
    const date = addDays(a, i);
    const s = step(cal, date, k + 1, options.excluded);
    if (s.kind === 'notCovered') return s.result;
    proof.push(s.day);
    if (s.counts) k += 1;
  }
  return { ok: true, days: k, proof, ...provisionalMark(proof) };
}
