import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson, createCalendar, type CalendarData } from './calendar.ts';
import { computeRow, COMPUTED_COLUMNS, notCoveredCell, parseDeadlineTable, type DeadlineColumn } from './deadline-table.ts';
import { ANSWER, computeDeadlines, CORRECTION_NOTICE, daysLeft, DUE_SOON_WORKING_DAYS, EXTENSION_MAX, INTER_AGENCY_REPLY, periodDue, THIRD_PARTY_REPLY, type Deadlines } from './deadlines.ts';
import { formatDeadlineProof } from './proof.ts';
import { parseLunarYears } from './statutory-holidays.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;
const lunar = parseLunarYears(readFileSync(new URL('../../../seed/calendar/lunar.json', import.meta.url), 'utf8'));
assert.ok(lunar.ok);
/** The same notices 2004-2026, and the years after answered provisionally (《全国年节及纪念日放假办法》第二条). */
const provisionalMade = createCalendar(cal.data, { lunar: lunar.years });
assert.ok(provisionalMade.ok);
const provisionalCal = provisionalMade.calendar;
const CASES = readFileSync(new URL('../../../fixtures/spec/deadline-cases.csv', import.meta.url), 'utf8');
const parsed = parseDeadlineTable(CASES, 'deadline-cases.csv');
assert.ok(parsed.ok);
const rows = parsed.table.rows;

/** The one row whose count runs into 2027, a year no calendar package has yet (see the test below). */
const RUNS_INTO_2027 = '2026-12-15';

