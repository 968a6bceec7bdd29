import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterToken, ftsSyntax, indexTokens, MAX_ORGANIZATION_TOKENS, tierMatch, tsquerySyntax } from './index-tokens.ts';
import { parseQuery, type QueryTerm } from './tokens.ts';

const doc = { id: 'd1', organizationId: 'org-civil', title: '关于调整低保标准的通知', body: '低保标准提高。', attachmentText: '附件：名单', docNumber: '中民〔2025〕3号', writtenOn: null, publishedOn: '2025-01-10', item: 'art20-1', validity: '有效', status: 'published', url: '/x' };
const terms = (q: string): readonly QueryTerm[] => {
  const p = parseQuery(q);
  assert.ok(p.ok);
  return p.terms;
};
const none = { statuses: 'all', organizationIds: null, item: null, validity: null } as const;

test('a document gives field-tagged text tokens and one token per filter value, each a single ASCII-tokenizer token', () => {
  const tokens = indexTokens(doc);
  assert.ok(tokens.includes('t低保') && tokens.includes('b低保') && tokens.includes('a名单') && tokens.includes('t2025'));
  assert.ok(!tokens.includes('a低保') && !tokens.includes('b名单'));
  for (const [k, v] of [['status', 'published'], ['organization', 'org-civil'], ['item', 'art20-1'], ['validity', '有效']] as const) assert.ok(tokens.includes(filterToken(k, v)));
  assert.equal(new Set(tokens).size, tokens.length);
  // No separator of FTS5's ascii tokenizer (ASCII other than letters and digits) inside a token.
  for (const t of tokens) assert.ok([...t].every((ch) => ch.charCodeAt(0) > 0x7f || /[a-z0-9]/.test(ch)), t);
  assert.match(filterToken('organization', 'org-x'), /^xo[0-9a-f]{8}$/);
  assert.notEqual(filterToken('organization', 'a'), filterToken('item', 'a'));
  assert.equal(indexTokens({ ...doc, item: null }).filter((t) => t.startsWith('xi')).length, 0);
  assert.ok(tokens.includes('xy2025') && tokens.includes('xm202501') && tokens.includes('xd20250110'));
  assert.equal(indexTokens({ ...doc, publishedOn: null }).filter((t) => t.startsWith('xd')).length, 0);
});

test('a tier asks for every term in one of its fields; both syntaxes render the same expression', () => {
  const e3 = tierMatch(terms('低保 公示'), 3, none);
  assert.equal(ftsSyntax(e3), '("t低保" AND "t公示")');
  assert.equal(tsquerySyntax(e3), "('t低保' & 't公示')");
  const e2 = tierMatch(terms('最低生活'), 2, none);
  assert.equal(ftsSyntax(e2), '(("t最低" AND "t低生" AND "t生活") OR ("b最低" AND "b低生" AND "b生活"))');
  assert.equal(tsquerySyntax(e2), "(('t最低' & 't低生' & 't生活') | ('b最低' & 'b低生' & 'b生活'))");
  const e1 = tierMatch(terms('县'), 1, none);
  assert.equal(ftsSyntax(e1), '("t县"* OR "b县"* OR "a县"*)');
  assert.equal(tsquerySyntax(e1), "('t县':* | 'b县':* | 'a县':*)");
});

test('filters become tokens; a long organisation list is left to the column', () => {
  const f = { statuses: ['draft', 'review'], organizationIds: ['o1', 'o2'], item: 'art20-3', validity: '废止' };
  const fts = ftsSyntax(tierMatch(terms('低保'), 3, f));
  assert.equal(fts, `("t低保" AND ("${filterToken('status', 'draft')}" OR "${filterToken('status', 'review')}") AND ("${filterToken('organization', 'o1')}" OR "${filterToken('organization', 'o2')}") AND "${filterToken('item', 'art20-3')}" AND "${filterToken('validity', '废止')}")`);
  // The values most documents hold are left to the columns: published (alone or in a list) and 有效.
  assert.equal(ftsSyntax(tierMatch(terms('低保'), 3, { ...f, statuses: ['draft', 'published'], validity: '有效' })), `("t低保" AND ("${filterToken('organization', 'o1')}" OR "${filterToken('organization', 'o2')}") AND "${filterToken('item', 'art20-3')}")`);
  assert.equal(tsquerySyntax(tierMatch(terms('低保'), 3, { ...none, statuses: ['published'] })), "'t低保'");
  const many = Array.from({ length: MAX_ORGANIZATION_TOKENS + 1 }, (_, i) => `o${i}`);
  assert.equal(ftsSyntax(tierMatch(terms('低保'), 3, { ...none, organizationIds: many })), '"t低保"');
});
