/**
 * The working-day calendar (工作日): 条例 Art. 30, 32, 33 and 34 count their periods in working days, which are
 * Monday to Friday, minus the public holidays (法定节假日) the State Council fixes each year in its notice on the
 * holiday arrangements (国务院办公厅关于××年部分节假日安排的通知), plus the weekend days that notice declares
 * working days (调休上班). The table is data — seeded from chinese-days (seed/calendar/china.json), extended year by
 * year with `gongkai calendar add-year` — and records which years it covers: a date in any other year has no answer
 * (`{ covered: false }`) rather than a guess from the weekday, as spec/applications.md requires.
 *
 * Provisional years (暂定): when the lunar dates are given (`CalendarOptions.lunar`), a year from 2025 on whose notice
 * is not loaded is answered from 《全国年节及纪念日放假办法》第二条 alone (statutory-holidays.ts): weekends plus the
 * statutory days, no 调休. Such a day says `provisional: true`, and so does every count that looked at one
 * (working-days.ts), so a deadline counted on it is always shown as 暂定. Without `lunar` the calendar is FINAL: a year
 * not loaded stays `{ covered: false }`.
 */
import { problem, type Problem } from '../errors.ts';
import { readJsonText } from '../json-text.ts';
import { isIsoDate, isWeekend, yearOf, type IsoDate } from './dates.ts';
import { HOLIDAY_MEASURES, statutoryHolidays, type LunarYear } from './statutory-holidays.ts';

/** A date with the Chinese name of its holiday, e.g. { date: '2024-02-10', name: '春节' }. */
export interface NamedDate {
  readonly date: IsoDate;
  readonly name: string;
}

/** The editable table: a year is either covered entirely (all its holidays and 调休 days listed) or not at all. */
export interface CalendarData {
  readonly coveredYears: readonly number[];
  /** Days off (放假): the holidays and the weekdays moved into them; weekend days inside a holiday run may be listed. */
  readonly holidays: readonly NamedDate[];
  /** Weekend days declared working days (调休上班), named after the holiday they make up for. */
  readonly workdays: readonly NamedDate[];
  /** Where each year's entries come from (the notice, or the seed package), by year. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Free text kept at the top of the file (how it was made, how to regenerate it). */
  readonly note?: string;
}

export type WorkingDayReason = 'weekday' | 'makeUpWorkday';
export type RestDayReason = 'weekend' | 'holiday';

/**
 * What kind of day a date is — or that the calendar does not know its year. `provisional: true` (only ever true when
 * present): the year's notice is not loaded and the answer comes from 《全国年节及纪念日放假办法》第二条 alone.
 */
export type DayStatus =
  | { readonly covered: true; readonly working: true; readonly reason: WorkingDayReason; readonly name?: string; readonly provisional?: true }
  | { readonly covered: true; readonly working: false; readonly reason: RestDayReason; readonly name?: string; readonly provisional?: true }
  | { readonly covered: false; readonly year: number };

/** A validated calendar: the data plus lookups. Immutable. */
export interface WorkingDayCalendar {
  readonly data: CalendarData;
  /** Sorted ascending. */
  readonly coveredYears: readonly number[];
  /** Whether the year's notice is loaded. */
  covers(year: number): boolean;
  /** Whether a year not loaded is answered provisionally (办法第二条; needs the lunar dates of that year). */
  isProvisional(year: number): boolean;
  /**
   * The kind of day `date` is; `{ covered: false }` when its year is neither loaded nor provisional.
   * Throws only on an invalid date.
   */
  isWorkingDay(date: IsoDate): DayStatus;
}

export interface CalendarOptions {
  /**
   * The lunar and solar-term dates of the years that may be answered provisionally (seed/calendar/lunar.json, read by
   * the storage adapter). Absent: no provisional years (the final calendar).
   */
  readonly lunar?: readonly LunarYear[];
}

