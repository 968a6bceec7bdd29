/** Tokens, query terms, verification, sort keys and highlighting of the catalog search core. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlight, snippet } from './highlight.ts';
import { foldFields, keyRange, sortKey, tierOf } from './rank.ts';
import { containsTerm, fold, parseQuery, termTokens, tokenize } from './tokens.ts';

test('documents: Han bigrams plus the last character of a run, words folded', () => {
  assert.deepEqual(tokenize('最低生活，低保'), ['最低', '低生', '生活', '活', '低保', '保']);
  assert.deepEqual(tokenize('中政办〔２０２５〕12号'), ['中政', '政办', '办', '2025', '12', '号']);
  assert.deepEqual(tokenize('ＡＢＣ项目'), ['abc', '项目', '目']);
  assert.equal(fold('⼈民'), '人民'); // Kangxi radical folded, one for one
});

test('query terms: bigrams, a lone character as prefix, the run end required before a word', () => {
  assert.deepEqual(termTokens(fold('低保')), [{ token: '低保', prefix: false }]);
  assert.deepEqual(termTokens('县'), [{ token: '县', prefix: true }]);
  assert.deepEqual(termTokens(fold('办〔2025〕12号')), [{ token: '办', prefix: false }, { token: '2025', prefix: false }, { token: '12', prefix: false }, { token: '号', prefix: true }]);
  const q = parseQuery('  低保　“公示” ，');
  assert.ok(q.ok);
  assert.deepEqual(q.terms.map((t) => t.folded), ['低保', '公示']);
  assert.deepEqual(parseQuery('，。'), { ok: false, reason: 'empty' });
  assert.deepEqual(parseQuery('a b c d e f g h i'), { ok: false, reason: 'tooManyTerms' });
  const same = parseQuery('低保 低保 低保');
  assert.ok(same.ok && same.terms.length === 1);
});

test('verification: substring, but a leading word must begin a word; tiers by field', () => {
  assert.ok(containsTerm('中民〔2025〕3号', '2025'));
  assert.ok(!containsTerm('abc2025', '2025'));
  const q = parseQuery('低保 公示');
  assert.ok(q.ok);
  const f = (title: string, body: string, attachmentText = '') => foldFields({ title, docNumber: null, body, attachmentText });
  assert.equal(tierOf(q.terms, f('低保公示', '')), 3);
  assert.equal(tierOf(q.terms, f('低保', '现予公示')), 2);
  assert.equal(tierOf(q.terms, f('低保', '', '公示名单')), 1);
  assert.equal(tierOf(q.terms, f('低保', '')), 0);
});

test('sort key: newer first, undated last; a date range is a key range', () => {
  assert.ok(sortKey('2025-03-01', 'a') < sortKey('2025-02-28', 'a'));
  assert.ok(sortKey('1950-01-01', 'z') < sortKey(null, 'a'));
  const { lo, hi } = keyRange('2025-01-01', '2025-12-31');
  assert.ok(sortKey('2025-06-01', 'x') >= lo && sortKey('2025-06-01', 'x') < hi);
  assert.ok(sortKey('2024-12-31', 'x') >= hi && sortKey('2026-01-01', 'x') < lo);
  assert.ok(Number.isSafeInteger(sortKey(null, 'x')));
});

test('highlighting marks the source characters, escaped; snippets start near the first match', () => {
  const q = parseQuery('abc2025');
  assert.ok(q.ok);
  assert.equal(highlight('<ＡＢＣ２０２５>', q.terms), '&lt;<mark>ＡＢＣ２０２５</mark>&gt;');
  const d = parseQuery('低保');
  assert.ok(d.ok);
  const s = snippet(`${'前言'.repeat(100)}城乡低保标准${'后文'.repeat(100)}`, d.terms, 40);
  assert.match(s, /^…(前言)+城乡<mark>低保<\/mark>标准(后文)+…$/);
});
