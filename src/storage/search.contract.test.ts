/**
 * The search index on every engine (SQLite, and PostgreSQL — required in CI): two-character terms and long phrases
 * over titles, bodies and attachments, filters, highlights, ordering (score, then publishedOn newest first), paging,
 * drafts only for staff queries, upsert and removal; every answer checked against a brute-force reference over the
 * raw documents, and the same query set answered identically by SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mulberry32 } from '../core/annual-report/generate.ts';
import { generateDoc, type GeneratedDoc } from '../core/fulltext/generate.ts';
import { foldFields, sortKey, tierOf } from '../core/fulltext/rank.ts';
import { parseQuery } from '../core/fulltext/tokens.ts';
import { indexTokens } from '../core/fulltext/index-tokens.ts';
import type { OpenedDatabase } from './db.ts';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrateToLatest, MIGRATIONS } from './migrate.ts';
import { indexDocument, indexNewDocuments, removeDocument, searchDocuments, type SearchDoc, type SearchHit, type SearchQuery } from './search.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
/** Fresh databases for the migration test (the describes above clean theirs up). */
const migrationEngines = await enginesUnderTest();
/** Two fresh databases per engine for the bulk-indexing test: one indexed document by document, one in bulk. */
const bulkPairs = ((a, b) => a.map((engine, i) => ({ engine, other: b[i] as (typeof b)[number] })))(await enginesUnderTest(), await enginesUnderTest());
const ORGS = ['org-county', 'org-civil', 'org-town', 'org-west'];
const rng = mulberry32(20251205);
const generated: GeneratedDoc[] = Array.from({ length: 400 }, (_, i) => generateDoc(rng, i, { organizations: ORGS, fromYear: 2019, toYear: 2025, unpublished: 0.1 }));
const base = { organizationId: 'org-civil', attachmentText: '', docNumber: null, writtenOn: '2025-03-01', item: 'art20-1', validity: '有效', status: 'published', url: '/x' };
const handmade: SearchDoc[] = [
  { ...base, id: 'h-dibao', title: '关于调整城乡低保标准的通知', body: '自2025年1月1日起，城乡低保标准提高到每人每月650元。', docNumber: '中民〔2025〕3号', publishedOn: '2025-01-10' },
  { ...base, id: 'h-chaiqian', title: '房屋征收补偿方案', body: '拆迁安置房分配方案已经县政府常务会议研究通过，现予公示。公示期间如有异议，请与县住建局联系。', publishedOn: '2024-06-01' },
  { ...base, id: 'h-attach', title: '关于做好防汛工作的通知', body: '各乡镇要做好汛期值班。', attachmentText: '附件：低保对象名单（略）', publishedOn: '2025-02-01' },
  { ...base, id: 'h-draft', title: '低保资金管理办法（征求意见稿）', body: '草稿，未发布。', status: 'draft', publishedOn: null },
  { ...base, id: 'h-html', title: '<b>低保</b> & 公示 "quoted"', body: '正文 <script>alert(1)</script> 低保', publishedOn: '2023-05-05', organizationId: 'org-west' },
  { ...base, id: 'h-fullwidth', title: 'ＡＢＣ２０２５年度工作要点', body: '第一条 本要点适用于ABC项目。', publishedOn: '2025-05-05', validity: '失效' },
];
const DOCS: SearchDoc[] = [...handmade, ...generated];

