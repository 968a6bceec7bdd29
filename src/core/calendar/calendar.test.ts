import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson, createCalendar, stringifyCalendar, yearEntries } from './calendar.ts';
import { addDays, daysBetween, isIsoDate, weekday, weekdayZh } from './dates.ts';

const SEED = readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8');
const seeded = calendarFromJson(SEED);
assert.ok(seeded.ok, 'the seed file loads');
const cal = seeded.calendar;

describe('dates', () => {
  it('validates real dates only and does pure arithmetic', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2023-02-29'));
    assert.ok(!isIsoDate('2024-2-9'));
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(weekday('2024-02-04'), 0);
    assert.equal(weekdayZh('2025-10-08'), '星期三');
    assert.throws(() => addDays('2024-13-01', 1), RangeError);
  });
});

describe('the seeded calendar (chinese-days → seed/calendar/china.json)', () => {
  it('covers 2004-2026 and no other year', () => {
    assert.deepEqual(cal.coveredYears, Array.from({ length: 23 }, (_, i) => 2004 + i));
    assert.equal(cal.covers(2027), false);
    assert.deepEqual(cal.isWorkingDay('2027-01-04'), { covered: false, year: 2027 });
    assert.deepEqual(cal.isWorkingDay('2003-12-31'), { covered: false, year: 2003 });
  });

  it('2024 春节: 2-10..2-17 off, Sundays 2-04 and 2-18 worked', () => {
    for (let d = '2024-02-10'; d <= '2024-02-17'; d = addDays(d, 1)) {
      assert.deepEqual(cal.isWorkingDay(d), { covered: true, working: false, reason: 'holiday', name: '春节' }, d);
    }
    for (const d of ['2024-02-04', '2024-02-18']) {
      assert.deepEqual(cal.isWorkingDay(d), { covered: true, working: true, reason: 'makeUpWorkday', name: '春节' }, d);
    }
    assert.deepEqual(cal.isWorkingDay('2024-02-09'), { covered: true, working: true, reason: 'weekday' }, '除夕 2024 was worked');
  });

  it('2025: 1-26 (Sunday) worked for 春节; 10-01..10-08 off for 国庆节、中秋节, 9-28 and 10-11 worked', () => {
    assert.deepEqual(cal.isWorkingDay('2025-01-26'), { covered: true, working: true, reason: 'makeUpWorkday', name: '春节' });
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) {
      assert.deepEqual(cal.isWorkingDay(d), { covered: true, working: false, reason: 'holiday', name: '国庆节、中秋节' }, d);
    }
    for (const d of ['2025-09-28', '2025-10-11']) {
      assert.equal((cal.isWorkingDay(d) as { reason: string }).reason, 'makeUpWorkday', d);
    }
    assert.deepEqual(cal.isWorkingDay('2025-10-09'), { covered: true, working: true, reason: 'weekday' });
    assert.deepEqual(cal.isWorkingDay('2025-10-12'), { covered: true, working: false, reason: 'weekend' });
  });

  it('2020: the Spring Festival extended to 2-02 (国办发明电〔2020〕1号), so Saturday 2-01 was not worked', () => {
    assert.equal((cal.isWorkingDay('2020-01-31') as { reason: string }).reason, 'holiday');
    assert.equal((cal.isWorkingDay('2020-02-01') as { reason: string }).reason, 'holiday');
    assert.equal((cal.isWorkingDay('2020-02-03') as { reason: string }).reason, 'weekday');
    assert.equal((cal.isWorkingDay('2020-01-19') as { reason: string }).reason, 'makeUpWorkday');
  });

  it('every year has its holidays and every 调休 day is a weekend day', () => {
    for (const year of cal.coveredYears) {
      const { holidays, workdays } = yearEntries(cal.data, year);
      assert.ok(holidays.length >= 15, `${year}: ${holidays.length} days off`);
      assert.ok(holidays.some((h) => h.name.includes('春节')) && holidays.some((h) => h.name.includes('国庆节')), `${year}`);
      for (const w of workdays) assert.ok([0, 6].includes(weekday(w.date)), w.date);
    }
  });

  it('stringify → parse is the identity, and the seed file is in that canonical form', () => {
    assert.equal(stringifyCalendar(cal.data), SEED);
  });
});

describe('calendar data validation', () => {
  it('reports bad dates, uncovered years, weekday 调休 days and duplicates, located', () => {
    const r = createCalendar({
      coveredYears: [2030],
      holidays: [{ date: '2030-02-30', name: '春节' }, { date: '2031-01-01', name: '元旦' }, { date: '2030-10-01', name: '国庆节' }],
      workdays: [{ date: '2030-10-01', name: '国庆节' }, { date: '2030-10-08', name: '国庆节' }],
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => [p.code, p.at]), [
      ['calendar.badFile', 'holidays[0].date'],
      ['calendar.badFile', 'holidays[1]'],
      ['calendar.workdayNotWeekend', 'workdays[0]'],
      ['calendar.noticeOverlap', 'workdays[0]'],
      ['calendar.workdayNotWeekend', 'workdays[1]'],
    ]);
  });

  it('rejects a file of another schema or broken JSON as values', () => {
    const other = calendarFromJson('{"schema":"x"}');
    assert.ok(!other.ok && other.problems[0]?.code === 'calendar.badFile');
    const broken = calendarFromJson('{');
    assert.ok(!broken.ok && broken.problems[0]?.code === 'json.syntax');
  });
});
