import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestMessage, emailAddress, mobileNumber, noticeText, retryDelayMinutes, RETRY_MINUTES } from './messages.ts';

test('mobile numbers: mainland 11 digits from 13-19, with +86/0086 and separators; landlines and others are not', () => {
  assert.equal(mobileNumber('13912345678'), '13912345678');
  assert.equal(mobileNumber('+86 139-1234-5678'), '13912345678');
  assert.equal(mobileNumber('0086 (139) 1234 5678'), '13912345678');
  for (const no of ['0371-65551234', '12912345678', '1391234567', '139123456789', '', null, undefined]) assert.equal(mobileNumber(no), null, String(no));
});

test('e-mail addresses: one @, a dot in the domain, nothing that could break a header or a command', () => {
  assert.equal(emailAddress(' liu@example.com '), 'liu@example.com');
  for (const no of ['liu@example', 'a b@example.com', 'a@b.cn\r\nRCPT TO:<x@y.cn>', '<a@b.cn>', 'a@@b.cn', '', null]) assert.equal(emailAddress(no), null, String(no));
});

test('retries back off, then stop', () => {
  assert.deepEqual(RETRY_MINUTES.map((_, i) => retryDelayMinutes(i + 1)), [1, 5, 15, 60, 240, 720]);
  assert.equal(retryDelayMinutes(RETRY_MINUTES.length + 1), null);
  assert.equal(retryDelayMinutes(0), null);
});

test('a notice as text; a digest is null when there is nothing to report, else one per organisation and day', () => {
  const text = noticeText({ kind: 'receipt', title: '政府信息公开申请登记回执', docNumber: '〔2025〕依申登第000001号', addressee: '刘桂英：', paragraphs: ['第一段。', '第二段。'], signature: '中原县人民政府', date: '二〇二五年十一月三日', toApplicant: true });
  assert.equal(text, '政府信息公开申请登记回执\n〔2025〕依申登第000001号\n\n刘桂英：\n\u3000\u3000第一段。\n\u3000\u3000第二段。\n\n中原县人民政府\n二〇二五年十一月三日\n');
  const org = { id: 'o1', name: '中原县人民政府办公室' };
  assert.equal(digestMessage(org, 'gk@example.org', '2025-11-20', [], [], 5), null);
  const d = digestMessage(org, 'gk@example.org', '2025-11-20', [{ number: '2025-000001', applicantName: '刘桂英', description: '低保名单', due: '2025-11-18' }], [], 5);
  assert.equal(d?.dedupeKey, 'digest:o1:2025-11-20');
  assert.equal(d?.subject, '依申请公开案件到期提醒：已超期1件，即将到期0件（2025-11-20）');
  assert.match(d?.body ?? '', /一、已超期（1 件）\n2025-000001\u3000刘桂英\u3000低保名单\u3000期限：2025-11-18\n\n二、5个工作日内到期（0 件）\n（无）/);
});
