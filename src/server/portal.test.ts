/**
 * The public portal and the login pages through `app.request()`, on every engine: the guide, the online form with
 * the Art. 29 fields (kept on error, messages beside the fields, nothing written), the 申请编号 and 查询码, tracking
 * (a wrong code tells nothing), rate limits per address, per applicant and per 申请编号, the guide editor (admin of the organisation only, CSRF).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { takeStep } from '../app/applications/index.ts';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, type PeopleDeps } from '../app/people/index.ts';
import { PORTAL_LIMITS, type PortalDeps } from '../app/portal/portal.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-21';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

const FORM = {
  'applicant.type': 'natural',
  'applicant.name': '刘桂英',
  'applicant.idType': 'residentId',
  'applicant.idNumber': '11010519491231002X',
  'applicant.phone': '13912345678',
  'applicant.address': '东山县城关镇建设路12号',
  'request.description': '申请公开城关镇2024年度最低生活保障资金发放名单',
  'request.form': 'paper',
  'request.delivery': 'post',
};

/** A natural person with a valid resident identity number (GB 11643 check digit) of their own. */
function citizen(n: number): Record<string, string> {
  const base = `110105${String(1950 + (n % 50))}0101${String(n % 1000).padStart(3, '0')}`;
  const sum = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(base[i]), 0);
  return { ...FORM, 'applicant.name': `申请人${n}`, 'applicant.idNumber': `${base}${'10X98765432'[sum % 11] ?? ''}` };
}

