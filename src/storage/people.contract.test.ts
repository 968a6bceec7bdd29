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

    test('throttle counters: hits from concurrent callers are all counted; a stale window restarts without its lock', async () => {
      const at = '2025-11-20T03:00:00.000Z';
      const since = '2025-11-20T02:45:00.000Z';
      const counts = await Promise.all(Array.from({ length: 25 }, () => deps.throttle.hit('ip:192.0.2.1', at, since)));
      assert.deepEqual(counts.map((c) => c.count).sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 1));
      assert.deepEqual(await deps.throttle.get('ip:192.0.2.1'), { count: 25, firstAt: at, lockedUntil: null });
      await deps.throttle.lock('ip:192.0.2.1', '2025-11-20T03:15:00.000Z');
      assert.equal((await deps.throttle.hit('ip:192.0.2.1', '2025-11-20T03:05:00.000Z', '2025-11-20T02:50:00.000Z')).lockedUntil, '2025-11-20T03:15:00.000Z', 'in the window: counted, lock kept');
      assert.deepEqual(await deps.throttle.hit('ip:192.0.2.1', '2025-11-20T03:20:00.000Z', '2025-11-20T03:05:00.000Z'), { count: 1, firstAt: '2025-11-20T03:20:00.000Z', lockedUntil: null });
    });

    test('one gateway address: a locked account does not stop another; a spraying address is throttled except for known devices', async () => {
      clock = '2025-11-20T04:00:00.000Z';
      const gateway = '10.20.0.1';
      assert.ok((await addUser(deps, { username: 'wang.fang', displayName: '王芳', password: 'xishan-lake-2025', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' })).ok);
      for (let i = 0; i < LOGIN_POLICY.maxFailures; i += 1) assert.ok(!(await login(deps, { username: 'li.ming', password: 'wrong', ip: gateway })).ok);
      const locked = await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: gateway });
      assert.ok(!locked.ok && locked.problems[0]?.code === 'auth.throttled' && locked.problems[0]?.data?.scope === 'account', 'A is locked, even with its password');
      const b = await login(deps, { username: 'wang.fang', password: 'xishan-lake-2025', ip: gateway });
      assert.ok(b.ok, 'B logs in from the same address');
      assert.ok(!(await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: '10.30.0.1' })).ok, 'the account lock holds from any address');

      // A sprayer behind the gateway tries one password on many names: the address reaches its limit.
      for (let i = LOGIN_POLICY.maxFailures; i < LOGIN_POLICY.addressMaxFailures; i += 1) {
        const r = await login(deps, { username: `staff${i}`, password: 'Password123', ip: gateway });
        assert.ok(!r.ok && r.problems[0]?.code === 'auth.invalid', `attempt ${i} is checked`);
      }
      const sprayed = await login(deps, { username: 'staff99', password: 'Password123', ip: gateway });
      assert.ok(!sprayed.ok && sprayed.problems[0]?.code === 'auth.throttled' && sprayed.problems[0]?.data?.scope === 'address');
      assert.match(sprayed.problems[0]?.messageZh ?? '', /^登录失败次数过多，请稍后再试：本网络地址登录失败次数过多，请约 15 分钟后再试/);
      assert.ok(!(await login(deps, { username: 'wang.fang', password: 'xishan-lake-2025', ip: gateway })).ok, 'a browser never used for B waits too');
      const known = await login(deps, { username: 'wang.fang', password: 'xishan-lake-2025', ip: gateway, device: b.value.deviceToken });
      assert.ok(known.ok, "B's own browser still logs in from the throttled address");
      assert.equal(known.value.deviceToken, b.value.deviceToken, 'the device keeps its cookie');
      assert.ok(!(await login(deps, { username: 'li.ming', password: 'whatever', ip: gateway, device: b.value.deviceToken })).ok, "B's device is not A's");
      assert.ok((await login(deps, { username: 'wang.fang', password: 'xishan-lake-2025', ip: '10.30.0.2' })).ok, 'other addresses are unaffected');
      clock = '2025-11-20T04:16:00.000Z';
      assert.ok((await login(deps, { username: 'li.ming', password: 'qingshui-river-42', ip: gateway })).ok, 'after the window: the address and A are free again');
      const stored = await opened.db.selectFrom('login_failures').select('key').where('key', 'like', 'device:%').execute();
      assert.ok(stored.every((r) => !r.key.includes(b.value.deviceToken)), 'only the hash of a device token is stored');
    });

    test('guesses sent at once (issue 14): 100 in parallel on one name check at most maxFailures passwords; on many names from one address at most addressMaxFailures; unknown names cost a check too; failures are audited aggregated', async () => {
      clock = '2025-11-20T06:00:00.000Z';
      assert.ok((await addUser(deps, { username: 'zhao.lei', displayName: '赵磊', password: 'zhaolei-secret-77', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' })).ok);
      let checks = 0;
      const counted: PeopleDeps = { ...deps, passwords: { hash: (p) => deps.passwords.hash(p), verify: async (p, h) => ((checks += 1), deps.passwords.verify(p, h)) } };
      const auditBefore = await opened.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'loginFailed').executeTakeFirstOrThrow();
      const guesses = Array.from({ length: 100 }, (_, i) => (i === 57 ? 'zhaolei-secret-77' : `guess-${i}`));
      const results = await Promise.all(guesses.map((password, i) => login(counted, { username: 'zhao.lei', password, ip: `10.40.${i}.1` })));
      assert.ok(checks <= LOGIN_POLICY.maxFailures, `passwords checked: ${checks}`);
      assert.equal(results.filter((r) => !r.ok && r.problems[0]?.code === 'auth.throttled').length, 100 - checks, 'every other guess is refused unchecked');
      assert.ok((await login(counted, { username: 'zhao.lei', password: 'zhaolei-secret-77', ip: '10.40.0.9' })).ok === false, 'the name is locked now');
      const auditAfter = await opened.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'loginFailed').executeTakeFirstOrThrow();
      assert.ok(Number(auditAfter.n) - Number(auditBefore.n) <= 2, `failed logins aggregated: ${Number(auditAfter.n) - Number(auditBefore.n)} rows for 101 attempts`);

      checks = 0;
      const spray = await Promise.all(Array.from({ length: 100 }, (_, i) => login(counted, { username: `spray${i}`, password: 'Password123', ip: '10.50.0.1' })));
      assert.ok(checks <= LOGIN_POLICY.addressMaxFailures, `passwords checked from one address: ${checks}`);
      assert.equal(spray.filter((r) => !r.ok && r.problems[0]?.data?.scope === 'address').length, 100 - checks);
      checks = 0;
      await login(counted, { username: 'no.such.name', password: 'x', ip: null });
      assert.equal(checks, 1, 'an unknown name is checked against a decoy hash, so it takes as long as a wrong password');
    });

    test('accounts (0008): update, last login, sessions ended per user, reset links single-use (even concurrently) and expiring', async () => {
      const made = await addUser(deps, { username: 'reset.me', displayName: '重设', password: 'reset-me-pass-1', organizationId: orgId, role: 'handler' }, { id: null, name: 'cli' });
      assert.ok(made.ok);
      const id = made.value.id;
      assert.equal(await deps.users.update(id, { role: 'approver', active: false }, clock), true);
      assert.equal(await deps.users.update('no-such-id', { active: false }, clock), false);
      let u = await deps.users.get(id);
      assert.equal(u?.role, 'approver');
      assert.equal(u?.active, false);
      assert.equal(u?.lastLoginAt, null);
      await deps.users.update(id, { active: true, lastLoginAt: clock }, clock);
      u = await deps.users.get(id);
      assert.equal(u?.lastLoginAt, clock);
      const before = await deps.users.passwordHash(id);
      await deps.users.update(id, { passwordHash: await deps.passwords.hash('another-pass-2') }, clock);
      assert.notEqual(await deps.users.passwordHash(id), before);
      for (const sid of ['s-a', 's-b', 's-c']) await deps.sessions.create({ id: sid, userId: id, csrfToken: 'x', expiresAt: '2099-01-01T00:00:00.000Z', createdAt: clock, ip: null });
      assert.equal(await deps.sessions.deleteForUser(id, 's-b'), 2);
      assert.equal((await deps.sessions.get('s-a')), null);
      assert.ok(await deps.sessions.get('s-b'));
      assert.equal(await deps.sessions.deleteForUser(id), 1);
      await deps.resets.create({ tokenHash: 'h1', userId: id, createdAt: clock, expiresAt: '2025-11-21T01:00:00.000Z' });
      assert.deepEqual(await deps.resets.find('h1', clock), { userId: id, expiresAt: '2025-11-21T01:00:00.000Z' });
      assert.equal(await deps.resets.find('h1', '2025-11-21T01:00:00.000Z'), null, 'expired at its end');
      assert.equal(await deps.resets.take('h1', '2025-11-21T01:00:00.000Z'), null);
      const takes = await Promise.all([deps.resets.take('h1', clock), deps.resets.take('h1', clock), deps.resets.take('h1', clock)]);
      assert.deepEqual(takes.filter((x) => x !== null), [id], 'one use wins');
      assert.equal(await deps.resets.find('h1', clock), null);
      await deps.resets.create({ tokenHash: 'h2', userId: id, createdAt: clock, expiresAt: '2099-01-01T00:00:00.000Z' });
      await deps.resets.voidFor(id, clock);
      assert.equal(await deps.resets.take('h2', clock), null, 'voided');
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

    test('audit log: deleting the newest entries is caught by the head; verification resumes from a checkpoint and checks only what is new', async () => {
      // The test before edited seq 3 on purpose: everything here verifies from checkpoints after it.
      const head = await deps.audit.head();
      assert.ok(head.seq > 10);
      const last = (await deps.audit.list({ limit: 1 }))[0];
      assert.equal(last?.seq, head.seq);
      assert.equal(last?.hash, head.hash, 'the head is the newest entry');
      const checkpoint = { seq: head.seq - 2, hash: (await deps.audit.list({ beforeSeq: head.seq - 1, limit: 1 }))[0]?.hash ?? '' };
      const resumed = await verifyAuditLog(deps, checkpoint);
      assert.ok(resumed.ok && resumed.checked === 2 && resumed.entries === head.seq, JSON.stringify(resumed));
      assert.ok(!(await verifyAuditLog(deps, { seq: checkpoint.seq, hash: 'f'.repeat(64) })).ok, 'a checkpoint whose entry changed is refused');
      await deps.audit.append({ at: clock, actorId: null, actorName: '测试', organizationId: orgId, action: 'logout', subject: null, detail: {}, ip: null });
      const again = await verifyAuditLog(deps, resumed.ok ? { seq: resumed.entries, hash: resumed.head } : checkpoint);
      assert.ok(again.ok && again.checked === 1, 'one new entry checked');
      // The newest entries deleted (the guard dropped): every remaining link is intact, but the head names what is gone.
      if (engine.name === 'sqlite') await sql.raw('DROP TRIGGER audit_log_no_delete').execute(opened.db);
      await opened.db.deleteFrom('audit_log').where('seq', '>', head.seq - 1).execute();
      const cut = await verifyAuditLog(deps, checkpoint);
      assert.ok(!cut.ok && cut.reason === 'head' && cut.seq === head.seq, JSON.stringify(cut));
    });
  });
}
