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
import type { ApplicationDeps } from '../app/applications/index.ts';
import { COMMAND_KINDS } from '../core/application/commands.ts';
import { applicationDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

const registration = (organizationId: string) => ({
  actor: '李明',
  organizationId,
  channel: 'online',
  receivedOn: '2025-11-17',
  applicant: { type: 'legalService', name: '河南天正律师事务所', idType: 'creditCode', idNumber: '91410100MA40XXXX1Q', contactPerson: '陈律师', phone: '0371-65551234', email: 'chen@tianzheng.example' },
  request: { description: '申请公开某房屋征收项目的社会稳定风险评估报告', form: 'electronic', delivery: 'email' },
});

for (const engine of engines) {
  describe(`applications API: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: ApplicationDeps;
    let app: Hono;
    let rootId = '';
    const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const json = async (r: Response) => (await r.json()) as Record<string, any>;

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      deps = applicationDeps(opened.db, clock, randomUUID);
      rootId = (await seedDemoData(deps, { today: TODAY, count: 120, seed: 11 })).rootId;
      app = buildApp({ reports: [], applications: deps, logError: () => {} });
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
      assert.equal((await post('/api/applications', { ...registration(rootId), actor: '' })).status, 400);
      assert.equal((await post('/api/applications', { ...registration(rootId), request: { description: 'x'.repeat(300_000) } })).status, 413);
      assert.equal(await deps.cases.count(), before);
    });

    test('a case from registration to answer: 201, steps, 409 for illegal or stale, 404 for unknown', async () => {
      const created = await post('/api/applications', registration(rootId));
      assert.equal(created.status, 201);
      const c = await json(created);
      const id = c.case.id as string;
      assert.match(c.case.number, /^2025-\d{6}$/);
      assert.equal(c.case.stateLabel, '办理中');
      assert.equal(c.deadlines.answerDue.date, '2025-12-15'); // 20 working days after Monday 2025-11-17
      assert.equal(c.deadlines.next.kind, 'answer');
      assert.ok(c.proof.lines.length > 20);
      assert.deepEqual(c.timeline.map((e: { kind: string }) => e.kind), ['register']);

      const illegal = await post(`/api/applications/${id}/steps/deliver`, { actor: '李明', on: '2025-11-18', route: 'email' });
      assert.equal(illegal.status, 409);
      assert.equal((await json(illegal)).error, 'application.illegalTransition');
      const invalid = await post(`/api/applications/${id}/steps/extend`, { actor: '李明', on: '2025-11-18', days: 30, approvedBy: '张主任', reason: '档案多' });
      assert.equal(invalid.status, 400);
      const stale = await post(`/api/applications/${id}/steps/extend`, { actor: '李明', on: '2025-11-18', days: 10, approvedBy: '张主任', reason: '档案多', version: 7 });
      assert.equal(stale.status, 409);
      assert.equal((await json(stale)).error, 'application.conflict');
      const extended = await post(`/api/applications/${id}/steps/extend`, { actor: '李明', on: '2025-11-18', days: 10, approvedBy: '张主任', reason: '档案多', version: 1 });
      assert.equal(extended.status, 200);
      assert.equal((await json(extended)).deadlines.answerDue.date, '2025-12-29');
      const answered = await post(`/api/applications/${id}/steps/answer`, { actor: '李明', on: '2025-11-20', category: 'partiallyGranted', text: '部分公开', approvedBy: '张主任' });
      assert.equal(answered.status, 200);
      const view = await json(await app.request(`/api/applications/${id}`));
      assert.deepEqual(view.timeline.map((e: { kind: string }) => e.kind), ['register', 'extend', 'answer']);
      assert.equal(view.case.result.row, 'partiallyGranted');
      assert.deepEqual(view.available.map((a: { kind: string }) => a.kind), ['deliver']);
      assert.equal((await app.request('/api/applications/no-such-id')).status, 404);
      assert.equal((await post('/api/applications/no-such-id/steps/answer', { actor: 'x', on: TODAY })).status, 404);
    });

    test('lists filter and sort; bad filters → 400', async () => {
      const all = await json(await app.request(`/api/applications?organization=${rootId}&limit=500`));
      assert.ok(all.total >= 120);
      const overdue = await json(await app.request('/api/applications?overdue=1&limit=500'));
      assert.ok(overdue.items.every((i: { nextDue: { date: string } }) => i.nextDue.date < TODAY));
      const processing = await json(await app.request('/api/applications?state=processing,consulting'));
      assert.ok(processing.items.every((i: { state: string }) => ['processing', 'consulting'].includes(i.state)));
      assert.equal((await app.request('/api/applications?state=lost')).status, 400);
      assert.equal((await app.request('/api/applications?dueBefore=tomorrow')).status, 400);
      assert.equal((await app.request('/api/applications?organization=nope')).status, 404);
    });

    test('year tables of an organisation with findings, and drill-down to the cases of a cell', async () => {
      const r = await app.request(`/api/organizations/${rootId}/tables/2025`);
      assert.equal(r.status, 200);
      const body = await json(r);
      assert.equal(body.report.template, '2021');
      assert.deepEqual(body.findings.filter((f: { severity: string }) => f.severity === 'error'), []);
      const total = body.report.applications.newReceived.total as number;
      const cell = await json(await app.request(`/api/organizations/${rootId}/tables/2025/cells/applications/newReceived.total?limit=1000`));
      assert.equal(cell.total, total);
      assert.equal(cell.cases.length, total);
      assert.equal((await app.request(`/api/organizations/${rootId}/tables/2025/cells/applications/nope.total`)).status, 400);
      assert.equal((await app.request(`/api/organizations/${rootId}/tables/20x5`)).status, 400);
      assert.equal((await app.request('/api/organizations/nope/tables/2025')).status, 404);
    });

    test('/openapi.json documents every step and the error shape', async () => {
      const doc = await json(await app.request('/openapi.json'));
      assert.equal(doc.openapi, '3.1.0');
      for (const kind of COMMAND_KINDS) assert.ok(doc.paths[`/api/applications/{id}/steps/${kind}`], kind);
      assert.ok(doc.components.schemas.Error.properties.error.enum.includes('application.illegalTransition'));
    });
  });
}
