import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson } from './calendar.ts';
import { addWorkingDays, DAY_COUNTING, notCoveredProblem, workingDaysBetween } from './working-days.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;

const dateOf = (r: ReturnType<typeof addWorkingDays>) => (r.ok ? r.date : `notCovered ${r.year}`);

describe('addWorkingDays', () => {
  it('the start is day 0 whatever kind of day it is (the spec convention)', () => {
    assert.equal(DAY_COUNTING, 'receiptIsDayZero');
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-06', 1)), '2024-05-07', 'from a Monday');
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-11', 1)), '2024-05-13', 'from a Saturday (a 调休 workday in 2024: 5-11)');
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-12', 1)), '2024-05-13', 'from a Sunday');
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-06', 0)), '2024-05-06');
  });

  it('counts 调休 weekend days and skips the Spring Festival and National Day', () => {
    assert.equal(dateOf(addWorkingDays(cal, '2024-02-03', 1)), '2024-02-04', 'Sunday 2024-02-04 was a working day');
    assert.equal(dateOf(addWorkingDays(cal, '2024-02-09', 1)), '2024-02-18', 'then Sunday 2024-02-18, after 2-10..2-17');
    assert.equal(dateOf(addWorkingDays(cal, '2025-09-30', 1)), '2025-10-09', 'over 国庆节、中秋节 2025-10-01..08');
    assert.equal(dateOf(addWorkingDays(cal, '2025-10-09', 2)), '2025-10-11', 'Saturday 2025-10-11 was a working day');
  });

  it('the other convention (receipt counts when a working day) is a named option', () => {
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-06', 1, { counting: 'receiptCountsIfWorking' })), '2024-05-06');
    assert.equal(dateOf(addWorkingDays(cal, '2024-05-12', 1, { counting: 'receiptCountsIfWorking' })), '2024-05-13');
  });

  it('a count that needs an uncovered year is flagged, never guessed from weekdays', () => {
    const r = addWorkingDays(cal, '2026-12-30', 3);
    assert.ok(!r.ok);
    assert.equal(r.code, 'calendar.notCovered');
    assert.equal(r.year, 2027);
    assert.equal(r.date, '2027-01-01');
    assert.deepEqual(r.proofSoFar?.map((d) => d.date), ['2026-12-30', '2026-12-31']);
    const p = notCoveredProblem(r, 'answerDue');
    assert.equal(p.code, 'calendar.notCovered');
    assert.match(p.messageZh, /2027 年，该年节假日安排未载入/);
    assert.equal(dateOf(addWorkingDays(cal, '2026-12-30', 1)), '2026-12-31', 'a count that stays in 2026 is fine');
    assert.equal(dateOf(addWorkingDays(cal, '2003-12-31', 1)), '2004-01-02', 'day 0 may lie outside the calendar');
  });

  it('throws only on bugs', () => {
    assert.throws(() => addWorkingDays(cal, '2024-05-06', -1), RangeError);
    assert.throws(() => addWorkingDays(cal, '2024-5-6', 1), RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts d with a < d <= b, negative backwards, paused days excluded', () => {
    const days = (a: string, b: string, excluded?: (d: string) => string | undefined) => {
      const r = workingDaysBetween(cal, a, b, excluded ? { excluded } : {});
      return r.ok ? r.days : `notCovered ${r.year}`;
    };
    assert.equal(days('2024-02-02', '2024-03-06'), 20);
    assert.equal(days('2024-03-06', '2024-02-02'), -20);
    assert.equal(days('2024-02-09', '2024-02-17'), 0, 'the Spring Festival');
    assert.equal(days('2024-02-10', '2024-02-10'), 0);
    assert.equal(days('2024-02-02', '2024-03-06', (d) => (d >= '2024-02-19' && d <= '2024-02-20' ? '征求第三方意见' : undefined)), 18);
    assert.equal(days('2026-12-01', '2027-01-10'), 'notCovered 2027');
    const both = workingDaysBetween(cal, '2024-05-06', '2024-05-06', { counting: 'receiptCountsIfWorking' });
    assert.ok(both.ok && both.days === 1);
  });

  it('agrees with addWorkingDays over every start day of 2020-2026', () => {
    for (let y = 2020; y <= 2026; y += 1) {
      for (const start of [`${y}-01-01`, `${y}-02-15`, `${y}-04-30`, `${y}-09-28`, `${y}-10-01`]) {
        for (const n of [1, 7, 15, 20]) {
          const r = addWorkingDays(cal, start, n);
          if (!r.ok) continue;
          const back = workingDaysBetween(cal, start, r.date);
          assert.ok(back.ok && back.days === n, `${start} + ${n}`);
        }
      }
    }
  });
});
