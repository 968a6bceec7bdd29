/**
 * Calendar dates as plain 'YYYY-MM-DD' strings (日期), with pure arithmetic on them. Deadlines under the 条例 are
 * counted in whole days of the Chinese civil calendar, so no time of day and no time zone ever enters: the strings
 * are converted to a day number through Date.UTC, which is pure (no clock is read).
 */

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of a valid date, or null when `text` is not a real 'YYYY-MM-DD' date. */
export function dayNumber(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** Whether `text` is a real calendar date written 'YYYY-MM-DD' (2023-02-29 is not). */
export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== null;
}

function mustDay(date: IsoDate): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return n;
}

/** The date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (negative goes back). Throws only on an invalid date (a bug: validate first). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(mustDay(date) + days);
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return mustDay(b) - mustDay(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((mustDay(date) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The year of a date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** 星期一 … 星期日 of a date. */
export function weekdayZh(date: IsoDate): string {
  return WEEKDAY_ZH[weekday(date)] ?? '';
}

/** Mon … Sun of a date. */
export function weekdayEn(date: IsoDate): string {
  return WEEKDAY_EN[weekday(date)] ?? '';
}
