/**
 * Accounts in the web app through `app.request()` on SQLite: 账户管理 for an admin (create with a one-time link,
 * disable → the user's sessions end and login is refused, enable, change role, unlock, reset link single-use and
 * expiring on a test clock), the rules (self-demotion, the last admin, outside the subtree → 404, a handler → 403,
 * CSRF), 我的账户 (the current password is required; other sessions end), and the audit entries (never a token).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, LOGIN_POLICY, type PeopleDeps } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';

let now = '2026-12-01T02:00:00.000Z';
const clock = { today: () => now.slice(0, 10), now: () => now };
const later = (hours: number) => {
  now = new Date(Date.parse(now) + hours * 3_600_000).toISOString();
};

describe('account pages', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let people: PeopleDeps;
  let app: Hono;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const csrf: Record<string, string> = {};
  const get = (path: string, who = 'boss') => app.request(path, { headers: { cookie: cookies[who] ?? '' } });
  const post = (path: string, fields: Record<string, string>, who = 'boss', withCsrf = true) =>
    app.request(path, { method: 'POST', headers: { cookie: cookies[who] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: csrf[who] ?? '' } : {}) }).toString() });
  const tryLogin = (username: string, password: string) =>
    app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password, next: '/account' }).toString() });
  const logIn = async (username: string, password = `pass-${username}-2026`, as = username) => {
    const r = await tryLogin(username, password);
    assert.equal(r.status, 303, `${username} logs in`);
    cookies[as] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf[as] = /name="_csrf" value="([^"]+)"/.exec(await (await get('/account', as)).text())?.[1] ?? '';
    assert.ok(csrf[as]);
  };
  const linkOf = (html: string) => /<code>https?:\/\/[^/]+(\/account\/reset\/[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1] ?? '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-accounts-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    const deps = portalDeps(opened.db, clock, randomUUID);
    people = peopleDeps(opened.db, clock.now, randomUUID);
    const orgDeps = { organizations: deps.organizations, newId: randomUUID, now: clock.now };
    const root = await createOrganization(orgDeps, { name: '东山县人民政府', kind: 'government' });
    assert.ok(root.ok);
    const office = await createOrganization(orgDeps, { name: '东山县人民政府办公室', kind: 'department', parentId: root.organization.id });
    assert.ok(office.ok, JSON.stringify(office));
    const west = await createOrganization(orgDeps, { name: '西山县人民政府', kind: 'government' });
    assert.ok(west.ok);
    ids.root = root.organization.id;
    ids.office = office.organization.id;
    ids.west = west.organization.id;
    app = buildApp({ applications: deps, people, logError: () => {} });
    for (const [username, role, org] of [['boss', 'admin', ids.root], ['clerk', 'handler', ids.office], ['westadmin', 'admin', ids.west]] as const) {
      const r = await addUser(people, { username, displayName: `${username}某`, password: `pass-${username}-2026`, organizationId: org, role }, { id: null, name: 'test' });
      assert.ok(r.ok);
      ids[username] = r.value.id;
      await logIn(username);
    }
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('navigation: 账户管理 for an admin only, 我的账户 for everyone; a handler gets 403 on /console/users; anonymous → login', async () => {
    const boss = await (await get('/account')).text();
    assert.match(boss, /href="\/console\/users"[^>]*>账户管理/);
    assert.match(boss, /href="\/account"[^>]*>我的账户/);
    assert.match(boss, /管理员/);
    const clerk = await get('/account', 'clerk');
    const clerkHtml = await clerk.text();
    assert.doesNotMatch(clerkHtml, /账户管理/);
    assert.match(clerkHtml, /办理人/);
    assert.match(clerkHtml, /东山县人民政府办公室/);
    assert.equal((await get('/console/users', 'clerk')).status, 403);
    assert.equal((await post('/console/users', { username: 'x.y.z', displayName: '某', organizationId: ids.office!, role: 'admin' }, 'clerk')).status, 403);
    const anon = await app.request('/console/users');
    assert.equal(anon.status, 303);
    assert.match(anon.headers.get('location') ?? '', /^\/login\?next=/);
  });

  test('the list shows the subtree only, with Chinese roles and status; outside the subtree → 404', async () => {
    const html = await (await get('/console/users')).text();
    assert.match(html, /boss/);
    assert.match(html, /clerk/);
    assert.doesNotMatch(html, /westadmin/);
    assert.match(html, /办理人/);
    assert.match(html, /正常/);
    assert.equal((await post(`/console/users/${ids.westadmin}/disable`, {})).status, 404);
    assert.equal((await post(`/console/users/${ids.westadmin}/reset-link`, {})).status, 404);
    assert.equal((await post('/console/users', { username: 'west.clerk', displayName: '某', organizationId: ids.west!, role: 'handler' })).status, 400);
    assert.equal(await people.users.byUsername('west.clerk'), null);
  });

  test('CSRF: a POST without the token is refused and changes nothing', async () => {
    assert.equal((await post(`/console/users/${ids.clerk}/disable`, {}, 'boss', false)).status, 403);
    assert.equal((await people.users.get(ids.clerk!))?.active, true);
    assert.equal((await post('/account/password', { current: 'pass-boss-2026', password: 'another-pass-2026' }, 'boss', false)).status, 403);
  });

  test('create: a one-time link shown once; the person sets a password with it; the link is then used up', async () => {
    const r = await post('/console/users', { username: 'wang.fang', displayName: '王芳', organizationId: ids.office!, role: 'approver' });
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.match(html, /已新建账户 wang\.fang/);
    const link = linkOf(html);
    assert.ok(link, 'the link is shown');
    assert.equal((await post('/console/users', { username: 'wang.fang', displayName: '王芳', organizationId: ids.office!, role: 'approver' })).status, 409);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const form = await app.request(link);
    assert.equal(form.status, 200);
    assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await form.text(), /wang\.fang/);
    const weak = await app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=123' });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), new RegExp(`至少 ${LOGIN_POLICY.minPasswordLength} 个字符`));
    const set = await app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=wang-fang-pass-1' });
    assert.equal(set.status, 303);
    assert.match(await (await app.request(set.headers.get('location') ?? '')).text(), /密码已设置/);
    assert.equal((await app.request(link)).status, 410, 'single use');
    assert.equal((await app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=another-pass-22' })).status, 410);
    assert.equal((await tryLogin('wang.fang', 'wang-fang-pass-1')).status, 303);
    const audit = JSON.stringify(await people.audit.list({}));
    assert.ok(!audit.includes(link.split('/').pop()!), 'the token is not in the audit log');
    assert.ok(!audit.includes('wang-fang-pass-1'));
  });

  test('disable: sessions end and login is refused; enable restores login; both audited', async () => {
    await logIn('clerk', 'pass-clerk-2026', 'clerk2');
    const r = await post(`/console/users/${ids.clerk}/disable`, {});
    assert.equal(r.status, 303);
    assert.match(await (await get('/console/users')).text(), /已停用/);
    const after1 = await get('/account', 'clerk');
    assert.equal(after1.status, 303, 'the session ended');
    assert.equal((await get('/account', 'clerk2')).status, 303);
    assert.equal((await tryLogin('clerk', 'pass-clerk-2026')).status, 401);
    assert.equal((await post(`/console/users/${ids.clerk}/enable`, {})).status, 303);
    await logIn('clerk');
    const actions = (await people.audit.list({})).map((e) => e.action);
    assert.ok(actions.includes('user.disable') && actions.includes('user.enable'));
    const page = await (await get('/console/audit')).text();
    assert.match(page, /停用账户/);
    assert.match(page, /启用账户/);
  });

  test('role: changed and audited; self-demotion and self-disable refused; the last admin of an organisation kept', async () => {
    assert.equal((await post(`/console/users/${ids.clerk}/role`, { role: 'approver' })).status, 303);
    assert.equal((await people.users.get(ids.clerk!))?.role, 'approver');
    assert.match(await (await get('/console/audit')).text(), /更改角色/);
    const self = await post(`/console/users/${ids.boss}/role`, { role: 'handler' });
    assert.equal(self.status, 403);
    assert.match(await self.text(), /不能停用自己的账户或更改自己的角色/);
    assert.equal((await post(`/console/users/${ids.boss}/disable`, {})).status, 403);
    assert.equal((await people.users.get(ids.boss!))?.role, 'admin');
    // An office admin, the only one of the office: the root admin cannot demote or disable them.
    const a = await addUser(people, { username: 'office.admin', displayName: '办公室管理员', password: 'pass-office-2026', organizationId: ids.office!, role: 'admin' }, { id: null, name: 'test' });
    assert.ok(a.ok);
    const last = await post(`/console/users/${a.value.id}/role`, { role: 'handler' });
    assert.equal(last.status, 409);
    assert.match(await last.text(), /唯一在用的管理员/);
    assert.equal((await post(`/console/users/${a.value.id}/disable`, {})).status, 409);
    assert.equal((await post(`/console/users/${ids.clerk}/role`, { role: 'admin' })).status, 303);
    assert.equal((await post(`/console/users/${a.value.id}/role`, { role: 'handler' })).status, 303, 'another admin remains');
    assert.equal((await post(`/console/users/${ids.clerk}/role`, { role: 'handler' })).status, 409, 'now clerk is the last one');
    assert.equal((await post(`/console/users/${ids.clerk}/role`, { role: 'boss' })).status, 400);
  });

  test('unlock: a locked account shows its lock end in Beijing time; unlocking lets it log in at once', async () => {
    for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) await tryLogin('clerk', 'wrong-password-x');
    assert.equal((await tryLogin('clerk', 'pass-clerk-2026')).status, 429);
    const html = await (await get('/console/users')).text();
    const lockEnd = new Date(Date.parse(now) + LOGIN_POLICY.lockMinutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    assert.match(html, new RegExp(`已锁定（至 ${lockEnd}）`));
    assert.equal((await post(`/console/users/${ids.clerk}/unlock`, {})).status, 303);
    assert.equal((await tryLogin('clerk', 'pass-clerk-2026')).status, 303);
    assert.match(await (await get('/console/audit')).text(), /解除登录锁定/);
  });

  test('reset link: expires after 24 hours; a new link voids the old; using one ends every session', async () => {
    const first = linkOf(await (await post(`/console/users/${ids.clerk}/reset-link`, {})).text());
    const second = linkOf(await (await post(`/console/users/${ids.clerk}/reset-link`, {})).text());
    assert.ok(first && second && first !== second);
    assert.equal((await app.request(first)).status, 410, 'the older link is void');
    later(25);
    assert.equal((await app.request(second)).status, 410, 'expired');
    await logIn('boss'); // sessions last 8 hours
    const third = linkOf(await (await post(`/console/users/${ids.clerk}/reset-link`, {})).text());
    later(23);
    assert.equal((await app.request(third)).status, 200, 'still valid after 23 hours');
    await logIn('boss');
    await logIn('clerk', 'pass-clerk-2026', 'clerk3');
    const set = await app.request(third, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=clerk-new-pass-9' });
    assert.equal(set.status, 303);
    assert.equal((await get('/account', 'clerk3')).status, 303, 'the sessions ended');
    assert.equal((await tryLogin('clerk', 'pass-clerk-2026')).status, 401);
    assert.equal((await tryLogin('clerk', 'clerk-new-pass-9')).status, 303);
    const page = await (await get('/console/audit')).text();
    assert.match(page, /生成重设密码链接/);
    assert.match(page, /经链接重设密码/);
  });

  test('我的账户: changing the password needs the current one; other sessions end, this one stays', async () => {
    await logIn('boss', 'pass-boss-2026', 'boss2');
    const wrong = await post('/account/password', { current: 'not-my-password', password: 'boss-new-pass-7' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /当前密码不正确/);
    const weak = await post('/account/password', { current: 'pass-boss-2026', password: '1111111111' });
    assert.equal(weak.status, 400);
    const ok = await post('/account/password', { current: 'pass-boss-2026', password: 'boss-new-pass-7' });
    assert.equal(ok.status, 303);
    assert.equal((await get('/account')).status, 200, 'this session stays');
    assert.equal((await get('/account', 'boss2')).status, 303, 'the other ended');
    assert.equal((await tryLogin('boss', 'boss-new-pass-7')).status, 303);
    assert.match(await (await get('/console/audit')).text(), /修改本人密码/);
  });
});
