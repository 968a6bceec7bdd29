/**
 * The holiday notice file (放假安排文件) read by `gongkai calendar add-year`: one year of the State Council's notice
 * on holiday arrangements (国务院办公厅关于××年部分节假日安排的通知) typed as plain text, one line per date or
 * range. The format (docs/calendar.md):
 *
 *   # 注释（# 之后到行尾）/ comments run from # to the end of the line
 *   年度 2027                         required, once: the year of the notice
 *   来源 国办发明电〔2026〕×号         optional, once: where it comes from (kept in the calendar's sources)
 *   2027-01-01 元旦 休                 a day off (放假)
 *   2027-02-06..2027-02-13 春节 休     a range (also written 2027-02-06至2027-02-13), both ends included
 *   2027-02-14 春节 班                 a weekend day declared a working day (调休上班)
 *
 * Fields are separated by spaces (half- or full-width); 休 may be written off, 班 may be written work. Bad lines
 * come back as located problems (line number, Chinese and English), never as exceptions.
 */
import { problem, type ErrorCode, type Problem } from '../errors.ts';
import type { CalendarData, NamedDate } from './calendar.ts';
import { addDays, daysBetween, isIsoDate, isWeekend, weekdayEn, weekdayZh, yearOf, type IsoDate } from './dates.ts';

/** A range longer than this is surely a typo (the longest national run so far: 10 days, Spring Festival 2020). */
export const MAX_RANGE_DAYS = 15;

/** One year's notice, parsed. */
export interface HolidayNotice {
  readonly year: number;
  readonly source?: string;
  readonly holidays: readonly NamedDate[];
  readonly workdays: readonly NamedDate[];
}

export type NoticeResult = { ok: true; notice: HolidayNotice } | { ok: false; problems: Problem[] };

const KIND: Readonly<Record<string, 'off' | 'work'>> = { 休: 'off', off: 'off', 班: 'work', work: 'work' };
const RANGE = /^(\d{4}-\d{2}-\d{2})(?:(?:\.\.|至)(\d{4}-\d{2}-\d{2}))?$/;

/**
 * Parse a notice file. `source` (a file name) prefixes the locations. Problems: calendar.noticeSyntax (bad line, no
 * year, no dates), calendar.badDate, calendar.noticeYear (a date outside the year), calendar.noticeOverlap (a date
 * listed twice), calendar.workdayNotWeekend (a 班 day that is not a Saturday or Sunday).
 */
