/**
 * The notifications contract, on every engine of ./test-engines.ts (SQLite, and PostgreSQL — required in CI): the
 * applicant's notices queued in the step's own transaction (登记回执, 补正告知书, 延期答复告知书, 答复书; e-mail and/or
 * SMS by what the applicant gave), nothing queued by a refused step, the worker (not configured → 未发送; a failing
 * SMTP server → failed with the reason, retried with backoff, then sent; given up after the last attempt), claims
 * that only one worker wins, digests once per organisation and day.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { approveProposal, proposeStep, registerApplication, takeStep, type ApplicationDeps } from '../app/applications/index.ts';
import { loadCalendar } from '../app/applications/cases.ts';
import { enqueueDigests, runOutbox, type OutboxDeps } from '../app/notify/notify.ts';
import type { OutboxRepository, Sender } from '../app/notify/ports.ts';
import { RETRY_MINUTES } from '../core/notify/messages.ts';
import { smtpSender, unconfiguredSms } from '../notify/senders.ts';
import { startSmtpServer } from '../notify/test-smtp-server.ts';
import { kyselyCalendar } from './calendar.ts';
import { kyselyApprovals, kyselyCases, kyselyReviews } from './cases.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { kyselyOutbox } from './outbox.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';

const application = (orgId: string, applicant: Record<string, string>) => ({
  organizationId: orgId,
  channel: 'online',
  receivedOn: '2025-11-17',
  applicant: { type: 'natural', name: '刘桂英', idType: 'residentId', idNumber: '11010519491231002X', address: '中原县城关镇建设路12号', ...applicant },
  request: { description: '申请公开城关镇2024年度低保资金发放名单', form: 'paper', delivery: 'post' },
});

for (const engine of engines) {
  describe(`notifications contract: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: ApplicationDeps;
    let outbox: OutboxRepository;
    let orgId = '';
    let nowMs = Date.parse(`${TODAY}T02:00:00.000Z`);
    const clock = { today: () => TODAY, now: () => new Date(nowMs).toISOString() };
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      deps = { cases: kyselyCases(opened.db), reviews: kyselyReviews(opened.db), approvals: kyselyApprovals(opened.db), organizations: kyselyOrganizations(opened.db), calendar: kyselyCalendar(opened.db), clock, ids: { newId: randomUUID } };
      outbox = kyselyOutbox(opened.db);
      orgId = randomUUID();
      const made = await deps.organizations.create({ id: orgId, parentId: null, name: '中原县人民政府办公室', kind: 'government', code: null, createdAt: clock.now() });
      assert.ok(made.ok);
    });
    after(async () => {
      await opened.close();
      await engine.cleanup();
    });

    test('registering with an e-mail address and a mobile number queues the 登记回执 by e-mail and SMS, in the same transaction', async () => {
      const r = await registerApplication(deps, application(orgId, { phone: '+86 139-1234-5678', email: 'liu@example.com' }), '张敏');
      assert.ok(r.ok);
      const messages = await outbox.forCase(r.value.id);
      assert.deepEqual(messages.map((m) => [m.channel, m.recipient, m.topic, m.state, m.attempts]).sort(), [
        ['email', 'liu@example.com', 'receipt', 'queued', 0],
        ['sms', '13912345678', 'receipt', 'queued', 0],
      ]);
      const mail = messages.find((m) => m.channel === 'email');
      assert.equal(mail?.subject, `政府信息公开申请登记回执（申请编号：${r.value.number}）`);
      assert.match(mail?.body ?? '', /^政府信息公开申请登记回执\n〔2025〕依申登第\d{6}号\n\n刘桂英：\n\u3000\u3000你（单位）于2025年11月17日以/);
      assert.match(mail?.body ?? '', /中原县人民政府办公室\n二〇二五年十一月十七日\n$/);
      assert.match(messages.find((m) => m.channel === 'sms')?.body ?? '', /^【中原县人民政府办公室】刘桂英：你的政府信息公开申请（申请编号：\d{4}-\d{6}）已登记，本机关将在法定期限内答复。$/);
    });

    test('no contact → nothing queued; a landline gets no SMS', async () => {
      const none = await registerApplication(deps, application(orgId, {}), '张敏');
      assert.ok(none.ok);
      assert.deepEqual(await outbox.forCase(none.value.id), []);
      const landline = await registerApplication(deps, application(orgId, { phone: '0371-65551234' }), '张敏');
      assert.ok(landline.ok);
      assert.deepEqual(await outbox.forCase(landline.value.id), []);
    });

    test('补正, 延期 (approved) and 答复 queue their notices; other steps and refused steps queue nothing', async () => {
      const r = await registerApplication(deps, application(orgId, { email: 'wang@example.com' }), '张敏');
      assert.ok(r.ok);
      const id = r.value.id;
      const topics = async (): Promise<string[]> => (await outbox.forCase(id)).map((m) => m.topic).sort();
      assert.ok((await takeStep(deps, id, 'requestCorrection', { on: '2025-11-18', items: '请写明所需信息的文号', replyBy: '2025-12-01' }, '张敏')).ok);
      assert.ok((await takeStep(deps, id, 'receiveCorrection', { on: '2025-11-19' }, '张敏')).ok);
      assert.deepEqual(await topics(), ['correction', 'receipt']);
      const correction = (await outbox.forCase(id)).find((m) => m.topic === 'correction');
      assert.match(correction?.body ?? '', /需要补正的事项如下：请写明所需信息的文号/);
      // A stale version is refused: no notice.
      const stale = await takeStep(deps, id, 'answer', { on: '2025-11-20', category: 'granted', text: '予以公开' }, '张敏', 0);
      assert.ok(!stale.ok);
      assert.deepEqual(await topics(), ['correction', 'receipt']);
      const proposed = await proposeStep(deps, id, 'extend', { on: '2025-11-20', days: '20', reason: '需要调取档案' }, { id: 'u-handler', name: '张敏', ip: null });
      assert.ok(proposed.ok);
      assert.deepEqual(await topics(), ['correction', 'receipt']);
      assert.ok((await approveProposal(deps, proposed.value.id, { id: 'u-approver', name: '李华', ip: null })).ok);
      assert.deepEqual(await topics(), ['correction', 'extension', 'receipt']);
      assert.ok((await takeStep(deps, id, 'answer', { on: '2025-11-20', category: 'granted', text: '予以公开，见附件。', approvedBy: '李华' }, '张敏')).ok);
      assert.deepEqual(await topics(), ['answer', 'correction', 'extension', 'receipt']);
      assert.match((await outbox.forCase(id)).find((m) => m.topic === 'answer')?.body ?? '', /予以公开，见附件。[\s\S]*申请行政复议/);
    });

    test('the worker: no mail server or SMS gateway → logged 未发送 with the reason, never attempted', async () => {
      const r = await registerApplication(deps, application(orgId, { phone: '13800000000', email: 'zhao@example.com' }), '张敏');
      assert.ok(r.ok);
      const w: OutboxDeps = { outbox, senders: { email: smtpSender(null), sms: unconfiguredSms }, clock };
      const summary = await runOutbox(w);
      assert.ok(summary.unsent >= 2 && summary.sent === 0 && summary.failed === 0);
      const states = (await outbox.forCase(r.value.id)).map((m) => [m.channel, m.state, m.lastError, m.attempts, m.nextAttemptAt]).sort();
      assert.deepEqual(states, [
        ['email', 'unsent', '未发送（未配置邮件服务器）', 0, null],
        ['sms', 'unsent', '未发送（未配置短信通道）', 0, null],
      ]);
      assert.deepEqual(await outbox.due(clock.now(), 100), []);
    });

    test('a failing SMTP server: failed with the reason (4xx, then 5xx), retried with backoff, then sent', async () => {
      const server = await startSmtpServer({ rcpt: (n) => (n === 1 ? '451 4.3.0 greylisted' : n === 2 ? '550 5.7.1 relay denied' : '250 2.1.5 ok') });
      after(() => server.close());
      const r = await registerApplication(deps, application(orgId, { email: 'sun@example.com' }), '张敏');
      assert.ok(r.ok);
      const w: OutboxDeps = { outbox, senders: { email: smtpSender({ host: '127.0.0.1', port: server.port, secure: 'auto', from: '中原县政务公开 <gk@zhongyuan.gov.cn>', timeoutMs: 5000 }), sms: unconfiguredSms }, clock };
      const one = async () => (await outbox.forCase(r.value.id))[0];
      await runOutbox(w);
      let m = await one();
      assert.equal(m?.state, 'failed');
      assert.equal(m?.attempts, 1);
      assert.match(m?.lastError ?? '', /^notify\.smtpTemporary：邮件服务器暂时无法接收.*451 4\.3\.0 greylisted/);
      assert.equal(m?.nextAttemptAt, new Date(nowMs + (RETRY_MINUTES[0] ?? 0) * 60_000).toISOString());
      assert.equal((await runOutbox(w)).failed, 0, 'not due again before its retry time');
      nowMs += (RETRY_MINUTES[0] ?? 0) * 60_000;
      await runOutbox(w);
      m = await one();
      assert.equal(m?.state, 'failed');
      assert.equal(m?.attempts, 2);
      assert.match(m?.lastError ?? '', /notify\.smtpRejected.*550 5\.7\.1 relay denied/);
      nowMs += (RETRY_MINUTES[1] ?? 0) * 60_000;
      await runOutbox(w);
      m = await one();
      assert.equal(m?.state, 'sent');
      assert.equal(m?.attempts, 3);
      assert.equal(m?.sentAt, clock.now());
      assert.equal(server.messages.length, 1);
      assert.deepEqual(server.commands.at(-1)?.slice(1, 3), ['MAIL FROM:<gk@zhongyuan.gov.cn>', 'RCPT TO:<sun@example.com>']);
    });

    test('after the last retry the message is failed for good; an attempt is claimed by one worker only', async () => {
      const r = await registerApplication(deps, application(orgId, { phone: '13700000000' }), '张敏');
      assert.ok(r.ok);
      let calls = 0;
      const failing: Sender = { channel: 'sms', configured: true, send: () => Promise.resolve({ ok: false, reason: `gateway down ${++calls}` }) };
      const w: OutboxDeps = { outbox, senders: { email: smtpSender(null), sms: failing }, clock };
      for (let i = 0; i <= RETRY_MINUTES.length; i++) {
        await runOutbox(w);
        nowMs += 24 * 60 * 60_000;
      }
      const m = (await outbox.forCase(r.value.id))[0];
      assert.equal(m?.state, 'failed');
      assert.equal(m?.attempts, RETRY_MINUTES.length + 1);
      assert.equal(m?.nextAttemptAt, null);
      assert.equal(m?.lastError, `gateway down ${RETRY_MINUTES.length + 1}`);
      const again = await registerApplication(deps, application(orgId, { phone: '13600000000' }), '张敏');
      assert.ok(again.ok);
      const queued = (await outbox.forCase(again.value.id))[0];
      assert.ok(queued);
      const claims = await Promise.all([outbox.claim(queued.id, 0, clock.now()), outbox.claim(queued.id, 0, clock.now())]);
      assert.deepEqual(claims.sort(), [false, true]);
    });

    test('digests: one per organisation with an address and day, listing its overdue cases; the admin list filters by state', async () => {
      const cal = await loadCalendar(deps);
      const digestDeps = { outbox, cases: deps.cases, organizations: deps.organizations, clock, ids: deps.ids };
      assert.deepEqual(await enqueueDigests(digestDeps, cal), { queued: 0, organizations: 0 });
      await outbox.setAddress(orgId, 'office@zhongyuan.gov.cn', clock.now(), 'admin');
      // An old case, overdue by now.
      const old = await registerApplication(deps, { ...application(orgId, {}), receivedOn: '2025-09-01', confirmDate: true }, '张敏');
      assert.ok(old.ok);
      assert.deepEqual(await enqueueDigests(digestDeps, cal), { queued: 1, organizations: 1 });
      assert.deepEqual(await enqueueDigests(digestDeps, cal), { queued: 0, organizations: 1 });
      const digests = (await outbox.list({ organizationIds: [orgId], states: ['queued'] })).items.filter((m) => m.topic === 'digest');
      assert.equal(digests.length, 1);
      assert.equal(digests[0]?.recipient, 'office@zhongyuan.gov.cn');
      assert.match(digests[0]?.subject ?? '', /^依申请公开案件到期提醒：已超期\d+件，即将到期\d+件（2025-11-20）$/);
      assert.ok(digests[0]?.body.includes(old.value.number));
      const all = await outbox.list({ organizationIds: [orgId], limit: 2 });
      assert.equal(all.items.length, 2);
      assert.ok(all.total > 5);
      assert.equal((await outbox.list({ organizationIds: [] })).total, 0);
      await outbox.setAddress(orgId, null, clock.now(), 'admin');
      assert.equal((await outbox.addresses()).size, 0);
    });
  });
}
