/**
 * Graceful shutdown of the real server (issue 14 item 8): SIGTERM while an application's form is still being
 * uploaded — the server stops accepting connections at once, the request in flight is finished (201, the case
 * stored, `Connection: close`), the database is closed and the process exits 0; a request that never ends is cut at
 * GONGKAI_SHUTDOWN_SECONDS and the process still exits 0, logging how many were cut.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../storage/db.ts';
import { applicationForm, applicationNumber, eventsOf, prepareDatabase, send, startServer } from './test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-shutdown-'));
let orgId = '';
before(async () => {
  const opened = openDatabase({ dataDir: dir });
  orgId = await prepareDatabase(opened);
  await opened.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A POST whose body is sent in two halves, the second when `rest()` is called. */
function slowPost(port: number, path: string, form: Record<string, string>) {
  const body = Buffer.from(new URLSearchParams(form).toString());
  const half = Math.floor(body.length / 2);
  let answered: (a: { status: number; body: string; connection: string | undefined }) => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, 'x-forwarded-for': '198.51.100.7' } }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.on('end', () => answered({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
  });
  req.on('error', failed);
  req.write(body.subarray(0, half));
  return { answer, rest: () => req.end(body.subarray(half)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until the server is answering `n` requests besides the scrape that asks (GET /metrics from this machine). */
async function inFlight(port: number, n: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const m = /^gongkai_http_requests_in_flight (\d+)$/m.exec((await send(port, '/metrics')).body);
    if (Number(m?.[1]) === n + 1) return;
    await sleep(25);
  }
  assert.fail(`never ${n} requests in flight`);
}

test('SIGTERM: no new connection is accepted, the upload in flight is finished and stored, the database closed, exit 0', async () => {
  const server = await startServer({ GONGKAI_DATA_DIR: dir, GONGKAI_SHUTDOWN_SECONDS: '20' });
  const slow = slowPost(server.port, `/portal/${orgId}/apply`, applicationForm(1));
  await inFlight(server.port, 1); // the request is in the server, its body half read
  server.child.kill('SIGTERM');
  await sleep(300);
  // The listening socket is closed: a new client is refused.
  await assert.rejects(send(server.port, '/healthz'), /ECONNREFUSED/);
  assert.equal(server.child.exitCode, null, 'still finishing the request in flight');
  slow.rest();
  const answer = await slow.answer;
  assert.equal(answer.status, 201);
  assert.equal(answer.connection, 'close');
  assert.equal(await server.exited, 0);
  const events = eventsOf(server.lines);
  assert.equal(events.find((e) => e.event === 'shutdown.start')?.inFlight, 1);
  assert.equal(events.find((e) => e.event === 'shutdown.done')?.cut, 0);
  const number = applicationNumber(answer.body);
  const opened = openDatabase({ dataDir: dir });
  try {
    assert.ok(await opened.db.selectFrom('cases').select('id').where('number', '=', number ?? '').executeTakeFirst(), 'the case answered 201 is stored');
  } finally {
    await opened.close();
  }
});

test('SIGTERM with a request that never finishes: cut at GONGKAI_SHUTDOWN_SECONDS, logged, exit 0', async () => {
  const server = await startServer({ GONGKAI_DATA_DIR: dir, GONGKAI_SHUTDOWN_SECONDS: '1' });
  const slow = slowPost(server.port, `/portal/${orgId}/apply`, applicationForm(2));
  slow.answer.catch(() => undefined); // its connection is closed by the server
  await inFlight(server.port, 1);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  const events = eventsOf(server.lines);
  assert.equal(events.find((e) => e.event === 'shutdown.cut')?.cut, 1);
  assert.equal(events.find((e) => e.event === 'shutdown.done')?.cut, 1);
  await assert.rejects(slow.answer);
});
