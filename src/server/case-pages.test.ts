/**
 * The staff case desk pages through `app.request()` on SQLite: login redirect, the work queue and its filters, intake
 * (values kept on error), the case page with timeline, deadline proof and step forms, steps (303; refused → the page
 * with the coded reason and 409/400; a handler's answer and extension go to the approvers' queue), the year tables with drill-down, scoping (404).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { seedDemoData } from '../app/applications/demo.ts';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import type { PortalDeps } from '../app/portal/portal.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';

const TODAY = '2025-11-21';
const clock = { today: () => TODAY, now: () => `${TODAY}T03:00:00.000Z` };

describe('case desk pages', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let deps: PortalDeps;
  let app: Hono;
  let rootId = '';
  let westCaseId = '';
  const cookies: Record<string, string> = {};
  const csrf: Record<string, string> = {};
  const get = (path: string, who = 'handler') => app.request(path, { headers: { cookie: cookies[who] ?? '' } });
  const post = (path: string, fields: Record<string, string>, who = 'handler', withCsrf = true) =>
    app.request(path, { method: 'POST', headers: { cookie: cookies[who] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: csrf[who] ?? '' } : {}) }).toString() });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-pages-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    deps = portalDeps(opened.db, clock, randomUUID);
    const people = peopleDeps(opened.db, clock.now, randomUUID);
    rootId = (await seedDemoData(deps, { today: TODAY, count: 90, seed: 21 })).rootId;
    const west = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '西山县人民政府', kind: 'government' });
    assert.ok(west.ok);
    app = buildApp({ applications: deps, people, logError: () => {} });
    for (const [username, role, org] of [['handler', 'handler', rootId], ['approver', 'approver', rootId], ['west', 'admin', west.organization.id]] as const) {
      assert.ok((await addUser(people, { username, displayName: `${username}某`, password: `pass-${username}-2025`, organizationId: org, role }, { id: null, name: 'test' })).ok);
      const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password: `pass-${username}-2025`, next: '/applications' }).toString() });
      assert.equal(r.status, 303);
      cookies[username] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      csrf[username] = /name="_csrf" value="([^"]+)"/.exec(await (await get('/applications', username)).text())?.[1] ?? '';
      assert.ok(csrf[username], 'the logout form carries the CSRF token');
    }
    const reg = await post('/applications/new', { organizationId: west.organization.id, channel: 'inPerson', receivedOn: TODAY, 'applicant.type': 'natural', 'applicant.name': '孙磊', 'applicant.idType': 'residentId', 'applicant.idNumber': '11010519491231002X', 'applicant.phone': '13600000000', 'request.description': '西山县的申请', 'request.form': 'paper', 'request.delivery': 'pickUp' }, 'west');
    assert.equal(reg.status, 303);
    westCaseId = (reg.headers.get('location') ?? '').split('/').pop() ?? '';
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('anonymous → the login page; the queue lists the cases with due-soon / overdue flags and filters', async () => {
    const anon = await app.request('/applications');
    assert.equal(anon.status, 303);
    assert.match(anon.headers.get('location') ?? '', /^\/login\?next=%2Fapplications/);
    const queue = await (await get('/applications')).text();
    assert.match(queue, /依申请公开办理/);
    assert.match(queue, /共 \d+ 件/);
    const overdue = await (await get(`/applications?organization=${rootId}&due=overdue`)).text();
    const rows = overdue.match(/<tr><td class="nowrap"><a href="\/applications\//g) ?? [];
    assert.ok(rows.length > 0, 'the demo has overdue cases');
    assert.equal((overdue.match(/class="flag overdue"/g) ?? []).length, rows.length);
    assert.doesNotMatch(overdue, /西山县的申请/);
  });

  test('intake keeps the values on error (400) and registers on success (303 to the case page)', async () => {
    const fields = { organizationId: rootId, channel: 'postSignedFor', receivedOn: '2025-11-20', 'applicant.type': 'commercial', 'applicant.name': '郑州恒信商贸有限公司', 'applicant.idType': 'creditCode', 'applicant.idNumber': 'bad', 'applicant.phone': '0371-6000000', 'applicant.email': 'bgs@hengxin-trade.cn', 'request.description': '申请公开某采购项目的评审意见', 'request.form': 'electronic', 'request.delivery': 'email' };
    const bad = await post('/applications/new', fields);
    assert.equal(bad.status, 400);
    const html = await bad.text();
    assert.match(html, /value="郑州恒信商贸有限公司"/);
    assert.match(html, /统一社会信用代码有误/);
    const good = await post('/applications/new', { ...fields, 'applicant.idNumber': '91410100MA40XXXX1Q' });
    assert.equal(good.status, 303);
    const page = await (await get(good.headers.get('location') ?? '')).text();
    assert.match(page, /郑州恒信商贸有限公司/);
    assert.match(page, /期限计算明细/);
    assert.match(page, /第20个工作日 <strong>◀ 答复期限（条例第三十三条第二款）/);
    assert.match(page, /告知补正/);
  });

  test('steps: 303 when taken; refused → the case page with the reason (409/400); a handler’s answer waits for an approver, who returns or approves it', async () => {
    const id = ((await get('/applications?state=processing&order=received')).text().then((t) => /href="\/applications\/([0-9a-f-]{36})"/.exec(t)?.[1] ?? ''));
    const caseId = await id;
    const view = await deps.cases.get(caseId);
    assert.ok(view);
    const noConfirm = await post(`/applications/${caseId}/steps/withdraw`, { on: TODAY, version: String(view.version) });
    assert.equal(noConfirm.status, 400);
    assert.match(await noConfirm.text(), /请勾选“确认办理”/);
    assert.equal((await post(`/applications/${caseId}/steps/withdraw`, { on: TODAY, confirm: '1' }, 'handler', false)).status, 403, 'no CSRF token');
    // The handler's answer goes to the approver: the form names no approver, the case waits, the approver's queue lists it.
    const form = await (await get(`/applications/${caseId}`)).text();
    assert.doesNotMatch(form, /name="approvedBy"/, 'nobody types an approver');
    assert.match(form, /提交审核：作出答复/);
    const proposed = await post(`/applications/${caseId}/steps/answer`, { on: TODAY, category: 'granted', text: '予以公开', approvedBy: '随便写的名字', confirm: '1', version: String(view.version) });
    assert.equal(proposed.status, 303);
    const waiting = await (await get(`/applications/${caseId}`)).text();
    assert.match(waiting, /待审核：作出答复[\s\S]*handler某 于/);
    assert.doesNotMatch(waiting, /action="\/approvals\/[^"]+\/approve"/, 'the proposer cannot approve');
    assert.equal((await get('/approvals')).status, 403, 'a handler has no approvals queue');
    const queue = await (await get('/approvals', 'approver')).text();
    const approvalId = /action="\/approvals\/([0-9a-f-]{36})\/approve"/.exec(queue)?.[1] ?? '';
    assert.ok(approvalId, 'the approver’s queue lists it');
    assert.equal((await post(`/approvals/${approvalId}/approve`, {})).status, 403, 'a handler may not approve');
    const noReason = await post(`/approvals/${approvalId}/return`, { comment: '' }, 'approver');
    assert.equal(noReason.status, 400);
    assert.match(await noReason.text(), /退回时请写明退回意见/);
    assert.equal((await post(`/approvals/${approvalId}/return`, { comment: '请写明公开方式。' }, 'approver')).status, 303);
    assert.match(await (await get(`/applications/${caseId}`)).text(), /已退回：作出答复[\s\S]*请写明公开方式。/);
    const second = await post(`/applications/${caseId}/steps/answer`, { on: TODAY, category: 'granted', text: '予以公开，以纸质形式邮寄。', confirm: '1' });
    assert.equal(second.status, 303);
    const secondId = /action="\/approvals\/([0-9a-f-]{36})\/approve"/.exec(await (await get(`/applications/${caseId}`, 'approver')).text())?.[1] ?? '';
    const done = await post(`/approvals/${secondId}/approve`, { back: 'queue' }, 'approver');
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/approvals');
    assert.equal((await deps.cases.get(caseId))?.answer?.approvedBy, 'approver某', 'the approving account is the 审核人');
    const again = await post(`/applications/${caseId}/steps/answer`, { on: TODAY, category: 'granted', text: '予以公开', confirm: '1' }, 'approver');
    assert.equal(again.status, 409);
    assert.match(await again.text(), /该申请当前所处状态下不能执行此操作/);
    const page = await (await get(`/applications/${caseId}`)).text();
    assert.match(page, /作出答复/);
    assert.match(page, /handler某/);
    assert.match(page, /审核人：approver某/);
    // The notices of its history: the receipt and the answer, as a page and as Word.
    const answerHtml = await get(`/applications/${caseId}/notices/answer.html`);
    assert.equal(answerHtml.status, 200);
    assert.match(await answerHtml.text(), /政府信息公开申请答复书[\s\S]*《中华人民共和国政府信息公开条例》第三十六条第一项、第二项[\s\S]*申请行政复议/);
    assert.match(page, new RegExp(`/applications/${caseId}/notices/receipt.docx`));
    const docx = await get(`/applications/${caseId}/notices/receipt.docx`);
    assert.equal(docx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal((await get(`/applications/${caseId}/notices/extension.html`)).status, 404, 'no extension in its history');
  });

  test('a form posted after the session expired is kept: login again, confirm, and it is sent — back on its page, never a 404', async () => {
    const caseId = /href="\/applications\/([0-9a-f-]{36})"/.exec(await (await get('/applications?state=processing&order=received')).text())?.[1] ?? '';
    const fields = { on: TODAY, reason: '申请人来电告知撤回申请，已记录通话时间', confirm: '1', _csrf: 'stale-token' };
    const expired = await app.request(`/applications/${caseId}/steps/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'gk_session=expired-session-token', referer: `http://localhost/applications/${caseId}` },
      body: new URLSearchParams(fields).toString(),
    });
    assert.equal(expired.status, 401);
    const loginHtml = await expired.text();
    assert.match(loginHtml, /登录已过期，请重新登录/);
    assert.match(loginHtml, new RegExp(`name="next" value="/applications/${caseId}"`), 'back to the case page, not the POST address');
    const carry = /name="carry" value="([^"]+)"/.exec(loginHtml)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'") ?? '';
    assert.doesNotMatch(carry, /stale-token/, 'the old CSRF token is not kept');
    const relogin = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'handler', password: 'pass-handler-2025', next: `/applications/${caseId}`, carry }).toString() });
    assert.equal(relogin.status, 200);
    const cookie = (relogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const resume = await relogin.text();
    assert.match(resume, /继续提交[\s\S]*申请人来电告知撤回申请/);
    const form = Object.fromEntries([...resume.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&')]));
    const sent = await app.request(`/applications/${caseId}/steps/withdraw`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams(form).toString() });
    assert.equal(sent.status, 303);
    assert.equal((await deps.cases.get(caseId))?.state, 'withdrawn');
    // A carried action that is not a staff form of this site is ignored: the login just goes on.
    const odd = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'handler', password: 'pass-handler-2025', next: '/applications', carry: JSON.stringify({ action: 'https://evil.example/x', fields: {} }) }).toString() });
    assert.equal(odd.status, 303);
  });

  test('a staff form too large to carry, posted without a session, gets the login page (401) without it — not a 500 from a body read twice', async () => {
    // The fuzz finding (fixtures/fuzz/forms/crash-5667583a5545244b.json): the form was read to see whether it could be
    // carried, then passed on to the route, whose bodyLimit took the consumed stream → "ReadableStream is locked".
    // A body without Content-Length (chunked, as app.request sends a stream) goes through bodyLimit's reader.
    const big = new URLSearchParams({ 'request.description': '题'.repeat(30_000), _csrf: 'stale' }).toString();
    const stream = () => new Blob([big]).stream();
    for (const path of ['/console/catalog/import', '/applications/new']) {
      const r = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'gk_session=expired-session-token' }, body: stream(), duplex: 'half' } as RequestInit);
      assert.equal(r.status, 401, path);
      const html = await r.text();
      assert.match(html, /<title>工作人员登录/, path);
      assert.doesNotMatch(html, /name="carry"/, `${path}: too large to carry`);
    }
    // With its Content-Length stated, the same: refused from the header, the body not read.
    const stated = await app.request('/console/catalog/import', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(big)) }, body: big });
    assert.equal(stated.status, 401);
  });

  test('every page shows who is logged in — the report list and the import page too — and anonymous visitors the login link', async () => {
    for (const path of ['/', '/import', '/portal']) {
      const html = await (await get(path)).text();
      assert.match(html, /<form class="who" method="post" action="\/logout"><span>handler某<\/span>/, path);
      const anonymous = await (await app.request(path)).text();
      assert.match(anonymous, /<a class="who" href="\/login">工作人员登录<\/a>/, path);
    }
  });

  test('year tables: every count links to as many cases; downloads; another county\'s records answer 404', async () => {
    const page = await get(`/organizations/${rootId}/tables/2025`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const link = /href="(\/organizations\/[^"]+\/cells\/applications\/newReceived\.total)"[^>]*>(\d+)</.exec(html);
    assert.ok(link, 'the 本年新收 总计 cell links to its cases');
    // Drawn as the template draws the tables: merged header cells over the columns they group.
    assert.match(html, /<th scope="colgroup" class="header" colspan="5">法人或其他组织<\/th>/);
    for (const group of ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']) assert.match(html, new RegExp(`<th scope="colgroup" class="header" colspan="\\d+">${group}</th>`), group);
    const cell = await (await get(link[1] ?? '')).text();
    assert.match(cell, new RegExp(`共 ${link[2]} 件`));
    const json = await get(`/organizations/${rootId}/tables/2025.json`);
    assert.equal(json.status, 200);
    assert.equal(JSON.parse(await json.text()).applications.newReceived.total, Number(link[2]));
    assert.equal((await get(`/organizations/${rootId}/tables/2025.xlsx`)).headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal((await get(`/applications/${westCaseId}`)).status, 404);
    assert.equal((await post(`/applications/${westCaseId}/steps/withdraw`, { on: TODAY, confirm: '1' })).status, 404);
    assert.equal((await get('/applications/no-such-case')).status, 404);
  });

  test('我办理的: only the cases this user registered or acted on', async () => {
    const mine = await (await get('/applications?mine=1&state=')).text();
    const numbers = [...mine.matchAll(/<td class="nowrap"><a href="\/applications\/[^"]+">([^<]+)</g)].map((m) => m[1]);
    assert.ok(numbers.length >= 1 && numbers.length <= 3, `handler acted on 1-3 cases here, listed ${numbers.length}`);
    const all = await (await get('/applications?state=')).text();
    assert.ok((all.match(/<td class="nowrap"><a href=/g) ?? []).length > numbers.length);
  });

  test('scoping matrix: nothing of another county through any page route (404), and the county\'s own pages work', async () => {
    const west = await deps.cases.get(westCaseId);
    assert.ok(west);
    const gets = [`/applications/${westCaseId}`, `/applications/${westCaseId}/notices/receipt.html`, `/applications/${westCaseId}/notices/receipt.docx`, `/organizations/${west.organizationId}/tables/2025`, `/organizations/${west.organizationId}/tables/2025.json`, `/organizations/${west.organizationId}/tables/2025.xlsx`, `/organizations/${west.organizationId}/tables/2025/cells/applications/total.total`];
    for (const path of gets) assert.equal((await get(path, 'handler')).status, 404, path);
    // A review record of the other county, to try deciding it from here.
    await deps.reviews.add({ id: 'west-review', caseId: westCaseId, organizationId: west.organizationId, group: 'review', body: '西山市人民政府', reference: null, filedOn: TODAY, decidedOn: null, outcome: null, note: null }, clock.now());
    const posts: [string, Record<string, string>][] = [
      [`/applications/${westCaseId}/steps/answer`, { on: TODAY, category: 'granted', text: 'x', approvedBy: 'y', confirm: '1' }],
      [`/applications/${westCaseId}/reviews`, { group: 'review', body: 'x', filedOn: TODAY }],
      ['/reviews/west-review/decision', { decidedOn: TODAY, outcome: 'upheld' }],
      [`/organizations/${west.organizationId}/tables/2025/sections`, { overview: '越权写入' }],
    ];
    for (const [path, fields] of posts) assert.equal((await post(path, fields, 'handler')).status, 404, path);
    const listed = await (await get(`/applications?organization=${west.organizationId}&state=`, 'handler')).text();
    assert.doesNotMatch(listed, /西山县的申请/, 'a foreign organisation in the filter falls back to the user\'s own');
    for (const path of gets) assert.equal((await get(path, 'west')).status, 200, `west: ${path}`);
  });

  test('the year report: approvers write the narrative (saved, audited, in every download); handlers may not', async () => {
    const text = '2025年，本机关认真贯彻《中华人民共和国政府信息公开条例》，依申请公开工作依法有序开展。';
    assert.equal((await post(`/organizations/${rootId}/tables/2025/sections`, { overview: text }, 'handler')).status, 403);
    const saved = await post(`/organizations/${rootId}/tables/2025/sections`, { overview: text, problems: '', otherMatters: '本年度未收取信息处理费。' }, 'approver');
    assert.equal(saved.status, 303);
    const page = await (await get(`/organizations/${rootId}/tables/2025`, 'approver')).text();
    assert.ok(page.includes(text));
    const json = JSON.parse(await (await get(`/organizations/${rootId}/tables/2025.json`, 'approver')).text());
    assert.equal(json.sections.overview, text);
    assert.equal(json.sections.problems, null);
    const md = await (await get(`/organizations/${rootId}/tables/2025.md`, 'approver')).text();
    assert.ok(md.includes('本年度未收取信息处理费。'));
    const tooLong = await post(`/organizations/${rootId}/tables/2025/sections`, { overview: '字'.repeat(20_001) }, 'approver');
    assert.equal(tooLong.status, 400);
  });
  test('old dates, 更正 and 作废 on the pages: the checkbox 确认日期无误, approver-only forms (handler 403), timeline, 已作废 banner', async () => {
    const fields = { organizationId: rootId, channel: 'inPerson', receivedOn: '2025-09-01', 'applicant.type': 'natural', 'applicant.name': '周平', 'applicant.idType': 'residentId', 'applicant.idNumber': '11010519491231002X', 'applicant.phone': '13600000001', 'request.description': '申请公开某道路工程的验收报告', 'request.form': 'paper', 'request.delivery': 'pickUp' };
    const old = await post('/applications/new', fields);
    assert.equal(old.status, 400);
    const oldHtml = await old.text();
    assert.match(oldHtml, /name="confirmDate"/);
    assert.match(oldHtml, /确认日期无误/);
    const reg = await post('/applications/new', { ...fields, receivedOn: '2025-11-20' });
    assert.equal(reg.status, 303);
    const id = (reg.headers.get('location') ?? '').split('/').pop() ?? '';
    assert.doesNotMatch(await (await get(`/applications/${id}`)).text(), /更正登记内容/, 'a handler sees no correction form');
    assert.match(await (await get(`/applications/${id}`, 'approver')).text(), /更正登记内容/);
    const fix = { receivedOn: '2025-11-18', reason: '签收日期录错', 'applicant.name': '周平', 'request.description': '申请公开某道路工程的验收报告' };
    assert.equal((await post(`/applications/${id}/correct`, fix)).status, 403);
    assert.equal((await post(`/applications/${id}/correct`, fix, 'approver', false)).status, 403);
    assert.equal((await post(`/applications/${westCaseId}/correct`, fix, 'approver')).status, 404);
    const done = await post(`/applications/${id}/correct`, fix, 'approver');
    assert.equal(done.status, 303);
    const page = await (await get(`/applications/${id}`, 'approver')).text();
    assert.match(page, /更正：收到申请之日 2025-11-20 → 2025-11-18/);
    assert.match(page, /理由：签收日期录错/);
    assert.equal((await post(`/applications/${id}/void`, { reason: '重复登记' }, 'handler')).status, 403);
    const voided = await post(`/applications/${id}/void`, { reason: '重复登记', confirm: '1' }, 'approver');
    assert.equal(voided.status, 303);
    const after = await (await get(`/applications/${id}`)).text();
    assert.match(after, /已作废/);
    assert.match(after, /理由：重复登记/);
    assert.match(after, /当前没有可办理的步骤/);
  });
});