/** The schema id of the calendar JSON file (seed/calendar/china.json, <data dir>/calendar.json). */
export const CALENDAR_SCHEMA = 'gongkai.calendar/1';

export type CalendarResult = { ok: true; calendar: WorkingDayCalendar } | { ok: false; problems: Problem[] };

const bad = (at: string, zh: string, en: string) => problem('calendar.badFile', at, { zh, en });

function checkEntries(kind: 'holidays' | 'workdays', list: readonly NamedDate[], covered: ReadonlySet<number>, seen: Map<string, string>, out: Problem[]) {
  list.forEach((e, i) => {
    const at = `${kind}[${i}]`;
    if (typeof e?.date !== 'string' || !isIsoDate(e.date)) {
      out.push(bad(`${at}.date`, `日期无效：${JSON.stringify(e?.date)}`, `invalid date: ${JSON.stringify(e?.date)}`));
      return;
    }
    if (typeof e.name !== 'string' || e.name.trim() === '') out.push(bad(`${at}.name`, '缺少节日名称', 'missing the holiday name'));
    if (!covered.has(yearOf(e.date))) {
      out.push(bad(at, `${e.date} 所在年份不在 coveredYears 中`, `the year of ${e.date} is not in coveredYears`));
    }
    if (kind === 'workdays' && !isWeekend(e.date)) {
      out.push(problem('calendar.workdayNotWeekend', at, { zh: e.date, en: e.date }));
    }
    const before = seen.get(e.date);
    if (before !== undefined) {
      out.push(problem('calendar.noticeOverlap', at, { zh: `${e.date} 已见于 ${before}`, en: `${e.date} is already in ${before}` }));
    } else seen.set(e.date, at);
  });
}

/**
 * Validate calendar data and build the calendar (provisional for the years of `options.lunar` not loaded, from 2025).
 * Bad data → `calendar.badFile` (and kin) problems, located.
 */
export function createCalendar(data: CalendarData, options: CalendarOptions = {}): CalendarResult {
  const problems: Problem[] = [];
  const years = Array.isArray(data.coveredYears) ? data.coveredYears : [];
  if (!Array.isArray(data.coveredYears)) problems.push(bad('coveredYears', '应为年份数组', 'expected an array of years'));
  years.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 1949 || y > 2999) problems.push(bad(`coveredYears[${i}]`, `年份无效：${y}`, `invalid year: ${y}`));
  });
  if (new Set(years).size !== years.length) problems.push(bad('coveredYears', '年份重复', 'a year is listed twice'));
  for (const kind of ['holidays', 'workdays'] as const) {
    if (!Array.isArray(data[kind])) problems.push(bad(kind, '应为 { date, name } 数组', 'expected an array of { date, name }'));
  }
  if (problems.length > 0) return { ok: false, problems };
  const covered = new Set(years);
  const seen = new Map<string, string>();
  checkEntries('holidays', data.holidays, covered, seen, problems);
  checkEntries('workdays', data.workdays, covered, seen, problems);
  if (problems.length > 0) return { ok: false, problems };

  const holidays = new Map(data.holidays.map((e) => [e.date, e.name]));
  const workdays = new Map(data.workdays.map((e) => [e.date, e.name]));
  const sortedYears = [...years].sort((a, b) => a - b);
  const lunar = new Map((options.lunar ?? []).filter((l) => l.year >= HOLIDAY_MEASURES.inForceFromYear && !covered.has(l.year)).map((l) => [l.year, l]));
  // The statutory days of each provisional year, made on first use (pure: a cache of a function of the inputs).
  const provisional = new Map<number, ReadonlyMap<IsoDate, string>>();
  const provisionalDays = (year: number): ReadonlyMap<IsoDate, string> | null => {
    const l = lunar.get(year);
    if (!l) return null;
    let days = provisional.get(year);
    if (!days) provisional.set(year, (days = new Map(statutoryHolidays(l).map((e) => [e.date, e.name]))));
    return days;
  };
  const calendar: WorkingDayCalendar = {
    data,
    coveredYears: sortedYears,
    covers: (year) => covered.has(year),
    isProvisional: (year) => lunar.has(year),
    isWorkingDay(date) {
      if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
      const year = yearOf(date);
      if (!covered.has(year)) {
        const days = provisionalDays(year);
        if (!days) return { covered: false, year };
        const name = days.get(date);
        if (name !== undefined) return { covered: true, working: false, reason: 'holiday', name, provisional: true };
        return isWeekend(date) ? { covered: true, working: false, reason: 'weekend', provisional: true } : { covered: true, working: true, reason: 'weekday', provisional: true };
      }
      const holiday = holidays.get(date);
      if (holiday !== undefined) return { covered: true, working: false, reason: 'holiday', name: holiday };
      const workday = workdays.get(date);
      if (workday !== undefined) return { covered: true, working: true, reason: 'makeUpWorkday', name: workday };
      return isWeekend(date) ? { covered: true, working: false, reason: 'weekend' } : { covered: true, working: true, reason: 'weekday' };
    },
  };
  return { ok: true, calendar };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse the calendar JSON file (schema gongkai.calendar/1) and build the calendar. Never throws. */
