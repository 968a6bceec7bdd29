/**
 * The catalog through HTTP on every engine: the workflow by role (a handler drafts, an approver reviews and
 * publishes), scoping (404 outside the subtree, drafts invisible to anonymous callers), coded errors, attachments
 * (type sniffed, download only once published), the public pages, feed and sitemap, decisions imported from CSV with
 * every bad row coded, and table 二 of the year report counted from all of it with its drill-down.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };
const doc = (organizationId: string, extra: Record<string, unknown> = {}) => ({ organizationId, title: '中原县人民政府关于印发《中原县城市供水管理办法》的通知', publisher: '中原县人民政府', writtenOn: '2025-10-09', docNumber: '中政〔2025〕12号', kind: 'normative', item: '1', body: '<p>第一条 为加强城市供水管理。</p>', ...extra });

for (const engine of engines) {
  describe(`catalog HTTP: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let app: Hono;
    let dataDir = '';
    let root = '';
    let west = '';
    const sessions: Record<string, { cookie: string; csrf: string }> = {};
    const call = (path: string, init: { method?: string; body?: unknown; who?: string | null; raw?: Uint8Array | string; type?: string } = {}) => {
      const s = init.who === null || init.who === undefined ? undefined : sessions[init.who];
      const headers: Record<string, string> = { 'content-type': init.type ?? 'application/json' };
      if (s) Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
      const body: BodyInit | undefined = init.raw instanceof Uint8Array ? new Blob([init.raw as Uint8Array<ArrayBuffer>]) : (init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)));
      return app.request(path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
    };
    const json = async (r: Response) => (await r.json()) as Record<string, any>;

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      dataDir = mkdtempSync(join(tmpdir(), 'gongkai-catalog-'));
      const deps = portalDeps(opened.db, clock, randomUUID);
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      const orgDeps = { organizations: deps.organizations, newId: randomUUID, now: clock.now };
      const r = await createOrganization(orgDeps, { name: '中原县人民政府', kind: 'government', code: '11411000MB' });
      const w = await createOrganization(orgDeps, { name: '西山县人民政府', kind: 'government' });
      assert.ok(r.ok && w.ok);
      root = r.organization.id;
      west = w.organization.id;
      app = buildApp({ applications: deps, people, catalog: catalogRouteDeps(opened.db, clock, dataDir), logError: (e) => console.error(e) });
      for (const [username, role, org] of [['handler', 'handler', root], ['approver', 'approver', root], ['west', 'admin', west]] as const) {
        assert.ok((await addUser(people, { username, displayName: `${username}用户`, password: `pass-${username}-2025`, organizationId: org, role }, { id: null, name: 'test' })).ok);
        const s = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `pass-${username}-2025` }) });
        sessions[username] = { cookie: (s.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: (await json(s)).csrfToken };
      }
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('workflow by role and scope; public pages, feed and sitemap show only what is published', async () => {
      const bad = await call('/api/catalog/documents', { body: doc(root, { title: '', item: '99' }), who: 'handler' });
      assert.equal(bad.status, 400);
      assert.deepEqual((await json(bad)).data.problems.map((p: { at: string }) => p.at).sort(), ['item', 'title']);
      const created = await call('/api/catalog/documents', { body: doc(root), who: 'handler' });
      assert.equal(created.status, 201);
      const id = (await json(created)).document.id as string;
      assert.equal((await call(`/api/catalog/documents/${id}`)).status, 404, 'a draft is not public');
      assert.equal((await call(`/api/catalog/documents/${id}`, { who: 'west' })).status, 404, 'nor seen outside the subtree');
      assert.equal((await call(`/api/catalog/documents/${id}/steps/submit`, { body: {}, who: 'west' })).status, 404);
      assert.equal((await call(`/api/catalog/documents/${id}/steps/submit`, { body: {}, who: 'handler' })).status, 200);
      assert.equal((await call(`/api/catalog/documents/${id}/steps/review`, { body: { conclusion: 'publish', opinion: '不涉密' }, who: 'handler' })).status, 403, 'a handler does not review');
      assert.equal((await call(`/api/catalog/documents/${id}/steps/publish`, { body: {}, who: 'approver' })).status, 409, 'not before review');
      assert.equal((await call(`/api/catalog/documents/${id}/steps/review`, { body: { conclusion: 'publish', opinion: '不涉密' }, who: 'approver' })).status, 200);
      const pdf = new TextEncoder().encode('%PDF-1.4\n% not really a pdf\n');
      assert.equal((await call(`/api/catalog/documents/${id}/attachments?name=x.exe`, { raw: new Uint8Array([0x4d, 0x5a, 1, 2]), type: 'application/octet-stream', who: 'handler' })).status, 415);
      const att = await call(`/api/catalog/documents/${id}/attachments?name=${encodeURIComponent('附件1.pdf')}`, { raw: pdf, type: 'application/pdf', who: 'handler' });
      assert.equal(att.status, 201);
      const attId = (await json(att)).attachment.id as string;
      assert.equal((await call(`/xxgk/files/${attId}`)).status, 404, 'no download before publication');
      const pub = await call(`/api/catalog/documents/${id}/steps/publish`, { body: { publishedOn: '2025-11-18' }, who: 'approver' });
      assert.equal(pub.status, 200);
      const published = (await json(pub)).document;
      assert.equal(published.indexNo, '11411000MB/2025-00001');
      assert.equal(published.late, true, '10-09 → 11-18 is more than 20 working days (国庆 included)');
      const anon = await json(await call(`/api/catalog/documents/${id}`));
      assert.equal(anon.document.review, undefined, 'the review record is for staff');
      assert.equal(anon.document.attachments.length, 1);
      const file = await call(`/xxgk/files/${attId}`);
      assert.equal(file.status, 200);
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), pdf);
      const detail = await (await call(`/xxgk/documents/${id}`)).text();
      for (const s of ['11411000MB/2025-00001', '中政〔2025〕12号', '2025-10-09', '有效', '附件1.pdf', '第一条 为加强城市供水管理。']) assert.ok(detail.includes(s), s);
      const list = await (await call(`/xxgk/${root}?kind=normative`)).text();
      assert.ok(list.includes(`/xxgk/documents/${id}`));
      assert.ok(list.includes('基层政务公开标准目录'), 'the tree is seeded');
      assert.ok(!(await (await call(`/xxgk/${root}?validity=repealed`)).text()).includes(`/xxgk/documents/${id}`), 'filters apply');
      assert.equal((await call(`/xxgk/${root}?year=20x5`)).status, 400);
      const feed = await call(`/xxgk/${root}/feed.atom`);
      assert.match(feed.headers.get('content-type') ?? '', /atom\+xml/);
      assert.ok((await feed.text()).includes(`/xxgk/documents/${id}`));
      assert.ok((await (await call('/sitemap.xml')).text()).includes(`/xxgk/documents/${id}`));
      const spec = await json(await call('/openapi.json'));
      assert.deepEqual(spec.paths['/api/catalog/documents'].get.security, [], 'reading the catalog is public');
      assert.equal(spec.paths['/api/catalog/documents'].post.security, undefined, 'writing needs the session');
      const repealed = await call(`/api/catalog/documents/${id}/steps/repeal`, { body: { on: '2025-11-19', by: '中政〔2025〕20号' }, who: 'approver' });
      assert.equal(repealed.status, 200);
      assert.ok((await (await call(`/xxgk/documents/${id}`)).text()).includes('废止依据：中政〔2025〕20号'));
    });

    test('decisions from CSV: every bad row coded and nothing taken; then table 二 counts them and drills down', async () => {
      const badCsv = '类别,事项名称,决定日期,金额（元）\n行政许可,食品经营许可,2025-02-30,\n行政罚款,x,2025-01-01,\n';
      const bad = await call(`/api/catalog/organizations/${root}/decisions?source=test.csv`, { raw: badCsv, type: 'text/csv', who: 'handler' });
      assert.equal(bad.status, 422);
      assert.deepEqual((await json(bad)).data.problems.map((p: { at: string }) => p.at), ['line 2', 'line 3']);
      assert.equal((await call(`/api/catalog/organizations/${west}/decisions`, { raw: badCsv, type: 'text/csv', who: 'handler' })).status, 404);
      const csv = '类别,事项名称,决定日期,金额（元）\n行政许可,食品经营许可,2025-02-03,\n行政许可,食品经营许可,2025-03-03,\n行政处罚,无证经营,2025-04-01,5000\n行政事业性收费,不动产登记费,2025-05-01,"12,345.00"\n';
      const ok = await call(`/api/catalog/organizations/${root}/decisions?source=test.csv`, { raw: csv, type: 'text/csv', who: 'handler' });
      assert.equal(ok.status, 201);
      const tables = await json(await call(`/api/organizations/${root}/tables/2025`, { who: 'approver' }));
      const proactive = tables.report.proactive;
      assert.deepEqual(proactive.normativeDocuments, { issued: 1, repealed: 1, inForce: 0 });
      assert.equal(proactive.licensing.decisions, 2);
      assert.equal(proactive.penalty.decisions, 1);
      assert.equal(proactive.fees.amount, 1.2345);
      for (const row of Object.values(proactive) as Record<string, unknown>[]) for (const v of Object.values(row)) assert.notEqual(v, null, 'no blank cell');
      const drill = await json(await call(`/api/organizations/${root}/tables/2025/cells/proactive/licensing.decisions`, { who: 'approver' }));
      assert.equal(drill.total, 2);
      assert.equal(drill.next, null);
      // Keyset pages of one: the two decisions once each, in date order, then no next; a cursor of another cell is refused.
      const first = await json(await call(`/api/organizations/${root}/tables/2025/cells/proactive/licensing.decisions?limit=1`, { who: 'approver' }));
      assert.equal(first.decisions.length, 1);
      assert.equal(typeof first.next, 'string');
      const second = await json(await call(`/api/organizations/${root}/tables/2025/cells/proactive/licensing.decisions?limit=1&cursor=${first.next}`, { who: 'approver' }));
      assert.deepEqual([...first.decisions, ...second.decisions].map((d: { decidedOn: string }) => d.decidedOn), ['2025-02-03', '2025-03-03']);
      assert.equal(second.total, 2);
      assert.equal(second.next, null);
      const wrong = await call(`/api/organizations/${root}/tables/2025/cells/proactive/penalty.decisions?limit=1&cursor=${first.next}`, { who: 'approver' });
      assert.equal(wrong.status, 400);
      assert.equal((await json(wrong)).error, 'page.cursor');
      const docs = await json(await call(`/api/organizations/${root}/tables/2025/cells/proactive/normativeDocuments.issued`, { who: 'approver' }));
      assert.equal(docs.documents.length, 1);
    });
  });
}
