import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson, createCalendar } from '../calendar/calendar.ts';
import { parseLunarYears } from '../calendar/statutory-holidays.ts';
import type { Case } from './case.ts';
import { caseClock } from './clock.ts';
import { parseCommand, type Command } from './commands.ts';
import { buildNotice } from './notices.ts';
import { isResidentIdNumber, parseRegistration, type Registration } from './input.ts';
import { availableCommands, decide, register, replay, type CaseEvent, type DecideContext } from './transitions.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;
const ctx = (today: string): DecideContext => ({ calendar: cal, today, now: `${today}T08:00:00.000Z` });

const REG: Registration = {
  organizationId: 'org-1',
  channel: 'online',
  receivedOn: '2025-03-03',
  applicant: { type: 'natural', name: '王秀英', idType: 'residentId', idNumber: '11010519491231002X', contactPerson: null, phone: '13800001234', email: null, address: '郑州市金水区文化路1号', postcode: null },
  request: { description: '申请公开某村集体土地征收的征地补偿安置方案', documentNumber: null, purpose: null, form: 'paper', delivery: 'post' },
};

/** Register, then apply the steps in order; every step must be accepted. */
function run(steps: readonly Command[], today = '2025-12-31'): { case: Case; events: CaseEvent[] } {
  const r = register(REG, { id: 'c1', number: '2025-000001' }, '李明', ctx(today));
  assert.ok(r.ok);
  let c = r.case;
  const events = [r.event];
  for (const s of steps) {
    const d = decide(c, s, ctx(today));
    assert.ok(d.ok, `${s.kind}: ${JSON.stringify(!d.ok && d.problems)}`);
    c = d.case;
    events.push(d.event);
  }
  return { case: c, events };
}

const cmd = (kind: string, on: string, fields: Record<string, unknown> = {}): Command => {
  const p = parseCommand(kind, { on, ...fields }, '李明');
  assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
  return p.value;
};

function refused(c: Case, command: Command, code: string, today = '2025-12-31'): void {
  const d = decide(c, command, ctx(today));
  assert.equal(d.ok, false, `${command.kind} should be refused`);
  assert.equal(!d.ok && d.problems[0]?.code, code);
}

