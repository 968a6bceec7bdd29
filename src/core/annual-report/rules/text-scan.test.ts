import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canMakeRules } from './rule-making-power.ts';
import { findPeriods, findStatedCounts, parseNumeral, similarity } from './text-scan.ts';

describe('text scanning', () => {
  it('reads Arabic, full-width and Chinese numerals', () => {
    assert.equal(parseNumeral('12'), 12);
    assert.equal(parseNumeral('三十二'), 32);
    assert.equal(parseNumeral('一百零五'), 105);
    assert.equal(parseNumeral('十'), 10);
    assert.equal(parseNumeral('两万三千'), 23000);
    assert.equal(parseNumeral('若干'), null);
    assert.deepEqual(findStatedCounts('共收到政府信息公开申请１２件').map((s) => s.value), [12]);
  });
  it('does not read a number that belongs to another clause', () => {
    assert.deepEqual(findStatedCounts('收到申请后，我们在15个工作日内答复'), []);
  });
  it('finds stated statistics periods', () => {
    assert.deepEqual(findPeriods('本报告中所列数据的统计期限自2020年1月1日起至12月31日止。'), [
      { quote: '统计期限自2020年1月1日起至12月31日', from: '2020-01-01', to: '2020-12-31' },
    ]);
  });
  it('similarity: 1 for a copy with new numbers, low for a new text', () => {
    assert.equal(similarity('2019年共收到申请12件。', '2020年共收到申请30件。'), 1);
    assert.ok(similarity('加强平台建设', '完善考核机制，推进政务公开标准化') < 0.3);
  });
});

describe('rule-making power (立法法 Art. 91/93)', () => {
  it('knows who can make 规章', () => {
    assert.equal(canMakeRules('河南省人民政府'), true);
    assert.equal(canMakeRules('平顶山市人民政府'), true);
    assert.equal(canMakeRules('上海市人民政府'), true);
    assert.equal(canMakeRules('生态环境部'), true);
    assert.equal(canMakeRules('国家发展和改革委员会'), true);
    assert.equal(canMakeRules('郑州市金水区人民政府'), false);
    assert.equal(canMakeRules('宝丰县人民政府'), false);
    assert.equal(canMakeRules('石龙区龙河街道办事处'), false);
    assert.equal(canMakeRules('平顶山市教育局'), false);
    assert.equal(canMakeRules('平顶山高新技术产业开发区管理委员会'), false);
    assert.equal(canMakeRules(null), null);
  });
});
