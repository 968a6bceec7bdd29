import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson, createCalendar, yearEntries } from './calendar.ts';
import { mergeNotice, parseHolidayNotice } from './notice-file.ts';

const EXAMPLE = readFileSync(new URL('../../../seed/calendar/example-2027.txt', import.meta.url), 'utf8');
const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);

const codes = (text: string) => {
  const r = parseHolidayNotice(text, 'f.txt');
  assert.ok(!r.ok, 'expected problems');
  return r.problems.map((p) => [p.code, p.at]);
};

describe('the holiday notice file', () => {
  it('reads the example (marked as an example), ranges expanded, 休 and 班 apart', () => {
    assert.match(EXAMPLE, /示例文件（EXAMPLE）——不是国务院办公厅的 2027 年放假安排通知/);
    const r = parseHolidayNotice(EXAMPLE);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.notice.year, 2027);
    assert.match(r.notice.source ?? '', /示例/);
    assert.deepEqual(r.notice.holidays.filter((h) => h.name === '春节').map((h) => h.date), [
      '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13',
    ]);
    assert.deepEqual(r.notice.workdays.map((w) => w.date), ['2027-02-14', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
  });

  it('accepts 至, full-width spaces, English kinds and trailing comments', () => {
    const r = parseHolidayNotice('year 2030\n2030-01-01至2030-01-01\u3000元旦\u3000off  # 周二\n2030-09-29 国庆节 work\n');
    assert.ok(r.ok);
    assert.deepEqual(r.notice.holidays, [{ date: '2030-01-01', name: '元旦' }]);
    assert.deepEqual(r.notice.workdays, [{ date: '2030-09-29', name: '国庆节' }]);
  });

  it('locates every bad line, Chinese first', () => {
    const text = [
      '年度 2027', // 1
      '2027-01-01 元旦 放', // 2: bad kind
      '2027-02-30 春节 休', // 3: no such date
      '2027-02-06..2027-02-13 春节 休', // 4
      '2027-02-13 春节 休', // 5: overlaps line 4
      '2027-02-15 春节 班', // 6: a Monday
      '2028-01-01 元旦 休', // 7: out of year
      '2027-03-10..2027-03-01 x 休', // 8: reversed
      '2027-05-01..2027-05-31 劳动节 休', // 9: too long
      '2027-06-09 端午 节 休', // 10: a space in the name
      '年度 2028', // 11: the year twice
      'hello', // 12
    ].join('\n');
    assert.deepEqual(codes(text), [
      ['calendar.noticeSyntax', 'f.txt:2'],
      ['calendar.badDate', 'f.txt:3'],
      ['calendar.noticeSyntax', 'f.txt:8'],
      ['calendar.noticeSyntax', 'f.txt:9'],
      ['calendar.noticeSyntax', 'f.txt:10'],
      ['calendar.noticeSyntax', 'f.txt:11'],
      ['calendar.noticeSyntax', 'f.txt:12'],
      ['calendar.noticeOverlap', 'f.txt:5'],
      ['calendar.workdayNotWeekend', 'f.txt:6'],
      ['calendar.noticeYear', 'f.txt:7'],
    ]);
    const r = parseHolidayNotice(text, 'f.txt');
    assert.ok(!r.ok);
    const monday = r.problems.find((p) => p.code === 'calendar.workdayNotWeekend');
    assert.equal(monday?.messageZh, '调休上班日应为星期六或星期日：第6行：2027-02-15 是星期一，本来就是工作日');
    assert.equal(monday?.message, 'a make-up workday (调休) must be a Saturday or a Sunday: line 6: 2027-02-15 is a Mon, a working day already');
    assert.deepEqual(monday?.data, { line: 6 });
  });

  it('needs a year line and at least one date', () => {
    assert.deepEqual(codes('2027-01-01 元旦 休'), [['calendar.noticeSyntax', 'f.txt:1']]);
    assert.deepEqual(codes('# nothing\n年度 2027\n'), [['calendar.noticeSyntax', 'f.txt:1']]);
  });

  it('merges into calendar data: the year becomes covered; an existing year needs replace', () => {
    const r = parseHolidayNotice(EXAMPLE);
    assert.ok(r.ok);
    const merged = mergeNotice(seeded.calendar.data, r.notice);
    assert.ok(merged.ok);
    const cal = createCalendar(merged.data);
    assert.ok(cal.ok);
    assert.ok(cal.calendar.covers(2027));
    assert.deepEqual(cal.calendar.isWorkingDay('2027-02-14'), { covered: true, working: true, reason: 'makeUpWorkday', name: '春节' });
    assert.equal(merged.data.sources?.['2027'], r.notice.source);
    const again = mergeNotice(merged.data, r.notice);
    assert.ok(!again.ok && again.problems[0]?.code === 'calendar.yearExists');
    const replaced = mergeNotice(merged.data, { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }, { replace: true, source: 'x.txt' });
    assert.ok(replaced.ok);
    assert.deepEqual(yearEntries(replaced.data, 2027), { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] });
    assert.equal(replaced.data.sources?.['2027'], 'x.txt');
    assert.equal(yearEntries(replaced.data, 2026).holidays.length, yearEntries(seeded.calendar.data, 2026).holidays.length);
  });
});
