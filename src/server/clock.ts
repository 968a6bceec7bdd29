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