export function calendarFromJson(text: string): CalendarResult {
  const read = readJsonText(text);
  if (!read.ok) return read;
  const value = read.value;
  if (!isRecord(value)) return { ok: false, problems: [bad('', '应为 JSON 对象', 'expected a JSON object')] };
  if (value.schema !== CALENDAR_SCHEMA) {
    return { ok: false, problems: [bad('schema', `应为 ${CALENDAR_SCHEMA}`, `expected ${CALENDAR_SCHEMA}`)] };
  }
  const { sources, note } = value;
  if (note !== undefined && typeof note !== 'string') return { ok: false, problems: [bad('note', '应为字符串', 'expected a string')] };
  if (sources !== undefined && !(isRecord(sources) && Object.values(sources).every((s) => typeof s === 'string'))) {
    return { ok: false, problems: [bad('sources', '应为“年份 → 来源”的对象', 'expected an object year → source')] };
  }
  return createCalendar({
    coveredYears: value.coveredYears as number[],
    holidays: value.holidays as NamedDate[],
    workdays: value.workdays as NamedDate[],
    ...(sources !== undefined ? { sources: sources as Record<string, string> } : {}),
    ...(note !== undefined ? { note } : {}),
  });
}

const byDate = (a: NamedDate, b: NamedDate) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** The calendar JSON file: sorted, one date per line so that a year's change reads as a small diff. */
export function stringifyCalendar(data: CalendarData): string {
  const entries = (list: readonly NamedDate[]) =>
    [...list].sort(byDate).map((e) => `    { "date": ${JSON.stringify(e.date)}, "name": ${JSON.stringify(e.name)} }`).join(',\n');
  const years = [...data.coveredYears].sort((a, b) => a - b);
  const sources = data.sources ?? {};
  const sourceLines = Object.keys(sources).sort().map((y) => `    ${JSON.stringify(y)}: ${JSON.stringify(sources[y])}`).join(',\n');
  return [
    '{',
    `  "schema": "${CALENDAR_SCHEMA}",`,
    ...(data.note !== undefined ? [`  "note": ${JSON.stringify(data.note)},`] : []),
    `  "coveredYears": [${years.join(', ')}],`,
    ...(sourceLines ? ['  "sources": {', sourceLines, '  },'] : []),
    '  "holidays": [',
    entries(data.holidays),
    '  ],',
    '  "workdays": [',
    entries(data.workdays),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** The holidays and 调休 workdays of one year, sorted by date. */
export function yearEntries(data: CalendarData, year: number): { holidays: NamedDate[]; workdays: NamedDate[] } {
  const inYear = (e: NamedDate) => yearOf(e.date) === year;
  return { holidays: data.holidays.filter(inYear).sort(byDate), workdays: data.workdays.filter(inYear).sort(byDate) };
}
