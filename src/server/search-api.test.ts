/**
 * GET /api/catalog/search through `app.request()`, on every engine: anonymous callers only ever see published
 * documents, whatever they ask; staff see drafts of their own subtree and nothing of another's; bad input is a coded
 * 400; the operation is public in /openapi.json. The index is seeded by calling indexDocument directly.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, login, type PeopleDeps } from '../app/people/index.ts';
import { peopleDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { indexDocument, searchDocuments, type SearchDoc } from '../storage/search.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';
import { OPENAPI } from './routes/applications/openapi.ts';

const engines = await enginesUnderTest();
const NOW = '2025-11-20T02:00:00.000Z';

for (const engine of engines) {
  describe(`catalog search API: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let people: PeopleDeps;
    let app: Hono;
    const ids: Record<string, string> = {};
    let cookie = '';
    const get = async (path: string, withSession = false) => {
      const r = await app.request(path, withSession ? { headers: { cookie } } : {});
      return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, any> };
    };

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      people = peopleDeps(opened.db, () => NOW, randomUUID);
      const org = async (name: string, kind: 'government' | 'department', parentId: string | null = null) => {
        const r = await createOrganization({ organizations: people.organizations, newId: randomUUID, now: () => NOW }, { name, kind, parentId });
        assert.ok(r.ok);
        return r.organization.id;
      };
      ids.county = await org('中原县人民政府', 'government');
      ids.civil = await org('中原县民政局', 'department', ids.county);
      ids.west = await org('西山县人民政府', 'government');
      const doc = (id: string, organizationId: string, status: string, title: string, publishedOn: string | null): SearchDoc => ({ id, organizationId, status, title, body: `${title}。公示期为七天。`, attachmentText: '', docNumber: null, writtenOn: '2025-01-01', publishedOn, item: null, validity: '有效', url: `/catalog/${id}` });
      for (const d of [
        doc('pub-civil', ids.civil!, 'published', '关于城乡低保标准的通知', '2025-03-01'),
        doc('draft-civil', ids.civil!, 'draft', '低保资金管理办法（征求意见稿）', null),
        doc('review-county', ids.county!, 'review', '低保审核确认办法', null),
        doc('pub-west', ids.west!, 'published', '西山县低保公示', '2025-02-01'),
        doc('draft-west', ids.west!, 'draft', '西山县低保草稿', null),
        doc('repealed-civil', ids.civil!, 'repealed', '关于废止低保旧办法的决定', '2020-01-01'),
      ]) await indexDocument(opened.db, d);
      app = buildApp({ people, search: { search: (q) => searchDocuments(opened.db, q) }, logError: () => {} });
      const u = await addUser(people, { username: 'civil', displayName: '民政局管理员', password: 'pass-civil-2025', organizationId: ids.civil!, role: 'handler' }, { id: null, name: 'test' });
      assert.ok(u.ok);
      // The session route belongs to the applications API (not mounted here): log in through the use case.
      const l = await login(people, { username: 'civil', password: 'pass-civil-2025', ip: null });
      assert.ok(l.ok);
      cookie = `gk_session=${l.value.token}`;
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('anonymous callers only ever see published documents, whatever they ask', async () => {
      for (const path of ['/api/catalog/search?q=低保', `/api/catalog/search?q=低保&org=${ids.civil}`, '/api/catalog/search?q=低保&view=public', '/api/catalog/search?q=公示期', '/api/catalog/search?q=低保&statuses=draft&status=draft']) {
        const r = await get(encodeURI(path));
        assert.equal(r.status, 200, path);
        assert.ok(r.body.items.length > 0, path);
        assert.ok(r.body.items.every((h: { status: string }) => h.status === 'published'), path);
      }
      const all = await get(encodeURI('/api/catalog/search?q=低保'));
      assert.deepEqual(all.body.items.map((h: { id: string }) => h.id), ['pub-civil', 'pub-west']);
      assert.equal(all.body.items[0].titleHtml, '关于城乡<mark>低保</mark>标准的通知');
      const west = await get(encodeURI(`/api/catalog/search?q=低保&org=${ids.west}`));
      assert.deepEqual(west.body.items.map((h: { id: string }) => h.id), ['pub-west']);
    });

    test('staff see drafts of their subtree, nothing of another organisation; view=public is the public answer', async () => {
      const r = await get(encodeURI('/api/catalog/search?q=低保'), true);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'private, no-store');
      assert.deepEqual(r.body.items.map((h: { id: string }) => h.id).sort(), ['draft-civil', 'pub-civil', 'repealed-civil']);
      assert.ok(r.body.items.some((h: { status: string }) => h.status === 'draft'));
      const outside = await get(encodeURI(`/api/catalog/search?q=低保&org=${ids.west}`), true);
      assert.equal(outside.status, 404);
      const above = await get(encodeURI(`/api/catalog/search?q=低保&org=${ids.county}`), true);
      assert.equal(above.status, 404);
      const pub = await get(encodeURI('/api/catalog/search?q=低保&view=public'), true);
      assert.deepEqual(pub.body.items.map((h: { id: string }) => h.id), ['pub-civil', 'pub-west']);
    });

    test('bad input is a coded 400; paging follows nextCursor', async () => {
      for (const path of ['/api/catalog/search', '/api/catalog/search?q=%20', '/api/catalog/search?q=x&limit=abc', '/api/catalog/search?q=x&from=2025-13-01', '/api/catalog/search?q=x&cursor=nope', '/api/catalog/search?q=x&view=all']) {
        const r = await get(path);
        assert.equal(r.status, 400, path);
        assert.equal(r.body.error, 'search.invalid', path);
        assert.ok(r.body.messageZh.length > 0);
      }
      const first = await get(encodeURI('/api/catalog/search?q=公示期&limit=1'));
      assert.equal(first.body.items.length, 1);
      assert.ok(first.body.nextCursor);
      const second = await get(encodeURI(`/api/catalog/search?q=公示期&limit=1&cursor=${first.body.nextCursor}`));
      assert.equal(second.body.items.length, 1);
      assert.notEqual(second.body.items[0].id, first.body.items[0].id);
      assert.equal(second.body.nextCursor, null);
    });

    test('/openapi.json documents the search as a public operation', async () => {
      const doc = OPENAPI as unknown as { paths: Record<string, any> };
      const op = doc.paths['/api/catalog/search']?.get;
      assert.ok(op);
      assert.deepEqual(op.security, []);
      assert.ok(op.parameters.some((p: { name: string; required?: boolean }) => p.name === 'q' && p.required));
    });
  });
}
