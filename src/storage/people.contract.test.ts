/**
 * The people contract on every engine: accounts with scrypt hashes, login and throttling, sessions, and the
 * append-only hash-chained audit log — including a state change and its audit entry written in one transaction, and
 * tampering (an edited or deleted entry) detected by verification.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { registerApplication, takeStep } from '../app/applications/index.ts';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, login, LOGIN_POLICY, logout, sessionUser, verifyAuditLog, type PeopleDeps } from '../app/people/index.ts';
import { applicationDeps, peopleDeps } from './application-deps.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();

for (const engine of engines) {
  describe(`people contract: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: PeopleDeps;
    let orgId = '';
    let clock = '2025-11-20T01:00:00.000Z';
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      deps = peopleDeps(opened.db, () => clock, randomUUID);
      const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: () => clock }, { name: '东山县人民政府', kind: 'government' });
      assert.ok(org.ok);
      orgId = org.organization.id;
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('accounts: validated, the password stored only as an scrypt hash, names unique', async () => {
      const weak = await addUser(deps, { username: 'li.ming', displayName: '李明', password: '12345678901', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' });
      assert.ok(!weak.ok && weak.problems[0]?.code === 'user.weakPassword');
      const bad = await addUser(deps, { username: 'X', displayName: '', password: 'a-good-passphrase', organizationId: 'nope', role: 'boss' }, { id: null, name: 'cli' });
      assert.ok(!bad.ok);
      assert.deepEqual(bad.problems.map((p) => p.at).sort(), ['displayName', 'organizationId', 'role', 'username']);
      const ok = await addUser(deps, { username: 'Li.Ming', displayName: '李明', password: 'qingshui-river-42', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' });
      assert.ok(ok.ok && ok.value.username === 'li.ming');
      const stored = await opened.db.selectFrom('users').select('password_hash').where('username', '=', 'li.ming').executeTakeFirstOrThrow();
      assert.match(stored.password_hash, /^scrypt\$32768\$8\$1\$/);
      assert.ok(!stored.password_hash.includes('qingshui'));
      const dup = await addUser(deps, { username: 'li.ming', displayName: '李明', password: 'another-pass-99', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' });
      assert.ok(!dup.ok && dup.problems[0]?.code === 'user.taken');
    });

    test('login, session, logout; repeated failures lock the name and say so', async () => {
      const good = await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: '10.0.0.5' });
      assert.ok(good.ok);
      const s = await sessionUser(deps, good.value.token);
      assert.equal(s?.user.username, 'li.ming');
      assert.equal(s?.csrfToken, good.value.csrfToken);
      const raw = await opened.db.selectFrom('sessions').select('id').execute();
      assert.ok(raw.every((r) => r.id !== good.value.token), 'only the hash of the token is stored');
      await logout(deps, good.value.token, '10.0.0.5');
      assert.equal(await sessionUser(deps, good.value.token), null);

      for (let i = 0; i < LOGIN_POLICY.maxFailures; i += 1) {
        const r = await login(deps, { username: 'li.ming', password: 'wrong', ip: `10.0.1.${i}` });
        assert.ok(!r.ok && r.problems[0]?.code === 'auth.invalid');
      }
      const locked = await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: '10.0.2.1' });
      assert.ok(!locked.ok && locked.problems[0]?.code === 'auth.throttled');
      clock = '2025-11-20T01:16:00.000Z';
      assert.ok((await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: '10.0.2.1' })).ok, 'unlocked after the lock time');
      const unknown = await login(deps, { username: 'nobody', password: 'x', ip: null });
      assert.ok(!unknown.ok && unknown.problems[0]?.code === 'auth.invalid');
    });

    test('audit log: state changes with their entry in one transaction; the chain verifies; tampering is named', async () => {
      const app = applicationDeps(opened.db, { today: () => '2025-11-20', now: () => clock });
      const c = await registerApplication(app, { organizationId: orgId, channel: 'inPerson', receivedOn: '2025-11-20', applicant: { type: 'natural', name: '赵静', idType: 'residentId', idNumber: '11010519491231002X', phone: '13900001111' }, request: { description: '申请公开2024年度本镇低保名单', form: 'paper', delivery: 'pickUp' } }, { id: 'u-1', name: '李明', ip: '10.0.0.5' });
      assert.ok(c.ok);
      const illegal = await takeStep(app, c.value.id, 'deliver', { on: '2025-11-20', route: 'pickUp' }, '李明');
      assert.ok(!illegal.ok);
      assert.ok((await takeStep(app, c.value.id, 'answer', { on: '2025-11-20', category: 'granted', text: '予以公开' }, { id: 'u-2', name: '张主任', ip: null })).ok);
      const entries = await deps.audit.list({ organizationIds: [orgId] });
      const actions = entries.map((e) => e.action);
      for (const a of ['user.add', 'login', 'logout', 'loginFailed', 'case.register', 'case.step']) assert.ok(actions.includes(a as never), a);
      assert.equal(entries.filter((e) => e.action === 'case.step').length, 1, 'the refused step wrote nothing');
      const ok = await verifyAuditLog(deps);
      assert.ok(ok.ok && ok.entries > 10, JSON.stringify(ok));

      await assert.rejects(opened.db.updateTable('audit_log').set({ actor_name: '王五' }).where('seq', '=', 3).execute(), /append-only/);
      // An operator with database access drops the guard and edits: verification names the entry.
      if (engine.name === 'sqlite') await sql.raw('DROP TRIGGER audit_log_no_update').execute(opened.db);
      else await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only').execute(opened.db);
      await opened.db.updateTable('audit_log').set({ actor_name: '王五' }).where('seq', '=', 3).execute();
      assert.deepEqual(await verifyAuditLog(deps), { ok: false, seq: 3, reason: 'hash', entries: 3 });
    });
  });
}
