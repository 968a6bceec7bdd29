/**
 * Two app instances over one database, behind one reverse proxy, on every engine (issue 12: "behind a proxy"). Each
 * instance has its own connection (pool), as two server processes behind a load balancer would; every request comes
 * from the proxy's address with X-Forwarded-For. Failed logins counted on A lock on B; a session started on A works
 * on B; one account's lock never stops another account from the same address; portal limits are per client and
 * shared by the instances; headers from an untrusted peer are ignored.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser, LOGIN_POLICY, type PeopleDeps } from '../app/people/index.ts';
import { PORTAL_LIMITS } from '../app/portal/portal.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';
import { parseTrustedProxies } from './proxy.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-21';
const clock = { today: () => TODAY, now: () => `${TODAY}T03:00:00.000Z` };
const PROXY = '10.0.0.1';
const trusted = parseTrustedProxies(`${PROXY},fd00::/8`);
if (!trusted.ok) throw new Error('test setting');

const FORM = {
  'applicant.type': 'natural',
  'applicant.name': '刘桂英',
  'applicant.idType': 'residentId',
  'applicant.phone': '13912345678',
  'request.description': '申请公开城关镇2024年度最低生活保障资金发放名单',
  'request.form': 'paper',
  'request.delivery': 'pickUp',
};
/** A valid resident identity number of its own for each n (GB 11643 check digit). */
const idNumber = (n: number): string => {
  const base = `410102${1950 + (n % 50)}0301${String(n % 1000).padStart(3, '0')}`;
  const sum = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(base[i]), 0);
  return `${base}${'10X98765432'[sum % 11] ?? ''}`;
};

