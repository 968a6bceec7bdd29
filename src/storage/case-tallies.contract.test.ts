/**
 * The aggregates of tables 三/四 and of the queue's totals (./case-tallies.ts), on every engine: after random
 * histories of registrations, answers, corrections (dates, applicant type), voids and review records — taken through
 * the use cases, refused ones included — they equal a full recount of the cases (core tallyCases / tallyReviews and
 * a count of the states), every year, for the whole tree, each organisation alone and each subtree; and rebuilding them from scratch
 * changes nothing. Also: keyset pages of the queue and of a drill-down cover the list exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { seedDemoData } from '../app/applications/demo.ts';
import { addReview, buildYearReport, correctApplication, decideReview, drillDown, registerApplication, takeStep, voidApplication, type ApplicationDeps } from '../app/applications/index.ts';
import { APPLICANT_TYPES } from '../core/application/terms.ts';
import { OPEN_STATES } from '../core/application/case.ts';
import { tallyCases, tallyReviews, type ApplicationTally, type ReviewTally } from '../core/application/year-tables.ts';
import { rebuildTallies, readApplicationTallies, readReviewTallies, readStateCount } from './case-tallies.ts';
import { kyselyCases, WIDE_SCOPE } from './cases.ts';
import { applicationDeps } from './application-deps.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { countOf } from './schema.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const YEARS = [2023, 2024, 2025, 2026];
const CATEGORIES = ['granted', 'partiallyGranted', 'unavailable.notHeld', 'notProcessed.repeated', 'denied.stateSecret'];

const key = (t: ApplicationTally | ReviewTally) => JSON.stringify(t);
const same = (a: readonly (ApplicationTally | ReviewTally)[], b: readonly (ApplicationTally | ReviewTally)[]) => [a.map(key).sort(), b.map(key).sort()];

type Op =
  | { kind: 'register'; org: number; day: number; type: number }
  | { kind: 'answer'; pick: number; category: number }
  | { kind: 'correct'; pick: number; day: number; type: number }
  | { kind: 'void'; pick: number }
  | { kind: 'review'; pick: number; group: number }
  | { kind: 'decide'; pick: number; outcome: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), org: fc.nat(20), day: fc.nat(700), type: fc.nat(10) }),
  fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(10_000), category: fc.nat(10) }),
  fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(10_000), day: fc.nat(700), type: fc.nat(10) }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat(10_000) }),
  fc.record({ kind: fc.constant('review' as const), pick: fc.nat(10_000), group: fc.nat(2) }),
  fc.record({ kind: fc.constant('decide' as const), pick: fc.nat(10_000), outcome: fc.nat(2) }),
);

const dayBefore = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

for (const engine of engines) {
  describe(`case tallies: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: ApplicationDeps;
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      let seq = 0;
      deps = applicationDeps(opened.db, { today: () => TODAY, now: () => `${TODAY}T03:00:${String(seq++ % 60).padStart(2, '0')}.000Z` });
      await seedDemoData(deps, { today: TODAY, count: 80, seed: 11 });
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    /** Every case and review record, as the reference counting needs them. */
    const everything = async () => {
      const cases = await opened.db.selectFrom('cases').select(['id', 'organization_id', 'state', 'applicant_type', 'received_on', 'closed_on', 'result_row']).orderBy('number').execute();
      const reviews = await opened.db.selectFrom('reviews').select(['id', 'organization_id', 'review_group', 'filed_on', 'decided_on', 'outcome']).orderBy('id').execute();
      return { cases, reviews };
    };

    const apply = async (op: Op, ids: readonly string[], reviewIds: readonly string[], orgIds: readonly string[]) => {
      const pick = (i: number, from: readonly string[]) => from[i % from.length] as string;
      switch (op.kind) {
        case 'register':
          return registerApplication(
            deps,
            { channel: 'postSignedFor', receivedOn: dayBefore(op.day), confirmDate: true, organizationId: pick(op.org, orgIds), applicant: { type: APPLICANT_TYPES[op.type % APPLICANT_TYPES.length], name: '测试申请人', ...(op.type % APPLICANT_TYPES.length === 0 ? { idType: 'residentId', idNumber: '11010519491231002X' } : { code: '91410100MA40000001' }), phone: '13912345678', address: '中原县' }, request: { description: '申请公开某文件', form: 'paper', delivery: 'post' } },
            '李明',
          );
        case 'answer':
          return takeStep(deps, pick(op.pick, ids), 'answer', { on: TODAY, category: CATEGORIES[op.category % CATEGORIES.length], text: '答复', approvedBy: '张建国' }, '李明');
        case 'correct':
          return correctApplication(deps, pick(op.pick, ids), { receivedOn: dayBefore(op.day), applicant: { type: APPLICANT_TYPES[op.type % APPLICANT_TYPES.length] }, reason: '登记有误', confirmDate: true }, '王海燕');
        case 'void':
          return voidApplication(deps, pick(op.pick, ids), { reason: '重复登记' }, '王海燕');
        case 'review': {
          const id = pick(op.pick, ids);
          const c = await deps.cases.get(id);
          return addReview(deps, id, { group: (['review', 'litigationDirect', 'litigationAfterReview'] as const)[op.group % 3], body: '中原市人民政府', filedOn: c?.closedOn ?? TODAY });
        }
        case 'decide':
          return reviewIds.length === 0 ? null : decideReview(deps, pick(op.pick, reviewIds), { decidedOn: TODAY, outcome: (['upheld', 'corrected', 'other'] as const)[op.outcome % 3] });
      }
    };

    const check = async () => {
      const { cases, reviews } = await everything();
      const orgs = (await deps.organizations.list()).map((o) => o.id);
      for (const scope of [orgs, ...orgs.map((o) => [o]), ...(await Promise.all(orgs.map((o) => deps.organizations.subtreeIds(o))))]) {
        for (const year of YEARS) {
          const facts = cases.filter((c) => scope.includes(c.organization_id)).map((c) => ({ applicantType: c.applicant_type as ApplicationTally['applicantType'], receivedOn: c.received_on, closedOn: c.closed_on, resultRow: c.result_row, voided: c.state === 'voided' }));
          const [got, want] = same(await readApplicationTallies(opened.db, scope, year), tallyCases(facts, year));
          assert.deepEqual(got, want, `table 三 ${year} ${scope.length === 1 ? scope[0] : 'tree'}`);
          const records = reviews.filter((r) => scope.includes(r.organization_id)).map((r) => ({ group: r.review_group, filedOn: r.filed_on, decidedOn: r.decided_on, outcome: r.outcome }));
          const [gotR, wantR] = same(await readReviewTallies(opened.db, scope, year), tallyReviews(records, year));
          assert.deepEqual(gotR, wantR, `table 四 ${year}`);
        }
      }
      // The state counts of any set of organisations: the tree, each one alone (a parent without its children), each subtree.
      const sets = [orgs, ...orgs.map((o) => [o]), ...(await Promise.all(orgs.map((o) => deps.organizations.subtreeIds(o))))];
      for (const set of sets) {
        for (const states of [undefined, [...OPEN_STATES], ['voided']]) {
          const want = cases.filter((c) => set.includes(c.organization_id) && (!states || states.includes(c.state))).length;
          assert.equal(await readStateCount(opened.db, set, states), want, `state count ${set.join(',')} ${states?.join(',') ?? 'all'}`);
        }
      }
    };

    test('after random histories the aggregates equal a full recount, and a rebuild changes nothing', async () => {
      let steps = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
          const orgIds = (await deps.organizations.list()).map((o) => o.id);
          for (const op of ops) {
            const { cases, reviews } = await everything();
            const r = await apply(op, cases.map((c) => c.id), reviews.filter((x) => x.decided_on === null).map((x) => x.id), orgIds);
            if (r?.ok) steps += 1;
          }
          await check();
        }),
        { numRuns: 6, seed: 20261206 },
      );
      assert.ok(steps > 20, `the histories took steps (${steps})`);
      const snapshot = async () => (await opened.db.selectFrom('case_flows').selectAll().where('count', '!=', 0).execute()).map((r) => JSON.stringify([r.organization_id, countOf(r.year), r.applicant_type, r.flow, countOf(r.count)])).sort();
      const incremental = await snapshot();
      await rebuildTallies(opened.db);
      assert.deepEqual(await snapshot(), incremental);
      await check();
    });

    test('keyset pages of the queue (both orders, narrow and wide plans) and of a drill-down cover the list exactly once', async () => {
      const orgs = (await deps.organizations.list()).map((o) => o.id);
      for (const order of ['due', 'received'] as const) {
        for (const states of [undefined, [...OPEN_STATES]]) {
          const whole = await deps.cases.list({ organizationIds: orgs, order, limit: 100_000, ...(states ? { states } : {}) });
          const seen: string[] = [];
          let after: readonly string[] | undefined;
          for (let i = 0; i < 1000; i += 1) {
            const page = await deps.cases.list({ organizationIds: orgs, order, limit: 7, ...(states ? { states } : {}), ...(after ? { after } : {}) });
            assert.equal(page.total, whole.total);
            seen.push(...page.items.map((s) => s.id));
            if (!page.next) break;
            after = page.next;
          }
          assert.deepEqual(seen, whole.items.map((s) => s.id), `${order} ${states ? 'open' : 'all'}`);
          assert.ok(whole.total < WIDE_SCOPE, 'this list is read by the narrow plan');
        }
      }
      // The wide plans on the same data (threshold lowered): the order index walked and filtered, and a states filter
      // read state by state from the state order indexes (migration 0020) — each state wide or narrow — and merged.
      for (const wideScope of [0, 3, 10]) {
        const wideCases = kyselyCases(opened.db, { wideScope });
        const someStates: (readonly string[] | undefined)[] = [undefined, [...OPEN_STATES], ['delivered'], ['withdrawn'], ['processing', 'delivered', 'withdrawn'], ['consulting']];
        for (const order of ['due', 'received'] as const) {
          for (const states of someStates) {
            for (const scope of [orgs, orgs.slice(0, 3)]) {
              const filter = { organizationIds: scope, order, ...(states ? { states: states as never } : {}) };
              const whole = await deps.cases.list({ ...filter, limit: 100_000 });
              const seen: string[] = [];
              let after: readonly string[] | undefined;
              for (let i = 0; i < 1000; i += 1) {
                const page = await wideCases.list({ ...filter, limit: 4, ...(after ? { after } : {}) });
                assert.equal(page.total, whole.total);
                seen.push(...page.items.map((s) => s.id));
                if (!page.next) break;
                after = page.next;
              }
              assert.deepEqual(seen, whole.items.map((s) => s.id), `wide ${wideScope} ${order} ${states?.join('+') ?? 'all'} ${scope.length}`);
            }
          }
        }
      }
      const root = (await deps.organizations.list()).find((o) => o.parentId === null)?.id ?? '';
      for (const cell of ['newReceived.total', 'total.total', 'carriedForward.total']) {
        const all = await drillDown(deps, root, 2025, 'applications', cell, 1000);
        assert.ok(all.ok && all.value.table === 'applications');
        const ids: string[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 1000; i += 1) {
          const page = await drillDown(deps, root, 2025, 'applications', cell, 5, cursor);
          assert.ok(page.ok && page.value.table === 'applications');
          assert.equal(page.value.total, all.value.total);
          ids.push(...page.value.cases.map((s) => s.id));
          if (!page.value.next) break;
          cursor = page.value.next;
        }
        assert.equal(ids.length, all.value.total, cell);
        assert.deepEqual(ids, all.value.cases.map((s) => s.id), cell);
      }
      // Table 四: keyset pages of two cover each cell's records once, in the order of the whole list; total = the cell.
      const report = await buildYearReport(deps, root, 2025);
      assert.ok(report.ok);
      let paged = 0;
      for (const group of ['review', 'litigationDirect', 'litigationAfterReview']) {
        for (const column of ['upheld', 'corrected', 'other', 'pending', 'total']) {
          const all = await drillDown(deps, root, 2025, 'reviewLitigation', `${group}.${column}`, 1000);
          assert.ok(all.ok && all.value.table === 'reviewLitigation');
          const ids: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 1000; i += 1) {
            const page = await drillDown(deps, root, 2025, 'reviewLitigation', `${group}.${column}`, 2, cursor);
            assert.ok(page.ok && page.value.table === 'reviewLitigation');
            assert.equal(page.value.total, all.value.total);
            ids.push(...page.value.records.map((r) => r.id));
            if (!page.value.next) break;
            cursor = page.value.next;
            paged += 1;
          }
          assert.deepEqual(ids, all.value.records.map((r) => r.id), `${group}.${column}`);
          assert.equal(ids.length, all.value.total);
        }
      }
      assert.ok(paged > 0, 'some cell of table 四 spans pages');
      const wrongCell = await drillDown(deps, root, 2025, 'applications', 'total.total', 5, (await drillDown(deps, root, 2025, 'applications', 'newReceived.total', 5)).ok ? 'eyJ4IjoxfQ' : '');
      assert.ok(!wrongCell.ok && wrongCell.problems[0]?.code === 'page.cursor');
    });
  });
}
