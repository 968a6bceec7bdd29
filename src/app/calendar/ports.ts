/**
 * What the calendar use cases need from storage (implemented by src/storage/calendar.ts): the table of holidays and
 * 调休 make-up workdays, year by year, as the pure calendar (src/core/calendar) reads it. Read afresh on every load —
 * never cached — so a year added by `calendar add-year` counts at once.
 */
import type { CalendarData } from '../../core/calendar/calendar.ts';
import type { HolidayNotice } from '../../core/calendar/notice-file.ts';
import type { LunarYear } from '../../core/calendar/statutory-holidays.ts';

export interface CalendarRepository {
  /** The whole table: covered years, holidays, workdays, sources by year. */
  load(): Promise<CalendarData>;
  /** Store one year's notice, replacing whatever that year had (the caller decides whether replacing is allowed). */
  saveYear(notice: HolidayNotice, loadedAt: string): Promise<void>;
  /**
   * The lunar and solar-term dates by year (seed/calendar/lunar.json) on which a year not loaded is answered
   * provisionally under 《全国年节及纪念日放假办法》第二条 (createCalendar's `lunar`).
   */
  lunarYears(): Promise<readonly LunarYear[]>;
}
