import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { parseSiteSettings } from './site.ts';

describe('site settings (the foot of every page)', () => {
  it('reads a complete set and an optional-free one', () => {
    const full = parseSiteSettings({ siteName: '中原县人民政府信息公开', sponsor: '中原县人民政府办公室', siteCode: '4101220001', icp: '豫ICP备12345678号', publicSecurity: '豫公网安备 41012202000123号', contact: '电话：0371-62345678' });
    assert.ok(full.ok && full.value.siteCode === '4101220001');
    const bare = parseSiteSettings({ siteName: '中原县人民政府信息公开', sponsor: '中原县人民政府办公室' });
    assert.ok(bare.ok && bare.value.icp === null);
  });

  it('locates every problem, Chinese first', () => {
    const bad = parseSiteSettings({ siteName: ' ', sponsor: '中原县人民政府办公室', siteCode: '41012', icp: '12345678' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => p.at).sort(), ['icp', 'siteCode', 'siteName']);
    assert.ok(bad.problems.every((p) => /[\u4e00-\u9fff]/.test(p.messageZh)));
  });
});

test('the 索引号 pattern: optional; {code}, {year} and {seq} required when given', () => {
  const base = { siteName: '中原县人民政府信息公开', sponsor: '中原县人民政府办公室' };
  const ok = parseSiteSettings({ ...base, indexPattern: 'ZY-{code}-{year}-{seq:4}' });
  assert.ok(ok.ok && ok.value.indexPattern === 'ZY-{code}-{year}-{seq:4}');
  const bad = parseSiteSettings({ ...base, indexPattern: '{year}-{seq}' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => p.at), ['indexPattern']);
  assert.match(bad.problems[0]?.messageZh ?? '', /\{code\}/);
});

