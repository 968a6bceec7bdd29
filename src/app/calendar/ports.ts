/**
 * What the calendar use cases need from storage (implemented by src/storage/calendar.ts): the table of holidays and
 * 调休 make-up workdays, year by year, as the pure calendar (src/core/calendar) reads it. Read afresh on every load —
 * never cached — so a year added by `calendar add-year` counts at once.
 */
import type { CalendarData } from '../../core/calendar/calendar.ts';
import type { HolidayNotice } from '../../core/calendar/notice-file.ts';

export interface CalendarRepository {
  /** The whole table: covered years, holidays, workdays, sources by year. */
  load(): Promise<CalendarData>;
  /** Store one year's notice, replacing whatever that year had (the caller decides whether replacing is allowed). */
  saveYear(notice: HolidayNotice, loadedAt: string): Promise<void>;
}