function ok(r: ReturnType<typeof computeDeadlines>): Deadlines {
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

describe('the statutory periods (条例)', () => {
  it('are the numbers of the 条例, each citing its article', () => {
    assert.deepEqual(
      [CORRECTION_NOTICE, THIRD_PARTY_REPLY, ANSWER, EXTENSION_MAX, INTER_AGENCY_REPLY].map((p) => [p.workingDays, p.articleEn]),
      [[7, 'Art. 30'], [15, 'Art. 32'], [20, 'Art. 33(2)'], [20, 'Art. 33(2)'], [15, 'Art. 34']],
    );
  });
});

describe('spec/deadline-cases.csv (48 cases computed independently from the official calendars)', () => {
  it('has its 48 rows', () => assert.equal(rows.length, 48));

  for (const row of rows) {
    it(`line ${row.line}: received ${row.received}${row.extensionDays ? ` +${row.extensionDays}` : ''}${row.pause ? ` paused ${row.pause.from}..${row.pause.to}` : ''}`, () => {
      const { cells, notCovered } = computeRow(cal, row);
      if (row.received === RUNS_INTO_2027) {
        assert.equal(cells.correctionNoticeDue, row.cells.correctionNoticeDue, 'the 7 working days stay in 2026');
        assert.equal(cells.pausedWorkingDays, '0');
        assert.equal(cells.thirdPartyReplyDueIfSentOnReceipt, notCoveredCell(2027));
        assert.equal(cells.answerDue, notCoveredCell(2027));
        assert.deepEqual(notCovered, [2027]);
        return;
      }
      for (const column of COMPUTED_COLUMNS) {
        assert.equal(cells[column], row.cells[column as DeadlineColumn], `${column} of line ${row.line}`);
      }
      assert.deepEqual(notCovered, []);
    });
  }

  it(`${RUNS_INTO_2027}: the table leaves its 2027 dates empty (not computable until 2027 is loaded); with 2027 loaded, 1 January (元旦) counts as a day off`, () => {
    const row = rows.find((r) => r.received === RUNS_INTO_2027);
    assert.ok(row);
    assert.equal(row.cells.thirdPartyReplyDueIfSentOnReceipt, '', 'the shared table marks the 2027 date as not computable');
    assert.equal(row.cells.answerDue, '');
    const with2027 = (holidays: CalendarData['holidays']) => {
      const c = createCalendar({ ...cal.data, coveredYears: [...cal.data.coveredYears, 2027], holidays: [...cal.data.holidays, ...holidays] });
      assert.ok(c.ok);
      return computeRow(c.calendar, row).cells;
    };
    // Counting weekdays only (the table's old, wrong dates) would give 2027-01-05 / 2027-01-12.
    const weekdaysOnly = with2027([]);
    assert.deepEqual([weekdaysOnly.thirdPartyReplyDueIfSentOnReceipt, weekdaysOnly.answerDue], ['2027-01-05', '2027-01-12']);
    const newYear = with2027([{ date: '2027-01-01', name: '元旦' }]);
    assert.equal(newYear.thirdPartyReplyDueIfSentOnReceipt, '2027-01-06');
    assert.equal(newYear.answerDue, '2027-01-13');
    // On the provisional calendar the same dates come out, visibly not final (so the table's empty cells stay honest).
    const provisional = computeRow(provisionalCal, row);
    assert.deepEqual([provisional.cells.thirdPartyReplyDueIfSentOnReceipt, provisional.cells.answerDue], ['2027-01-06（暂定）', '2027-01-13（暂定）']);
    assert.deepEqual([provisional.notCovered, provisional.provisional], [[], [2027]]);
    assert.equal(provisional.cells.correctionNoticeDue, '2026-12-24');
  });
});

describe('the provisional calendar (a year whose notice is not loaded)', () => {
  it('a case received 2026-12-15 gets provisional deadlines in 2027, 元旦 2027-01-01 its only holiday so far', () => {
    // Counted by hand: received Tue 2026-12-15 = day 0. December: 16 17 18 (1-3), 21-25 (4-8), 28-31 (9-12);
    // Fri 2027-01-01 元旦 (办法第二条第（一）项) is skipped, 01-02/03 weekend; 01-04..08 (13-17), 01-11 12 13 (18-20).
    // So the third party's 15th working day is Wed 2027-01-06 and the answer's 20th is Wed 2027-01-13.
    const r = ok(computeDeadlines(provisionalCal, { received: RUNS_INTO_2027 }));
    assert.deepEqual(r.correctionNoticeDue, { ok: true, date: '2026-12-24' }, 'the 7 working days stay in 2026: final');
    assert.deepEqual(r.thirdPartyReplyDueIfSentOnReceipt, { ok: true, date: '2027-01-06', provisional: true, provisionalYears: [2027] });
    assert.deepEqual(r.answerDue, { ok: true, date: '2027-01-13', provisional: true, provisionalYears: [2027] });
    assert.deepEqual(r.proof.provisionalYears, [2027]);
    const lines = formatDeadlineProof(r.proof);
    assert.match(lines.find((l) => l.startsWith('2027-01-01')) ?? '', /不计：节假日（元旦）（暂定）/);
    assert.match(lines.find((l) => l.startsWith('2027-01-13')) ?? '', /第20个工作日（暂定）.*◀ 答复期限/);
    assert.ok(!(lines.find((l) => l.startsWith('2026-12-31')) ?? '').includes('暂定'), 'a day of a loaded year is not provisional');
    assert.match(lines.at(-1) ?? '', /^暂定：2027 年下一年度节假日安排尚未公布，按《全国年节及纪念日放假办法》暂定/);
    // The same count on the final calendar has no answer (the shared table's empty cells).
    assert.equal(ok(computeDeadlines(cal, { received: RUNS_INTO_2027 })).answerDue.ok, false);
  });

  it('the statutory days of 2027 are days off; no 调休; a date before 2025 or after the lunar table is still not covered', () => {
    assert.deepEqual(provisionalCal.isWorkingDay('2027-02-05'), { covered: true, working: false, reason: 'holiday', name: '春节', provisional: true }, '除夕');
    assert.deepEqual(provisionalCal.isWorkingDay('2027-02-09'), { covered: true, working: true, reason: 'weekday', provisional: true }, '初四: a working day until the notice says otherwise');
    assert.deepEqual(provisionalCal.isWorkingDay('2027-02-13'), { covered: true, working: false, reason: 'weekend', provisional: true });
    assert.deepEqual(provisionalCal.isWorkingDay('2026-10-08'), { covered: true, working: true, reason: 'weekday' }, 'a loaded year is unchanged');
    assert.ok(provisionalCal.isProvisional(2027) && !provisionalCal.covers(2027) && !provisionalCal.isProvisional(2026));
    assert.deepEqual(provisionalCal.isWorkingDay('2101-01-03'), { covered: false, year: 2101 });
    const old = createCalendar({ coveredYears: [2024], holidays: [], workdays: [] }, { lunar: lunar.years });
    assert.ok(old.ok && !old.calendar.isProvisional(2023));
  });

  it('days left across the year end are provisional too; a pause into 2027 counts provisionally', () => {
    const left = daysLeft(provisionalCal, '2026-12-28', '2027-01-13');
    assert.deepEqual(left, { ok: true, workingDaysLeft: 11, status: 'onTime', provisional: true, provisionalYears: [2027] });
    assert.deepEqual(daysLeft(provisionalCal, '2026-12-01', '2026-12-24'), { ok: true, workingDaysLeft: 17, status: 'onTime' });
    const paused = ok(computeDeadlines(provisionalCal, { received: '2026-12-01', pauses: [{ from: '2026-12-20', to: '2027-01-05', reason: '征求第三方意见' }] }));
    assert.deepEqual(paused.pausedWorkingDays, { ok: true, days: 11, provisional: true, provisionalYears: [2027] }, '12-21..25, 12-28..31, (01-01 元旦), 01-04, 01-05: 5 + 4 + 2');
  });
});

describe('computeDeadlines', () => {
  it('counts 调休 weekends and skips the Spring Festival: the proof of 2024-02-02, day by day', () => {
    const r = ok(computeDeadlines(cal, { received: '2024-02-02' }));
    assert.deepEqual([r.correctionNoticeDue, r.thirdPartyReplyDueIfSentOnReceipt, r.answerDue], [
      { ok: true, date: '2024-02-18' }, { ok: true, date: '2024-02-28' }, { ok: true, date: '2024-03-06' },
    ]);
    const lines = formatDeadlineProof(r.proof);
    const day = (date: string) => lines.find((l) => l.startsWith(date)) ?? '';
    assert.equal(lines.length, 34 + 1, 'every day from 2024-02-02 to 2024-03-06, then the summary');
    assert.match(day('2024-02-02'), /^2024-02-02 星期五 第0日：收到申请（不计入） \/ Fri day 0/);
    assert.match(day('2024-02-03'), /星期六 不计：周末/);
    assert.match(day('2024-02-04'), /星期日 第1个工作日（调休上班：春节）/);
    assert.match(day('2024-02-09'), /星期五 第6个工作日 \//);
    for (const d of ['2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-17']) {
      assert.match(day(d), /不计：节假日（春节） \/ \w+ skipped: holiday \(春节\)$/, d);
    }
    assert.match(day('2024-02-18'), /第7个工作日（调休上班：春节）.*◀ 补正告知期限（条例第三十条）/);
    assert.match(day('2024-02-28'), /第15个工作日.*◀ 第三方答复期限（条例第三十二条）/);
    assert.match(day('2024-03-06'), /星期三 第20个工作日 .*◀ 答复期限（条例第三十三条第二款）/);
    assert.match(lines.at(-1) ?? '', /^计入 20 个工作日，不计周末 5 天、节假日 8 天、中止 0 个工作日/);
    const statuses = r.proof.days.map((d) => (d.status === 'counted' ? d.n : d.status === 'skipped' ? d.reason : d.status));
    assert.deepEqual(statuses, [
      'dayZero', 'weekend', 1, 2, 3, 4, 5, 6, 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday',
      7, 8, 9, 10, 11, 12, 'weekend', 'weekend', 13, 14, 15, 16, 17, 'weekend', 'weekend', 18, 19, 20,
    ]);
  });

  it('skips National Day and pauses consultations (S < d <= E), a paused 调休 Saturday included', () => {
    const r = ok(computeDeadlines(cal, { received: '2025-09-26', extensionDays: 2, pauses: [{ from: '2025-10-09', to: '2025-10-14', reason: '征求第三方意见' }] }));
    assert.deepEqual(r.pausedWorkingDays, { ok: true, days: 4 }, '10-10, Saturday 10-11 (调休), 10-13, 10-14');
    assert.deepEqual(r.answerDue, { ok: true, date: '2025-11-07' }, 'the (20 + 4 + 2)-th working day');
    const paused = r.proof.days.filter((d) => d.status === 'paused').map((d) => d.date);
    assert.deepEqual(paused, ['2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14']);
    assert.equal(r.proof.days.filter((d) => d.status === 'skipped' && d.reason === 'holiday').length, 8);
  });

  it('overlapping pauses count each day once; a pause begun after the deadline passed does not move it', () => {
    const both = ok(computeDeadlines(cal, { received: '2023-03-01', pauses: [
      { from: '2023-03-06', to: '2023-03-10', reason: '征求第三方意见' },
      { from: '2023-03-08', to: '2023-03-14', reason: '征求其他机关意见' },
    ] }));
    assert.deepEqual(both.pausedWorkingDays, { ok: true, days: 6 }, '03-07 … 03-14 minus the weekend');
    const plain = ok(computeDeadlines(cal, { received: '2023-03-01' }));
    assert.deepEqual(plain.answerDue, { ok: true, date: '2023-03-29' });
    const late = ok(computeDeadlines(cal, { received: '2023-03-01', pauses: [{ from: '2023-04-03', to: '2023-04-07', reason: '征求第三方意见' }] }));
    assert.deepEqual(late.answerDue, plain.answerDue);
  });

  it('a deadline running into an uncovered year is flagged, with the proof up to the last known day', () => {
    const r = ok(computeDeadlines(cal, { received: '2026-12-15' }));
    assert.deepEqual(r.correctionNoticeDue, { ok: true, date: '2026-12-24' });
    assert.deepEqual(r.answerDue, { ok: false, code: 'calendar.notCovered', year: 2027, date: '2027-01-01' });
    assert.deepEqual(r.thirdPartyReplyDueIfSentOnReceipt, { ok: false, code: 'calendar.notCovered', year: 2027, date: '2027-01-01' });
    assert.equal(r.proof.days.at(-1)?.date, '2026-12-31');
    assert.match(formatDeadlineProof(r.proof).at(-1) ?? '', /^计算停止：2027-01-01 属于 2027 年，该年节假日安排未载入/);
    const paused = ok(computeDeadlines(cal, { received: '2026-12-01', pauses: [{ from: '2026-12-20', to: '2027-01-05', reason: '征求第三方意见' }] }));
    assert.equal(paused.pausedWorkingDays.ok, false);
  });

  it('input errors are coded values: an extension over 20 working days, bad pauses, a bad date', () => {
    const over = computeDeadlines(cal, { received: '2024-05-06', extensionDays: 21 });
    assert.ok(!over.ok);
    assert.deepEqual(over.problems.map((p) => p.code), ['deadline.extension']);
    const bad = computeDeadlines(cal, { received: '2024-05-06', pauses: [
      { from: '2024-05-10', to: '2024-05-08', reason: '征求第三方意见' },
      { from: '2024-05-01', to: '2024-05-08', reason: '征求第三方意见' },
      { from: '2024-05-08', to: '2024-05-09', reason: '' },
    ] });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => [p.code, p.at]), [['deadline.pause', 'pauses[0]'], ['deadline.pause', 'pauses[1]'], ['deadline.pause', 'pauses[2]']]);
    const date = computeDeadlines(cal, { received: '2024-02-30' });
    assert.ok(!date.ok && date.problems[0]?.code === 'calendar.badDate');
  });

  it('a consultation sent later is due 15 working days after it was sent (Art. 32, Art. 34)', () => {
    assert.deepEqual(periodDue(cal, '2025-09-30', THIRD_PARTY_REPLY), { ok: true, date: '2025-10-28' });
    assert.deepEqual(periodDue(cal, '2025-09-30', INTER_AGENCY_REPLY), { ok: true, date: '2025-10-28' });
  });
});