for (const engine of engines) {
  describe(`two instances behind a proxy: ${engine.name}`, () => {
    let dbA: OpenedDatabase;
    let dbB: OpenedDatabase;
    let peopleA: PeopleDeps;
    let a: Hono;
    let b: Hono;
    let orgId = '';

    /** A request as the proxy forwards it (`client` in X-Forwarded-For), or straight from `peer`. */
    const send = (app: Hono, path: string, init: { json?: unknown; form?: Record<string, string>; method?: string; client?: string; peer?: string; headers?: Record<string, string> }) => {
      const headers: Record<string, string> = { ...(init.client ? { 'x-forwarded-for': init.client } : {}), ...init.headers };
      let body: string | undefined;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(init.form).toString();
      }
      return app.request(path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) }, { incoming: { socket: { remoteAddress: init.peer ?? PROXY } } });
    };
    const loginVia = (app: Hono, username: string, password: string, client?: string, headers?: Record<string, string>) =>
      send(app, '/api/session', { json: { username, password }, ...(client ? { client } : {}), ...(headers ? { headers } : {}) });
    const passwordOf = (u: string) => `pass-${u}-2025`;

    before(async () => {
      dbA = await engine.open();
      await migrateToLatest(dbA.db);
      dbB = await engine.connect();
      const depsA = portalDeps(dbA.db, clock, randomUUID);
      peopleA = peopleDeps(dbA.db, clock.now, randomUUID);
      const depsB = portalDeps(dbB.db, clock, randomUUID);
      const peopleB = peopleDeps(dbB.db, clock.now, randomUUID);
      const org = await createOrganization({ organizations: depsA.organizations, newId: randomUUID, now: clock.now }, { name: '中原县人民政府', kind: 'government' });
      assert.ok(org.ok);
      orgId = org.organization.id;
      for (const u of ['alice', 'bob', 'carol']) assert.ok((await addUser(peopleA, { username: u, displayName: u, password: passwordOf(u), organizationId: orgId, role: 'handler' }, { id: null, name: 'test' })).ok);
      a = buildApp({ applications: depsA, people: peopleA, trustedProxies: trusted.value, logError: () => {} });
      b = buildApp({ applications: depsB, people: peopleB, trustedProxies: trusted.value, logError: () => {} });
    });
    after(async () => {
      await dbB?.close();
      await dbA?.close();
      await engine.cleanup();
    });

    test("failures on A count on B; alice's lock (all from the proxy's address) does not stop bob", async () => {
      for (let i = 0; i < LOGIN_POLICY.maxFailures; i += 1) assert.equal((await loginVia(i % 2 === 0 ? a : b, 'alice', 'wrong-password')).status, 401);
      const locked = await loginVia(b, 'alice', passwordOf('alice'));
      assert.equal(locked.status, 429, 'locked on B by failures counted on A and B');
      assert.equal(((await locked.json()) as { error: string }).error, 'auth.throttled');
      assert.equal((await loginVia(a, 'alice', passwordOf('alice'))).status, 429);
      assert.equal((await loginVia(a, 'bob', passwordOf('bob'))).status, 200, 'bob, from the same (proxy) address');
      assert.equal((await loginVia(b, 'carol', passwordOf('carol'), '198.51.100.20')).status, 200);
    });

    test('a session started on A works on B (cookie and CSRF token); a logout on B ends it on A', async () => {
      const r = await loginVia(a, 'carol', passwordOf('carol'), '198.51.100.21');
      assert.equal(r.status, 200);
      const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await r.json()) as { csrfToken: string };
      const onB = await send(b, '/api/session', { headers: { cookie }, client: '198.51.100.21' });
      assert.equal(onB.status, 200);
      assert.equal(((await onB.json()) as { user: { username: string } }).user.username, 'carol');
      assert.equal((await send(b, '/api/session', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } })).status, 200);
      assert.equal((await send(a, '/api/session', { headers: { cookie } })).status, 401);
    });

    test('the client behind the proxy is the one recorded and the cookie is Secure under a TLS proxy; an untrusted peer cannot claim an address', async () => {
      const viaProxy = await loginVia(a, 'bob', passwordOf('bob'), '203.0.113.5, 198.51.100.30', { 'x-forwarded-proto': 'https' });
      assert.equal(viaProxy.status, 200);
      const cookies = viaProxy.headers.getSetCookie();
      assert.equal(cookies.length, 2);
      for (const c of cookies) assert.match(c, /^gk_(session|device)=[^;]+;.*; Secure(;|$)/, c);
      const spoofed = await send(b, '/api/session', { json: { username: 'bob', password: passwordOf('bob') }, peer: '203.0.113.77', client: '198.51.100.31', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(spoofed.status, 200);
      assert.doesNotMatch(spoofed.headers.get('set-cookie') ?? '', /Secure/);
      const logins = (await peopleA.audit.list({ organizationIds: [orgId] })).filter((e) => e.action === 'login').map((e) => e.ip);
      assert.deepEqual(logins.slice(-2), ['198.51.100.30', '203.0.113.77'], 'the right-most untrusted hop; the spoofed header ignored');
      const v6 = await send(a, '/api/session', { json: { username: 'bob', password: passwordOf('bob') }, peer: 'fd00::5', client: '2001:db8::42, fd00::9' });
      assert.equal(v6.status, 200);
      assert.equal((await peopleA.audit.list({ organizationIds: [orgId] })).at(-1)?.ip, '2001:db8::42', 'IPv6 hops through an IPv6 CIDR');
    });

    test('portal: submissions are counted per client across the instances, not per proxy', async () => {
      const client = '198.51.100.40';
      for (let i = 0; i < PORTAL_LIMITS.submissionsPerAddress; i += 1) {
        const r = await send(i % 2 === 0 ? a : b, `/portal/${orgId}/apply`, { form: { ...FORM, 'applicant.idNumber': idNumber(i), 'applicant.name': `申请人${i}` }, client });
        assert.equal(r.status, 201, `citizen ${i + 1}`);
      }
      assert.equal((await send(b, `/portal/${orgId}/apply`, { form: { ...FORM, 'applicant.idNumber': idNumber(90) }, client })).status, 429, 'the limit holds across A and B');
      assert.equal((await send(a, `/portal/${orgId}/apply`, { form: { ...FORM, 'applicant.idNumber': idNumber(91) }, client: '198.51.100.41' })).status, 201, 'another client behind the same proxy');
    });
  });
}
