/**
 * The storage contract: one suite, run on every engine of ./test-engines.ts (SQLite, and PostgreSQL when reachable —
 * required in CI): migrations, the organisation tree, the calendar, backup and restore.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addCalendarYear } from '../app/calendar/index.ts';
import { createOrganization, type Organization } from '../app/organizations/index.ts';
import { createCalendar } from '../core/calendar/calendar.ts';
import { kyselyCalendar, readCalendarSeed } from './calendar.ts';
import type { OpenedDatabase } from './db.ts';
import { enginesUnderTest } from './test-engines.ts';
import { migrateToLatest, MIGRATIONS } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { countOf } from './schema.ts';

const engines = await enginesUnderTest();

const clock = () => '2026-11-23T02:00:00.000Z';

for (const engine of engines) {
  describe(`storage contract: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    before(async () => {
      opened = await engine.open();
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('migrations apply once, then nothing is pending', async () => {
      assert.equal(opened.engine, engine.name);
      assert.deepEqual(await migrateToLatest(opened.db), Object.keys(MIGRATIONS));
      assert.deepEqual(await migrateToLatest(opened.db), []);
      const tables = (await opened.db.introspection.getTables()).map((t) => t.name).sort();
      for (const t of ['calendar_days', 'calendar_years', 'organizations']) assert.ok(tables.includes(t), `${t} in ${tables.join(', ')}`);
    });

    test('organisation tree: create, get, children, subtree, list, count', async () => {
      const organizations = kyselyOrganizations(opened.db);
      const deps = { organizations, newId: randomUUID, now: clock };
      const make = async (name: string, kind: Organization['kind'], parentId: string | null = null) => {
        const r = await createOrganization(deps, { name, kind, parentId });
        assert.ok(r.ok, JSON.stringify(r));
        return r.organization;
      };
      const gov = await make('  某市人民政府 ', 'government');
      assert.equal(gov.name, '某市人民政府');
      const finance = await make('市财政局', 'department', gov.id);
      const education = await make('市教育局', 'department', gov.id);
      const office = await make('办公室', 'office', finance.id);
      const office2 = await make('办公室', 'office', education.id); // same name, other parent: fine
      const other = await make('另一县人民政府', 'government');

      assert.deepEqual(await organizations.get(office.id), office);
      assert.equal(await organizations.get('no-such-id'), null);
      assert.deepEqual((await organizations.children(gov.id)).map((o) => o.name), ['市教育局', '市财政局'].sort());
      assert.deepEqual((await organizations.children(null)).map((o) => o.id).sort(), [gov.id, other.id].sort());
      assert.deepEqual((await organizations.subtreeIds(gov.id)).sort(), [gov.id, finance.id, education.id, office.id, office2.id].sort());
      assert.deepEqual(await organizations.subtreeIds(office.id), [office.id]);
      assert.deepEqual(await organizations.subtreeIds('no-such-id'), []);
      const list = await organizations.list();
      assert.equal(list.length, 6);
      assert.deepEqual(new Set(list.slice(0, 2).map((o) => o.id)), new Set([gov.id, other.id]));
      const n = await organizations.count();
      assert.equal(typeof n, 'number');
      assert.equal(n, 6);
    });

    test('organisation rules: coded errors for a taken name, a missing parent, the level order, an empty name', async () => {
      const organizations = kyselyOrganizations(opened.db);
      const deps = { organizations, newId: randomUUID, now: clock };
      const root = await createOrganization(deps, { name: '规则测试政府', kind: 'government' });
      assert.ok(root.ok);
      const dept = await createOrganization(deps, { name: '某局', kind: 'department', parentId: root.organization.id });
      assert.ok(dept.ok);
      const code = async (input: Parameters<typeof createOrganization>[1]) => {
        const r = await createOrganization(deps, input);
        return r.ok ? 'ok' : r.problems[0]?.code;
      };
      assert.equal(await code({ name: '某局', kind: 'department', parentId: root.organization.id }), 'organization.nameTaken');
      assert.equal(await code({ name: '规则测试政府', kind: 'government' }), 'organization.nameTaken'); // roots too
      assert.equal(await code({ name: '某处', kind: 'office', parentId: 'missing' }), 'organization.parentNotFound');
      assert.equal(await code({ name: '下级政府', kind: 'government', parentId: dept.organization.id }), 'organization.kindOrder');
      assert.equal(await code({ name: '某部门', kind: 'department' }), 'organization.kindOrder');
      assert.equal(await code({ name: '   ', kind: 'government' }), 'organization.nameRequired');
      // The adapter maps the constraints itself (a race past the use case's checks).
      const direct = await organizations.create({ ...dept.organization, id: randomUUID() });
      assert.equal(direct.ok ? 'ok' : direct.problems[0]?.code, 'organization.nameTaken');
      const orphan = await organizations.create({ ...dept.organization, id: randomUUID(), name: '孤儿', parentId: 'missing' });
      assert.equal(orphan.ok ? 'ok' : orphan.problems[0]?.code, 'organization.parentNotFound');
    });

    test('calendar: seeded from seed/calendar/china.json, a year saved then loaded back', async () => {
      const seed = await readCalendarSeed();
      const calendar = kyselyCalendar(opened.db, { now: clock });
      const loaded = await calendar.load();
      assert.deepEqual(loaded.coveredYears, [...seed.coveredYears].sort((a, b) => a - b));
      assert.equal(loaded.holidays.length, seed.holidays.length);
      assert.equal(loaded.workdays.length, seed.workdays.length);
      assert.equal(loaded.sources?.['2024'], seed.sources?.['2024']);
      const cal = createCalendar(loaded);
      assert.ok(cal.ok);
      assert.deepEqual(cal.calendar.isWorkingDay('2024-02-04'), { covered: true, working: true, reason: 'makeUpWorkday', name: '春节' });
      assert.deepEqual(cal.calendar.isWorkingDay('2024-10-01'), { covered: true, working: false, reason: 'holiday', name: '国庆节' });
      assert.deepEqual(cal.calendar.isWorkingDay('2027-01-04'), { covered: false, year: 2027 });

      const notice = {
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
        holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-01-02', name: '元旦' }],
        workdays: [{ date: '2027-01-09', name: '元旦' }],
      };
      await calendar.saveYear(notice, clock());
      const again = await kyselyCalendar(opened.db).load();
      assert.ok(again.coveredYears.includes(2027));
      assert.equal(again.sources?.['2027'], notice.source);
      assert.deepEqual(again.holidays.filter((h) => h.date.startsWith('2027')), notice.holidays);
      assert.deepEqual(again.workdays.filter((h) => h.date.startsWith('2027')), notice.workdays);
      // Saving a year again replaces it, leaving the other years alone.
      await calendar.saveYear({ ...notice, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }, clock());
      const replaced = await calendar.load();
      assert.deepEqual(replaced.holidays.filter((h) => h.date.startsWith('2027')), [{ date: '2027-01-01', name: '元旦' }]);
      assert.equal(replaced.workdays.filter((h) => h.date.startsWith('2027')).length, 0);
      assert.equal(replaced.holidays.length, seed.holidays.length + 1);
    });

    test('addCalendarYear: a loaded year is kept unless replace', async () => {
      const calendar = kyselyCalendar(opened.db, { now: clock });
      const notice = { year: 2028, holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [] };
      const added = await addCalendarYear({ calendar, now: clock }, notice);
      assert.ok(added.ok, JSON.stringify(added));
      const twice = await addCalendarYear({ calendar, now: clock }, { ...notice, holidays: [] });
      assert.equal(twice.ok ? 'ok' : twice.problems[0]?.code, 'calendar.yearExists');
      assert.deepEqual((await calendar.load()).holidays.filter((h) => h.date.startsWith('2028')), notice.holidays);
      const replaced = await addCalendarYear({ calendar, now: clock }, { ...notice, holidays: [] }, { replace: true });
      assert.ok(replaced.ok);
      assert.deepEqual((await calendar.load()).holidays.filter((h) => h.date.startsWith('2028')), []);
      await opened.db.deleteFrom('calendar_years').where('year', '=', 2028).execute(); // leave the count test its 24 years
    });

    test('count(*) comes back as a number once normalised', async () => {
      const row = await opened.db.selectFrom('calendar_days').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const n = countOf(row.n as string | number | bigint);
      assert.equal(typeof n, 'number');
      assert.ok(n > 500);
      const raw = await sql<{ n: unknown }>`select count(*) as n from calendar_years`.execute(opened.db);
      assert.equal(countOf(raw.rows[0]?.n as string | number), 24);
    });

    if (engine.name === 'sqlite') {
      test('sqlite: the file is <dataDir>/gongkai.sqlite, WAL, foreign keys on', async () => {
        assert.ok(opened.file && existsSync(opened.file) && opened.file.endsWith(join('data', 'gongkai.sqlite')));
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
        assert.equal(mode.rows[0]?.journal_mode, 'wal');
        const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(opened.db);
        assert.equal(fk.rows[0]?.foreign_keys, 1);
      });
    }
  });
}
