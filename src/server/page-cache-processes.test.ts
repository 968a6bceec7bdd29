/**
 * The page cache across real server processes (issue 14 item 6), on every engine: two servers (`node src/server/main.ts`)
 * over one database — PostgreSQL shared, or one SQLite file — each keeping the portal's home in memory. An
 * organisation created through server A is on A's home at its next request, and on B's once B's version check has
 * run (polled: no timing is asserted); B's counters show it answered from memory before and was invalidated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { enginesUnderTest, type EngineUnderTest } from '../storage/test-engines.ts';
import { prepareDatabase, send, startServer, type RunningServer } from './test-server.ts';

const engines = await enginesUnderTest();

async function serverEnv(engine: EngineUnderTest): Promise<{ env: Record<string, string>; orgId: string }> {
  const opened = await engine.open();
  const orgId = await prepareDatabase(opened);
  let env: Record<string, string>;
  if (engine.name === 'postgres') {
    const r = await sql<{ name: string }>`select current_database() as name`.execute(opened.db as Kysely<Database>);
    const url = new URL(process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${r.rows[0]?.name ?? ''}`;
    env = { DATABASE_URL: url.toString() };
  } else {
    env = { GONGKAI_DATA_DIR: (opened.file ?? '').replace(/\/gongkai\.sqlite$/, '') };
  }
  await opened.close();
  return { env, orgId };
}

/** The page cache's counters from a server's /metrics (this machine, no forwarding header: allowed). */
async function cacheCounters(port: number): Promise<Record<string, number>> {
  const text = (await send(port, '/metrics')).body;
  return Object.fromEntries([...text.matchAll(/^gongkai_page_cache\{kind="(\w+)"\} (\d+)/gm)].map((m) => [m[1] ?? '', Number(m[2])]));
}

for (const engine of engines) {
  describe(`page cache across two server processes: ${engine.name}`, () => {
    const servers: RunningServer[] = [];
    let orgId = '';
    before(async () => {
      const prepared = await serverEnv(engine);
      orgId = prepared.orgId;
      servers.push(await startServer(prepared.env), await startServer(prepared.env));
    });
    after(async () => {
      for (const s of servers) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
      await engine.cleanup();
    });

    test('a write through A shows on A at once and on B after its version check; B served from memory before', async () => {
      const [a, b] = servers;
      assert.ok(a && b);
      const home = async (s: RunningServer) => (await send(s.port, '/portal')).body;
      assert.ok((await home(b)).includes('东山县人民政府'));
      await home(b);
      const before = await cacheCounters(b.port);
      assert.ok((before.hits ?? 0) >= 1, `B answered from memory: ${JSON.stringify(before)}`);

      const base = `http://127.0.0.1:${a.port}`;
      const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'pass-admin-2025' }) });
      assert.equal(session.status, 200);
      const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
      const r = await fetch(`${base}/api/organizations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name: '东山县缓存镇人民政府', kind: 'government', parentId: orgId }) });
      assert.equal(r.status, 201, await r.text());

      assert.ok((await home(a)).includes('东山县缓存镇人民政府'), 'A: its own write shows on its next page');
      // B: polled until its background version check has run (0.25 s by default); the test asserts the outcome only.
      let seen = false;
      for (let i = 0; i < 200 && !seen; i += 1) {
        seen = (await home(b)).includes('东山县缓存镇人民政府');
        if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(seen, 'B shows the organisation created through A');
      assert.ok(((await cacheCounters(b.port)).invalidations ?? 0) >= 1, 'B dropped its pages when the version moved');
    });
  });
}
