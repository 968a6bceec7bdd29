/**
 * 条例第二十六条: proactive information is published within 20 working days of being formed or changed. A document's
 * delay is the working days from its 成文日期 (for a new version: the date of the change, its own 成文日期) to its
 * 发布日期, counted on the working-day calendar (core/calendar; the 成文日期 is day 0). More than
 * PROACTIVE_PUBLICATION.workingDays is late (逾期发布).
 */
import type { WorkingDayCalendar } from '../calendar/calendar.ts';
import { PROACTIVE_PUBLICATION } from '../calendar/deadlines.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { workingDaysBetween } from '../calendar/working-days.ts';

/** Working days from 成文日期 to 发布日期; null without a 成文日期 or when the calendar does not cover the span. Never throws on valid dates. */
export function publicationDelay(cal: WorkingDayCalendar, writtenOn: IsoDate | null, publishedOn: IsoDate): number | null {
  if (writtenOn === null) return null;
  const r = workingDaysBetween(cal, writtenOn, publishedOn);
  return r.ok ? r.days : null;
}

/** Whether a delay breaks 条例第二十六条. */
export const isLate = (delay: number | null): boolean => delay !== null && delay > PROACTIVE_PUBLICATION.workingDays;

/** 同步发布: a 解读 published after its policy (国办发〔2016〕80号: 解读方案与政策文件同步组织、同步审签、同步部署). */
export const interpretationLate = (interpretationOn: IsoDate, policyOn: IsoDate | null): boolean => policyOn !== null && interpretationOn > policyOn;
