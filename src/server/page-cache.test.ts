/**
 * The page cache of the anonymous public pages (./page-cache.ts). On every engine, two app instances over one database
 * (as two server processes sharing PostgreSQL, or a CLI beside the server on SQLite): a page is rendered once and
 * served again, a publish on instance A shows on A at once and on B after B's version check is due, an old ETag gets
 * the new page, a signed-in reader never gets or leaves a cached page. Then the cache alone over a stub app: 304s,
 * cookies and statuses never stored, the language switch, LRU by bytes, the age limit, gzip, a version that cannot
 * be read. A fake clock: nothing here waits for time to pass.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { pageVersion } from '../storage/page-version.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';
import { etagMatches, isPublicPage, pageCache, PAGE_CACHE_DEFAULTS, type PageCache } from './page-cache.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };
const CHECK_MS = 250;

for (const engine of engines) {
  describe(`page cache, two instances over one database: ${engine.name}`, () => {
    let dbA: OpenedDatabase;
    let dbB: OpenedDatabase;
    let a: Hono;
    let b: Hono;
    const caches: { a?: PageCache; b?: PageCache } = {};
    const statsA = () => caches.a?.stats() ?? assert.fail('no cache');
    const statsB = () => caches.b?.stats() ?? assert.fail('no cache');
    // Each instance's own clock (ms): B's version check falls due only when its clock is moved.
    const time = { a: 0, b: 0 };
    let dataDir = '';
    let root = '';
    const sessions: Record<string, { cookie: string; csrf: string }> = {};
    const get = (app: Hono, path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
    const api = (path: string, who: string, body: unknown = {}) => {
      const s = sessions[who];
      assert.ok(s);
      return a.request(path, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: JSON.stringify(body) });
    };
    /** A document drafted, reviewed and published on instance A; its id. */
    const publish = async (title: string): Promise<string> => {
      const created = await api('/api/catalog/documents', 'handler', { organizationId: root, title, publisher: '中原县人民政府', writtenOn: '2025-11-10', kind: 'normative', item: '1', body: '<p>第一条</p>' });
      assert.equal(created.status, 201);
      const id = ((await created.json()) as { document: { id: string } }).document.id;
      assert.equal((await api(`/api/catalog/documents/${id}/steps/submit`, 'handler')).status, 200);
      assert.equal((await api(`/api/catalog/documents/${id}/steps/review`, 'approver', { conclusion: 'publish', opinion: '不涉密' })).status, 200);
      assert.equal((await api(`/api/catalog/documents/${id}/steps/publish`, 'approver', { publishedOn: TODAY })).status, 200);
      return id;
    };

    before(async () => {
      dbA = await engine.open();
      await migrateToLatest(dbA.db);
      dbB = await engine.connect();
      dataDir = mkdtempSync(join(tmpdir(), 'gongkai-page-cache-'));
      const deps = portalDeps(dbA.db, clock, randomUUID);
      const people = peopleDeps(dbA.db, clock.now, randomUUID);
      const r = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '中原县人民政府', kind: 'government', code: '11411000MB' });
      assert.ok(r.ok);
      root = r.organization.id;
      for (const [username, role] of [['handler', 'handler'], ['approver', 'approver']] as const) {
        assert.ok((await addUser(people, { username, displayName: `${username}用户`, password: `pass-${username}-2025`, organizationId: root, role }, { id: null, name: 'test' })).ok);
      }
      const instance = (db: OpenedDatabase, which: 'a' | 'b') =>
        buildApp({
          applications: portalDeps(db.db, clock, randomUUID),
          people: peopleDeps(db.db, clock.now, randomUUID),
          catalog: catalogRouteDeps(db.db, clock, dataDir),
          logError: (e) => console.error(e),
          pageCache: { version: pageVersion(db.db), checkMs: CHECK_MS, now: () => time[which], onCache: (cache) => (caches[which] = cache) },
        });
      a = instance(dbA, 'a');
      b = instance(dbB, 'b');
      for (const username of ['handler', 'approver']) {
        const s = await a.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `pass-${username}-2025` }) });
        assert.equal(s.status, 200);
        sessions[username] = { cookie: (s.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await s.json()) as { csrfToken: string }).csrfToken };
      }
    });
    after(async () => {
      await dbB?.close();
      await dbA?.close();
      await engine.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('rendered once, then served from memory; a publish on A shows on A at once and on B when its check is due', async () => {
      const first = await get(a, `/xxgk/${root}`);
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag') ?? '';
      assert.match(etag, /^"[\w-]{22}"$/);
      assert.equal(first.headers.get('cache-control'), 'public, no-cache');
      assert.match(first.headers.get('vary') ?? '', /Cookie/);
      assert.equal(first.headers.get('x-frame-options'), 'DENY', 'the security headers are on cached pages too');
      const body = await first.text();
      const before = statsA();
      const again = await get(a, `/xxgk/${root}`);
      assert.equal(await again.text(), body);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(statsA().hits, before.hits + 1, 'the second answer came from the cache');
      assert.equal(statsA().misses, before.misses);
      // B renders and keeps its own copy, and the feed and sitemap.
      for (const path of [`/xxgk/${root}`, `/xxgk/${root}/feed.atom`, '/sitemap.xml']) {
        await get(b, path);
        await get(b, path);
      }
      assert.ok(statsB().hits >= 3);

      const id = await publish('中原县人民政府关于缓存测试的通知');
      // A: its own write (a POST) makes it read the version before the next page.
      const afterA = await (await get(a, `/xxgk/${root}`)).text();
      assert.ok(afterA.includes(`/xxgk/documents/${id}`), 'A shows the new document at once');
      assert.ok(statsA().invalidations >= 1);
      // B: within its check interval it answers from memory; once due, the page it answers starts a read of the
      // version in the background, and the pages after that read are rendered again.
      const stale = await (await get(b, `/xxgk/${root}`)).text();
      assert.ok(!stale.includes(`/xxgk/documents/${id}`), 'B within its interval: the page it had');
      time.b += CHECK_MS;
      await get(b, `/xxgk/${root}`);
      await caches.b?.settled();
      const afterB = await (await get(b, `/xxgk/${root}`)).text();
      assert.ok(afterB.includes(`/xxgk/documents/${id}`), 'B shows it once its version check is due');
      assert.ok((await (await get(b, `/xxgk/${root}/feed.atom`)).text()).includes(`/xxgk/documents/${id}`), 'the feed too');
      assert.ok((await (await get(b, '/sitemap.xml')).text()).includes(`/xxgk/documents/${id}`), 'and the sitemap');
      assert.ok(statsB().invalidations >= 1);
      const detail = await get(b, `/xxgk/documents/${id}`);
      assert.equal(detail.status, 200);
      assert.ok((await detail.text()).includes('缓存测试'));
    });

    test('If-None-Match: the same page → 304 without a body; after a publish the old ETag gets the new page', async () => {
      const r = await get(a, '/xxgk');
      const etag = r.headers.get('etag') ?? '';
      assert.ok(etag !== '');
      const same = await get(a, '/xxgk', { 'if-none-match': etag });
      assert.equal(same.status, 304);
      assert.equal(await same.text(), '');
      assert.equal(same.headers.get('etag'), etag);
      assert.equal((await get(a, '/xxgk', { 'if-none-match': `W/${etag}, "other"` })).status, 304, 'weak comparison, lists');
      assert.equal((await get(a, '/xxgk', { 'if-none-match': '"something-else"' })).status, 200);
      await publish('中原县人民政府关于第二份缓存测试的通知');
      const changed = await get(a, '/xxgk', { 'if-none-match': etag });
      assert.equal(changed.status, 200, 'the count of documents moved: a new page');
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    test('a signed-in reader never gets a cached page and never leaves one (names and CSRF tokens stay out)', async () => {
      const anonymous = await (await get(a, `/portal/${root}`)).text();
      const s = sessions.handler;
      assert.ok(s);
      const kept = statsA().entries;
      const signedIn = await get(a, `/portal/${root}`, { cookie: s.cookie });
      assert.equal(signedIn.status, 200);
      const personal = await signedIn.text();
      assert.ok(personal.includes('handler用户') && personal.includes(s.csrf), 'the signed-in page names the user');
      assert.equal(signedIn.headers.get('etag'), null);
      assert.equal(signedIn.headers.get('cache-control'), 'no-store');
      assert.equal(statsA().entries, kept, 'nothing stored for a signed-in reader');
      const later = await (await get(a, `/portal/${root}`)).text();
      assert.equal(later, anonymous);
      assert.ok(!later.includes('handler用户') && !later.includes(s.csrf), 'the anonymous page holds no personal data');
      // An expired or forged session cookie is not anonymous enough either: rendered, not cached.
      const forged = await get(a, `/portal/${root}`, { cookie: 'gk_session=forged' });
      assert.equal(forged.headers.get('etag'), null);
      // The applicant's own case and the forms are never kept.
      for (const path of ['/portal/track', `/portal/${root}/apply`]) {
        assert.equal(isPublicPage(path), false, path);
        const r = await get(a, path);
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('etag'), null, path);
      }
    });
  });
}

