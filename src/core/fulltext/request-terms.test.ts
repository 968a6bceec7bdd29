/** requestTerms: stop words dropped, long Han runs cut into pieces, 文号 first, numbers and single characters not terms. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_REQUEST_TERMS, requestTerms } from './request-terms.ts';

test('content words of a description, long runs in pieces of four, stop words dropped', () => {
  assert.deepEqual(requestTerms('申请公开2024年城区房屋拆迁补偿标准的相关文件'), ['城区房屋', '拆迁补偿', '标准']);
  assert.deepEqual(requestTerms('请提供本县低保资金发放情况'), ['本县低保', '资金发放']);
  // A last piece of one character joins the one before (no one-character term).
  assert.deepEqual(requestTerms('城乡最低生活保障金'), ['城乡最低', '生活保障金']);
});

test('the 文号 first; letters kept, bare numbers and single characters dropped; distinct; bounded', () => {
  assert.deepEqual(requestTerms('关于PM2.5监测的数据', '中政办〔2025〕 12号'), ['中政办〔2025〕12号', 'pm2', '监测', '数据']);
  assert.deepEqual(requestTerms('2024年 的 县'), []);
  assert.deepEqual(requestTerms('拆迁 拆迁 拆迁'), ['拆迁']);
  assert.equal(requestTerms('甲乙 丙丁 戊己 庚辛 壬癸 子丑 寅卯 辰巳 午未 申酉').length, MAX_REQUEST_TERMS);
  assert.deepEqual(requestTerms(''), []);
});
