/**
 * Notifications in the web app through `app.request()` on SQLite: a case registered at the desk with an e-mail address
 * and a mobile number shows its 登记回执 messages on the case page (masked for a role without personal data), the
 * worker's outcome (未发送（未配置邮件服务器）) shows there and in GET /api/applications/:id; /console/notifications lists them for admins only,
 * masks the applicants' addresses, filters by state, and sets an organisation's digest address (checked, CSRF, audited).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { runOutbox } from '../app/notify/notify.ts';
import { addUser, type PeopleDeps } from '../app/people/index.ts';
import type { PortalDeps } from '../app/portal/portal.ts';
import { smtpSender, unconfiguredSms } from '../notify/senders.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { buildApp } from './app.ts';

const TODAY = '2025-11-21';
const clock = { today: () => TODAY, now: () => `${TODAY}T03:00:00.000Z` };

describe('notifications pages', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let deps: PortalDeps;
  let people: PeopleDeps;
  let app: Hono;
  let orgId = '';
  let caseId = '';
  const cookies: Record<string, string> = {};
  const csrf: Record<string, string> = {};
  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who] ?? '' } });
  const post = (path: string, fields: Record<string, string>, who: string) =>
    app.request(path, { method: 'POST', headers: { cookie: cookies[who] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: csrf[who] ?? '' }).toString() });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-notify-pages-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    deps = portalDeps(opened.db, clock, randomUUID);
    people = peopleDeps(opened.db, clock.now, randomUUID);
    const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '中原县人民政府', kind: 'government' });
    assert.ok(org.ok);
    orgId = org.organization.id;
    app = buildApp({ applications: deps, people, notifications: { outbox: kyselyOutbox(opened.db), channels: { email: false, sms: false } }, logError: () => {} });
    for (const [username, role] of [['handler', 'handler'], ['admin', 'admin'], ['watch', 'oversight']] as const) {
      assert.ok((await addUser(people, { username, displayName: `${username}某`, password: `pass-${username}-2025`, organizationId: orgId, role }, { id: null, name: 'test' })).ok);
      const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password: `pass-${username}-2025`, next: '/applications' }).toString() });
      assert.equal(r.status, 303);
      cookies[username] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      csrf[username] = /name="_csrf" value="([^"]+)"/.exec(await (await get('/applications', username)).text())?.[1] ?? '';
    }
    const reg = await post('/applications/new', { organizationId: orgId, channel: 'inPerson', receivedOn: TODAY, 'applicant.type': 'natural', 'applicant.name': '孙磊', 'applicant.idType': 'residentId', 'applicant.idNumber': '11010519491231002X', 'applicant.phone': '13600001234', 'applicant.email': 'sunlei@example.com', 'request.description': '申请公开某路段改造工程的招标文件', 'request.form': 'paper', 'request.delivery': 'pickUp' }, 'handler');
    assert.equal(reg.status, 303);
    caseId = (reg.headers.get('location') ?? '').split('/').pop() ?? '';
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the case page lists the 登记回执 by e-mail and SMS with their state; masked without the right to personal data', async () => {
    const page = await (await get(`/applications/${caseId}`, 'handler')).text();
    assert.match(page, /发送给申请人的通知/);
    assert.match(page, /政府信息公开申请登记回执<\/td><td>电子邮件<\/td><td>sunlei@example\.com<\/td><td>待发送<\/td><td class="num">0<\/td>/);
    assert.match(page, /<td>短信<\/td><td>13600001234<\/td><td>待发送<\/td>/);
    await runOutbox({ outbox: kyselyOutbox(opened.db), senders: { email: smtpSender(null), sms: unconfiguredSms }, clock });
    const after = await (await get(`/applications/${caseId}`, 'handler')).text();
    assert.match(after, /sunlei@example\.com<\/td><td>未发送（未配置邮件服务器）<\/td>/);
    assert.match(after, /13600001234<\/td><td>未发送（未配置短信通道）<\/td>/);
    const masked = await (await get(`/applications/${caseId}`, 'watch')).text();
    assert.doesNotMatch(masked, /sunlei@example\.com|13600001234/);
    assert.match(masked, /未发送（未配置短信通道）/);
    const api = (await (await get(`/api/applications/${caseId}`, 'watch')).json()) as { messages: { channel: string; recipient: string; state: string; lastError: string; attempts: number }[] };
    assert.deepEqual(api.messages.map((m) => [m.channel, m.recipient, m.state, m.lastError, m.attempts]).sort(), [
      ['email', 's***@example.com', 'unsent', '未发送（未配置邮件服务器）', 0],
      ['sms', '136****1234', 'unsent', '未发送（未配置短信通道）', 0],
    ]);
  });

  test('/console/notifications: admins only, in the navigation; filters by state; sets a digest address (checked, audited)', async () => {
    assert.equal((await get('/console/notifications', 'handler')).status, 403);
    assert.doesNotMatch(await (await get('/applications', 'handler')).text(), /通知发送/);
    const list = await (await get('/console/notifications', 'admin')).text();
    assert.match(list, /<a href="\/console\/notifications" aria-current="page">通知发送<\/a>/);
    assert.match(list, /未配置邮件服务器，邮件只记录、不发送/);
    assert.match(list, /共 2 条/);
    assert.match(list, /s\*\*\*@example\.com/);
    assert.doesNotMatch(list, /sunlei@example\.com|13600001234/, 'masked on the list; in full (and audited) on the case page');
    assert.match(list, new RegExp(`<a href="/applications/${caseId}">\\d{4}-\\d{6}</a>`));
    assert.match(await (await get('/console/notifications?state=sent', 'admin')).text(), /共 0 条/);
    const bad = await post(`/console/notifications/addresses/${orgId}`, { email: 'not an address' }, 'admin');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /电子邮箱地址有误/);
    const ok = await post(`/console/notifications/addresses/${orgId}`, { email: 'gongkai@zhongyuan.gov.cn' }, 'admin');
    assert.equal(ok.status, 303);
    assert.match(await (await get('/console/notifications?saved=1', 'admin')).text(), /value="gongkai@zhongyuan\.gov\.cn"/);
    assert.equal((await kyselyOutbox(opened.db).addresses()).get(orgId), 'gongkai@zhongyuan.gov.cn');
    const audit = await people.audit.list({ organizationIds: [orgId], limit: 5 });
    assert.ok(audit.some((e) => e.action === 'notify.address'));
    const noCsrf = await app.request(`/console/notifications/addresses/${orgId}`, { method: 'POST', headers: { cookie: cookies.admin ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=x%40y.cn' });
    assert.notEqual(noCsrf.status, 303);
  });
});
