/**
 * The SQLite reader thread (./sqlite-reader.ts): its reads see what the main connection committed, it refuses to
 * write, the event loop turns while it runs a long query (it cannot while the main connection runs one), and the
 * desk's lists, drill-downs, tables and audit pages read through it equal those read on the main connection.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedDemoData } from '../app/applications/demo.ts';
import { buildYearReport, drillDown } from '../app/applications/index.ts';
import { OPEN_STATES } from '../core/application/case.ts';
import { applicationDeps, peopleDeps } from './application-deps.ts';
import { openDatabase, type OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { openSqliteReader, type SqliteReader } from './sqlite-reader.ts';

const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T03:00:00.000Z` };

describe('SQLite reader thread', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let reader: SqliteReader;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-reader-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    reader = openSqliteReader(opened.file as string);
  });
  after(async () => {
    await reader.close();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('sees each write of the main connection as soon as it is committed', async () => {
    for (let i = 0; i < 5; i += 1) {
      await opened.db.insertInto('organizations').values({ id: `r${i}`, parent_id: null, name: `读取${i}`, kind: 'government', code: null, created_at: '2025-01-01T00:00:00Z' }).execute();
      const row = await reader.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('id', 'like', 'r%').executeTakeFirstOrThrow();
      assert.equal(Number(row.n), i + 1);
    }
  });

  test('refuses writes and transactions, with the database unchanged', async () => {
    await assert.rejects(reader.db.insertInto('organizations').values({ id: 'x', parent_id: null, name: '写入', kind: 'government', code: null, created_at: '2025-01-01T00:00:00Z' }).execute());
    await assert.rejects(reader.db.transaction().execute(async () => 1), /read-only/);
    assert.equal(await opened.db.selectFrom('organizations').select('id').where('id', '=', 'x').executeTakeFirst(), undefined);
    // A failed statement does not break the thread.
    await assert.rejects(sql`select * from no_such_table`.execute(reader.db), /no such table/);
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(reader.db)).rows[0]?.one, 1);
  });

  test('the event loop turns while the reader runs a long query, and not while the main connection does', async () => {
    const long = sql<{ n: number }>`with recursive s(i) as (select 1 union all select i + 1 from s where i < 1500000) select count(*) as n from s`;
    const ticks = async (run: () => Promise<unknown>) => {
      let n = 0;
      const timer = setInterval(() => (n += 1), 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = n;
      await run();
      clearInterval(timer);
      return n - before;
    };
    assert.equal(await ticks(() => long.execute(opened.db)), 0, 'better-sqlite3 on the main thread holds the loop');
    assert.ok((await ticks(() => long.execute(reader.db))) > 0, 'the reader thread leaves it free');
  });

  test('the desk read through the reader equals the desk read on the main connection', async () => {
    const main = applicationDeps(opened.db, clock);
    await seedDemoData(main, { today: TODAY, count: 60, seed: 5 });
    const viaReader = applicationDeps(opened.db, clock, undefined, reader.db);
    const orgs = (await main.organizations.list()).map((o) => o.id);
    const root = (await main.organizations.list()).find((o) => o.parentId === null)?.id ?? '';
    for (const filter of [{ order: 'due' as const }, { order: 'received' as const }, { states: [...OPEN_STATES], order: 'due' as const }, { dueBefore: TODAY }]) {
      assert.deepEqual(await viaReader.cases.list({ organizationIds: orgs, limit: 20, ...filter }), await main.cases.list({ organizationIds: orgs, limit: 20, ...filter }));
    }
    assert.deepEqual(await buildYearReport(viaReader, root, 2025), await buildYearReport(main, root, 2025));
    assert.deepEqual(await drillDown(viaReader, root, 2025, 'applications', 'total.total', 10), await drillDown(main, root, 2025, 'applications', 'total.total', 10));
    const people = peopleDeps(opened.db, clock.now, undefined, reader.db);
    await people.audit.append({ at: clock.now(), actorId: null, actorName: '测试', organizationId: root, action: 'case.register', subject: 'case:x', detail: {}, ip: null });
    assert.deepEqual(await people.audit.list({ organizationIds: orgs, limit: 5 }), await peopleDeps(opened.db, clock.now).audit.list({ organizationIds: orgs, limit: 5 }));
  });
});