for (const engine of engines) {
  describe(`public portal: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: PortalDeps;
    let people: PeopleDeps;
    let app: Hono;
    let orgId = '';
    let otherId = '';
    const form = (path: string, fields: Record<string, string>, init: { ip?: string; cookie?: string } = {}) =>
      app.request(
        path,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.cookie ? { cookie: init.cookie } : {}) }, body: new URLSearchParams(fields).toString() },
        init.ip ? { incoming: { socket: { remoteAddress: init.ip } } } : undefined,
      );
    const loginAs = async (username: string) => {
      const r = await form('/login', { username, password: `pass-${username}-2025`, next: '/portal' });
      assert.equal(r.status, 303);
      return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      deps = portalDeps(opened.db, clock, randomUUID);
      people = peopleDeps(opened.db, clock.now, randomUUID);
      const mk = async (name: string) => {
        const r = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name, kind: 'government' });
        assert.ok(r.ok);
        return r.organization.id;
      };
      orgId = await mk('东山县人民政府');
      otherId = await mk('西山县人民政府');
      for (const [username, role, org] of [['admin', 'admin', orgId], ['handler', 'handler', orgId], ['west', 'admin', otherId]] as const) {
        assert.ok((await addUser(people, { username, displayName: username, password: `pass-${username}-2025`, organizationId: org, role }, { id: null, name: 'test' })).ok);
      }
      app = buildApp({ applications: deps, people, logError: () => {} });
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('the guide: the organisations, the statute\'s paragraphs, links to apply and track; unknown → 404', async () => {
      const home = await (await app.request('/portal')).text();
      assert.match(home, /东山县人民政府/);
      const guide = await app.request(`/portal/${orgId}`);
      assert.equal(guide.status, 200);
      const html = await guide.text();
      assert.match(html, /东山县人民政府政府信息公开指南/);
      assert.match(html, /自收到申请之日起20个工作日内答复/);
      assert.match(html, new RegExp(`/portal/${orgId}/apply`));
      assert.equal((await app.request('/portal/nope')).status, 404);
    });

    test('the form has the Art. 29 fields; errors keep the values and sit beside their fields; nothing is written', async () => {
      const blank = await (await app.request(`/portal/${orgId}/apply`)).text();
      for (const name of Object.keys(FORM)) assert.match(blank, new RegExp(`name="${name.replace('.', '\\.')}"`), name);
      assert.doesNotMatch(blank, /name="request\.purpose"/, 'purpose is not asked (removed from Art. 29 in 2019)');
      const before = await deps.cases.count();
      const bad = await form(`/portal/${orgId}/apply`, { ...FORM, 'applicant.idNumber': '110105194912310021', 'request.description': '' });
      assert.equal(bad.status, 400);
      const html = await bad.text();
      assert.match(html, /value="刘桂英"/);
      assert.match(html, /id="f-applicant-idNumber"[^>]*aria-invalid="true"/);
      assert.match(html, /id="f-applicant-idNumber-error">[^<]*居民身份证号码有误/);
      assert.match(html, /id="f-request-description-error">/);
      assert.equal(await deps.cases.count(), before);
    });

    test('a submission gives the 申请编号 and 查询码; tracking with both shows the state; a wrong code tells nothing', async () => {
      const r = await form(`/portal/${orgId}/apply`, FORM, { ip: '10.9.0.1' });
      assert.equal(r.status, 201);
      const html = await r.text();
      const number = /申请编号：<span class="code">([^<]+)</.exec(html)?.[1] ?? '';
      const code = /查询码：<span class="code">([^<]+)</.exec(html)?.[1] ?? '';
      assert.match(number, /^2025-\d{6}$/);
      assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/, 'no 0/O or 1/I/L to mix up');
      assert.match(html, /答复期限：2025-12-19/);
      const stored = await deps.cases.byNumber(number);
      assert.ok(stored && stored.case.channel === 'online' && stored.case.receivedOn === TODAY && stored.trackingHash !== code);
      const audit = await people.audit.list({ organizationIds: [orgId] });
      assert.ok(audit.some((e) => e.action === 'case.register' && e.actorName === '申请人（网上提交）'));

      const wrong = await form('/portal/track', { number, code: 'not-the-code' });
      assert.equal(wrong.status, 404);
      const unknown = await form('/portal/track', { number: '2025-999999', code });
      assert.equal(await unknown.text().then((t) => /申请编号或查询码不正确/.test(t)), true);
      const tracked = await form('/portal/track', { number, code });
      assert.equal(tracked.status, 200);
      // Typed back by hand: lower case, spaces for hyphens, full-width — the same code.
      const typed = code.toLowerCase().replace(/-/g, ' ');
      assert.equal((await form('/portal/track', { number, code: typed })).status, 200);
      assert.equal((await form('/portal/track', { number, code: code.normalize('NFKC').replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) })).status, 200);
      const page = await tracked.text();
      assert.match(page, /办理中/);
      assert.match(page, /答复期限/);
      assert.doesNotMatch(page, /11010519491231002X|13912345678/, 'no personal data on the public page');
      const receipt = await form('/portal/track/notice', { number, code, file: 'receipt.html' });
      assert.equal(receipt.status, 200);
      assert.match(await receipt.text(), /政府信息公开申请登记回执[\s\S]*刘桂英：/);
      assert.equal((await form('/portal/track/notice', { number, code: 'wrong', file: 'receipt.html' })).status, 404);
    });

    test('the navigation offers every page a role may open, and nothing more; anonymous visitors see the public ones', async () => {
      const nav = async (cookie?: string) => {
        const html = await (await app.request('/portal', cookie ? { headers: { cookie } } : {})).text();
        // The public entries (主导航) and, for staff, the bar of their own pages (工作台).
        return [...html.matchAll(/<nav[^>]*aria-label="(?:主导航|工作台)">([\s\S]*?)<\/nav>/g)].map((m) => m[1]).join('\n');
      };
      const anonymous = await nav();
      assert.match(anonymous, /href="\/portal"/);
      assert.doesNotMatch(anonymous, /applications|审计日志|公开指南|年度报表/);
      const admin = await nav(await loginAs('admin'));
      // 2025-11-21: the office reports on 2025 (the previous year's report was due by 31 March).
      for (const link of ['href="/applications"', `href="/organizations/${orgId}/tables/2025"`, `href="/console/guide/${orgId}"`, 'href="/console/audit"']) assert.ok(admin.includes(link), link);
      const handler = await nav(await loginAs('handler'));
      assert.match(handler, /href="\/applications"/);
      assert.doesNotMatch(handler, /console\/audit|console\/guide/, 'a handler may open neither the audit log nor the guide editor');
    });

    test('Chinese only by default; the English switch shows the English and the codes, and switches back', async () => {
      const plain = await (await app.request('/portal/track')).text();
      assert.match(plain, /<html lang="zh-CN">/);
      assert.match(plain, /html:not\(\.show-en\) \.en/);
      const on = await app.request('/lang?show=en', { headers: { referer: 'http://localhost/portal/track?x=1' } });
      assert.equal(on.status, 303);
      assert.equal(on.headers.get('location'), '/portal/track?x=1');
      const cookie = (on.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      assert.equal(cookie, 'gk_lang=en');
      assert.match(await (await app.request('/portal/track', { headers: { cookie } })).text(), /<html lang="zh-CN" class="show-en">/);
      const off = await app.request('/lang?show=zh', { headers: { referer: 'https://evil.example/phish' } });
      assert.equal(off.headers.get('location'), '/', 'never back to another site');
      assert.match(off.headers.get('set-cookie') ?? '', /gk_lang=zh/);
    });

    test('limits hold under parallel requests (issue 14): 60 submissions at once from one address register exactly the limit; 60 wrong look-ups at once count each', async () => {
      const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => form(`/portal/${orgId}/apply`, citizen(600 + i), { ip: '10.77.0.1' })));
      const statuses = burst.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, PORTAL_LIMITS.submissionsPerAddress, `registered: ${statuses.filter((s) => s === 201).length}`);
      assert.equal(statuses.filter((s) => s === 429).length, 60 - PORTAL_LIMITS.submissionsPerAddress);
      const guesses = await Promise.all(Array.from({ length: 60 }, (_, i) => form('/portal/track', { number: `2025-8${String(i).padStart(5, '0')}`, code: 'WRONG' }, { ip: '10.77.0.2' })));
      assert.equal(guesses.filter((r) => r.status === 404).length, PORTAL_LIMITS.failedLookupsPerAddress, 'only the limit is looked up');
      assert.equal(guesses.filter((r) => r.status === 429).length, 60 - PORTAL_LIMITS.failedLookupsPerAddress);
    });

    test('one gateway address: far more than 10 citizens a day get through, up to the per-address limit; other addresses unaffected', async () => {
      const gateway = '10.9.9.9';
      for (let i = 0; i < PORTAL_LIMITS.submissionsPerAddress; i += 1) {
        const r = await form(`/portal/${orgId}/apply`, citizen(100 + i), { ip: gateway });
        assert.equal(r.status, 201, `citizen ${i + 1} of ${PORTAL_LIMITS.submissionsPerAddress}`);
      }
      assert.ok(PORTAL_LIMITS.submissionsPerAddress > 10);
      const limited = await form(`/portal/${orgId}/apply`, citizen(200), { ip: gateway });
      assert.equal(limited.status, 429);
      assert.match(await limited.text(), /提交过于频繁[\s\S]*同一网络地址每小时最多提交 30 件申请/);
      assert.equal((await form(`/portal/${orgId}/apply`, citizen(200), { ip: '10.9.9.8' })).status, 201);
    });

    test('one applicant: at most the per-applicant limit an hour, whatever the addresses (the refusal sits at the identity field)', async () => {
      // Different requests of one person (the same form again would be the same case, see below).
      const ask = (i: number) => ({ ...citizen(300), 'request.description': `申请公开城关镇2024年度第${i + 1}批危房改造补助名单` });
      for (let i = 0; i < PORTAL_LIMITS.submissionsPerApplicant; i += 1) assert.equal((await form(`/portal/${orgId}/apply`, ask(i), { ip: `10.8.0.${i}` })).status, 201);
      const again = await form(`/portal/${orgId}/apply`, { ...citizen(300), 'applicant.idNumber': ` ${citizen(300)['applicant.idNumber']?.toLowerCase() ?? ''}` }, { ip: '10.8.1.1' });
      assert.equal(again.status, 429);
      assert.match(await again.text(), /同一申请人每小时最多提交 5 件申请/);
      const stored = await opened.db.selectFrom('login_failures').select('key').where('key', 'like', 'submit-applicant:%').execute();
      assert.ok(stored.length > 0 && stored.every((r) => !r.key.includes('110105')), 'the identity is kept only as a hash');
    });

    test('the same form sent again within minutes (a double click) is the same case, shown with a new code; sent at once, one case', async () => {
      const mine: Record<string, string> = { ...citizen(500), 'request.description': '申请公开城关镇2025年冬季供暖补贴发放标准' };
      const before = await deps.cases.count();
      const first = await (await form(`/portal/${orgId}/apply`, mine, { ip: '10.5.0.1' })).text();
      const second = await form(`/portal/${orgId}/apply`, { ...mine, 'applicant.name': ` ${mine['applicant.name']} ` }, { ip: '10.5.0.1' });
      assert.equal(second.status, 200);
      const html = await second.text();
      assert.match(html, /同一申请刚刚已经提交，没有重复登记/);
      const numberOf = (page: string) => /申请编号：<span class="code">([^<]+)</.exec(page)?.[1] ?? '';
      const codeOf = (page: string) => /查询码：<span class="code">([^<]+)</.exec(page)?.[1] ?? '';
      assert.equal(numberOf(html), numberOf(first));
      assert.equal(await deps.cases.count(), before + 1);
      assert.equal((await form('/portal/track', { number: numberOf(html), code: codeOf(html) })).status, 200, 'the new code works');
      assert.equal((await form('/portal/track', { number: numberOf(html), code: codeOf(first) })).status, 404, 'the first page’s code no longer does');
      // A different request from the same person is a new case.
      assert.equal((await form(`/portal/${orgId}/apply`, { ...mine, 'request.description': '申请公开城关镇2025年冬季供暖补贴发放名单' }, { ip: '10.5.0.1' })).status, 201);
      // Two identical submissions at the same moment: one case.
      const twin = { ...citizen(501), 'request.description': '申请公开县城区2025年老旧小区改造项目清单' };
      const mid = await deps.cases.count();
      const both = await Promise.all([form(`/portal/${orgId}/apply`, twin, { ip: '10.5.0.2' }), form(`/portal/${orgId}/apply`, twin, { ip: '10.5.0.3' })]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 201]);
      assert.equal(await deps.cases.count(), mid + 1);
    });

    test('online 补正 and withdrawal with the 申请编号 and 查询码', async () => {
      const page = await (await form(`/portal/${orgId}/apply`, { ...citizen(600), 'request.description': '申请公开城关镇2025年农村危房改造补助对象名单' }, { ip: '10.4.0.1' })).text();
      const number = /申请编号：<span class="code">([^<]+)</.exec(page)?.[1] ?? '';
      const code = /查询码：<span class="code">([^<]+)</.exec(page)?.[1] ?? '';
      const stored = await deps.cases.byNumber(number);
      assert.ok(stored);
      assert.ok((await takeStep(deps, stored.case.id, 'requestCorrection', { on: TODAY, items: '请写明所需名单的村组范围', replyBy: '2025-12-05' }, '李明')).ok);
      const tracked = await (await form('/portal/track', { number, code })).text();
      assert.match(tracked, /提交补正[\s\S]*请写明所需名单的村组范围/);
      const empty = await form('/portal/track/correct', { number, code, text: '  ' });
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /<h1>申请 [\s\S]*请填写补正内容/, 'refused on the case page, not sent away');
      assert.equal((await form('/portal/track/correct', { number, code: 'WRONG-CODE', text: '城关镇全部村组' })).status, 404);
      const corrected = await form('/portal/track/correct', { number, code, text: '城关镇全部12个行政村' });
      assert.equal(corrected.status, 200);
      assert.match(await corrected.text(), /补正已提交/);
      const after1 = (await deps.cases.byNumber(number))?.case;
      assert.equal(after1?.state, 'processing');
      assert.equal(after1?.correction?.receivedOn, TODAY);
      assert.equal((await form('/portal/track/withdraw', { number, code, text: '' })).status, 400, 'a withdrawal is confirmed');
      const withdrawn = await form('/portal/track/withdraw', { number, code, text: '已通过其他途径获得', confirm: '1' });
      assert.equal(withdrawn.status, 200);
      assert.equal((await deps.cases.byNumber(number))?.case.state, 'withdrawn');
      const twice = await form('/portal/track/withdraw', { number, code, confirm: '1' });
      assert.equal(twice.status, 409, 'a closed case cannot be withdrawn again');
      assert.doesNotMatch(await (await form('/portal/track', { number, code })).text(), /撤回申请<\/summary>/, 'no withdrawal offered on a closed case');
    });

    test('tracking: wrong codes for one 申请编号 are bounded across addresses; failures per address too', async () => {
      const r = await form(`/portal/${orgId}/apply`, citizen(400), { ip: '10.7.0.1' });
      const html = await r.text();
      const number = /申请编号：<span class="code">([^<]+)</.exec(html)?.[1] ?? '';
      const code = /查询码：<span class="code">([^<]+)</.exec(html)?.[1] ?? '';
      for (let i = 0; i < PORTAL_LIMITS.failedLookupsPerNumber; i += 1) assert.equal((await form('/portal/track', { number, code: `WRONG-CODE-${i}` }, { ip: `10.6.${i}.1` })).status, 404);
      const blocked = await form('/portal/track', { number, code }, { ip: '10.6.99.1' });
      assert.equal(blocked.status, 429, 'the right code too, from a fresh address: guessing this number has stopped');
      assert.match(await blocked.text(), /该申请编号每小时最多查询失败 10 次/);
      const other = await form(`/portal/${orgId}/apply`, citizen(401), { ip: '10.7.0.1' });
      const otherHtml = await other.text();
      const otherNumber = /申请编号：<span class="code">([^<]+)</.exec(otherHtml)?.[1] ?? '';
      const otherCode = /查询码：<span class="code">([^<]+)</.exec(otherHtml)?.[1] ?? '';
      assert.equal((await form('/portal/track', { number: otherNumber, code: otherCode }, { ip: '10.6.99.1' })).status, 200, 'other cases are unaffected');
      // One address mistyping many numbers: limited per address.
      for (let i = 0; i < PORTAL_LIMITS.failedLookupsPerAddress; i += 1) assert.equal((await form('/portal/track', { number: `2025-9${String(i).padStart(5, '0')}`, code: 'X' }, { ip: '10.5.0.1' })).status, 404);
      assert.equal((await form('/portal/track', { number: otherNumber, code: otherCode }, { ip: '10.5.0.1' })).status, 429);
      assert.equal((await form('/portal/track', { number: otherNumber, code: otherCode }, { ip: '10.5.0.2' })).status, 200);
    });

    test('login: wrong password 401, open redirects refused; the guide editor is for the organisation\'s admin, with CSRF', async () => {
      assert.equal((await form('/login', { username: 'admin', password: 'wrong' })).status, 401);
      const evil = await form('/login', { username: 'admin', password: 'pass-admin-2025', next: '//evil.example/x' });
      assert.equal(evil.headers.get('location'), '/applications');
      const anonymous = await app.request(`/console/guide/${orgId}`);
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.headers.get('location') ?? '', /^\/login\?next=/);
      const admin = await loginAs('admin');
      const editor = await app.request(`/console/guide/${orgId}`, { headers: { cookie: admin } });
      assert.equal(editor.status, 200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await editor.text())?.[1] ?? '';
      const fields = { office: '东山县人民政府办公室政务公开股', address: '东山县人民路1号', hours: '工作日 8:30-17:30', phone: '0371-12345678' };
      assert.equal((await form(`/console/guide/${orgId}`, fields, { cookie: admin })).status, 403, 'no CSRF token');
      const saved = await form(`/console/guide/${orgId}`, { ...fields, _csrf: csrf }, { cookie: admin });
      assert.equal(saved.status, 303);
      assert.match(await (await app.request(`/portal/${orgId}`)).text(), /东山县人民路1号/);
      const handler = await loginAs('handler');
      assert.equal((await app.request(`/console/guide/${orgId}`, { headers: { cookie: handler } })).status, 403);
      const west = await loginAs('west');
      assert.equal((await app.request(`/console/guide/${orgId}`, { headers: { cookie: west } })).status, 404);
      // The audit log: the admin sees their organisation's entries (the guide change, logins) and an intact chain.
      const log = await app.request('/console/audit', { headers: { cookie: admin } });
      assert.equal(log.status, 200);
      const logHtml = await log.text();
      assert.match(logHtml, /修改公开指南/);
      assert.match(logHtml, /哈希链完整/);
      assert.match(logHtml, /<td>admin<\/td>/);
      assert.doesNotMatch(logHtml, /<td>west<\/td>/, 'nothing of another county');
      assert.equal((await app.request('/console/audit', { headers: { cookie: handler } })).status, 403);
    });
  });
}
