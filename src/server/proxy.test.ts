/**
 * The trusted-proxy setting and the client of a request: headers from an untrusted peer are ignored, a trusted peer's
 * X-Forwarded-For is walked right to left past trusted hops (IPv4, IPv6, CIDRs, IPv4-mapped), X-Forwarded-Proto marks
 * HTTPS only from a trusted peer; a malformed setting refuses start-up with a located message in Chinese and English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { clientIp, identifyClient, startSession } from './auth.ts';
import { readConfig } from './config.ts';
import { normalizeAddress, parseTrustedProxies, resolveClient, type TrustedProxies } from './proxy.ts';

const proxies = (text: string): TrustedProxies => {
  const r = parseTrustedProxies(text);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};
const client = (trusted: TrustedProxies, peer: string, forwardedFor?: string, forwardedProto?: string, urlHttps = false) =>
  resolveClient(trusted, peer, { forwardedFor, forwardedProto, urlHttps });

test('addresses are normalised: IPv4-mapped IPv6 as IPv4, ports, brackets and zones dropped, garbage → null', () => {
  assert.equal(normalizeAddress('::ffff:10.0.0.5'), '10.0.0.5');
  assert.equal(normalizeAddress('203.0.113.7:51234'), '203.0.113.7');
  assert.equal(normalizeAddress('[2001:DB8::1]:443'), '2001:db8::1');
  assert.equal(normalizeAddress('fe80::1%eth0'), 'fe80::1');
  for (const bad of ['', 'unknown', '10.0.0', '999.1.1.1', '[::1', 'evil.example', '1.2.3.4.5']) assert.equal(normalizeAddress(bad), null, bad);
});

test('the setting: addresses and CIDRs of both families; empty → none trusted', () => {
  const none = proxies('');
  assert.equal(none.has('127.0.0.1'), false);
  assert.equal(proxies(' , ').entries.length, 0, 'only blanks: the default');
  const p = proxies('127.0.0.1, 10.0.0.0/8,::1,fd00:ab::/32,192.168.1.7/32');
  assert.deepEqual(p.entries, ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00:ab::/32', '192.168.1.7/32']);
  for (const yes of ['127.0.0.1', '10.255.3.4', '::1', 'fd00:ab:1::9', '192.168.1.7']) assert.equal(p.has(yes), true, yes);
  for (const no of ['127.0.0.2', '11.0.0.1', '::2', 'fd00:ac::1', '192.168.1.8', '2001:db8::1']) assert.equal(p.has(no), false, no);
});

test('a malformed setting: config.invalid at the entry, in Chinese and English, every bad entry named', () => {
  const r = parseTrustedProxies('10.0.0.0/8,10.0.0.0/33,proxy.local,,::1/129,1.2.3.4/x');
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.at), ['GONGKAI_TRUSTED_PROXIES[2]', 'GONGKAI_TRUSTED_PROXIES[3]', 'GONGKAI_TRUSTED_PROXIES[4]', 'GONGKAI_TRUSTED_PROXIES[5]', 'GONGKAI_TRUSTED_PROXIES[6]']);
  assert.ok(r.problems.every((p) => p.code === 'config.invalid'));
  assert.match(r.problems[0]?.messageZh ?? '', /^配置有误：“10\.0\.0\.0\/33”的前缀长度应为 0 至 32 的整数$/);
  assert.match(r.problems[0]?.message ?? '', /prefix length/);
  assert.match(r.problems[1]?.messageZh ?? '', /不是 IP 地址或 CIDR/);
  assert.match(r.problems[2]?.message ?? '', /empty/);
  assert.match(r.problems[3]?.messageZh ?? '', /0 至 128/);
  // Start-up reads it with the rest of the configuration and refuses (main.ts exits 2 on any problem).
  const cfg = readConfig({ GONGKAI_TRUSTED_PROXIES: '10.0.0.1,10.0.0.0/99', PORT: '0' });
  assert.ok(!cfg.ok);
  assert.deepEqual(cfg.problems.map((p) => p.at).sort(), ['GONGKAI_TRUSTED_PROXIES[2]', 'PORT']);
  const good = readConfig({ GONGKAI_TRUSTED_PROXIES: '10.0.0.1' });
  assert.ok(good.ok && good.config.trustedProxies.has('10.0.0.1'));
  const unset = readConfig({});
  assert.ok(unset.ok && unset.config.trustedProxies.entries.length === 0);
});

test('an untrusted peer: X-Forwarded-For and -Proto are ignored (a client cannot choose its address)', () => {
  const none = proxies('');
  assert.deepEqual(client(none, '203.0.113.9', '1.1.1.1', 'https'), { ip: '203.0.113.9', https: false });
  const p = proxies('10.0.0.1');
  assert.deepEqual(client(p, '203.0.113.9', '10.0.0.1, 1.1.1.1', 'https'), { ip: '203.0.113.9', https: false });
  assert.deepEqual(client(p, '::ffff:203.0.113.9', '1.1.1.1'), { ip: '203.0.113.9', https: false }, 'a mapped address is the same client');
});

test('a trusted peer: right to left past trusted hops; spoofed entries on the left are never reached', () => {
  const p = proxies('10.0.0.0/8,::1,fd00::/8');
  // Client 198.51.100.4 wrote "6.6.6.6" itself; the edge proxy 10.1.1.1 appended what it saw; the gateway 10.2.2.2 is the peer.
  assert.equal(client(p, '10.2.2.2', '6.6.6.6, 198.51.100.4, 10.1.1.1').ip, '198.51.100.4');
  assert.equal(client(p, '::ffff:10.2.2.2', '198.51.100.4').ip, '198.51.100.4', 'peer as IPv4-mapped IPv6');
  assert.equal(client(p, '::1', '2001:db8::7, fd00::3').ip, '2001:db8::7', 'IPv6 hops and an IPv6 CIDR');
  assert.equal(client(p, '::1', '[2001:DB8::7]:5555').ip, '2001:db8::7');
  assert.equal(client(p, '10.2.2.2', '198.51.100.4:40000').ip, '198.51.100.4', 'a port on a hop');
  assert.equal(client(p, '10.2.2.2').ip, '10.2.2.2', 'no header: the proxy itself');
  assert.equal(client(p, '10.2.2.2', '10.9.9.9, 10.1.1.1').ip, '10.9.9.9', 'every hop trusted: the left-most');
  assert.equal(client(p, '10.2.2.2', '198.51.100.4, garbage, 10.1.1.1').ip, '10.1.1.1', 'an unreadable hop: the proxy that added it');
});

test('X-Forwarded-Proto: https from a trusted TLS proxy; the URL scheme otherwise', () => {
  const p = proxies('127.0.0.1');
  assert.equal(client(p, '127.0.0.1', '198.51.100.4', 'https').https, true);
  assert.equal(client(p, '127.0.0.1', '198.51.100.4', 'HTTPS, http').https, true, 'the outermost proxy speaks first');
  assert.equal(client(p, '127.0.0.1', '198.51.100.4', 'http', true).https, false);
  assert.equal(client(p, '127.0.0.1', '198.51.100.4', 'gopher', true).https, true, 'an unknown value is ignored');
  assert.equal(client(p, '127.0.0.1', '198.51.100.4').https, false);
});

test('through hono: clientIp and the session cookie follow the trusted proxy only', async () => {
  const app = (trusted: TrustedProxies) => {
    const a = new Hono();
    a.use('*', identifyClient(trusted));
    a.get('/', (c) => {
      startSession(c, { token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      return c.text(clientIp(c) ?? 'none');
    });
    return a;
  };
  const ask = (a: Hono, peer: string) =>
    a.request('/', { headers: { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https' } }, { incoming: { socket: { remoteAddress: peer } } });
  const trusting = app(proxies('127.0.0.1,::1'));
  const behind = await ask(trusting, '::1');
  assert.equal(await behind.text(), '198.51.100.4');
  assert.match(behind.headers.get('set-cookie') ?? '', /; Secure/);
  const direct = await ask(trusting, '203.0.113.9');
  assert.equal(await direct.text(), '203.0.113.9');
  assert.doesNotMatch(direct.headers.get('set-cookie') ?? '', /Secure/, 'a client cannot claim https');
  const defaults = await ask(app(proxies('')), '127.0.0.1');
  assert.equal(await defaults.text(), '127.0.0.1', 'default: no proxy trusted');
  assert.doesNotMatch(defaults.headers.get('set-cookie') ?? '', /Secure/);
});