export function parseHolidayNotice(text: string, source?: string): NoticeResult {
  const problems: Problem[] = [];
  const loc = (line: number) => (source ? `${source}:${line}` : `${line}`);
  const fail = (code: ErrorCode, line: number, zh: string, en: string) =>
    problems.push(problem(code, loc(line), { zh: `第${line}行：${zh}`, en: `line ${line}: ${en}` }, { line }));

  let year: number | undefined;
  let yearLine = 0;
  let noticeSource: string | undefined;
  const dated: { line: number; from: IsoDate; to: IsoDate; name: string; kind: 'off' | 'work' }[] = [];

  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/#.*$/, '').trim();
    if (body === '') return;
    const fields = body.split(/[\s\u3000]+/);
    const head = fields[0] ?? '';
    if (head === '年度' || head === 'year') {
      const y = fields[1] ?? '';
      if (fields.length !== 2 || !/^\d{4}$/.test(y)) return fail('calendar.noticeSyntax', line, '应为“年度 YYYY”', 'expected "年度 YYYY"');
      if (year !== undefined) return fail('calendar.noticeSyntax', line, `年度已在第${yearLine}行给出`, `the year is already given on line ${yearLine}`);
      year = Number(y);
      yearLine = line;
      return;
    }
    if (head === '来源' || head === 'source') {
      if (fields.length < 2) return fail('calendar.noticeSyntax', line, '来源为空', 'empty source');
      if (noticeSource !== undefined) return fail('calendar.noticeSyntax', line, '来源只能写一次', 'the source may be given once');
      noticeSource = fields.slice(1).join(' ');
      return;
    }
    const m = RANGE.exec(head);
    if (!m) {
      return fail('calendar.noticeSyntax', line, `无法识别“${head}”：应为“年度 YYYY”、“来源 …”或“日期[..日期] 名称 休|班”`, `cannot read "${head}": expected "年度 YYYY", "来源 …" or "DATE[..DATE] NAME 休|班"`);
    }
    if (fields.length !== 3) {
      return fail('calendar.noticeSyntax', line, '应为“日期[..日期] 名称 休|班”三项（名称中不能有空格）', 'expected three fields "DATE[..DATE] NAME 休|班" (no spaces in the name)');
    }
    const [, from = '', to = from] = m;
    const kind = KIND[fields[2] ?? ''];
    for (const d of new Set([from, to])) {
      if (!isIsoDate(d)) return fail('calendar.badDate', line, d, d);
    }
    if (!kind) return fail('calendar.noticeSyntax', line, `第三项应为“休”或“班”，而不是“${fields[2]}”`, `the third field must be 休 (off) or 班 (work), not "${fields[2]}"`);
    const span = daysBetween(from, to);
    if (span < 0) return fail('calendar.noticeSyntax', line, `范围的结束日 ${to} 早于开始日 ${from}`, `the range ends (${to}) before it starts (${from})`);
    if (span + 1 > MAX_RANGE_DAYS) {
      return fail('calendar.noticeSyntax', line, `范围长达 ${span + 1} 天（超过 ${MAX_RANGE_DAYS} 天），可能有误；确需如此请分行填写`, `the range is ${span + 1} days long (over ${MAX_RANGE_DAYS}): probably a typo; split it over several lines if meant`);
    }
    dated.push({ line, from, to, name: fields[1] ?? '', kind });
  });

  if (year === undefined) fail('calendar.noticeSyntax', 1, '缺少“年度 YYYY”一行', 'missing the line "年度 YYYY"');
  if (dated.length === 0 && problems.length === 0) fail('calendar.noticeSyntax', 1, '没有任何日期', 'no dates at all');

  const seen = new Map<IsoDate, number>();
  const holidays: NamedDate[] = [];
  const workdays: NamedDate[] = [];
  for (const d of dated) {
    for (let i = 0; i <= daysBetween(d.from, d.to); i += 1) {
      const date = addDays(d.from, i);
      if (year !== undefined && yearOf(date) !== year) {
        fail('calendar.noticeYear', d.line, `${date} 不在 ${year} 年内（跨年的调休日请直接编辑上一年的日历）`, `${date} is not in ${year} (edit the previous year's calendar for a cross-year day)`);
        break;
      }
      const before = seen.get(date);
      if (before !== undefined) {
        fail('calendar.noticeOverlap', d.line, `${date} 已在第${before}行列出`, `${date} is already listed on line ${before}`);
        continue;
      }
      seen.set(date, d.line);
      if (d.kind === 'work' && !isWeekend(date)) {
        fail('calendar.workdayNotWeekend', d.line, `${date} 是${weekdayZh(date)}，本来就是工作日`, `${date} is a ${weekdayEn(date)}, a working day already`);
        continue;
      }
      (d.kind === 'off' ? holidays : workdays).push({ date, name: d.name });
    }
  }
  if (problems.length > 0 || year === undefined) return { ok: false, problems };
  return { ok: true, notice: { year, ...(noticeSource !== undefined ? { source: noticeSource } : {}), holidays, workdays } };
}

/**
 * Merge a year's notice into calendar data: its year becomes covered, its entries those of the notice. A year
 * already covered → `calendar.yearExists` unless `replace` (then that year's old entries are dropped).
 */
export function mergeNotice(data: CalendarData, notice: HolidayNotice, options: { replace?: boolean; source?: string } = {}): { ok: true; data: CalendarData } | { ok: false; problems: Problem[] } {
  const { year } = notice;
  if (data.coveredYears.includes(year) && !options.replace) {
    return { ok: false, problems: [problem('calendar.yearExists', String(year), { zh: `${year} 年（如需覆盖请加 --replace）`, en: `${year} (add --replace to overwrite it)` }, { year })] };
  }
  const other = (e: NamedDate) => yearOf(e.date) !== year;
  const source = notice.source ?? options.source;
  const sources = { ...(data.sources ?? {}) };
  if (source !== undefined) sources[String(year)] = source;
  else delete sources[String(year)];
  return {
    ok: true,
    data: {
      ...data,
      coveredYears: [...data.coveredYears.filter((y) => y !== year), year].sort((a, b) => a - b),
      holidays: [...data.holidays.filter(other), ...notice.holidays],
      workdays: [...data.workdays.filter(other), ...notice.workdays],
      sources,
    },
  };
}
