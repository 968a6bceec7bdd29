/**
 * The system clock for the use cases: today's date where the agencies are (Asia/Shanghai, UTC+8, no daylight saving),
 * so a case received at 07:00 Beijing time is not dated the day before. Tests pass their own fixed clock.
 */
import type { Clock } from '../app/applications/ports.ts';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The real clock. */
export const systemClock: Clock = {
  today: () => DAY.format(new Date()),
  now: () => new Date().toISOString(),
};

const TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * An instant as people in the agencies read it: Beijing time, "2026-12-05 20:22" (or with seconds). Every time a page
 * shows goes through here (instants are stored in UTC). A text that is not an instant is returned as it is.
 */
export function beijingTime(instant: string, seconds = false): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) return instant;
  const p = Object.fromEntries(TIME.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}
