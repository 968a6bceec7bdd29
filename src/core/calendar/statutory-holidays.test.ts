import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson } from './calendar.ts';
import { LUNAR_SCHEMA, parseLunarYears, STATUTORY_HOLIDAYS, statutoryHolidays, type LunarYear } from './statutory-holidays.ts';

const seed = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seed.ok);
const lunar = parseLunarYears(readFileSync(new URL('../../../seed/calendar/lunar.json', import.meta.url), 'utf8'));
assert.ok(lunar.ok, JSON.stringify(lunar));
const lunarYear = (y: number): LunarYear => {
  const found = lunar.years.find((l) => l.year === y);
  assert.ok(found, `lunar.json has ${y}`);
  return found;
};

describe('《全国年节及纪念日放假办法》第二条 (2024 修订)', () => {
  it('is seven holidays, 13 days off in all, each citing its clause', () => {
    assert.deepEqual(STATUTORY_HOLIDAYS.map((h) => [h.name, h.offsets.length]), [['元旦', 1], ['春节', 4], ['清明节', 1], ['劳动节', 2], ['端午节', 1], ['中秋节', 1], ['国庆节', 3]]);
    assert.ok(STATUTORY_HOLIDAYS.every((h) => /^第二条第（[一二三四五六七]）项$/.test(h.clause)));
  });

  it('2027 (no notice yet): 元旦, 除夕 and 初一至初三, 清明, 5月1-2日, 端午, 中秋, 10月1-3日', () => {
    assert.deepEqual(statutoryHolidays(lunarYear(2027)), [
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' }, // 除夕: the day before 正月初一 (2027-02-06)
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  for (const year of [2025, 2026]) {
    it(`every statutory day of ${year} is a day off in that year's State Council notice (seed/calendar/china.json)`, () => {
      const days = statutoryHolidays(lunarYear(year));
      assert.equal(days.length, 13);
      for (const d of days) {
        const s = seed.calendar.isWorkingDay(d.date);
        assert.ok(s.covered && !s.working && s.reason === 'holiday', `${d.date} ${d.name} is a holiday in the ${year} notice: ${JSON.stringify(s)}`);
        // The notice names the run the day belongs to (2025: 中秋 inside 国庆节、中秋节).
        assert.ok(s.name?.includes(d.name), `${d.date}: ${s.name} names ${d.name}`);
      }
    });
  }

  it('two holidays on one day take the joint name (中秋 on 1 October)', () => {
    const y: LunarYear = { year: 2031, lunarNewYear: '2031-01-23', qingming: '2031-04-05', dragonBoat: '2031-06-24', midAutumn: '2031-10-01' };
    const days = statutoryHolidays(y);
    assert.equal(days.length, 12);
    assert.deepEqual(days.find((d) => d.date === '2031-10-01'), { date: '2031-10-01', name: '中秋节、国庆节' });
  });
});

describe('seed/calendar/lunar.json', () => {
  it('covers 2025-2100, one entry a year', () => {
    assert.deepEqual(lunar.years.map((y) => y.year), Array.from({ length: 76 }, (_, i) => 2025 + i));
  });

  it('bad entries are located calendar.badFile problems', () => {
    const text = JSON.stringify({
      schema: LUNAR_SCHEMA,
      source: 'test',
      years: [
        { year: 2027, lunarNewYear: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
        { year: 2027, lunarNewYear: '2027-06-06', qingming: '2028-04-05', dragonBoat: '2027-06-31', midAutumn: '2027-09-15' },
        { year: 'x' },
      ],
    });
    const r = parseLunarYears(text);
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => [p.code, p.at]), [
      ['calendar.badFile', 'years[1].year'],
      ['calendar.badFile', 'years[1].lunarNewYear'],
      ['calendar.badFile', 'years[1].qingming'],
      ['calendar.badFile', 'years[1].dragonBoat'],
      ['calendar.badFile', 'years[2].year'],
    ]);
    assert.match(r.problems[1]?.messageZh ?? '', /节假日数据文件有误：.*不是 2027 年 01-20 至 02-21 之间的日期/);
    assert.equal(parseLunarYears('{').ok, false);
    assert.equal(parseLunarYears(JSON.stringify({ schema: 'other' })).ok, false);
  });
});