describe('daysLeft', () => {
  it('onTime, dueSoon (≤ 5 working days), due today, overdue — over holidays', () => {
    assert.equal(DUE_SOON_WORKING_DAYS, 5);
    assert.deepEqual(daysLeft(cal, '2024-02-02', '2024-03-06'), { ok: true, workingDaysLeft: 20, status: 'onTime' });
    assert.deepEqual(daysLeft(cal, '2024-02-08', '2024-02-19'), { ok: true, workingDaysLeft: 3, status: 'dueSoon' }, 'the Spring Festival is not counted');
    assert.deepEqual(daysLeft(cal, '2024-03-06', '2024-03-06'), { ok: true, workingDaysLeft: 0, status: 'dueSoon' });
    assert.deepEqual(daysLeft(cal, '2024-03-08', '2024-03-06'), { ok: true, workingDaysLeft: -2, status: 'overdue' });
    assert.deepEqual(daysLeft(cal, '2024-03-09', '2024-03-08'), { ok: true, workingDaysLeft: 0, status: 'overdue' }, 'the Saturday after');
    assert.deepEqual(daysLeft(cal, '2024-03-01', '2024-03-06', 2), { ok: true, workingDaysLeft: 3, status: 'onTime' });
    assert.equal(daysLeft(cal, '2026-12-20', '2027-01-12').ok, false);
  });
});
