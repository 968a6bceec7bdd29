import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson } from '../calendar/calendar.ts';
import { checkDate, correct, describeChanges, registrationOf, voidCase } from './amend.ts';
import { caseClock } from './clock.ts';
import type { Registration } from './input.ts';
import { decide, register, replay, type CaseEvent, type DecideContext } from './transitions.ts';
import { caseRows } from './year-tables.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;
const TODAY = '2025-03-31';
const ctx: DecideContext = { calendar: cal, today: TODAY, now: `${TODAY}T08:00:00.000Z` };

const REG: Registration = {
  organizationId: 'org-1',
  channel: 'online',
  receivedOn: '2025-03-17',
  applicant: { type: 'natural', name: '王秀英', idType: 'residentId', idNumber: '11010519491231002X', contactPerson: null, phone: '13800001234', email: null, address: '郑州市金水区文化路1号', postcode: null },
  request: { description: '申请公开某村集体土地征收的征地补偿安置方案', documentNumber: null, purpose: null, form: 'paper', delivery: 'post' },
};

function registered() {
  const r = register(REG, { id: 'c1', number: '2025-000001' }, '李明', ctx);
  assert.ok(r.ok);
  return { case: r.case, events: [r.event] as CaseEvent[] };
}

describe('plausible dates', () => {
  it('30 days back is plain, 31 needs confirmation (with an audit note), before 2019-05-15 is refused even confirmed', () => {
    assert.deepEqual(checkDate('2025-03-01', 'receivedOn', TODAY, false), { problem: null, note: null });
    const old = checkDate('2025-02-28', 'receivedOn', TODAY, false);
    assert.equal(old.problem?.code, 'application.oldDate');
    assert.equal(old.problem?.at, 'receivedOn');
    assert.match(checkDate('2025-02-28', 'receivedOn', TODAY, true).note ?? '', /31 天.*确认日期无误/);
    assert.equal(checkDate('2019-01-01', 'receivedOn', TODAY, true).problem?.code, 'application.invalid');
    assert.equal(checkDate('2019-05-15', 'receivedOn', TODAY, true).problem, null);
  });
});

describe('correction (更正)', () => {
  it('moves the answer deadline, keeps the original register event, and replay agrees', () => {
    const { case: c, events } = registered();
    const due = (x: typeof c) => {
      const a = caseClock(cal, x, TODAY).answer;
      return a?.ok && a.answerDue.ok ? a.answerDue.date : null;
    };
    const d = correct(c, events, { receivedOn: '2025-03-10', reason: '签收日期录错' }, '王海燕', ctx);
    assert.ok(d.ok, JSON.stringify(d));
    assert.notEqual(due(d.case), due(c));
    assert.equal(d.case.receivedOn, '2025-03-10');
    assert.equal(d.case.version, 2);
    assert.equal(d.event.kind, 'correct');
    assert.deepEqual(d.event.data.changes, [{ field: 'receivedOn', before: '2025-03-17', after: '2025-03-10' }]);
    const all = [...events, d.event];
    assert.deepEqual(replay(all), d.case);
    assert.equal(registrationOf(all).receivedOn, '2025-03-10');
    assert.equal(events[0]?.data.receivedOn, '2025-03-17');
  });

  it('a change that makes a later step illegal (补正 beyond 7 working days of the new receipt date) is refused, located', () => {
    const { case: c0, events } = registered();
    const step = decide(c0, { kind: 'requestCorrection', on: '2025-03-20', actor: '李明', reason: null, items: '请明确年度', replyBy: '2025-04-10' }, ctx);
    assert.ok(step.ok);
    const d = correct(step.case, [...events, step.event], { receivedOn: '2025-03-03', reason: '签收日期录错' }, '王海燕', ctx);
    assert.ok(!d.ok);
    assert.equal(d.problems[0]?.code, 'application.correctionBreaksHistory');
    assert.equal(d.problems[0]?.at, 'receivedOn');
    assert.equal(d.problems[0]?.data?.cause, 'application.correctionLate');
    assert.equal(d.problems[0]?.data?.seq, 2);
  });

  it('needs a reason and a change; an invalid corrected field is located; a voided case is not corrected', () => {
    const { case: c, events } = registered();
    const noReason = correct(c, events, { receivedOn: '2025-03-10' }, '王海燕', ctx);
    assert.ok(!noReason.ok && noReason.problems.some((p) => p.at === 'reason'));
    const same = correct(c, events, { reason: '核对' }, '王海燕', ctx);
    assert.ok(!same.ok && same.problems[0]?.code === 'application.nothingCorrected');
    const bad = correct(c, events, { applicant: { idNumber: '123' }, reason: '录错' }, '王海燕', ctx);
    assert.ok(!bad.ok && bad.problems[0]?.at === 'applicant.idNumber');
    const old = correct(c, events, { receivedOn: '2025-01-02', reason: '录错' }, '王海燕', ctx);
    assert.ok(!old.ok && old.problems[0]?.code === 'application.oldDate');
    const v = voidCase(c, { reason: '测试数据' }, '王海燕', ctx);
    assert.ok(v.ok);
    const after = correct(v.case, [...events, v.event], { receivedOn: '2025-03-10', reason: '录错' }, '王海燕', ctx);
    assert.ok(!after.ok && after.problems[0]?.code === 'application.illegalTransition');
  });

  it('the timeline names applicant fields without their values when personal data is hidden', () => {
    const { case: c, events } = registered();
    const d = correct(c, events, { applicant: { name: '王秀珍' }, receivedOn: '2025-03-14', reason: '录错' }, '王海燕', ctx);
    assert.ok(d.ok);
    assert.equal(describeChanges(d.event, true), '收到申请之日 2025-03-17 → 2025-03-14；申请人姓名或名称 王秀英 → 王秀珍');
    assert.doesNotMatch(describeChanges(d.event, false), /王秀/);
  });
});

describe('voiding (作废)', () => {
  it('needs a reason; the case takes no step and counts in no table row', () => {
    const { case: c, events } = registered();
    assert.ok(!voidCase(c, {}, '王海燕', ctx).ok);
    const v = voidCase(c, { reason: '重复登记' }, '王海燕', ctx);
    assert.ok(v.ok && v.case.state === 'voided' && v.case.number === c.number);
    assert.deepEqual(replay([...events, v.event]), v.case);
    const step = decide(v.case, { kind: 'withdraw', on: TODAY, actor: '李明', reason: null }, ctx);
    assert.ok(!step.ok && step.problems[0]?.code === 'application.illegalTransition');
    assert.deepEqual(caseRows({ applicantType: 'natural', receivedOn: v.case.receivedOn, closedOn: null, resultRow: null, voided: true }, 2025), []);
    assert.equal(caseClock(cal, v.case, TODAY).next, null);
  });
});
