/**
 * The applications HTTP API through `app.request()`, on every engine (SQLite, and PostgreSQL — required in CI):
 * statuses and coded errors (400 nothing written, 404, 409), the case with its timeline and deadline proof, lists,
 * the year tables with drill-down, and /openapi.json.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { seedDemoData } from '../app/applications/demo.ts';
import type { PortalDeps } from '../app/portal/portal.ts';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, type PeopleDeps } from '../app/people/index.ts';
import { COMMAND_KINDS } from '../core/application/commands.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

const registration = (organizationId: string) => ({
  organizationId,
  channel: 'online',
  receivedOn: '2025-11-17',
  applicant: { type: 'legalService', name: '河南天正律师事务所', idType: 'creditCode', idNumber: '91410100MA40XXXX1Q', contactPerson: '陈律师', phone: '0371-65551234', email: 'chen@tianzheng.example' },
  request: { description: '申请公开某房屋征收项目的社会稳定风险评估报告', form: 'electronic', delivery: 'email' },
});

for (const engine of engines) {
  describe(`applications API: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: PortalDeps;
    let people: PeopleDeps;
    let app: Hono;
    let rootId = '';
    let otherRootId = '';
    type Session = { cookie: string; csrf: string };
    const sessions: Record<string, Session> = {};
    /** Call as `who` (a user name, or null for anonymous); sends the session cookie and the CSRF token. */
    const call = (path: string, init: { method?: string; body?: unknown; who?: string | null; csrf?: boolean } = {}) => {
      const s = init.who === null ? undefined : sessions[init.who ?? 'admin'];
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (s) headers.cookie = s.cookie;
      if (s && init.csrf !== false) headers['x-csrf-token'] = s.csrf;
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      return app.request(path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
    };
    const post = (path: string, body: unknown, who?: string) => call(path, { body, ...(who !== undefined ? { who } : {}) });
    const json = async (r: Response) => (await r.json()) as Record<string, any>;

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      deps = portalDeps(opened.db, clock, randomUUID);
      people = peopleDeps(opened.db, clock.now, randomUUID);
      rootId = (await seedDemoData(deps, { today: TODAY, count: 120, seed: 11 })).rootId;
      const other = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '西山县人民政府', kind: 'government' });
      assert.ok(other.ok);
      otherRootId = other.organization.id;
      const orgs = await deps.organizations.list();
      const dept = orgs.find((o) => o.name === '中原县自然资源局')?.id ?? '';
      const accounts = [['admin', 'admin', rootId], ['handler', 'handler', rootId], ['approver', 'approver', rootId], ['oversight', 'oversight', rootId], ['dept', 'admin', dept], ['west', 'admin', otherRootId]] as const;
      app = buildApp({ applications: deps, people, logError: () => {} });
      for (const [username, role, org] of accounts) {
        const u = await addUser(people, { username, displayName: `${username}用户`, password: `pass-${username}-2025`, organizationId: org, role }, { id: null, name: 'test' });
        assert.ok(u.ok, JSON.stringify(u));
        const r = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `pass-${username}-2025` }) });
        assert.equal(r.status, 200);
        const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        assert.match(r.headers.get('set-cookie') ?? '', /HttpOnly/i);
        assert.match(r.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
        sessions[username] = { cookie, csrf: (await json(r)).csrfToken };
      }
      // One case of the other county, for the scoping matrix.
      const west = await call('/api/applications', { body: { ...registration(otherRootId) }, who: 'west' });
      assert.equal(west.status, 201);
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('bad input → 400 with located codes, nothing written; bad JSON → 400; too large → 413', async () => {
      const before = await deps.cases.count();
      const r = await post('/api/applications', { ...registration(rootId), receivedOn: '2025-13-01', applicant: { ...registration(rootId).applicant, idNumber: 'x' } });
      assert.equal(r.status, 400);
      const body = await json(r);
      assert.equal(body.error, 'application.invalid');
      assert.deepEqual(body.data.problems.map((p: { at: string }) => p.at).sort(), ['applicant.idNumber', 'receivedOn']);
      assert.ok(body.messageZh.length > 0 && body.message.length > 0);
      assert.equal((await post('/api/applications', '{"actor":')).status, 400);
      assert.equal((await post('/api/applications', { ...registration(rootId), request: { description: 'x'.repeat(300_000) } })).status, 413);
      assert.equal(await deps.cases.count(), before);
    });

    test('a case from registration to answer: 201, steps, 409 for illegal or stale, 404 for unknown', async () => {
      const created = await post('/api/applications', registration(rootId), 'handler');
      assert.equal(created.status, 201);
      const c = await json(created);
      const id = c.case.id as string;
      assert.match(c.case.number, /^2025-\d{6}$/);
      assert.equal(c.case.stateLabel, '办理中');
      assert.equal(c.deadlines.answerDue.date, '2025-12-15'); // 20 working days after Monday 2025-11-17
      assert.equal(c.deadlines.next.kind, 'answer');
      assert.ok(c.proof.lines.length > 20);
      assert.deepEqual(c.timeline.map((e: { kind: string }) => e.kind), ['register']);

      const illegal = await post(`/api/applications/${id}/steps/deliver`, { on: '2025-11-18', route: 'email' }, 'handler');
      assert.equal(illegal.status, 409);
      assert.equal((await json(illegal)).error, 'application.illegalTransition');
      // A handler's extension is proposed (202) and waits for an approver; the name the handler typed is not kept.
      const proposed = await post(`/api/applications/${id}/steps/extend`, { on: '2025-11-18', days: 10, approvedBy: '张主任', reason: '档案多' }, 'handler');
      assert.equal(proposed.status, 202);
      const approval = (await json(proposed)).approval;
      assert.equal(approval.status, 'pending');
      assert.equal(approval.input.approvedBy, undefined);
      assert.equal((await json(await call(`/api/applications/${id}`))).deadlines.answerDue.date, '2025-12-15', 'nothing extended before approval');
      const again = await post(`/api/applications/${id}/steps/extend`, { on: '2025-11-18', days: 10, reason: '档案多' }, 'handler');
      assert.equal((await json(again)).error, 'approval.pending');
      assert.equal((await post(`/api/approvals/${approval.id}/approve`, {}, 'handler')).status, 403, 'a handler may not approve');
      const queue = await json(await call('/api/approvals', { who: 'approver' }));
      assert.ok(queue.items.some((a: { id: string }) => a.id === approval.id));
      const invalid = await post(`/api/applications/${id}/steps/extend`, { on: '2025-11-18', days: 30, reason: '档案多' }, 'approver');
      assert.equal(invalid.status, 400);
      const extended = await post(`/api/approvals/${approval.id}/approve`, {}, 'approver');
      assert.equal(extended.status, 200);
      const ext = await json(extended);
      assert.equal(ext.deadlines.answerDue.date, '2025-12-29');
      assert.equal((await json(await post(`/api/approvals/${approval.id}/approve`, {}, 'approver'))).error, 'approval.decided');
      const stale = await post(`/api/applications/${id}/steps/answer`, { on: '2025-11-20', category: 'partiallyGranted', text: '部分公开', version: 1 }, 'approver');
      assert.equal(stale.status, 409);
      assert.equal((await json(stale)).error, 'application.conflict');
      // An approver answers directly, as their own 审核人: a typed name is ignored.
      const answered = await post(`/api/applications/${id}/steps/answer`, { on: '2025-11-20', category: 'partiallyGranted', text: '部分公开', approvedBy: '张主任' }, 'approver');
      assert.equal(answered.status, 200);
      assert.doesNotMatch(JSON.stringify(await json(answered)), /张主任/);
      const view = await json(await call(`/api/applications/${id}`));
      assert.deepEqual(view.timeline.map((e: { kind: string }) => e.kind), ['register', 'extend', 'answer']);
      assert.equal(view.case.result.row, 'partiallyGranted');
      assert.deepEqual(view.available.map((a: { kind: string }) => a.kind), ['deliver']);
      // The extension is the handler's step, approved by the approver; the answer the approver's own.
      assert.deepEqual(view.timeline.map((e: { actor: string }) => e.actor), ['handler用户', 'handler用户', 'approver用户']);
      assert.equal((await call('/api/applications/no-such-id')).status, 404);
      assert.equal((await post('/api/applications/no-such-id/steps/answer', { on: TODAY })).status, 404);
    });

    test('lists filter and sort; bad filters → 400', async () => {
      const all = await json(await call(`/api/applications?organization=${rootId}&limit=500`));
      assert.ok(all.total >= 120);
      const overdue = await json(await call('/api/applications?overdue=1&limit=500'));
      assert.ok(overdue.items.every((i: { nextDue: { date: string } }) => i.nextDue.date < TODAY));
      const processing = await json(await call('/api/applications?state=processing,consulting'));
      assert.ok(processing.items.every((i: { state: string }) => ['processing', 'consulting'].includes(i.state)));
      assert.equal((await call('/api/applications?state=lost')).status, 400);
      assert.equal((await call('/api/applications?dueBefore=tomorrow')).status, 400);
      assert.equal((await call('/api/applications?organization=nope')).status, 404);
    });

    test('lists page by an opaque cursor (next), both orders; offset and a bad cursor are coded 400s', async () => {
      for (const order of ['due', 'received']) {
        const all = await json(await call(`/api/applications?organization=${rootId}&order=${order}&limit=500`));
        assert.equal(all.next, null);
        const ids: string[] = [];
        let url = `/api/applications?organization=${rootId}&order=${order}&limit=40`;
        for (let i = 0; i < 50; i += 1) {
          const page = await json(await call(url));
          assert.equal(page.total, all.total);
          ids.push(...page.items.map((x: { id: string }) => x.id));
          if (page.next === null) break;
          assert.match(page.next, /^[A-Za-z0-9_-]+$/);
          url = `/api/applications?organization=${rootId}&order=${order}&limit=40&cursor=${page.next}`;
        }
        assert.deepEqual(ids, all.items.map((x: { id: string }) => x.id), order);
      }
      const first = await json(await call('/api/applications?limit=3'));
      const offset = await call('/api/applications?offset=3');
      assert.equal(offset.status, 400);
      assert.equal((await json(offset)).error, 'page.offset');
      assert.equal((await call('/api/applications?offset=0')).status, 200);
      for (const bad of ['x', '!!', Buffer.from('["due",1,2,3]').toString('base64url'), first.next.slice(0, -2), Buffer.from('["received","a","b"]').toString('base64url')]) {
        const r = await call(`/api/applications?cursor=${encodeURIComponent(bad)}`);
        assert.equal(r.status, 400, bad);
        assert.equal((await json(r)).error, 'page.cursor', bad);
      }
      // A cursor of one order is refused in the other.
      assert.equal((await call(`/api/applications?order=received&cursor=${first.next}`)).status, 400);
    });

    test('year tables of an organisation with findings, and drill-down to the cases of a cell', async () => {
      const r = await call(`/api/organizations/${rootId}/tables/2025`);
      assert.equal(r.status, 200);
      const body = await json(r);
      assert.equal(body.report.template, '2021');
      assert.deepEqual(body.findings.filter((f: { severity: string }) => f.severity === 'error'), []);
      const total = body.report.applications.newReceived.total as number;
      const cell = await json(await call(`/api/organizations/${rootId}/tables/2025/cells/applications/newReceived.total?limit=1000`));
      assert.equal(cell.total, total);
      assert.equal(cell.cases.length, total);
      const page = await json(await call(`/api/organizations/${rootId}/tables/2025/cells/applications/newReceived.total?limit=2`));
      assert.equal(page.total, total);
      const rest = await json(await call(`/api/organizations/${rootId}/tables/2025/cells/applications/newReceived.total?limit=1000&cursor=${page.next}`));
      assert.deepEqual([...page.cases, ...rest.cases].map((x: { id: string }) => x.id), cell.cases.map((x: { id: string }) => x.id));
      assert.equal((await json(await call(`/api/organizations/${rootId}/tables/2025/cells/applications/total.total?cursor=${page.next}`))).error, 'page.cursor');
      assert.equal((await call(`/api/organizations/${rootId}/tables/2025/cells/applications/nope.total`)).status, 400);
      assert.equal((await call(`/api/organizations/${rootId}/tables/20x5`)).status, 400);
      assert.equal((await call('/api/organizations/nope/tables/2025')).status, 404);
    });

    test('/openapi.json documents every step and the error shape', async () => {
      const doc = await json(await call('/openapi.json', { who: null }));
      assert.equal(doc.openapi, '3.1.0');
      for (const kind of COMMAND_KINDS) assert.ok(doc.paths[`/api/applications/{id}/steps/${kind}`], kind);
      assert.ok(doc.components.schemas.Error.properties.error.enum.includes('application.illegalTransition'));
    });

    test('anonymous callers get 401 on every staff operation; a change without the CSRF token gets 403', async () => {
      const c = (await json(await call(`/api/applications?limit=1`))).items[0];
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/applications'],
        ['GET', `/api/applications/${c.id}`],
        ['POST', '/api/applications', registration(rootId)],
        ['POST', `/api/applications/${c.id}/steps/withdraw`, { on: TODAY }],
        ['POST', `/api/applications/${c.id}/reviews`, {}],
        ['POST', '/api/reviews/x/decision', {}],
        ['GET', '/api/organizations'],
        ['POST', '/api/organizations', {}],
        ['GET', `/api/organizations/${rootId}/tables/2025`],
        ['GET', `/api/organizations/${rootId}/tables/2025/cells/applications/total.total`],
        ['GET', '/api/session'],
      ];
      for (const [method, path, body] of routes) {
        const r = await call(path, { method, who: null, ...(body !== undefined ? { body } : {}) });
        assert.equal(r.status, 401, `${method} ${path}`);
        assert.equal((await json(r)).error, 'auth.required');
      }
      const noCsrf = await call(`/api/applications/${c.id}/steps/withdraw`, { body: { on: TODAY }, csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.equal((await json(noCsrf)).error, 'auth.csrf');
      const doc = await json(await call('/openapi.json', { who: null }));
      for (const [path, method] of [['/api/session', 'post'], ['/openapi.json', 'get'], ['/api/reports', 'get'], ['/portal/{org}', 'get'], ['/portal/{org}/apply', 'post'], ['/portal/track', 'post']] as const) {
        assert.deepEqual(doc.paths[path][method].security, [], `${method} ${path} is public`);
      }
      assert.deepEqual(doc.security, [{ session: [], csrf: [] }], 'everything else needs the session');
    });

    test('scoping: staff of one county (or one department) cannot read, list, change or count another\'s cases (404)', async () => {
      const westCase = (await json(await call('/api/applications', { who: 'west' }))).items[0];
      assert.ok(westCase);
      await deps.reviews.add({ id: `west-review-${engine.name}`, caseId: westCase.id, organizationId: otherRootId, group: 'review', body: '西山市人民政府', reference: null, filedOn: TODAY, decidedOn: null, outcome: null, note: null }, clock.now());
      const rootCase = (await json(await call(`/api/applications?organization=${rootId}&limit=500`))).items.find((i: { organizationId: string }) => i.organizationId === rootId);
      for (const who of ['admin', 'handler', 'approver', 'oversight', 'dept']) {
        assert.equal((await call(`/api/applications/${westCase.id}`, { who })).status, 404, who);
        assert.equal((await call(`/api/applications/${westCase.id}/steps/withdraw`, { body: { on: TODAY }, who })).status, 404, who);
        assert.equal((await call(`/api/applications/${westCase.id}/reviews`, { body: { group: 'review', body: 'x', filedOn: TODAY }, who })).status, 404, who);
        assert.equal((await call(`/api/reviews/west-review-${engine.name}/decision`, { body: { decidedOn: TODAY, outcome: 'upheld' }, who })).status, 404, who);
        assert.equal((await call(`/api/applications?organization=${otherRootId}`, { who })).status, 404, who);
        assert.equal((await call(`/api/organizations/${otherRootId}/tables/2025`, { who })).status, 404, who);
        assert.equal((await call(`/api/organizations/${otherRootId}/tables/2025/cells/applications/total.total`, { who })).status, 404, who);
        const listed = await json(await call('/api/applications?limit=500', { who }));
        assert.ok(listed.items.every((i: { organizationId: string }) => i.organizationId !== otherRootId), who);
        const orgs = await json(await call('/api/organizations', { who }));
        assert.ok(orgs.items.every((o: { id: string }) => o.id !== otherRootId), who);
      }
      // A department's admin sees its own department only, not the government above it.
      assert.equal((await call(`/api/applications/${rootCase.id}`, { who: 'dept' })).status, 404);
      assert.equal((await call(`/api/organizations/${rootId}/tables/2025`, { who: 'dept' })).status, 404);
      const west = await call(`/api/applications/${westCase.id}`, { who: 'west' });
      assert.equal(west.status, 200);
    });

    test('personal data: full for the owner\'s staff (and audited), masked for oversight; oversight changes nothing', async () => {
      const id = (await json(await call('/api/applications?limit=1'))).items[0].id;
      const full = await json(await call(`/api/applications/${id}`, { who: 'handler' }));
      assert.equal(full.personalData, 'full');
      assert.doesNotMatch(full.case.applicant.idNumber, /\*/);
      const masked = await json(await call(`/api/applications/${id}`, { who: 'oversight' }));
      assert.equal(masked.personalData, 'masked');
      assert.match(masked.case.applicant.idNumber, /^.{4}\*+.{4}$/);
      const views = await people.audit.list({ limit: 20 });
      assert.ok(views.some((e) => e.action === 'personalData.view' && e.subject === `case:${id}`));
      assert.equal((await call(`/api/applications/${id}/steps/withdraw`, { body: { on: TODAY }, who: 'oversight' })).status, 403);
    });
    test('correct and void: approver/admin only (handler 403), CSRF, scope 404, coded errors; old dates need confirmDate', async () => {
      const old = await post('/api/applications', { ...registration(rootId), receivedOn: '2025-09-01' }, 'handler');
      assert.equal(old.status, 400);
      const oldBody = await json(old);
      assert.equal(oldBody.error, 'application.oldDate');
      assert.equal(oldBody.data.problems[0].at, 'receivedOn');
      const confirmed = await post('/api/applications', { ...registration(rootId), receivedOn: '2025-09-01', confirmDate: true }, 'handler');
      assert.equal(confirmed.status, 201);
      const oldId = (await json(confirmed)).case.id as string;
      const oldAnswer = await post(`/api/applications/${oldId}/steps/answer`, { on: '2025-09-02', category: 'granted', text: '予以公开' }, 'handler');
      assert.equal(oldAnswer.status, 400, 'a proposal dated more than 30 days back needs confirmDate too');
      assert.equal((await json(oldAnswer)).error, 'application.oldDate');
      assert.equal((await post(`/api/applications/${oldId}/steps/answer`, { on: '2025-09-02', category: 'granted', text: '予以公开', confirmDate: true }, 'handler')).status, 202);

      const created = await post('/api/applications', registration(rootId), 'handler');
      assert.equal(created.status, 201);
      const id = (await json(created)).case.id as string;
      const fix = { receivedOn: '2025-11-14', reason: '签收日期录错' };
      assert.equal((await post(`/api/applications/${id}/correct`, fix, 'handler')).status, 403);
      assert.equal((await post(`/api/applications/${id}/void`, { reason: '重复' }, 'handler')).status, 403);
      assert.equal((await post(`/api/applications/${id}/correct`, fix, 'oversight')).status, 403);
      assert.equal((await call(`/api/applications/${id}/correct`, { body: fix, who: 'approver', csrf: false })).status, 403);
      assert.equal((await post(`/api/applications/${id}/correct`, fix, 'west')).status, 404);
      const noReason = await post(`/api/applications/${id}/correct`, { receivedOn: '2025-11-14' }, 'approver');
      assert.equal(noReason.status, 400);
      const ok = await post(`/api/applications/${id}/correct`, fix, 'approver');
      assert.equal(ok.status, 200);
      const view = await json(ok);
      assert.equal(view.case.receivedOn, '2025-11-14');
      assert.ok(view.timeline.some((e: { kind: string; label: string }) => e.kind === 'correct' && e.label === '更正'));
      assert.equal((await post(`/api/applications/${id}/steps/requestCorrection`, { on: '2025-11-18', items: '请明确年度', replyBy: '2025-11-28' }, 'handler')).status, 200);
      const broken = await post(`/api/applications/${id}/correct`, { receivedOn: '2025-11-19', reason: '再改' }, 'admin');
      assert.equal(broken.status, 409);
      assert.equal((await json(broken)).error, 'application.correctionBreaksHistory');

      const voided = await post(`/api/applications/${id}/void`, { reason: '测试数据' }, 'admin');
      assert.equal(voided.status, 200);
      assert.equal((await json(voided)).case.state, 'voided');
      assert.equal((await post(`/api/applications/${id}/steps/receiveCorrection`, { on: TODAY }, 'admin')).status, 409);
      assert.equal((await post(`/api/applications/${id}/void`, { reason: '再次' }, 'admin')).status, 409);
      const doc = await json(await call('/openapi.json', { who: null }));
      assert.ok(doc.paths['/api/applications/{id}/correct']?.post && doc.paths['/api/applications/{id}/void']?.post);
    });
  });
}