/** The answer by brute force over the raw documents (the definition the index must give). */
function reference(q: SearchQuery): Array<{ id: string; score: number }> {
  const parsed = parseQuery(q.q);
  assert.ok(parsed.ok);
  const statuses = q.statuses ?? ['published'];
  return DOCS.filter((d) => statuses.includes(d.status))
    .filter((d) => !q.organizationIds || q.organizationIds.includes(d.organizationId))
    .filter((d) => !q.item || d.item === q.item)
    .filter((d) => !q.validity || d.validity === q.validity)
    .filter((d) => (!q.publishedFrom && !q.publishedTo) || (d.publishedOn !== null && (!q.publishedFrom || d.publishedOn >= q.publishedFrom) && (!q.publishedTo || d.publishedOn <= q.publishedTo)))
    .map((d) => ({ d, score: tierOf(parsed.terms, foldFields(d)) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || sortKey(a.d.publishedOn, a.d.id) - sortKey(b.d.publishedOn, b.d.id))
    .map((x) => ({ id: x.d.id, score: x.score }));
}

/** The shared query set: two-character terms, words, phrases, several terms, ASCII, 文号, filters, staff statuses. */
const QUERIES: SearchQuery[] = [
  { q: '低保' }, { q: '拆迁' }, { q: '公示' }, { q: '救助' }, { q: '最低生活保障' }, { q: '国有土地上房屋征收与补偿' },
  { q: '切实保障困难群众基本生活' }, { q: '低保 公示' }, { q: '拆迁 安置' }, { q: '〔2024〕' }, { q: '2025' }, { q: 'abc' },
  { q: '中民〔2025〕3号' }, { q: '县' }, { q: '标准' }, { q: '低保', statuses: ['draft', 'review', 'published'] },
  { q: '公示', organizationIds: ['org-town'] }, { q: '救助', publishedFrom: '2022-01-01', publishedTo: '2023-12-31' },
  { q: '办法', item: 'art20-3', validity: '有效' }, { q: '通知', statuses: ['draft', 'review'] }, { q: '应急预案', limit: 5 },
  { q: '附件' }, { q: '不存在的词语' },
];

/** Every page of a query (following the cursors). */
async function allPages(db: OpenedDatabase['db'], q: SearchQuery): Promise<SearchHit[]> {
  const out: SearchHit[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i += 1) {
    const page = await searchDocuments(db, { ...q, limit: q.limit ?? 7, cursor });
    assert.ok(page.ok, JSON.stringify(page));
    out.push(...page.hits);
    cursor = page.nextCursor;
    if (cursor === null) return out;
  }
  throw new Error('too many pages');
}

const answers = new Map<string, string[]>();

for (const engine of engines) {
  describe(`search index: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      await opened.db.transaction().execute(async (tx) => {
        for (const d of DOCS) await indexDocument(tx, d);
      });
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('every query of the shared set gives the reference answer, page after page', async () => {
      for (const q of QUERIES) {
        const hits = await allPages(opened.db, q);
        assert.deepEqual(hits.map((h) => ({ id: h.id, score: h.score })), reference(q), `query ${JSON.stringify(q)}`);
        answers.set(`${engine.name} ${JSON.stringify(q)}`, hits.map((h) => `${h.id}:${h.score}`));
      }
      // The set is not trivial: most queries find something, some find many.
      const sizes = QUERIES.map((q) => reference(q).length);
      assert.ok(sizes.filter((n) => n > 0).length >= QUERIES.length - 2 && Math.max(...sizes) > 50, String(sizes));
    });

    test('two-character terms in titles, bodies and attachments; title matches first', async () => {
      const hits = await allPages(opened.db, { q: '低保', limit: 50 });
      const ids = hits.map((h) => h.id);
      assert.ok(ids.includes('h-dibao') && ids.includes('h-attach') && ids.includes('h-html'));
      assert.ok(ids.indexOf('h-dibao') < ids.indexOf('h-attach'));
      assert.deepEqual(hits.map((h) => h.score), [...hits.map((h) => h.score)].sort((a, b) => b - a));
      const chai = await allPages(opened.db, { q: '拆迁' });
      assert.ok(chai.some((h) => h.id === 'h-chaiqian' && h.score === 2));
    });

    test('highlights are HTML-escaped with <mark> on the source characters', async () => {
      const page = await searchDocuments(opened.db, { q: '低保', organizationIds: ['org-west'] });
      assert.ok(page.ok);
      const hit = page.hits.find((h) => h.id === 'h-html');
      assert.ok(hit);
      assert.equal(hit.titleHtml, '&lt;b&gt;<mark>低保</mark>&lt;/b&gt; &amp; 公示 &quot;quoted&quot;');
      assert.match(hit.snippetHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>低保<\/mark>/);
      const fw = await searchDocuments(opened.db, { q: 'abc2025' });
      assert.ok(fw.ok);
      assert.equal(fw.hits[0]?.titleHtml, '<mark>ＡＢＣ２０２５</mark>年度工作要点');
      const att = await allPages(opened.db, { q: '低保', organizationIds: ['org-civil'] });
      assert.match(att.find((h) => h.id === 'h-attach')?.snippetHtml ?? '', /附件：<mark>低保<\/mark>对象名单/);
    });

    test('public queries see only published documents; staff statuses see drafts', async () => {
      const pub = await allPages(opened.db, { q: '低保' });
      assert.ok(pub.length > 0 && pub.every((h) => h.status === 'published'));
      assert.ok(!pub.some((h) => h.id === 'h-draft'));
      const staff = await allPages(opened.db, { q: '低保', statuses: ['draft', 'review', 'published'] });
      assert.ok(staff.some((h) => h.id === 'h-draft' && h.status === 'draft'));
    });

    test('bad queries are coded values', async () => {
      for (const q of [{ q: '  ' }, { q: '，。' }, { q: 'x'.repeat(201) }, { q: '低保', limit: 0 }, { q: '低保', cursor: 'zz' }, { q: '低保', publishedFrom: '2025-02-30' }]) {
        const r = await searchDocuments(opened.db, q);
        assert.equal(r.ok, false, JSON.stringify(q));
        if (!r.ok) assert.equal(r.problems[0]?.code, 'search.invalid');
      }
    });

    test('re-indexing replaces, removing deletes, inside a transaction that may roll back', async () => {
      await indexDocument(opened.db, { ...handmade[1]!, title: '征地补偿公告', body: '本次征地涉及青山乡两个村。' });
      let r = await searchDocuments(opened.db, { q: '拆迁', limit: 100 });
      assert.ok(r.ok && !r.hits.some((h) => h.id === 'h-chaiqian'));
      r = await searchDocuments(opened.db, { q: '征地补偿' });
      assert.ok(r.ok && r.hits[0]?.id === 'h-chaiqian');
      await assert.rejects(opened.db.transaction().execute(async (tx) => {
        await removeDocument(tx, 'h-chaiqian');
        throw new Error('rollback');
      }));
      r = await searchDocuments(opened.db, { q: '征地补偿' });
      assert.ok(r.ok && r.hits.length === 1);
      await removeDocument(opened.db, 'h-chaiqian');
      r = await searchDocuments(opened.db, { q: '征地补偿' });
      assert.ok(r.ok && r.hits.length === 0);
      await indexDocument(opened.db, handmade[1]!);
    });
  });
}

/** Two ids whose FNV-1a hashes are equal (found by search): on one day they want the same sort key. */
const COLLIDING = ['dup-88095', 'dup-1110210'] as const;

for (const { engine, other } of bulkPairs) {
  test(`bulk indexing (indexNewDocuments, any order, colliding keys) answers as indexing one by one: ${engine.name}`, async () => {
    const one = await engine.open();
    const bulk = await other.open();
    try {
      await migrateToLatest(one.db);
      await migrateToLatest(bulk.db);
      const twins = COLLIDING.map((id) => ({ ...base, id, title: `低保资金公示（${id}）`, body: '公示期为七天。', publishedOn: '2024-03-03' }));
      const docs = [...DOCS, ...twins];
      await one.db.transaction().execute(async (tx) => {
        for (const d of docs) await indexDocument(tx, d);
      });
      // Shuffled (a fixed permutation) and in two calls, the second with the tokens given. The twins keep their
      // relative order: of two ids wanting one key, the first indexed takes it (the order depends on the history).
      const shuffled = [...DOCS.map((d, i) => ({ d, r: (i * 7919) % 1009 })).sort((a, b) => a.r - b.r).map((x) => x.d), ...twins];
      const half = Math.floor(shuffled.length / 2);
      await bulk.db.transaction().execute(async (tx) => {
        await indexNewDocuments(tx, shuffled.slice(0, half));
        const rest = shuffled.slice(half);
        await indexNewDocuments(tx, rest, rest.map(indexTokens));
      });
      for (const q of [...QUERIES, { q: '低保资金公示' }]) {
        const a = await allPages(one.db, q);
        const b = await allPages(bulk.db, q);
        assert.deepEqual(b.map((h) => `${h.id}:${h.score}`), a.map((h) => `${h.id}:${h.score}`), JSON.stringify(q));
      }
      const twinsFound = await allPages(bulk.db, { q: '低保资金公示' });
      assert.deepEqual(twinsFound.map((h) => h.id).sort(), [...COLLIDING].sort());
    } finally {
      await one.close();
      await bulk.close();
      await engine.cleanup();
      await other.cleanup();
    }
  });
}

for (const engine of migrationEngines) {
  test(`migration 0021 re-tokenises documents indexed before it: ${engine.name}`, async () => {
    const opened = await engine.open();
    try {
      const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0021'));
      const db = opened.db as unknown as Kysely<any>;
      const old = await new Migrator({ db, provider: { getMigrations: async () => before }, allowUnorderedMigrations: true }).migrateToLatest();
      assert.equal(old.error, undefined);
      const doc = handmade[0] as SearchDoc;
      await db.insertInto('search_docs').values({ key: sortKey(doc.publishedOn, doc.id), id: doc.id, organization_id: doc.organizationId, title: doc.title, doc_number: doc.docNumber, body: doc.body, attachment_text: doc.attachmentText, written_on: doc.writtenOn, published_on: doc.publishedOn, item: doc.item, validity: doc.validity, status: doc.status, url: doc.url, ...(engine.name === 'postgres' ? { tsv: sql`''::tsvector` } : {}) }).execute();
      await migrateToLatest(opened.db);
      const r = await searchDocuments(opened.db, { q: '低保', organizationIds: [doc.organizationId], validity: doc.validity });
      assert.ok(r.ok);
      assert.deepEqual(r.hits.map((h) => [h.id, h.score]), [[doc.id, 3]]);
    } finally {
      await opened.close();
      await engine.cleanup();
    }
  });
}

test('SQLite and PostgreSQL give the same ordered answers to the shared query set', { skip: engines.length < 2 ? 'one engine' : false }, () => {
  for (const q of QUERIES) assert.deepEqual(answers.get(`sqlite ${JSON.stringify(q)}`), answers.get(`postgres ${JSON.stringify(q)}`), JSON.stringify(q));
});
