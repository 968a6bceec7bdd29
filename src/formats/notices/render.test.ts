import assert from 'node:assert/strict';
import { test } from 'node:test';
import mammoth from 'mammoth';
import type { Notice } from '../../core/application/notices.ts';
import { renderNoticeDocx, renderNoticeHtml } from './render.ts';

const NOTICE: Notice = {
  kind: 'receipt',
  title: '政府信息公开申请登记回执',
  docNumber: '〔2025〕依申登第000123号',
  addressee: '王秀英<script>alert(1)</script>：',
  paragraphs: ['你于2025年3月3日提出的申请已收到。', '本机关将于2025年3月31日前答复。'],
  signature: '中原县自然资源局',
  date: '二〇二五年三月三日',
  toApplicant: true,
};

test('HTML: title, number, addressee escaped, every paragraph, signature and date', () => {
  const html = renderNoticeHtml(NOTICE);
  assert.match(html, /<h1>政府信息公开申请登记回执<\/h1>/);
  assert.match(html, /〔2025〕依申登第000123号/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /王秀英&lt;script&gt;/);
  for (const p of NOTICE.paragraphs) assert.ok(html.includes(`<p>${p}</p>`));
  assert.match(html, /中原县自然资源局<br>二〇二五年三月三日/);
});

test('DOCX read back with mammoth: title, addressee, the due date, signature', async () => {
  const bytes = await renderNoticeDocx(NOTICE);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  const lines = value.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines[0], '政府信息公开申请登记回执');
  assert.equal(lines[1], '〔2025〕依申登第000123号');
  assert.ok(lines.includes('王秀英<script>alert(1)</script>：'));
  assert.ok(value.includes('2025年3月31日'));
  assert.deepEqual(lines.slice(-2), ['中原县自然资源局', '二〇二五年三月三日']);
});
