/**
 * Input is never trusted as structure (issue 14): every POST route of the app — found by walking the app's own route
 * table, so a route added later is covered without editing this test — is sent forms and JSON bodies naming
 * `__proto__`, `constructor` and `prototype`, anonymously and as a logged-in admin with a valid CSRF token. No answer
 * is a 500, a body naming them is refused with `input.forbiddenKey` where the route reads it, Object.prototype is
 * untouched, and later responses carry no planted header (the reproduced attack: `__proto__.set-cookie` on the portal
 * form made every later response plant a cookie, and logins answered 500).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselySite } from '../storage/site.ts';
import { buildApp } from './app.ts';
import { isForbiddenKey, parseJsonData, UntrustedInput } from './forms.ts';

const now = '2026-12-01T02:00:00.000Z';
const clock = { today: () => now.slice(0, 10), now: () => now };

/** Field names an attacker posts: each reaches Object.prototype through a naive nesting or merge. */
const HOSTILE_FIELDS = ['__proto__.set-cookie', '__proto__.refresh', 'constructor.prototype.polluted', '__proto__[polluted]', 'applicant.__proto__', 'prototype'];
const HOSTILE_JSON = [
  '{"__proto__":{"polluted":"yes","set-cookie":"gk_session=planted"}}',
  '{"applicant":{"constructor":{"prototype":{"polluted":"yes"}}}}',
  '{"name":"x","nested":[{"__proto__":{"polluted":"yes"}}]}',
];

const polluted = () => Object.keys(Object.prototype).concat(['polluted', 'set-cookie', 'refresh'].filter((k) => k in {}));

