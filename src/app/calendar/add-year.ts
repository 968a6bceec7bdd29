/**
 * Load one year's State Council holiday notice (国务院办公厅关于××年部分节假日安排的通知) into the stored calendar.
 * The notice is parsed and checked by src/core/calendar/notice-file.ts; this adds the rule that a loaded year is
 * only overwritten on purpose.
 */
import { createCalendar, type CalendarData } from '../../core/calendar/calendar.ts';
import { mergeNotice, type HolidayNotice } from '../../core/calendar/notice-file.ts';
import type { Problem } from '../../core/errors.ts';
import type { CalendarRepository } from './ports.ts';

export interface AddCalendarYearDeps {
  readonly calendar: CalendarRepository;
  /** The clock, as an ISO 8601 timestamp. */
  readonly now: () => string;
}

/**
 * Store `notice` as its year's entries. Errors: calendar.yearExists (already loaded and not `replace`), and the
 * calendar.* problems of createCalendar when the merged table would be inconsistent.
 */
export async function addCalendarYear(deps: AddCalendarYearDeps, notice: HolidayNotice, options: { replace?: boolean } = {}): Promise<{ ok: true; data: CalendarData } | { ok: false; problems: Problem[] }> {
  const merged = mergeNotice(await deps.calendar.load(), notice, options);
  if (!merged.ok) return merged;
  const checked = createCalendar(merged.data);
  if (!checked.ok) return checked;
  await deps.calendar.saveYear(notice, deps.now());
  return { ok: true, data: merged.data };
}
