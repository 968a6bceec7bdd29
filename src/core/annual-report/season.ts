/**
 * The reporting season (条例 Art. 49-50): every administrative body publishes its annual report on the previous year
 * by 31 January (第四十九条), and each people's government at county level and above publishes its area's report by
 * 31 March (第五十条). Until the later of those dates the report being prepared is the previous year's; from April the
 * year under way, whose tables fill as cases close.
 */
import type { IsoDate } from '../calendar/dates.ts';

/** The last day (month, day) by which a 县级以上人民政府 publishes its report on the previous year (第五十条). */
export const GOVERNMENT_REPORT_DUE = { month: 3, day: 31, article: '条例第五十条' } as const;
/** The last day (month, day) by which an administrative body publishes its report on the previous year (第四十九条). */
export const BODY_REPORT_DUE = { month: 1, day: 31, article: '条例第四十九条' } as const;

/** The year whose report an office works on at `today`: the previous year until 31 March, then the current one. */
export function reportingYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  const beforeDue = month < GOVERNMENT_REPORT_DUE.month || (month === GOVERNMENT_REPORT_DUE.month && day <= GOVERNMENT_REPORT_DUE.day);
  return beforeDue ? year - 1 : year;
}
