/**
 * The version of the public pages (migration 0022) on every engine: a write to a table the anonymous pages show moves
 * it, in the writer's transaction (a rolled-back write does not); a write elsewhere (accounts) does not move it; a
 * second connection (another process) reads the same number.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { DEMO_SITE } from '../core/portal/site.ts';
import { peopleDeps, portalDeps } from './application-deps.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { PAGE_SOURCE_TABLES } from './migrations/0022_page_version.ts';
import { pageVersion } from './page-version.ts';
import { kyselySite } from './site.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const clock = { today: () => '2025-11-20', now: () => '2025-11-20T02:00:00.000Z' };

for (const engine of engines) {
  describe(`page version: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let other: OpenedDatabase;
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      other = await engine.connect();
    });
    after(async () => {
      await other?.close();
      await opened?.close();
      await engine.cleanup();
    });

    test('moved by writes to the pages’ tables, in the same transaction; not by other writes', async () => {
      const version = pageVersion(opened.db);
      const elsewhere = pageVersion(other.db);
      const v0 = await version();
      const deps = portalDeps(opened.db, clock, randomUUID);
      const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '中原县人民政府', kind: 'government' });
      assert.ok(org.ok);
      const v1 = await version();
      assert.notEqual(v1, v0, 'a new organisation');
      assert.equal(await elsewhere(), v1, 'another connection reads the same version');
      await kyselySite(opened.db).put(DEMO_SITE, clock.now(), 'test');
      const v2 = await version();
      assert.notEqual(v2, v1, 'the site settings');
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      assert.ok((await addUser(people, { username: 'admin', displayName: '管理员', password: 'pass-admin-2025', organizationId: org.organization.id, role: 'admin' }, { id: null, name: 'test' })).ok);
      assert.equal(await version(), v2, 'an account is not on a public page');
      await assert.rejects(
        opened.db.transaction().execute(async (trx) => {
          await trx.updateTable('organizations').set({ name: '改名' }).where('id', '=', org.organization.id).execute();
          throw new Error('rolled back');
        }),
      );
      assert.equal(await version(), v2, 'a rolled-back write leaves it');
      await opened.db.updateTable('organizations').set({ name: '中原县人民政府办公室' }).where('id', '=', org.organization.id).execute();
      assert.notEqual(await version(), v2, 'a committed update moves it');
    });

    test('every table of the list has its trigger', async () => {
      if (engine.name === 'postgres') {
        // A statement trigger fires for a statement touching no row too.
        for (const table of PAGE_SOURCE_TABLES) {
          const before = await pageVersion(opened.db)();
          await sql.raw(`DELETE FROM ${table} WHERE false`).execute(opened.db);
          assert.notEqual(await pageVersion(opened.db)(), before, table);
        }
      } else {
        const r = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(opened.db);
        const names = new Set(r.rows.map((t) => t.name));
        for (const table of PAGE_SOURCE_TABLES) for (const op of ['insert', 'update', 'delete']) assert.ok(names.has(`page_version_${table}_${op}`), `${table} ${op}`);
      }
    });
  });
}
