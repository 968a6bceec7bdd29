/**
 * The catalog on SQLite and PostgreSQL: a document goes draft → 保密审查 → 发布 with its 索引号 and Art. 26 delay, each
 * step in the audit hash chain and the search index in the same transaction; a stale version and an illegal step
 * write nothing; a new version marks the old one 已修改; two publications never share a 索引号.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { amendDocument, createDocument, endDocument, publishDocument, reviewDocument, submitDocument, type CatalogDeps } from '../app/catalog/documents.ts';
import type { SearchDoc } from '../app/catalog/ports.ts';
import { verifyChain } from '../core/people/audit.ts';
import { catalogDeps, peopleDeps } from './application-deps.ts';
import { kyselyCatalog } from './catalog.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { nodeCrypto } from './passwords.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-06-30';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };
const actor = { id: null, name: '编辑甲', ip: '127.0.0.1' };
const input = (extra: Record<string, unknown> = {}) => Object.assign(Object.create(null) as Record<string, unknown>, { title: '中原县人民政府关于印发某某管理办法的通知', publisher: '中原县人民政府', writtenOn: '2025-05-06', docNumber: '中政〔2025〕3号', kind: 'normative', item: '1', body: '<p>第一条 为了规范管理。</p><script>x()</script>', ...extra });

for (const engine of engines) {
  describe(`catalog: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: CatalogDeps;
    let org = '';
    const indexed: SearchDoc[] = [];

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      org = randomUUID();
      assert.ok((await kyselyOrganizations(opened.db).create({ id: org, parentId: null, name: '中原县人民政府', kind: 'government', code: '11411000MB1', createdAt: clock.now() })).ok);
      deps = { ...catalogDeps(opened.db, clock), catalog: kyselyCatalog(opened.db, () => ({ index: async (d) => void indexed.push(d), remove: async () => {} })) };
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('draft → review → publish: 索引号, sanitised body, delay, audit chain, search index', async () => {
      const created = await createDocument(deps, org, input(), actor);
      assert.ok(created.ok, JSON.stringify(!created.ok && created.problems));
      assert.equal(created.value.bodyHtml, '<p>第一条 为了规范管理。</p>');
      assert.equal(indexed.at(-1)?.body, '第一条 为了规范管理。');
      const id = created.value.id;
      assert.ok(!(await publishDocument(deps, id, {}, actor)).ok, 'not without review');
      assert.ok((await submitDocument(deps, id, actor)).ok);
      const reviewed = await reviewDocument(deps, id, { conclusion: 'publish', opinion: '经审查不涉及国家秘密' }, { ...actor, name: '审核人乙' });
      assert.ok(reviewed.ok && reviewed.value.review?.by === '审核人乙');
      const published = await publishDocument(deps, id, { publishedOn: '2025-06-20' }, actor);
      assert.ok(published.ok, JSON.stringify(!published.ok && published.problems));
      assert.equal(published.value.indexNo, '11411000MB1/2025-00001');
      assert.ok((published.value.publishWorkingDays ?? 0) > 20, '5-06 → 6-20 is more than 20 working days: late');
      const late = await deps.catalog.list({ organizationIds: [org], late: true, limit: 10, offset: 0 });
      assert.deepEqual(late.items.map((d) => d.id), [id]);
      assert.equal(indexed.at(-1)?.status, 'published');
      const audit = peopleDeps(opened.db, clock.now).audit;
      const entries = await audit.list({ organizationIds: [org] });
      assert.deepEqual(entries.map((e) => e.action), ['catalog.create', 'catalog.submit', 'catalog.review', 'catalog.publish']);
      const all = [];
      for await (const e of audit.all()) all.push(e);
      assert.equal(verifyChain(all, nodeCrypto.sha256).ok, true);
    });

    test('a stale version and an illegal step write nothing; bad input is located', async () => {
      const created = await createDocument(deps, org, input({ title: '草稿' }), actor);
      assert.ok(created.ok);
      const before = indexed.length;
      const stale = await submitDocument(deps, created.value.id, actor, created.value.version + 1);
      assert.ok(!stale.ok && stale.problems[0]?.code === 'catalog.conflict');
      const illegal = await endDocument(deps, created.value.id, 'repeal', { on: '2025-06-01', by: 'x' }, actor);
      assert.ok(!illegal.ok && illegal.problems[0]?.code === 'catalog.illegalTransition');
      assert.equal((await deps.catalog.get(created.value.id))?.version, 1);
      assert.equal(indexed.length, before);
      const bad = await createDocument(deps, org, input({ title: '', writtenOn: 'yesterday', nodeId: 'nope' }), actor);
      assert.ok(!bad.ok);
      assert.deepEqual(bad.problems.map((p) => p.at).sort(), ['title', 'writtenOn']);
    });

    const publishNew = async (extra: Record<string, unknown>, on: string) => {
      const c = await createDocument(deps, org, input(extra), actor);
      assert.ok(c.ok, JSON.stringify(!c.ok && c.problems));
      await submitDocument(deps, c.value.id, actor);
      await reviewDocument(deps, c.value.id, { conclusion: 'publish', opinion: '同意' }, actor);
      const p = await publishDocument(deps, c.value.id, { publishedOn: on }, actor);
      assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
      return p.value;
    };

    test('修改: the new version, once published, marks the old one 已修改 and links it; 废止 names the act', async () => {
      const old = await publishNew({ title: '旧办法' }, '2025-05-10');
      const draft = await amendDocument(deps, old.id, input({ title: '新办法', writtenOn: '2025-06-01' }), actor);
      assert.ok(draft.ok && draft.value.amends === old.id);
      assert.equal((await deps.catalog.get(old.id))?.validity, 'valid', 'still in force until the new one is published');
      await submitDocument(deps, draft.value.id, actor);
      await reviewDocument(deps, draft.value.id, { conclusion: 'publish', opinion: '同意' }, actor);
      assert.ok((await publishDocument(deps, draft.value.id, { publishedOn: '2025-06-05' }, actor)).ok);
      const marked = await deps.catalog.get(old.id);
      assert.equal(marked?.validity, 'amended');
      assert.equal(marked?.amendedBy, draft.value.id);
      const other = await publishNew({ title: '待废止' }, '2025-05-12');
      const repealed = await endDocument(deps, other.id, 'repeal', { on: '2025-06-10', by: '中政〔2025〕9号' }, actor);
      assert.ok(repealed.ok && repealed.value.repealedBy === '中政〔2025〕9号');
    });

    test('a 解读 published after its policy is flagged (同步发布)', async () => {
      const policy = await publishNew({ title: '政策' }, '2025-06-02');
      const sameDay = await publishNew({ title: '解读一', kind: 'interpretation', interprets: policy.id, mediaUrl: 'https://example.gov.cn/v.mp4' }, '2025-06-02');
      const later = await publishNew({ title: '解读二', kind: 'interpretation', interprets: policy.id }, '2025-06-09');
      assert.equal(sameDay.interpretationLate, false);
      assert.equal(later.interpretationLate, true);
      assert.deepEqual((await deps.catalog.interpretationsOf(policy.id)).map((d) => d.title), ['解读一', '解读二']);
    });

    test('the demo catalog: deterministic, some late, repealed and with 解读; table 二 filled from it', async () => {
      const { seedDemoCatalog } = await import('../app/catalog/demo.ts');
      const { fileCatalogSeed } = await import('./catalog-seed.ts');
      const { buildYearReport } = await import('../app/applications/year-report.ts');
      const { applicationDeps } = await import('./application-deps.ts');
      const demoOrg = randomUUID();
      assert.ok((await kyselyOrganizations(opened.db).create({ id: demoOrg, parentId: null, name: '演示县人民政府', kind: 'government', code: null, createdAt: clock.now() })).ok);
      const before = indexed.length;
      const summary = await seedDemoCatalog({ ...deps, seed: fileCatalogSeed }, [{ id: demoOrg, name: '演示县人民政府', code: 'DEMO' }], { today: TODAY, perYear: 200, seed: 7 });
      assert.ok(summary.documents > 250 && summary.decisions > 0);
      // Searchable: every demo document went to the search index with it (the public search found none before).
      const demoIndexed = indexed.slice(before).filter((d) => d.organizationId === demoOrg);
      assert.equal(demoIndexed.length, summary.documents);
      assert.ok(demoIndexed.every((d) => d.title !== '' && d.body !== ''));
      const page = (f: object) => deps.catalog.list({ organizationIds: [demoOrg], limit: 1, offset: 0, ...f });
      assert.ok((await page({ late: true })).total > 0);
      assert.ok((await page({ validity: 'repealed' })).total + (await page({ validity: 'expired' })).total > 0);
      assert.ok((await page({ kind: 'interpretation' })).total > 0);
      const report = await buildYearReport(applicationDeps(opened.db, clock), demoOrg, 2025);
      assert.ok(report.ok);
      const t = report.value.proactive as Record<string, Record<string, number>>;
      assert.ok((t.normativeDocuments?.issued ?? 0) > 0);
      assert.ok(Object.values(t).every((row) => Object.values(row).every((v) => typeof v === 'number')));
    });

    test('organisations without a code whose ids share their first characters still get distinct 索引号', async () => {
      const numbers: string[] = [];
      for (const id of ['dept-county-01', 'dept-county-02']) {
        assert.ok((await kyselyOrganizations(opened.db).create({ id, parentId: org, name: `无代码部门${id.slice(-2)}`, kind: 'department', code: null, createdAt: clock.now() })).ok);
        const c = await createDocument(deps, id, input({ title: `无代码部门的文件${id.slice(-2)}` }), actor);
        assert.ok(c.ok, JSON.stringify(!c.ok && c.problems));
        await submitDocument(deps, c.value.id, actor);
        await reviewDocument(deps, c.value.id, { conclusion: 'publish', opinion: '同意' }, actor);
        const p = await publishDocument(deps, c.value.id, { publishedOn: '2025-06-25' }, actor);
        assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
        numbers.push(p.value.indexNo ?? '');
      }
      assert.deepEqual(numbers, ['dept-county-01/2025-00001', 'dept-county-02/2025-00001']);
    });

    test('concurrent publications get distinct 索引号', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const c = await createDocument(deps, org, input({ title: `并发${i}` }), actor);
        assert.ok(c.ok);
        await submitDocument(deps, c.value.id, actor);
        await reviewDocument(deps, c.value.id, { conclusion: 'publish', opinion: '同意' }, actor);
        ids.push(c.value.id);
      }
      const results = await Promise.all(ids.map((id) => publishDocument(deps, id, { publishedOn: '2025-06-25' }, actor)));
      const numbers = results.map((r) => (r.ok ? r.value.indexNo : null));
      assert.ok(numbers.every((n) => n !== null));
      assert.equal(new Set(numbers).size, numbers.length);
    });
  });
}
