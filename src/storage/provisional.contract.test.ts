/**
 * The provisional calendar end to end, on every engine of ./test-engines.ts: in December 2026, before the 2027
 * holiday notice is loaded, a case's 2027 deadlines are computed provisionally (暂定) and an extension is allowed;
 * loading the 2027 notice (addCalendarYear) turns the deadlines on the case page final at once (they are computed on
 * read), and refreshNextDue recomputes the stored running deadline with one audit entry per change.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { getCase, listCases, refreshNextDue, registerApplication, takeStep, type ApplicationDeps } from '../app/applications/index.ts';
import { addCalendarYear } from '../app/calendar/index.ts';
import { createOrganization } from '../app/organizations/create-organization.ts';
import { parseHolidayNotice } from '../core/calendar/notice-file.ts';
import { kyselyAudit } from './audit.ts';
import { kyselyCalendar } from './calendar.ts';
import { kyselyApprovals, kyselyCases, kyselyReviews } from './cases.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2026-12-28';
const EXAMPLE_2027 = new URL('../../seed/calendar/example-2027.txt', import.meta.url);

for (const engine of engines) {
  describe(`provisional deadlines: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: ApplicationDeps;
    let orgId = '';
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const now = () => `${TODAY}T03:00:00.000Z`;
      deps = {
        cases: kyselyCases(opened.db),
        reviews: kyselyReviews(opened.db),
        approvals: kyselyApprovals(opened.db),
        organizations: kyselyOrganizations(opened.db),
        calendar: kyselyCalendar(opened.db, { now }),
        clock: { today: () => TODAY, now },
        ids: { newId: randomUUID },
      };
      const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now }, { name: '中原县人民政府', kind: 'government' });
      assert.ok(org.ok);
      orgId = org.organization.id;
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('received 2026-12-15: 暂定 2027 deadlines, an extension on 2026-12-28; add-year 2027 makes them final and the stored one is recomputed and audited', async () => {
      const registered = await registerApplication(deps, {
        organizationId: orgId,
        channel: 'inPerson',
        receivedOn: '2026-12-15',
        applicant: { type: 'natural', name: '刘桂英', idType: 'residentId', idNumber: '11010519491231002X', phone: '13912345678', address: '中原县城关镇建设路12号' },
        request: { description: '申请公开城关镇2026年度低保资金发放名单', form: 'paper', delivery: 'post' },
      }, '李明');
      assert.ok(registered.ok, JSON.stringify(registered));
      const id = registered.value.id;

      // 2027 is not loaded: 20 working days on weekends + 元旦 2027-01-01 (办法第二条) → 2027-01-13, 暂定.
      const first = await getCase(deps, id);
      assert.ok(first.ok);
      assert.deepEqual(first.value.clock.next?.due, { ok: true, date: '2027-01-13', provisional: true, provisionalYears: [2027] });

      const extended = await takeStep(deps, id, 'extend', { on: TODAY, days: 20, approvedBy: '张主任', reason: '需调阅档案' }, '李明');
      assert.ok(extended.ok, JSON.stringify(extended));
      const provisional = await getCase(deps, id);
      assert.ok(provisional.ok);
      assert.deepEqual(provisional.value.clock.next?.due, { ok: true, date: '2027-02-12', provisional: true, provisionalYears: [2027] }, '除夕 02-05 and 初三 02-08 off');
      const queued = async () => (await listCases(deps, orgId, {})).items.find((s) => s.id === id)?.nextDue;
      assert.deepEqual(await queued(), { kind: 'answer', date: '2027-02-12' }, 'stored for the work queue');

      // The (example) 2027 notice: 02-05 is a working day, 02-06..13 off, Sunday 02-14 worked → the 40th day is 02-16.
      const notice = parseHolidayNotice(await readFile(EXAMPLE_2027, 'utf8'));
      assert.ok(notice.ok);
      assert.ok((await addCalendarYear({ calendar: deps.calendar, now: deps.clock.now }, notice.notice)).ok);
      const final = await getCase(deps, id);
      assert.ok(final.ok);
      assert.deepEqual(final.value.clock.next?.due, { ok: true, date: '2027-02-16' }, 'computed on read: final at once, no 暂定');
      assert.deepEqual(await queued(), { kind: 'answer', date: '2027-02-12' }, 'the stored copy waits for refreshNextDue');

      const refreshed = await refreshNextDue(deps, { id: null, name: 'gongkai calendar add-year', ip: null });
      assert.equal(refreshed.checked, 1);
      assert.deepEqual(refreshed.changed, [{ id, number: registered.value.number, from: { kind: 'answer', date: '2027-02-12' }, to: { kind: 'answer', date: '2027-02-16' } }]);
      assert.deepEqual(await queued(), { kind: 'answer', date: '2027-02-16' });
      const entries = (await kyselyAudit(opened.db).list({})).filter((e) => e.action === 'case.deadline');
      assert.equal(entries.length, 1);
      assert.equal(entries[0]?.subject, `case:${id}`);
      assert.deepEqual(entries[0]?.detail, { number: registered.value.number, kind: 'answer', from: '2027-02-12', to: '2027-02-16', provisional: false, coveredYears: '2004-2027' });
      assert.equal((await refreshNextDue(deps, 'again')).changed.length, 0, 'nothing left to change, nothing audited');
      assert.equal((await kyselyAudit(opened.db).list({})).filter((e) => e.action === 'case.deadline').length, 1);
    });
  });
}
