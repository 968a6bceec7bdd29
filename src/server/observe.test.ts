/**
 * Operations through `app.request()` (issue 14 item 8), on every engine: each answer carries a request id and writes
 * one JSON log event holding the route's pattern and no personal data; /metrics counts requests by route pattern and
 * status with a latency histogram, the event loop's lag and the queues, and is served only to this machine or the
 * token's holder; /healthz says 503 when the database does not answer or the server is draining; an unexpected error
 * is logged with the request's id.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { createOrganization } from '../app/organizations/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';
import { createLogger, logLine } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { queueGauges } from './observe.ts';
import { parseTrustedProxies } from './proxy.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-21';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };
const PERSONAL = { name: '刘桂英', idNumber: '11010519491231002X', phone: '13912345678', address: '东山县城关镇建设路12号', text: '城关镇2024年度最低生活保障资金发放名单' };
const FORM = {
  'applicant.type': 'natural',
  'applicant.name': PERSONAL.name,
  'applicant.idType': 'residentId',
  'applicant.idNumber': PERSONAL.idNumber,
  'applicant.phone': PERSONAL.phone,
  'applicant.address': PERSONAL.address,
  'request.description': `申请公开${PERSONAL.text}`,
  'request.form': 'paper',
  'request.delivery': 'post',
};
const TOKEN = 'metrics-token-0123456789abcdef';
const trusted = parseTrustedProxies('10.0.0.1');
if (!trusted.ok) throw new Error('test setting');

for (const engine of engines) {
  describe(`operations: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let app: Hono;
    let metrics: Metrics;
    let orgId = '';
    let draining = false;
    let pingFails = false;
    const lines: string[] = [];
    const from = (ip: string, headers: Record<string, string> = {}) => [{ headers }, { incoming: { socket: { remoteAddress: ip } } }] as const;
    const get = (path: string, ip = '203.0.113.9', headers: Record<string, string> = {}) => {
      const [init, env] = from(ip, headers);
      return app.request(path, init, env);
    };
    const events = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const deps = portalDeps(opened.db, clock, randomUUID);
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '东山县人民政府', kind: 'government' });
      assert.ok(org.ok);
      orgId = org.organization.id;
      metrics = createMetrics(queueGauges(opened.poolStats));
      app = buildApp({
        applications: deps,
        people,
        trustedProxies: trusted.value,
        ops: {
          log: createLogger('json', (l) => lines.push(l)),
          metrics,
          metricsToken: TOKEN,
          draining: () => draining,
          ping: async () => {
            if (pingFails) throw new Error('connection refused');
            await sql`select 1`.execute(opened.db);
          },
        },
      });
      // A route that fails unexpectedly, for the error event.
      app.get('/boom-for-test', () => {
        throw new Error('kaboom');
      });
    });
    after(async () => {
      metrics.stop();
      await opened?.close();
      await engine.cleanup();
    });

    test('a portal submission: one request event with the route pattern, an id, status and time — no personal data, no path or query', async () => {
      lines.length = 0;
      const r = await app.request(`/portal/${orgId}/apply?name=${encodeURIComponent(PERSONAL.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(FORM).toString(),
      }, { incoming: { socket: { remoteAddress: '198.51.100.23' } } });
      assert.equal(r.status, 201);
      const id = r.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f]{24}$/);
      const request = events().filter((e) => e.event === 'request');
      assert.equal(request.length, 1);
      const e = request[0] ?? {};
      assert.equal(e.id, id);
      assert.equal(e.route, '/portal/:org/apply');
      assert.equal(e.method, 'POST');
      assert.equal(e.status, 201);
      assert.equal(typeof e.ms, 'number');
      assert.equal(e.level, 'info');
      const all = lines.join('\n');
      for (const secret of [...Object.values(PERSONAL), orgId, '198.51.100.23', encodeURIComponent(PERSONAL.name)]) assert.ok(!all.includes(secret), `the log holds ${secret}`);
    });

    test('request ids: new for each request; a trusted proxy\'s X-Request-Id is kept, anyone else\'s replaced', async () => {
      const a = (await get('/portal')).headers.get('x-request-id');
      const b = (await get('/portal')).headers.get('x-request-id');
      assert.ok(a && b && a !== b);
      assert.equal((await get('/portal', '10.0.0.1', { 'x-request-id': '0123456789abcdef0123456789abcdef' })).headers.get('x-request-id'), '0123456789abcdef0123456789abcdef');
      assert.notEqual((await get('/portal', '203.0.113.9', { 'x-request-id': '0123456789abcdef0123456789abcdef' })).headers.get('x-request-id'), '0123456789abcdef0123456789abcdef');
      // A trusted proxy's id that is not a plain token is not written into the log.
      const forged = 'x", "level":"error';
      assert.notEqual((await get('/portal', '10.0.0.1', { 'x-request-id': forged })).headers.get('x-request-id'), forged);
    });

    test('an unknown path is counted as `unmatched`, never by its path', async () => {
      lines.length = 0;
      assert.equal((await get('/no/such/page/13912345678')).status, 404);
      const e = events().find((x) => x.event === 'request');
      assert.equal(e?.route, 'unmatched');
      assert.ok(!lines.join('').includes('13912345678'));
    });

    test('/metrics from this machine: requests by route and status, the latency histogram, in flight, event loop, queues', async () => {
      const r = await get('/metrics', '127.0.0.1');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await r.text();
      assert.match(text, /^gongkai_http_requests_total\{method="POST",route="\/portal\/:org\/apply",status="201"\} 1$/m);
      assert.match(text, /^gongkai_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+$/m);
      assert.match(text, /^gongkai_http_request_duration_seconds_bucket\{method="POST",route="\/portal\/:org\/apply",le="\+Inf"\} 1$/m);
      assert.match(text, /^gongkai_http_request_duration_seconds_bucket\{method="GET",route="\/portal",le="0\.005"\} \d+$/m);
      assert.match(text, /^gongkai_http_request_duration_seconds_count\{method="POST",route="\/portal\/:org\/apply"\} 1$/m);
      assert.match(text, /^gongkai_http_requests_in_flight 1$/m); // this scrape itself
      assert.match(text, /^gongkai_event_loop_lag_seconds\{quantile="0\.99"\} [\d.e-]+$/m);
      assert.match(text, /^gongkai_extraction_jobs\{state="queued"\} 0$/m);
      assert.match(text, /^gongkai_pdf_exports\{state="waiting"\} 0$/m);
      if (engine.name === 'postgres') assert.match(text, /^gongkai_db_connections\{state="total"\} \d+$/m);
      assert.match(text, /^process_resident_memory_bytes \d+$/m);
      // Every sample line is `name{labels} value` with a family declared before it.
      const declared = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
      for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
        assert.match(line, /^[a-z_]+(\{[^}]*\})? [-+\d.eInf]+$/, line);
        const name = line.replace(/[{ ].*$/, '').replace(/_(bucket|sum|count)$/, '');
        assert.ok(declared.has(name) || declared.has(line.replace(/[{ ].*$/, '')), `undeclared ${line}`);
      }
    });

    test('/metrics is refused to other machines, to anything forwarded by a proxy, and to a wrong token; the token opens it', async () => {
      for (const [ip, headers] of [
        ['203.0.113.9', {}],
        ['127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }],
        ['::1', { forwarded: 'for=203.0.113.9' }],
        ['203.0.113.9', { authorization: 'Bearer wrong-token' }],
        ['10.0.0.1', { 'x-forwarded-for': '127.0.0.1' }],
      ] as const) {
        const r = await get('/metrics', ip, headers);
        assert.equal(r.status, 403, `${ip} ${JSON.stringify(headers)}`);
        const body = (await r.json()) as { error: string; messageZh: string };
        assert.equal(body.error, 'metrics.forbidden');
        assert.match(body.messageZh, /令牌/);
      }
      assert.equal((await get('/metrics', '203.0.113.9', { authorization: `Bearer ${TOKEN}` })).status, 200);
      assert.equal((await get('/metrics', '::ffff:127.0.0.1')).status, 200);
    });

    test('/healthz: 200 while the database answers, 503 db.unreachable when it does not, 503 server.draining while shutting down', async () => {
      const ok = await get('/healthz');
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { ok: true, status: 'ok', database: 'ok' });
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      pingFails = true;
      try {
        const down = await get('/healthz');
        assert.equal(down.status, 503);
        assert.equal(((await down.json()) as { error: string }).error, 'db.unreachable');
        assert.equal(down.headers.get('retry-after'), '5');
      } finally {
        pingFails = false;
      }
      draining = true;
      try {
        const d = await get('/healthz');
        assert.equal(d.status, 503);
        assert.equal(((await d.json()) as { error: string }).error, 'server.draining');
        // Every answer while draining tells the client to close its connection.
        assert.equal((await get('/portal')).headers.get('connection'), 'close');
      } finally {
        draining = false;
      }
      assert.equal((await get('/portal')).headers.get('connection'), null);
    });

    test('an unexpected error: 500 internal, one error event with the request\'s id, the route and the stack', async () => {
      lines.length = 0;
      const r = await get('/boom-for-test');
      assert.equal(r.status, 500);
      const id = r.headers.get('x-request-id');
      const e = events().find((x) => x.event === 'error');
      assert.equal(e?.id, id);
      assert.equal(e?.level, 'error');
      assert.equal(e?.route, '/boom-for-test');
      assert.equal(e?.message, 'kaboom');
      assert.match(String(e?.stack), /observe\.test\.ts/);
      assert.equal(events().find((x) => x.event === 'request')?.status, 500);
    });
  });
}

test('a log line holds only the known fields, JSON-escaped, long strings cut', () => {
  const line = logLine(new Date('2026-01-01T00:00:00Z'), 'info', 'request', { id: 'a"b\nc', message: 'x'.repeat(5000), ...({ name: '刘桂英', body: 'secret' } as object) });
  const parsed = JSON.parse(line) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['time', 'level', 'event', 'id', 'message']);
  assert.equal(parsed.id, 'a"b\nc');
  assert.ok(String(parsed.message).length <= 2001);
  assert.ok(!line.includes('刘桂英') && !line.includes('secret'));
  assert.ok(!line.includes('\n'));
});

test('log formats: json lines, readable text, and off (errors and start-up notices only)', () => {
  const at = () => new Date('2026-01-01T08:00:00Z');
  const out: Record<string, string[]> = { json: [], text: [], off: [] };
  for (const format of ['json', 'text', 'off'] as const) {
    const log = createLogger(format, (l) => out[format]?.push(l), at);
    log.event('info', 'request', { route: '/portal', status: 200 });
    log.event('error', 'error', { message: 'kaboom' });
    log.notice('gongkai is listening');
  }
  assert.deepEqual(out.json?.map((l) => (JSON.parse(l) as { event: string }).event), ['request', 'error', 'notice']);
  assert.deepEqual(out.text, ['08:00:00 info  request route=/portal status=200', '08:00:00 error error message=kaboom', 'gongkai is listening']);
  assert.deepEqual(out.off, ['08:00:00 error error message=kaboom', 'gongkai is listening']);
});