describe('page cache over a stub app', () => {
  let version = 'v1';
  let failing = false;
  let t = 0;
  let rendered = 0;
  const build = (maxBytes = 1024 * 1024) => {
    const cache = pageCache({
      version: async () => {
        await new Promise((r) => setImmediate(r)); // a query takes a turn of the event loop at least
        if (failing) throw new Error('database down');
        return version;
      },
      sessionCookie: 'gk_session',
      variant: (c) => (c.req.header('cookie')?.includes('gk_lang=en') ? 'en' : 'zh'),
      maxBytes,
      checkMs: CHECK_MS,
      now: () => t,
    });
    const app = new Hono();
    app.use('*', cache.middleware);
    app.get('/portal', (c) => {
      rendered += 1;
      return c.html(`<p>${'门户'.repeat(200)} ${rendered} ${c.req.header('cookie')?.includes('gk_lang=en') ? 'en' : 'zh'}</p>`);
    });
    app.get('/portal/:org', (c) => {
      rendered += 1;
      const size = Number(c.req.query('size') ?? '100');
      if (c.req.param('org') === 'cookie') c.header('Set-Cookie', 'x=1');
      if (c.req.param('org') === 'missing') return c.html('<p>没有</p>', 404);
      return c.html(`<p>${'x'.repeat(size)}${rendered}</p>`);
    });
    app.post('/portal/:org/apply', (c) => c.text('ok'));
    return { app, cache };
  };

  test('keyed by URL and the language switch; kept until the version moves or the page is too old', async () => {
    const { app, cache } = build();
    const text = async (path: string, headers: Record<string, string> = {}) => (await app.request(path, { headers })).text();
    const zh = await text('/portal');
    assert.equal(await text('/portal'), zh);
    const en = await text('/portal', { cookie: 'gk_lang=en' });
    assert.notEqual(en, zh, 'the English switch is its own page');
    assert.notEqual(await text('/portal/a?size=10'), await text('/portal/a?size=11'), 'the query is part of the key');
    const n = rendered;
    version = 'v2';
    assert.equal(await text('/portal'), zh, 'within the check interval the page stands');
    t += CHECK_MS;
    assert.equal(await text('/portal'), zh, 'due: answered from memory while the version is read');
    await cache.settled();
    assert.notEqual(await text('/portal'), zh, 'the version moved: rendered again');
    assert.equal(rendered, n + 1);
    assert.equal(cache.stats().invalidations, 1);
    const now = await text('/portal');
    t += PAGE_CACHE_DEFAULTS.ttlMs;
    assert.notEqual(await text('/portal'), now, 'older than the age limit: rendered again');
  });

  test('a POST of this process has the version read before the next page', async () => {
    const { app } = build();
    const first = await (await app.request('/portal')).text();
    version = `${version}+`;
    assert.equal((await app.request('/portal/x/apply', { method: 'POST' })).status, 200);
    assert.notEqual(await (await app.request('/portal')).text(), first);
  });

  test('never stored: another status, a response setting a cookie, a request with the session cookie or Authorization', async () => {
    const { app, cache } = build();
    await app.request('/portal/missing');
    await app.request('/portal/cookie');
    await app.request('/portal/a', { headers: { cookie: 'gk_session=abc' } });
    await app.request('/portal/b', { headers: { authorization: 'Bearer x' } });
    assert.equal(cache.stats().entries, 0);
    const withCookie = await app.request('/portal/cookie');
    assert.equal(withCookie.headers.get('set-cookie'), 'x=1', 'the cookie reaches its reader');
    assert.equal(withCookie.headers.get('etag'), null);
  });

  test('memory bounded by bytes, least recently used first; a page too big is answered, not kept', async () => {
    const { app, cache } = build(8000);
    for (const p of ['a', 'b', 'c']) await app.request(`/portal/${p}?size=900`);
    await app.request('/portal/a?size=900'); // a is now the most recently used
    for (const p of ['d', 'e', 'f', 'g', 'h', 'i']) await app.request(`/portal/${p}?size=900`);
    await new Promise((r) => setTimeout(r, 50)); // gzip copies (they count too) arrive from zlib's pool
    assert.ok(cache.stats().bytes <= 8000, `${cache.stats().bytes} bytes kept`);
    const hits = cache.stats().hits;
    await app.request('/portal/a?size=900');
    assert.equal(cache.stats().hits, hits + 1, 'the recently used page stayed');
    await app.request('/portal/b?size=900');
    assert.equal(cache.stats().hits, hits + 1, 'the least recently used went first');
    const big = await app.request('/portal/z?size=5000');
    assert.equal(big.status, 200);
    assert.equal((await big.text()).length > 5000, true);
    assert.ok(cache.stats().bytes <= 8000);
  });

  test('gzip for readers that accept it, made once off the event loop; identity for the others', async () => {
    const { app } = build();
    const plain = await (await app.request('/portal/g?size=4000')).text();
    await new Promise((r) => setTimeout(r, 50));
    const zipped = await app.request('/portal/g?size=4000', { headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    assert.ok(bytes.byteLength < 1000, `${bytes.byteLength} bytes`);
    assert.equal(gunzipSync(bytes).toString('utf8'), plain);
    const refused = await app.request('/portal/g?size=4000', { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    assert.equal(refused.headers.get('content-encoding'), null);
    assert.equal(await refused.text(), plain);
  });

  test('a version that cannot be read: the cache stands aside, every page rendered', async () => {
    const { app } = build();
    failing = true;
    try {
      const n = rendered;
      await app.request('/portal');
      await app.request('/portal');
      assert.equal(rendered, n + 2);
    } finally {
      failing = false;
    }
  });

  test('If-None-Match forms', () => {
    assert.equal(etagMatches('"a"', '"a"'), true);
    assert.equal(etagMatches('W/"a"', '"a"'), true);
    assert.equal(etagMatches('"b", "a"', '"a"'), true);
    assert.equal(etagMatches('*', '"a"'), true);
    assert.equal(etagMatches('"b"', '"a"'), false);
    assert.equal(etagMatches(undefined, '"a"'), false);
  });
});