describe('hostile field names on every POST route', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let app: Hono;
  let cookie = '';
  let csrf = '';
  const ids: Record<string, string> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-hostile-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    const deps = portalDeps(opened.db, clock, randomUUID);
    const people = peopleDeps(opened.db, clock.now, randomUUID);
    const root = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '东山县人民政府', kind: 'government' });
    assert.ok(root.ok);
    ids.org = root.organization.id;
    const boss = await addUser(people, { username: 'boss', displayName: '王主任', password: 'pass-boss-2026', organizationId: ids.org, role: 'admin' }, { id: null, name: 'test' });
    assert.ok(boss.ok);
    app = buildApp({ applications: deps, people, site: kyselySite(opened.db), notifications: { outbox: kyselyOutbox(opened.db), channels: { email: false, sms: false } }, catalog: catalogRouteDeps(opened.db, clock, dir), logError: () => {} });
    await logIn();
  });
  /** Log in as the admin (again: the walk over every route also posts to /logout with a valid token). */
  const logIn = async () => {
    const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=boss&password=pass-boss-2026&next=%2Faccount' });
    assert.equal(r.status, 303, 'logs in');
    cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = /name="_csrf" value="([^"]+)"/.exec(await (await app.request('/account', { headers: { cookie } })).text())?.[1] ?? '';
    assert.ok(csrf);
  };
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the names are recognised, alone or inside a dotted or bracketed name; JSON bodies are refused with their path', () => {
    for (const f of HOSTILE_FIELDS) assert.ok(isForbiddenKey(f), f);
    for (const ok of ['applicant.name', 'proto', 'constructor_name', '_csrf', 'a[b]']) assert.ok(!isForbiddenKey(ok), ok);
    for (const text of HOSTILE_JSON) assert.throws(() => parseJsonData(text), (e: unknown) => e instanceof UntrustedInput && e.problems[0]?.code === 'input.forbiddenKey');
    const data = parseJsonData('{"a":{"b":[{"c":1}]}}') as { a: { b: { c: number }[] } };
    assert.equal(Object.getPrototypeOf(data), null);
    assert.equal(Object.getPrototypeOf(data.a), null);
    assert.equal(Object.getPrototypeOf(data.a.b[0]), null);
    assert.equal(data.a.b[0]?.c, 1);
  });

  test('every POST route: no 500, refused where read, prototype clean, later responses clean', async () => {
    const routes = [...new Set(app.routes.filter((r) => r.method === 'POST').map((r) => r.path))];
    assert.ok(routes.length >= 25, `the app has its POST routes (${routes.length})`);
    // The catalog's routes are walked too (the app is built with its deps).
    assert.ok(routes.some((r) => r.startsWith('/api/catalog/')), 'the catalog API is mounted');
    const path = (p: string) => p.replace(/:[A-Za-z]+(\{[^}]*\})?/g, (m) => (m.startsWith(':org') || m.startsWith(':id') ? ids.org ?? 'x' : 'x'));
    let refused = 0;
    for (const route of routes) {
      const url = path(route);
      for (const who of ['anonymous', 'admin'] as const) {
        const headers = (type: string): Record<string, string> => ({ 'content-type': type, ...(who === 'admin' ? { cookie, 'x-csrf-token': csrf } : {}) });
        for (const field of HOSTILE_FIELDS) {
          const body = new URLSearchParams({ _csrf: who === 'admin' ? csrf : '', [field]: 'gk_session=planted; Path=/' }).toString();
          const r = await app.request(url, { method: 'POST', headers: headers('application/x-www-form-urlencoded'), body });
          assert.notEqual(r.status, 500, `${who} POST ${url} form ${field}`);
          const text = await r.text();
          if (/input\.forbiddenKey|不允许的字段名/.test(text)) refused += 1;
          const multipart = new FormData();
          multipart.set('_csrf', who === 'admin' ? csrf : '');
          multipart.set(field, 'x');
          const m = await app.request(url, { method: 'POST', headers: who === 'admin' ? { cookie, 'x-csrf-token': csrf } : {}, body: multipart });
          assert.notEqual(m.status, 500, `${who} POST ${url} multipart ${field}`);
        }
        for (const json of HOSTILE_JSON) {
          const r = await app.request(url, { method: 'POST', headers: headers('application/json'), body: json });
          assert.notEqual(r.status, 500, `${who} POST ${url} json ${json}`);
          const text = await r.text();
          if (/input\.forbiddenKey/.test(text)) refused += 1;
        }
        assert.deepEqual(polluted(), [], `Object.prototype after ${who} POST ${url}`);
      }
    }
    assert.ok(refused > routes.length, `bodies were refused with input.forbiddenKey (${refused})`);
    const home = await app.request('/portal');
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('set-cookie'), null, 'no planted cookie on a later anonymous page');
    assert.equal(home.headers.get('refresh'), null, 'no planted refresh header');
    await logIn(); // logins still work
  });

  // Found by `npm run fuzz` (fixtures/fuzz/api): JSON sent as multipart/form-data without a boundary answered 500.
  test('a body that is not the form its content type says: no 500 on any POST route, 400 input.unreadable where read', async () => {
    const routes = [...new Set(app.routes.filter((r) => r.method === 'POST').map((r) => r.path))];
    let unreadable = 0;
    for (const route of routes) {
      const url = route.replace(/:[A-Za-z]+(\{[^}]*\})?/g, ids.org ?? 'x');
      for (const type of ['multipart/form-data', 'multipart/form-data; boundary=zz', 'application/x-www-form-urlencoded; charset=no-such']) {
        const r = await app.request(url, { method: 'POST', headers: { 'content-type': type, cookie, 'x-csrf-token': csrf }, body: '{"a":1}\r\n--zz' });
        assert.notEqual(r.status, 500, `${url} ${type}`);
        if (/input\.unreadable|无法解析/.test(await r.text())) unreadable += 1;
      }
    }
    assert.ok(unreadable > 0, 'refused as unreadable');
    const track = await app.request('/portal/track', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: '{"number":"1"}' });
    assert.equal(track.status, 400);
  });

  test('the portal form with __proto__.set-cookie answers 400 input.forbiddenKey and registers nothing', async () => {
    const before = await app.request('/api/applications?limit=100', { headers: { cookie } });
    const count = ((await before.json()) as { total: number }).total;
    const r = await app.request(`/portal/${ids.org}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'applicant.name=张三&__proto__.set-cookie=gk_session%3Dplanted' });
    assert.equal(r.status, 400);
    assert.match(await r.text(), /不允许的字段名/);
    const after = await app.request('/api/applications?limit=100', { headers: { cookie } });
    assert.equal(((await after.json()) as { total: number }).total, count);
  });

  test('login next: never off-site (tab, newline, backslash, scheme, //), never a 500; a local path is kept', async () => {
    const hostile = ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example', '/\r\nSet-Cookie: x=1', 'https://evil.example/', '/ /evil.example', 'javascript:alert(1)', '/\u2028/evil.example'];
    for (const next of hostile) {
      const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'boss', password: 'pass-boss-2026', next }).toString() });
      assert.equal(r.status, 303, JSON.stringify(next));
      const to = r.headers.get('location') ?? '';
      assert.equal(to, '/applications', `${JSON.stringify(next)} → ${to}`);
      const page = await app.request(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.status, 200, JSON.stringify(next));
      assert.doesNotMatch(await page.text(), /evil\.example/, `${JSON.stringify(next)} is not carried into the form`);
    }
    const kept = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'boss', password: 'pass-boss-2026', next: '/applications?state=open#top' }).toString() });
    assert.equal(kept.headers.get('location'), '/applications?state=open#top');
    await logIn();
  });

  test('security headers on every page, error pages included; personal pages are never cached', async () => {
    for (const [path, who] of [['/portal', 'anonymous'], ['/no-such-page', 'anonymous'], ['/login', 'anonymous'], ['/portal/track', 'anonymous'], ['/applications', 'admin'], ['/api/applications', 'admin'], ['/openapi.json', 'anonymous']] as const) {
      const r = await app.request(path, { headers: who === 'admin' ? { cookie } : {} });
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/, path);
      assert.doesNotMatch(r.headers.get('content-security-policy') ?? '', /script-src/, `${path}: no script is allowed at all`);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
      if (who === 'admin' || path === '/portal/track') assert.equal(r.headers.get('cache-control'), 'no-store', path);
      else assert.equal(r.headers.get('cache-control'), null, `${path}: public pages may be cached`);
    }
  });

  test('Origin: null (a sandboxed frame or data: page) is a cross-site post', async () => {
    const r = await app.request(`/portal/${ids.org}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' }, body: 'applicant.name=张三' });
    assert.equal(r.status, 403);
    assert.match(await r.text(), /拒绝来自其他网站的提交/);
  });

  test('drill-down limit: -1, 0, huge or text is a coded 400, never "everything"', async () => {
    for (const limit of ['-1', '0', '100000', '1001', 'abc', '1e3']) {
      const r = await app.request(`/api/organizations/${ids.org}/tables/2026/cells/applications/newReceived.total?limit=${limit}`, { headers: { cookie } });
      assert.equal(r.status, 400, limit);
      assert.equal(((await r.json()) as { error: string }).error, 'application.invalid');
    }
    const ok = await app.request(`/api/organizations/${ids.org}/tables/2026/cells/applications/newReceived.total?limit=5`, { headers: { cookie } });
    assert.equal(ok.status, 200, await ok.clone().text());
  });

  test('the narrative form posted with only its token changes nothing (it used to wipe every section); a section left out is kept', async () => {
    const post = (fields: Record<string, string>) => app.request(`/organizations/${ids.org}/tables/2026/sections`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
    assert.equal((await post({ overview: '本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》。', problems: '主动公开的及时性有待提高。' })).status, 303);
    assert.equal((await post({})).status, 400);
    assert.equal((await post({ problems: '' })).status, 303, 'one section cleared on purpose');
    const page = await (await app.request(`/organizations/${ids.org}/tables/2026`, { headers: { cookie } })).text();
    assert.match(page, /认真贯彻落实/, 'the overview was kept');
    assert.doesNotMatch(page, /及时性有待提高/, 'the section sent empty was cleared');
  });

  test('JSON: {"toString":1} or an object where text is expected is a coded 400, never a 500', async () => {
    for (const body of ['{"toString":1}', '{"applicant":{"toString":1},"organizationId":{"toString":1},"channel":{"toString":1},"receivedOn":{"valueOf":1}}', '{"channel":[1,2],"receivedOn":{}}']) {
      const r = await app.request('/api/applications', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body });
      assert.equal(r.status, 400, body);
      const e = (await r.json()) as { error: string };
      assert.equal(e.error, 'application.invalid', body);
    }
  });
});