describe('a case on the statutory clock', () => {
  it('is answered and delivered; the history replays to the same case; the clock says 20 working days', () => {
    const { case: c, events } = run([cmd('answer', '2025-03-20', { category: 'granted', text: '现予公开。' }), cmd('deliver', '2025-03-21', { route: 'post' })]);
    assert.equal(c.state, 'delivered');
    assert.equal(c.closedOn, '2025-03-20');
    assert.equal(c.resultRow, 'granted');
    assert.deepEqual(events.map((e) => [e.kind, e.from, e.to]), [['register', null, 'processing'], ['answer', 'processing', 'answered'], ['deliver', 'answered', 'delivered']]);
    assert.deepEqual(replay(events), c);
    const clock = caseClock(cal, c, '2025-12-31');
    assert.ok(clock.answer?.ok && clock.answer.answerDue.ok);
    assert.equal(clock.answer.answerDue.date, '2025-03-31'); // 20 working days after Monday 2025-03-03
    assert.equal(clock.answeredLate, false);
    assert.equal(clock.next, null);
  });

  it('refuses a step its state does not allow, naming the steps that are', () => {
    const { case: c } = run([]);
    const d = decide(c, cmd('deliver', '2025-03-04', { route: 'post' }), ctx('2025-12-31'));
    assert.ok(!d.ok);
    assert.equal(d.problems[0]?.code, 'application.illegalTransition');
    assert.deepEqual(d.problems[0]?.data?.allowed, availableCommands(c));
    assert.ok(!availableCommands(c).includes('deliver'));
  });

  it('asks for a correction once, within 7 working days (第三十条); the clock restarts from the corrected application', () => {
    const base = run([]).case;
    refused(base, cmd('requestCorrection', '2025-03-13', { items: '请写明文号', replyBy: '2025-03-28' }), 'application.correctionLate'); // 8th working day
    const { case: c } = run([cmd('requestCorrection', '2025-03-12', { items: '请写明文号', replyBy: '2025-03-28' })]);
    assert.equal(c.state, 'awaitingCorrection');
    assert.equal(caseClock(cal, c, '2025-03-14').next?.kind, 'correctionReply');
    refused(c, cmd('deemWithdrawn', '2025-03-28'), 'application.correctionNotDue');
    const corrected = decide(c, cmd('receiveCorrection', '2025-03-20'), ctx('2025-12-31'));
    assert.ok(corrected.ok);
    assert.equal(corrected.case.clockStart, '2025-03-20');
    refused(corrected.case, cmd('requestCorrection', '2025-03-21', { items: '再次补正', replyBy: '2025-04-10' }), 'application.correctionOnce');
    const clock = caseClock(cal, corrected.case, '2025-03-20');
    assert.ok(clock.answer?.ok && clock.answer.answerDue.ok);
    assert.equal(clock.answer.answerDue.date, '2025-04-18'); // 20 wd after 2025-03-20, 清明 (04-04) skipped
    const gaveUp = decide(c, cmd('deemWithdrawn', '2025-03-31'), ctx('2025-12-31'));
    assert.ok(gaveUp.ok);
    assert.equal(gaveUp.case.resultRow, 'otherHandling.noCorrection');
  });

  it('stops the clock while a third party is consulted (第三十二条、第三十三条)', () => {
    const { case: c } = run([cmd('startConsultation', '2025-03-10', { consultation: 'thirdParty', party: '某建设公司' }), cmd('endConsultation', '2025-03-24', { outcome: 'objected' })]);
    const clock = caseClock(cal, c, '2025-03-24');
    assert.ok(clock.answer?.ok && clock.answer.answerDue.ok && clock.answer.pausedWorkingDays.ok);
    assert.equal(clock.answer.pausedWorkingDays.days, 10);
    assert.equal(clock.answer.answerDue.date, '2025-04-15'); // 2025-03-31 + 10 working days (清明 04-04 skipped)
    const consulting = run([cmd('startConsultation', '2025-03-10', { consultation: 'thirdParty', party: '某建设公司' })]).case;
    const next = caseClock(cal, consulting, '2025-03-12').next;
    assert.equal(next?.kind, 'thirdPartyReply');
    assert.ok(next?.due.ok && next.due.date === '2025-03-31');
  });

  it('extends once, by at most 20 working days, before the answer is due (第三十三条第二款)', () => {
    const { case: c } = run([cmd('extend', '2025-03-28', { days: 20, approvedBy: '张主任', reason: '需调阅档案' })]);
    const due = caseClock(cal, c, '2025-03-28').answer;
    assert.ok(due?.ok && due.answerDue.ok);
    assert.equal(due.answerDue.date, '2025-04-28'); // 40 wd: 清明 04-04 off, Sunday 04-27 a 调休 workday
    refused(c, cmd('extend', '2025-04-01', { days: 1, approvedBy: '张主任', reason: '再延' }), 'application.extensionOnce');
    refused(run([]).case, cmd('extend', '2025-04-01', { days: 5, approvedBy: '张主任', reason: '逾期后延长' }), 'application.extensionLate');
    const tooLong = parseCommand('extend', { on: '2025-03-20', days: 21, approvedBy: '张主任', reason: 'x' }, '李明');
    assert.ok(!tooLong.ok && tooLong.problems.some((p) => p.at === 'days'));
    const noReason = parseCommand('extend', { on: '2025-03-20', days: 5, approvedBy: '张主任' }, '李明');
    assert.ok(!noReason.ok && noReason.problems.some((p) => p.at === 'reason'));
  });

  it('lapses an unpaid fee only after the 20 working days to pay', () => {
    const { case: c } = run([cmd('issueFeeNotice', '2025-03-10', { amount: 200, basis: 'perApplication' })]);
    refused(c, cmd('lapseFee', '2025-04-08'), 'application.feeNotDue');
    const lapsed = decide(c, cmd('lapseFee', '2025-04-09'), ctx('2025-12-31'));
    assert.ok(lapsed.ok);
    assert.equal(lapsed.case.resultRow, 'otherHandling.unpaidFee');
  });

  it('refuses dates before the previous step or after today, and 仍不明确 without a correction', () => {
    const { case: c } = run([cmd('startConsultation', '2025-03-10', { consultation: 'interAgency', party: '县财政局' })]);
    refused(c, cmd('endConsultation', '2025-03-07', { outcome: 'agreed' }), 'application.dateOrder');
    refused(c, cmd('endConsultation', '2026-01-05', { outcome: 'agreed' }), 'application.futureDate', '2025-12-31');
    refused(run([]).case, cmd('answer', '2025-03-10', { category: 'unavailable.stillUnclear', text: '仍不明确' }), 'application.needsCorrection');
  });
});

