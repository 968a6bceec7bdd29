/**
 * A production installation's first run, on SQLite and PostgreSQL: every page says set-up is pending until the
 * one-time /setup link is used; bad input keeps the form with located problems; set-up creates the top organisation,
 * its admin and the site's identity, which then heads and foots every page; /setup closes for good; an admin of the
 * top organisation edits the site settings, others may not.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { addUser } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselySite } from '../storage/site.ts';
import { siteLogoFiles } from '../storage/site-logo.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const clock = { today: () => '2026-12-05', now: () => '2026-12-05T02:00:00.000Z' };
const TOKEN = 'one-time-setup-token-123456';

const SETUP = {
  token: TOKEN,
  organization: '中原县人民政府',
  kind: 'government',
  username: 'zhang.jg',
  displayName: '张建国',
  password: 'Zhongyuan-2026-open',
  siteName: '中原县人民政府信息公开',
  sponsor: '中原县人民政府办公室',
  siteCode: '4101220001',
  icp: '豫ICP备12345678号',
  contact: '电话：0371-62345678',
};

for (const engine of engines) {
  describe(`first-run set-up: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let app: Hono;
    let logoDir = '';
    const post = (path: string, fields: Record<string, string>, cookie?: string) =>
      app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(fields).toString() });

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      logoDir = mkdtempSync(join(tmpdir(), 'gongkai-logo-'));
      app = buildApp({ applications: portalDeps(opened.db, clock, randomUUID), people, site: kyselySite(opened.db), logo: siteLogoFiles(logoDir), setupToken: TOKEN, logError: () => {} });
    });
    after(async () => {
      rmSync(logoDir, { recursive: true, force: true });
      await opened?.close();
      await engine.cleanup();
    });

    test('pending: every page says so (503); /setup needs the token', async () => {
      const home = await app.request('/');
      assert.equal(home.status, 503);
      assert.match(await home.text(), /尚未完成首次设置/);
      assert.equal((await app.request('/portal')).status, 503);
      assert.equal((await app.request('/setup?token=wrong')).status, 403);
      assert.equal((await post('/setup', { ...SETUP, token: 'wrong' })).status, 403);
      const form = await app.request(`/setup?token=${TOKEN}`);
      assert.equal(form.status, 200);
      assert.match(await form.text(), /首次设置[\s\S]*管理员用户名[\s\S]*网站标识码/);
    });

    test('bad input keeps the form with located problems; nothing is created', async () => {
      const bad = await post('/setup', { ...SETUP, password: 'short', siteCode: '123' });
      assert.equal(bad.status, 400);
      const html = await bad.text();
      assert.match(html, /value="中原县人民政府信息公开"/);
      assert.match(html, /id="s-siteCode"[^>]*aria-invalid="true"/);
      assert.match(html, /网站标识码应为10位数字或字母/);
      assert.doesNotMatch(html, /Zhongyuan-2026-open|value="short"/, 'a password is never echoed');
      assert.equal((await app.request('/')).status, 503, 'still pending');
    });

    test('set-up creates the organisation, the admin and the site identity; the site frames every page; /setup closes', async () => {
      const done = await post('/setup', SETUP);
      assert.equal(done.status, 303);
      assert.match(done.headers.get('location') ?? '', /^\/login/);
      const home = await app.request('/');
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /<a class="brand" href="\/">中原县人民政府信息公开<\/a>/);
      assert.match(html, /<footer class="site-footer">[\s\S]*主办单位：中原县人民政府办公室[\s\S]*网站标识码：4101220001[\s\S]*豫ICP备12345678号/);
      assert.doesNotMatch(html, /演示/, 'no demo data in a production installation');
      assert.equal((await app.request(`/setup?token=${TOKEN}`)).status, 303, 'closed once an account exists');
      assert.equal((await post('/setup', { ...SETUP, username: 'intruder' })).status, 409);
      const login = await post('/login', { username: 'zhang.jg', password: SETUP.password });
      assert.equal(login.status, 303);
    });

    test('an admin of the top organisation edits the site settings; a handler may not', async () => {
      const login = await post('/login', { username: 'zhang.jg', password: SETUP.password });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (await app.request('/console/site', { headers: { cookie } })).text();
      assert.match(page, /<a href="\/console\/site" aria-current="page">网站信息<\/a>/, 'in the navigation of a top admin');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      assert.match(page, /value="豫ICP备12345678号"/);
      const saved = await post('/console/site', { _csrf: csrf, siteName: '中原县政府信息公开', sponsor: '中原县人民政府办公室', icp: '豫ICP备12345678号-1' }, cookie);
      assert.equal(saved.status, 303);
      assert.match(await (await app.request('/')).text(), /中原县政府信息公开[\s\S]*豫ICP备12345678号-1/);
      assert.equal((await post('/console/site', { siteName: 'x', sponsor: 'y' }, cookie)).status, 403, 'no CSRF token');
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      const org = (await people.organizations.list())[0];
      assert.ok(org);
      assert.ok((await addUser(people, { username: 'li.ming', displayName: '李明', password: 'Handler-2026-open', organizationId: org.id, role: 'handler' }, { id: null, name: 't' })).ok);
      const handler = ((await post('/login', { username: 'li.ming', password: 'Handler-2026-open' })).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      assert.equal((await app.request('/console/site', { headers: { cookie: handler } })).status, 403);
      // A logo: checked by its bytes (PNG or JPEG, at most 200 KB); then it heads every page.
      const upload = (bytes: Uint8Array, name: string) => {
        const f = new FormData();
        f.set('_csrf', csrf);
        f.set('siteName', '中原县政府信息公开');
        f.set('sponsor', '中原县人民政府办公室');
        f.set('logo', new File([bytes as Uint8Array<ArrayBuffer>], name));
        return app.request('/console/site', { method: 'POST', body: f, headers: { cookie } });
      };
      const gif = await upload(new TextEncoder().encode('GIF89a……'), 'logo.png');
      assert.equal(gif.status, 400);
      assert.match(await gif.text(), /标志图片应为 PNG 或 JPEG 格式/);
      assert.equal((await app.request('/site/logo')).status, 404);
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      assert.equal((await upload(png, 'emblem.png')).status, 303);
      const served = await app.request('/site/logo');
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.deepEqual(new Uint8Array(await served.arrayBuffer()), png);
      assert.match(await (await app.request('/')).text(), /<a class="brand" href="\/"><img class="logo" src="\/site\/logo" alt="" height="32">中原县政府信息公开<\/a>/);
      assert.equal((await upload(new Uint8Array(300 * 1024).fill(0xff), 'big.jpg')).status, 400, 'over 200 KB');
      const log = await people.audit.list({});
      assert.deepEqual(log.filter((e) => e.action.startsWith('site.')).map((e) => e.action), ['site.setup', 'site.update', 'site.update']);
    });
    test('the organisation tree in the web app: an admin adds departments under the top organisation; names unique among siblings', async () => {
      const login = await post('/login', { username: 'zhang.jg', password: SETUP.password });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (await app.request('/console/organizations', { headers: { cookie } })).text();
      assert.match(page, /<a href="\/console\/organizations" aria-current="page">机构设置<\/a>/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const parentId = /<option value="([^"]+)">中原县人民政府<\/option>/.exec(page)?.[1] ?? '';
      assert.ok(parentId);
      const added = await post('/console/organizations', { _csrf: csrf, parentId, name: '中原县教育局', kind: 'department' }, cookie);
      assert.equal(added.status, 303);
      assert.match(await (await app.request(added.headers.get('location') ?? '', { headers: { cookie } })).text(), /已添加：中原县教育局[\s\S]*<li style="margin-left:1.5rem">中原县教育局 <span class="muted">政府部门/);
      const twice = await post('/console/organizations', { _csrf: csrf, parentId, name: '中原县教育局', kind: 'department' }, cookie);
      assert.equal(twice.status, 409);
      assert.match(await twice.text(), /value="中原县教育局"/, 'the form is kept');
      assert.equal((await post('/console/organizations', { _csrf: csrf, parentId: 'elsewhere', name: '某局', kind: 'department' }, cookie)).status, 400);
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      assert.ok((await people.audit.list({})).some((e) => e.action === 'organization.add' && e.detail.name === '中原县教育局'));
    });
  });
}
