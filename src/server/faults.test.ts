/**
 * A full disk or a read-only database (issue 14 item 7), on every engine, through `app.request()`: a portal
 * submission answers a coded Chinese/English error (storage.full 507, storage.readOnly 503), nothing of it is written
 * (cases, audit entries, throttle counts unchanged; the audit chain verifies), reads keep being served, and once the
 * store takes writes again the same submission goes through without a restart.
 * SQLite's full disk is SQLite's own SQLITE_FULL (max_page_count pinned to the file's size: the error a full disk
 * raises), its read-only data the SQLITE_READONLY of `PRAGMA query_only`; PostgreSQL's read-only database is
 * `default_transaction_read_only` (SQLSTATE 25006), as on a replica or a database set read-only by its administrator.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { verifyAuditLog } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';
import { faultProblem } from './faults.ts';
import { applicationForm, prepareDatabase } from './test-server.ts';

const engines = await enginesUnderTest();
const clock = { today: () => new Date().toISOString().slice(0, 10), now: () => new Date().toISOString() };

for (const engine of engines) {
  describe(`full disk, read-only data: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let orgId = '';
    const appOver = (o: OpenedDatabase): Hono =>
      buildApp({ applications: portalDeps(o.db, clock, randomUUID), people: peopleDeps(o.db, clock.now, randomUUID), ops: { ping: async () => void (await sql`select 1`.execute(o.db)) }, logError: () => undefined });
    const submit = (app: Hono, n: number, accept = 'text/html') =>
      app.request(`/portal/${orgId}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: new URLSearchParams(applicationForm(n)).toString() }, { incoming: { socket: { remoteAddress: `198.51.${n >> 8}.${n & 255}` } } });
    /** What a write would leave: cases, audit entries, throttle rows. */
    const written = async (o: OpenedDatabase) => {
      const count = async (table: 'cases' | 'audit_log') => Number((await o.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      // The rate limits' uses taken (a refused submission gives its slots back).
      const uses = await o.db.selectFrom('login_failures').select((eb) => eb.fn.sum<number>('count').as('n')).executeTakeFirstOrThrow();
      return { cases: await count('cases'), audit: await count('audit_log'), throttle: Number(uses.n ?? 0) };
    };
    const intact = async (o: OpenedDatabase) => assert.ok((await verifyAuditLog(peopleDeps(o.db, clock.now, randomUUID))).ok);

    before(async () => {
      opened = await engine.open();
      orgId = await prepareDatabase(opened);
      // One submission first, so the calendar is seeded and the tables have their first pages.
      assert.equal((await submit(appOver(opened), 1)).status, 201);
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    if (engine.name === 'sqlite') {
      test('a full disk (SQLITE_FULL): 507 storage.full in Chinese and English, nothing written, reads served, writes again once there is room', async () => {
        const app = appOver(opened);
        await sql`VACUUM`.execute(opened.db);
        const pages = Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(opened.db)).rows[0]?.page_count);
        await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(opened.db);
        // The disk fills up as applications come in: submit until one no longer fits.
        let refused: { n: number; page: Response; before: Awaited<ReturnType<typeof written>> } | null = null;
        try {
          for (let n = 100; n < 400 && refused === null; n += 1) {
            const before = await written(opened);
            const page = await submit(app, n);
            if (page.status !== 201) refused = { n, page, before };
          }
          assert.ok(refused, 'the pinned file never filled up');
          assert.equal(refused.page.status, 507);
          const html = await refused.page.text();
          assert.match(html, /磁盘空间已满/);
          assert.match(html, /未写入任何内容/);
          assert.deepEqual(await written(opened), refused.before, 'nothing of the refused submission was written (its rate-limit slot given back)');
          await intact(opened);
          assert.equal((await app.request(`/portal/${orgId}`)).status, 200, 'reads are served');
          assert.equal((await app.request('/healthz')).status, 200);
        } finally {
          await sql.raw('PRAGMA max_page_count = 1073741823').execute(opened.db);
        }
        assert.equal((await submit(app, refused.n)).status, 201, 'the same submission goes through once there is room');
        await intact(opened);
      });

      test('a read-only database (SQLITE_READONLY): 503 storage.readOnly, nothing written, reads served, writes again when writable', async () => {
        const app = appOver(opened);
        await sql`PRAGMA query_only = 1`.execute(opened.db);
        try {
          const before = await written(opened);
          const page = await submit(app, 3);
          assert.equal(page.status, 503);
          assert.match(await page.text(), /只读/);
          assert.deepEqual(await written(opened), before);
          assert.equal((await app.request(`/portal/${orgId}`)).status, 200);
        } finally {
          await sql`PRAGMA query_only = 0`.execute(opened.db);
        }
        assert.equal((await submit(app, 3)).status, 201);
        await intact(opened);
      });
    } else {
      test('a read-only database (SQLSTATE 25006): 503 storage.readOnly, nothing written, reads served', async () => {
        const name = (await sql<{ name: string }>`select current_database() as name`.execute(opened.db)).rows[0]?.name ?? '';
        await sql.raw(`ALTER DATABASE ${name} SET default_transaction_read_only = on`).execute(opened.db);
        const readOnly = await engine.connect(); // new sessions take the database's setting
        try {
          const app = appOver(readOnly);
          const before = await written(opened);
          const page = await submit(app, 4);
          assert.equal(page.status, 503);
          assert.match(await page.text(), /只读/);
          assert.deepEqual(await written(opened), before);
          assert.equal((await app.request(`/portal/${orgId}`)).status, 200);
        } finally {
          await readOnly.close();
          await sql.raw(`ALTER DATABASE ${name} RESET default_transaction_read_only`).execute(opened.db);
        }
        await intact(opened);
      });
    }
  });
}

test('faults are named by their codes: full disk, read-only, dropped connection; anything else is not a fault', () => {
  const err = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  assert.equal(faultProblem(err('SQLITE_FULL'), 'a')?.code, 'storage.full');
  assert.equal(faultProblem(err('ENOSPC'), 'a')?.code, 'storage.full');
  assert.equal(faultProblem(err('53100'), 'a')?.code, 'storage.full'); // PostgreSQL disk_full
  assert.equal(faultProblem(err('SQLITE_READONLY_DBMOVED'), 'a')?.code, 'storage.readOnly');
  assert.equal(faultProblem(err('EROFS'), 'a')?.code, 'storage.readOnly');
  assert.equal(faultProblem(err('57P01'), 'a')?.code, 'db.unreachable'); // terminated backend
  assert.equal(faultProblem(err('ECONNREFUSED'), 'a')?.code, 'db.unreachable');
  assert.equal(faultProblem(new Error('Connection terminated unexpectedly'), 'a')?.code, 'db.unreachable');
  assert.equal(faultProblem(err('23505'), 'a'), null); // a unique violation is a bug, not a fault of the machine
  assert.equal(faultProblem(new Error('kaboom'), 'a'), null);
  assert.equal(faultProblem('not an error', 'a'), null);
  const p = faultProblem(err('SQLITE_FULL'), 'a');
  assert.match(p?.messageZh ?? '', /磁盘空间已满/);
  assert.match(p?.message ?? '', /disk is full/);
});