describe('reading an application (第二十九条)', () => {
  it('accepts a complete one', () => {
    const p = parseRegistration(REG);
    assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
  });

  it('locates every problem, in Chinese first', () => {
    const p = parseRegistration({ ...REG, channel: 'pigeon', receivedOn: '2025-02-30', applicant: { ...REG.applicant, idNumber: '110105194912310021', phone: null, address: null }, request: { description: ' ', form: 'paper', delivery: 'post' } });
    assert.ok(!p.ok);
    const at = p.problems.map((x) => x.at).sort();
    assert.deepEqual(at, ['applicant.address', 'applicant.idNumber', 'applicant.phone', 'channel', 'receivedOn', 'request.description']);
    assert.ok(p.problems.every((x) => x.code === 'application.invalid' && /[\u4e00-\u9fff]/.test(x.messageZh)));
  });

  it('asks for the contact each delivery route needs: an e-mail address to e-mail, a fax number to fax', () => {
    const route = (delivery: string, applicant: Record<string, unknown> = {}) => parseRegistration({ ...REG, applicant: { ...REG.applicant, ...applicant }, request: { ...REG.request, delivery } });
    const byEmail = route('email', { email: null });
    assert.ok(!byEmail.ok && byEmail.problems.some((x) => x.at === 'applicant.email' && /选择电子邮件的，请填写电子邮箱/.test(x.messageZh)));
    assert.ok(route('email', { email: 'liu.guiying@example.cn' }).ok);
    const byFax = route('fax');
    assert.ok(!byFax.ok && byFax.problems.some((x) => x.at === 'applicant.fax'));
    const badFax = route('fax', { fax: 'fax me' });
    assert.ok(!badFax.ok && badFax.problems.some((x) => x.at === 'applicant.fax' && /传真号码格式有误/.test(x.messageZh)));
    const fax = route('fax', { fax: '0371-62345678' });
    assert.ok(fax.ok && fax.value.applicant.fax === '0371-62345678');
  });

  it('checks the 居民身份证 check digit (GB 11643)', () => {
    assert.ok(isResidentIdNumber('11010519491231002X'));
    assert.ok(!isResidentIdNumber('110105194912310021'));
    assert.ok(!isResidentIdNumber('11010519491331002X'));
  });
});

describe("in late December, before the next year's holiday notice is loaded", () => {
  const lunar = parseLunarYears(readFileSync(new URL('../../../seed/calendar/lunar.json', import.meta.url), 'utf8'));
  assert.ok(lunar.ok);
  const made = createCalendar(cal.data, { lunar: lunar.years });
  assert.ok(made.ok);
  const provisional = made.calendar;
  const december = (calendar: typeof cal) => {
    const r = register({ ...REG, receivedOn: '2026-12-15' }, { id: 'c2', number: '2026-000001' }, '李明', { calendar, today: '2026-12-28', now: '2026-12-28T08:00:00.000Z' });
    assert.ok(r.ok);
    return r.case;
  };
  const extend = cmd('extend', '2026-12-28', { days: 20, approvedBy: '张主任', reason: '需调阅档案' });

  it('the final calendar refuses the extension: the answer date needs 2027', () => {
    const d = decide(december(cal), extend, ctx('2026-12-28'));
    assert.equal(!d.ok && d.problems[0]?.code, 'calendar.notCovered');
  });

  it('the provisional calendar allows it; the extended date is 暂定, with 除夕 and 初三 (a Monday) off, no 调休', () => {
    const c = december(provisional);
    const before = caseClock(provisional, c, '2026-12-28');
    assert.deepEqual(before.next?.due, { ok: true, date: '2027-01-13', provisional: true, provisionalYears: [2027] });
    const d = decide(c, extend, { calendar: provisional, today: '2026-12-28', now: '2026-12-28T08:00:00.000Z' });
    assert.ok(d.ok, JSON.stringify(!d.ok && d.problems));
    // 20 more working days after 2027-01-13: 01-14/15 (21-22), 01-18..22 (23-27), 01-25..29 (28-32), 02-01..04
    // (33-36), 02-05 除夕 off, 02-06/07 weekend (初一、初二), 02-08 初三 off, 02-09..12 (37-40).
    const after = caseClock(provisional, d.case, '2026-12-28');
    assert.deepEqual(after.next?.due, { ok: true, date: '2027-02-12', provisional: true, provisionalYears: [2027] });
    // The extension notice (延期答复告知书) gives the date as 暂定.
    const notice = buildNotice('extension', d.case, { organization: '中原县人民政府', clock: after });
    assert.match(notice?.paragraphs.join('') ?? '', /本机关将于2027年2月12日（暂定：2027年节假日安排尚未公布，按《全国年节及纪念日放假办法》推算，公布后以正式安排为准）前作出答复/);
    // And the answer itself is recorded as usual.
    const answered = decide(d.case, cmd('answer', '2026-12-30', { category: 'granted', text: '现予公开。' }), { calendar: provisional, today: '2026-12-30', now: '2026-12-30T08:00:00.000Z' });
    assert.ok(answered.ok);
    assert.equal(caseClock(provisional, answered.case, '2026-12-30').answeredLate, false);
  });
});
