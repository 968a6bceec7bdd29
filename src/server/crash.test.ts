/**
 * Faults of the process and the database, on the real server (issue 14 item 7), on every engine: the server is killed
 * with SIGKILL while applications are being submitted through the portal — every submission that was answered 2xx is
 * in the database afterwards, the audit chain verifies, and the server starts again on the same data. On PostgreSQL,
 * every backend of the server's database is terminated (pg_terminate_backend) several times under load: the process
 * lives on, a request caught in it answers 503 db.unreachable (never a crash or `internal`), and the pool reconnects
 * without a restart. (The shared cluster itself is never stopped: other processes use it.)
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { verifyAuditLog } from '../app/people/index.ts';
import { peopleDeps } from '../storage/application-deps.ts';
import { enginesUnderTest, type EngineUnderTest } from '../storage/test-engines.ts';
import { applicationForm, applicationNumber, eventsOf, prepareDatabase, send, startServer, type Answer } from './test-server.ts';

const engines = await enginesUnderTest();
const clock = { now: () => new Date().toISOString() };

/** The server's environment for an engine: its database URL, or the SQLite data folder `engine.open` used. */
async function serverEnv(engine: EngineUnderTest): Promise<{ env: Record<string, string>; orgId: string; url: string | null }> {
  const opened = await engine.open();
  const orgId = await prepareDatabase(opened);
  // The URL or the folder of the database just prepared (test-engines keeps them out of sight: read them back).
  const url = engine.name === 'postgres' ? await connectionUrl(opened.db) : null;
  const file = opened.file ?? '';
  await opened.close();
  return { env: url ? { DATABASE_URL: url } : { GONGKAI_DATA_DIR: file.replace(/\/gongkai\.sqlite$/, '') }, orgId, url };
}

async function connectionUrl(db: import('kysely').Kysely<import('../storage/schema.ts').Database>): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const url = new URL(process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${r.rows[0]?.name ?? ''}`;
  return url.toString();
}

for (const engine of engines) {
  describe(`faults of the process: ${engine.name}`, () => {
    let env: Record<string, string> = {};
    let orgId = '';
    let url: string | null = null;
    before(async () => {
      ({ env, orgId, url } = await serverEnv(engine));
    });
    after(() => engine.cleanup());

    test('SIGKILL while applications are submitted: every 2xx answer is in the database, the audit chain verifies, the server starts again', async (t) => {
      const server = await startServer(env);
      const answered: { n: number; answer: Answer }[] = [];
      const failed: number[] = [];
      let next = 0;
      let killed = false;
      // Eight clients submit one after another until the kill; each from an address of its own (the per-address limit).
      const client = async (): Promise<void> => {
        while (!killed) {
          const n = (next += 1);
          try {
            answered.push({ n, answer: await send(server.port, `/portal/${orgId}/apply`, { form: applicationForm(n), client: `198.51.100.${n % 250}` }) });
          } catch {
            failed.push(n);
          }
          if (answered.filter((a) => a.answer.status === 201).length >= 40 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      assert.equal(await server.exited, 'SIGKILL');
      const ok = answered.filter((a) => a.answer.status >= 200 && a.answer.status < 300);
      assert.ok(ok.length >= 40, `only ${ok.length} answered 2xx`);
      assert.deepEqual(answered.filter((a) => a.answer.status >= 300).map((a) => [a.n, a.answer.status]), [], `no error answers before the kill:\n${server.lines.filter((l) => l.includes('"level":"error"')).slice(0, 3).join('\n')}`);

      const opened = await engine.connect();
      try {
        const numbers = ok.map((a) => applicationNumber(a.answer.body));
        assert.ok(numbers.every((x) => x !== null));
        const rows = await opened.db.selectFrom('cases').select('number').execute();
        const stored = new Set(rows.map((r) => r.number));
        for (const number of numbers) assert.ok(stored.has(number ?? ''), `${number} answered 201 but is not in the database`);
        // Nothing half written: every stored case is whole (an audit entry per registration), the chain intact.
        const people = peopleDeps(opened.db, clock.now, randomUUID);
        const check = await verifyAuditLog(people);
        assert.ok(check.ok, JSON.stringify(check));
        const registered = await opened.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'case.register').executeTakeFirstOrThrow();
        assert.equal(Number(registered.n), stored.size, 'one register entry per stored case');
        t.diagnostic(`answered 2xx: ${ok.length}; cut by the kill: ${failed.length}; cases stored: ${stored.size}; audit entries verified: ${check.ok ? check.entries : 0}`);
      } finally {
        await opened.close();
      }

      // The server starts again on the data the killed one left.
      const again = await startServer(env);
      try {
        assert.equal((await send(again.port, '/healthz')).status, 200);
        const r = await send(again.port, `/portal/${orgId}/apply`, { form: applicationForm(9999), client: '203.0.113.99' });
        assert.equal(r.status, 201);
      } finally {
        again.child.kill('SIGTERM');
        assert.equal(await again.exited, 0);
      }
    });

    if (engine.name === 'postgres') {
      test('PostgreSQL backends terminated under load: the process lives, caught requests answer 503 db.unreachable, the pool reconnects', async (t) => {
        const server = await startServer(env);
        const admin = new pg.Client({ connectionString: url ?? '' });
        await admin.connect();
        const statuses = new Map<number, number>();
        const codes = new Set<string>();
        let networkErrors = 0;
        let stop = false;
        let n = 0;
        let terminated = 0;
        const client = async (i: number): Promise<void> => {
          while (!stop) {
            n += 1;
            const k = n;
            try {
              const r = i % 2 === 0 ? await send(server.port, `/portal/${orgId}`) : await send(server.port, `/portal/${orgId}/apply`, { form: applicationForm(k), client: `192.0.2.${k % 250}` });
              statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
              if (r.status >= 500) codes.add(/"error":"([^"]+)"/.exec(r.body)?.[1] ?? (/db\.unreachable|无法连接数据库/.test(r.body) ? 'db.unreachable' : `page ${r.status}`));
            } catch {
              networkErrors += 1;
            }
          }
        };
        const load = Promise.all(Array.from({ length: 6 }, (_, i) => client(i)));
        try {
          for (let round = 0; round < 4; round += 1) {
            await new Promise((r) => setTimeout(r, 400));
            const t = await admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
            terminated += (t.rows[0] as { n: number }).n;
          }
          await new Promise((r) => setTimeout(r, 400));
        } finally {
          stop = true;
          await load;
          await admin.end();
        }
        t.diagnostic(`backends terminated: ${terminated}; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
        assert.ok(terminated >= 4, 'the server held connections that were terminated');
        assert.equal(server.child.exitCode, null, `the server died:\n${server.lines.slice(-20).join('\n')}`);
        assert.equal(networkErrors, 0, 'no connection was dropped by the server');
        for (const code of codes) assert.equal(code, 'db.unreachable', `a 5xx other than db.unreachable: ${[...codes].join(', ')}`);
        for (const status of statuses.keys()) assert.ok([200, 201, 503].includes(status), `status ${status}`);
        assert.ok(eventsOf(server.lines).some((e) => e.event === 'db.connectionError' || e.event === 'error'), 'the terminations were logged');
        // Reconnected without a restart: reads and writes work again.
        assert.equal((await send(server.port, '/healthz')).status, 200);
        assert.equal((await send(server.port, `/portal/${orgId}`)).status, 200);
        assert.equal((await send(server.port, `/portal/${orgId}/apply`, { form: applicationForm(5000), client: '203.0.113.50' })).status, 201);
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0);
      });
    }
  });
}
