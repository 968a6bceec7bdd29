import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson } from '../calendar/calendar.ts';
import type { Case } from './case.ts';
import { caseClock } from './clock.ts';
import { parseCommand } from './commands.ts';
import { availableNotices, buildNotice, chineseDate, LITIGATION_PERIOD, REVIEW_PERIOD } from './notices.ts';
import { ANSWERABLE } from './terms.ts';
import { decide, register } from './transitions.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;
const ctx = { calendar: cal, today: '2025-12-31', now: '2025-12-31T00:00:00Z' };

function make(steps: [string, Record<string, unknown>][]): Case {
  const r = register(
    { organizationId: 'o', channel: 'postSignedFor', receivedOn: '2025-03-03', applicant: { type: 'natural', name: '王秀英', idType: 'residentId', idNumber: '11010519491231002X', contactPerson: null, phone: '13800001234', email: null, address: '郑州市金水区文化路1号', postcode: null }, request: { description: '某村征地补偿安置方案', documentNumber: '豫政土〔2024〕12号', purpose: null, form: 'paper', delivery: 'post' } },
    { id: 'c1', number: '2025-000123' },
    '李明',
    ctx,
  );
  assert.ok(r.ok);
  let c = r.case;
  for (const [kind, fields] of steps) {
    const p = parseCommand(kind, fields, '李明');
    assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
    const d = decide(c, p.value, ctx);
    assert.ok(d.ok, JSON.stringify(!d.ok && d.problems));
    c = d.case;
  }
  return c;
}

const notice = (c: Case, kind: Parameters<typeof buildNotice>[0]) => buildNotice(kind, c, { organization: '中原县自然资源局', reviewBody: '中原县人民政府', clock: caseClock(cal, c, '2025-12-31') });

describe('notices', () => {
  it('are offered only when the history has them', () => {
    assert.deepEqual(availableNotices(make([])), ['receipt']);
    const c = make([['requestCorrection', { on: '2025-03-05', items: '请写明所需信息的年份', replyBy: '2025-03-20' }], ['receiveCorrection', { on: '2025-03-10' }], ['extend', { on: '2025-03-31', days: 10, approvedBy: '张主任', reason: '需调阅档案' }]]);
    assert.deepEqual(availableNotices(c), ['receipt', 'correction', 'extension']);
    assert.equal(notice(make([]), 'answer'), null);
  });

  it('the receipt names the applicant, the number, the Art. 31 date and the answer due date of the clock', () => {
    const c = make([]);
    const n = notice(c, 'receipt');
    assert.ok(n);
    const text = n.paragraphs.join('');
    assert.equal(n.addressee, '王秀英：');
    assert.equal(n.docNumber, '〔2025〕依申登第000123号');
    assert.match(text, /申请编号：2025-000123/);
    assert.match(text, /收到申请之日为2025年3月3日/);
    assert.match(text, /即不迟于2025年3月31日/); // caseClock's answer due
    assert.equal(n.date, '二〇二五年三月三日');
  });

  it('the correction, extension and fee notices state their items, days and dates', () => {
    const corr = notice(make([['requestCorrection', { on: '2025-03-05', items: '请写明所需信息的年份', replyBy: '2025-03-20' }]]), 'correction');
    assert.match(corr?.paragraphs.join('') ?? '', /7个工作日内一次性告知.*请写明所需信息的年份.*2025年3月20日前补正/);
    const ext = notice(make([['extend', { on: '2025-03-28', days: 20, approvedBy: '张主任', reason: '需调阅多个年度档案' }]]), 'extension');
    assert.match(ext?.paragraphs.join('') ?? '', /因需调阅多个年度档案.*（张主任）同意，答复期限延长20个工作日，本机关将于2025年4月28日前作出答复/);
    const fee = notice(make([['issueFeeNotice', { on: '2025-03-10', amount: 200, basis: 'perApplication' }]]), 'fee');
    assert.match(fee?.paragraphs.join('') ?? '', /按件收取信息处理费人民币200\.00元.*20个工作日内缴纳/);
    const third = notice(make([['startConsultation', { on: '2025-03-10', consultation: 'thirdParty', party: '某建设公司' }]]), 'consultation');
    assert.equal(third?.addressee, '某建设公司：');
    assert.equal(third?.toApplicant, false);
    assert.match(third?.paragraphs.join('') ?? '', /第三十二条.*15个工作日内/);
  });

  it('an answer of every category cites that category\'s articles and the remedies', () => {
    for (const cat of ANSWERABLE) {
      const before: [string, Record<string, unknown>][] = cat.row === 'unavailable.stillUnclear' ? [['requestCorrection', { on: '2025-03-05', items: '请写明年份', replyBy: '2025-03-20' }], ['receiveCorrection', { on: '2025-03-10' }]] : [];
      const n = notice(make([...before, ['answer', { on: '2025-03-20', category: cat.row, text: '具体答复内容。' }]]), 'answer');
      assert.ok(n, cat.row);
      const text = n.paragraphs.join('');
      assert.ok(text.includes(cat.articles.replace(/^条例/, '《中华人民共和国政府信息公开条例》')), `${cat.row}: ${cat.articles}`);
      assert.match(text, new RegExp(`${REVIEW_PERIOD.days}日内向中原县人民政府申请行政复议.*${LITIGATION_PERIOD.months}个月内`));
      assert.match(text, /具体答复内容。/);
    }
  });

  it('dates in Chinese numerals', () => {
    assert.equal(chineseDate('2025-11-03'), '二〇二五年十一月三日');
    assert.equal(chineseDate('2026-12-31'), '二〇二六年十二月三十一日');
    assert.equal(chineseDate('2025-10-20'), '二〇二五年十月二十日');
  });
});
