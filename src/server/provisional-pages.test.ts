/**
 * 暂定 on the pages (through `app.request()` on SQLite), on 2026-12-28 with no 2027 holiday notice loaded: the case
 * page and the work queue show the 2027 dates with the 暂定 badge, its explanation as tooltip and as visible text, and
 * the proof marks each provisional day; the applicant's receipt says it in words; the JSON API flags the date.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';
import { submittedPage } from './views/portal.ts';

const TODAY = '2026-12-28';
const clock = { today: () => TODAY, now: () => `${TODAY}T03:00:00.000Z` };
const NOTE = '下一年度节假日安排尚未公布，按《全国年节及纪念日放假办法》暂定';

describe('provisional deadlines on the pages', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let app: Hono;
  let cookie = '';
  let caseId = '';
  let people: ReturnType<typeof peopleDeps>;
  let orgId = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-provisional-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    const deps = portalDeps(opened.db, clock, randomUUID);
    people = peopleDeps(opened.db, clock.now, randomUUID);
    const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '中原县人民政府', kind: 'government' });
    assert.ok(org.ok);
    orgId = org.organization.id;
    app = buildApp({ applications: deps, people, logError: () => {} });
    assert.ok((await addUser(people, { username: 'handler', displayName: '李明', password: 'pass-handler-2026', organizationId: org.organization.id, role: 'handler' }, { id: null, name: 'test' })).ok);
    const login = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'handler', password: 'pass-handler-2026', next: '/applications' }).toString() });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await app.request('/applications', { headers: { cookie } })).text())?.[1] ?? '';
    const fields = { _csrf: csrf, organizationId: org.organization.id, channel: 'inPerson', receivedOn: '2026-12-15', 'applicant.type': 'natural', 'applicant.name': '孙磊', 'applicant.idType': 'residentId', 'applicant.idNumber': '11010519491231002X', 'applicant.phone': '13600000000', 'request.description': '申请公开2026年度低保资金发放名单', 'request.form': 'paper', 'request.delivery': 'pickUp' };
    const reg = await app.request('/applications/new', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    assert.equal(reg.status, 303);
    caseId = (reg.headers.get('location') ?? '').split('/').pop() ?? '';
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the case page: 暂定 beside the 2027 answer date with the reason as tooltip and as text; the 2026 date is final', async () => {
    const html = await (await app.request(`/applications/${caseId}`, { headers: { cookie } })).text();
    const badge = `<abbr class="flag provisional" title="${NOTE}">暂定</abbr>`;
    assert.ok(html.includes(`答复期限：2027-01-13 ${badge}`), 'the running deadline in the lead');
    assert.ok(html.includes(`<dt>答复期限</dt><dd>2027-01-13 ${badge}（20个工作日）</dd>`));
    assert.ok(html.includes('<dt>补正告知期限</dt><dd>2026-12-24（收到申请后7个工作日'), 'a date within 2026 carries no badge');
    assert.ok(html.includes(`暂定：${NOTE}（只计法定节日，不含调休）`));
    assert.match(html, /<td>不计：节假日（元旦）（暂定）<\/td>/);
  });

  test('the work queue: the badge beside the stored date and the note under the list', async () => {
    const html = await (await app.request('/applications', { headers: { cookie } })).text();
    assert.match(html, /答复期限：2027-01-13 <abbr class="flag provisional" title="[^"]+">暂定<\/abbr>（剩 11 个工作日）/);
    assert.ok(html.includes(`暂定：${NOTE}`));
  });

  test('the API flags the date; the applicant\'s receipt says it in words', async () => {
    const json = (await (await app.request(`/api/applications/${caseId}`, { headers: { cookie } })).json()) as { deadlines: { answerDue: unknown; correctionNoticeDue: unknown } };
    assert.deepEqual(json.deadlines.answerDue, { date: '2027-01-13', provisional: { years: [2027], label: '暂定', note: NOTE } });
    assert.deepEqual(json.deadlines.correctionNoticeDue, { date: '2026-12-24' });
    const list = (await (await app.request('/api/applications', { headers: { cookie } })).json()) as { items: { nextDue: unknown }[] };
    assert.deepEqual(list.items[0]?.nextDue, { kind: 'answer', label: '答复期限', date: '2027-01-13', provisional: { years: [2027], label: '暂定', note: NOTE } });
    const c = { number: '2026-000001', receivedOn: '2026-12-15' } as Parameters<typeof submittedPage>[0];
    assert.match(submittedPage(c, '中原县人民政府', 'CODE', { date: '2027-01-13', provisional: true, provisionalYears: [2027] }), new RegExp(`答复期限：2027-01-13（暂定：${NOTE}）`));
    assert.doesNotMatch(submittedPage(c, '中原县人民政府', 'CODE', { date: '2026-12-24' }), /暂定/);
  });

  test('December: the queue reminds everyone that 2027 is not loaded; the top admin loads the notice on a page, and the dates turn final', async () => {
    const queue = await (await app.request('/applications', { headers: { cookie } })).text();
    assert.match(queue, /2027 年节假日安排尚未载入[\s\S]*请提醒管理员载入/);
    assert.equal((await app.request('/console/calendar', { headers: { cookie } })).status, 403, 'a handler does not load calendars');
    assert.ok((await addUser(people, { username: 'zhang', displayName: '张建国', password: 'pass-admin-2026', organizationId: orgId, role: 'admin' }, { id: null, name: 'test' })).ok);
    const login = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'zhang', password: 'pass-admin-2026', next: '/applications' }).toString() });
    const admin = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(await (await app.request('/applications', { headers: { cookie: admin } })).text(), /请在<a href="\/console\/calendar">节假日安排<\/a>页载入/);
    const page = await (await app.request('/console/calendar', { headers: { cookie: admin } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const post = (notice: string) => app.request('/console/calendar', { method: 'POST', headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, notice }).toString() });
    const bad = await post('年度 2027\n2027-02-10 春节 班');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /未载入/);
    const notice = readFileSync(new URL('../../seed/calendar/example-2027.txt', import.meta.url), 'utf8');
    const loaded = await post(notice);
    assert.equal(loaded.status, 200);
    assert.match(await loaded.text(), /已载入 2027 年：放假 \d+ 天、调休上班 \d+ 天。重算办理中案件的当前期限 \d+ 件/);
    const html = await (await app.request(`/applications/${caseId}`, { headers: { cookie } })).text();
    assert.doesNotMatch(html, /暂定/, 'final once the notice is loaded');
    assert.doesNotMatch(await (await app.request('/applications', { headers: { cookie } })).text(), /尚未载入/);
    const log = await people.audit.list({});
    assert.ok(log.some((e) => e.action === 'calendar.addYear' && e.actorName === '张建国' && e.detail.year === 2027));
  });
});
