/**
 * The cases contract, on every engine of ./test-engines.ts (SQLite, and PostgreSQL — required in CI): registration
 * and numbering, steps with their events in one transaction, refusals that write nothing, optimistic concurrency,
 * the SQL year tables against the core's reference counting, drill-down, lists and review records.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { seedDemoData } from '../app/applications/demo.ts';
import { buildYearReport, correctApplication, drillDown, getCase, listCases, loadCalendar, registerApplication, takeStep, addReview, decideReview, voidApplication, type ApplicationDeps } from '../app/applications/index.ts';
import { cellValue } from '../core/annual-report/model.ts';
import { TEMPLATES, tableCells } from '../core/annual-report/templates/index.ts';
import { validateReport } from '../core/annual-report/validate.ts';
import { CASE_STATES, OPEN_STATES } from '../core/application/case.ts';
import { replay } from '../core/application/transitions.ts';
import { tallyCases, tallyReviews, type ApplicationTally, type ReviewFacts } from '../core/application/year-tables.ts';
import { kyselyCalendar } from './calendar.ts';
import { approveProposal, proposeStep, returnProposal } from '../app/applications/index.ts';
import { verifyChain } from '../core/people/audit.ts';
import { kyselyAudit } from './audit.ts';
import { kyselyApprovals, kyselyCases, kyselyReviews } from './cases.ts';
import { nodeCrypto } from './passwords.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyOrganizations } from './organizations.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';

const sorted = (t: readonly ApplicationTally[]) => [...t].sort((a, b) => `${a.row}|${a.applicantType}`.localeCompare(`${b.row}|${b.applicantType}`));

const APPLICATION = {
  channel: 'postSignedFor',
  receivedOn: '2025-11-03',
  applicant: { type: 'natural', name: '刘桂英', idType: 'residentId', idNumber: '11010519491231002X', phone: '13912345678', address: '中原县城关镇建设路12号' },
  request: { description: '申请公开城关镇2024年度低保资金发放名单', form: 'paper', delivery: 'post' },
};

for (const engine of engines) {
  describe(`cases contract: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let deps: ApplicationDeps;
    let rootId = '';
    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      let seq = 0;
      deps = {
        cases: kyselyCases(opened.db),
        reviews: kyselyReviews(opened.db),
        approvals: kyselyApprovals(opened.db),
        organizations: kyselyOrganizations(opened.db),
        calendar: kyselyCalendar(opened.db),
        clock: { today: () => TODAY, now: () => `${TODAY}T03:00:${String(seq++ % 60).padStart(2, '0')}.000Z` },
        ids: { newId: randomUUID },
      };
      rootId = (await seedDemoData(deps, { today: TODAY, count: 260, seed: 7 })).rootId;
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
    });

    test('registers with the next 申请编号 of the year, and takes steps with their events; refusals write nothing', async () => {
      const before = await deps.cases.count();
      const bad = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, applicant: { ...APPLICATION.applicant, idNumber: '123' } }, '李明');
      assert.ok(!bad.ok && bad.problems[0]?.code === 'application.invalid' && bad.problems[0].at === 'applicant.idNumber');
      const unknownOrg = await registerApplication(deps, { ...APPLICATION, organizationId: 'nope' }, '李明');
      assert.ok(!unknownOrg.ok && unknownOrg.problems[0]?.at === 'organizationId');
      assert.equal(await deps.cases.count(), before);

      const a = await registerApplication(deps, { ...APPLICATION, organizationId: rootId }, '李明');
      const b = await registerApplication(deps, { ...APPLICATION, organizationId: rootId }, '李明');
      assert.ok(a.ok && b.ok);
      const [na, nb] = [Number(a.value.number.slice(5)), Number(b.value.number.slice(5))];
      assert.ok(a.value.number.startsWith('2025-') && nb === na + 1, `${a.value.number} ${b.value.number}`);

      const illegal = await takeStep(deps, a.value.id, 'deliver', { on: '2025-11-05', route: 'post' }, '李明');
      assert.ok(!illegal.ok && illegal.problems[0]?.code === 'application.illegalTransition');
      const stale = await takeStep(deps, a.value.id, 'answer', { on: '2025-11-05', category: 'granted', text: '予以公开' }, '李明', 0);
      assert.ok(!stale.ok && stale.problems[0]?.code === 'application.conflict');
      assert.equal((await deps.cases.events(a.value.id)).length, 1);

      const answered = await takeStep(deps, a.value.id, 'answer', { on: '2025-11-05', category: 'granted', text: '予以公开' }, '李明', 1);
      assert.ok(answered.ok && answered.value.state === 'answered');
      const view = await getCase(deps, a.value.id);
      assert.ok(view.ok);
      assert.deepEqual(view.value.events.map((e) => [e.kind, e.actor, e.from, e.to]), [['register', '李明', null, 'processing'], ['answer', '李明', 'processing', 'answered']]);
      assert.deepEqual(replay(view.value.events), view.value.case);
      assert.deepEqual(view.value.available, ['deliver']);
      assert.ok(!(await getCase(deps, 'nope')).ok);
    });

    test('table 三 in SQL equals the reference counting, for the government (roll-up) and for one department, every year', async () => {
      const orgs = await deps.organizations.list();
      const all = await deps.cases.list({ organizationIds: orgs.map((o) => o.id), limit: 100000, order: 'received' });
      const facts = await Promise.all(all.items.map(async (s) => ({ ...s, case: await deps.cases.get(s.id) })));
      const dept = orgs.find((o) => o.name === '中原县自然资源局');
      assert.ok(dept);
      for (const year of [2024, 2025]) {
        const sqlAll = await deps.cases.tallyApplications(orgs.map((o) => o.id), year);
        const ref = tallyCases(facts.map((f) => ({ applicantType: f.applicantType, receivedOn: f.receivedOn, closedOn: f.closedOn, resultRow: f.resultRow, voided: f.state === 'voided' })), year);
        assert.deepEqual(sorted(sqlAll), sorted(ref), `${year}`);
        const sqlDept = await deps.cases.tallyApplications([dept.id], year);
        const refDept = tallyCases(facts.filter((f) => f.organizationId === dept.id).map((f) => ({ applicantType: f.applicantType, receivedOn: f.receivedOn, closedOn: f.closedOn, resultRow: f.resultRow, voided: f.state === 'voided' })), year);
        assert.deepEqual(sorted(sqlDept), sorted(refDept), `${year} department`);
        const fromApi = await buildYearReport(deps, rootId, year);
        assert.ok(fromApi.ok);
        const errors = validateReport(fromApi.value).filter((f) => f.severity === 'error');
        assert.deepEqual(errors, []);
      }
      const states = new Set(facts.map((f) => f.state));
      for (const s of CASE_STATES.filter((x) => x !== 'voided')) assert.ok(states.has(s), `the demo has cases in state ${s}: ${[...states].join(',')}`);
    });

    test('every cell of table 三 drills down to exactly as many cases as it counts', async () => {
      const report = await buildYearReport(deps, rootId, 2025);
      assert.ok(report.ok);
      for (const cell of tableCells(TEMPLATES['2021'], 'applications')) {
        const value = cellValue(report.value, cell);
        const d = await drillDown(deps, rootId, 2025, 'applications', [...cell.row, cell.column.key].join('.'), 5);
        assert.ok(d.ok && d.value.table === 'applications', cell.path);
        assert.equal(d.value.total, value, cell.path);
        assert.ok(d.value.cases.length <= 5);
      }
      const bad = await drillDown(deps, rootId, 2025, 'applications', 'nonsense.natural');
      assert.ok(!bad.ok && bad.problems[0]?.code === 'application.invalid');
    });

    test('lists filter by state and running deadline, in deadline order', async () => {
      const open = await listCases(deps, rootId, { states: ['processing'], order: 'due', limit: 500 });
      assert.ok(open.total > 0);
      const dues = open.items.map((c) => c.nextDue.date ?? '9999');
      assert.deepEqual(dues, [...dues].sort());
      const overdue = await listCases(deps, rootId, { dueBefore: TODAY, limit: 500 });
      assert.ok(overdue.items.every((c) => c.nextDue.date !== null && c.nextDue.date < TODAY));
      const cal = await loadCalendar(deps);
      assert.ok(cal.covers(2025));
    });

    test('review records: added to closed cases only, decided once, counted in table 四 as the reference does', async () => {
      const closed = (await listCases(deps, rootId, { states: ['delivered'], limit: 1 })).items[0];
      const open = (await listCases(deps, rootId, { states: ['processing'], limit: 1 })).items[0];
      assert.ok(closed && open);
      const refused = await addReview(deps, open.id, { group: 'review', body: '中原市人民政府', filedOn: TODAY });
      assert.ok(!refused.ok && refused.problems[0]?.code === 'review.invalid');
      const added = await addReview(deps, closed.id, { group: 'litigationDirect', body: '中原县人民法院', filedOn: closed.closedOn });
      assert.ok(added.ok);
      const decided = await decideReview(deps, added.value.id, { decidedOn: TODAY, outcome: 'corrected' });
      assert.ok(decided.ok);
      const again = await decideReview(deps, added.value.id, { decidedOn: TODAY, outcome: 'upheld' });
      assert.ok(!again.ok && again.problems[0]?.code === 'review.decided');

      const ids = (await deps.organizations.list()).map((o) => o.id);
      const records: ReviewFacts[] = [];
      for (const c of (await deps.cases.list({ organizationIds: ids, limit: 100000 })).items) records.push(...(await deps.reviews.forCase(c.id)));
      for (const year of [2024, 2025]) {
        const key = (t: { group: string; column: string }) => `${t.group}|${t.column}`;
        const sqlT = (await deps.reviews.tally(ids, year)).sort((a, b) => key(a).localeCompare(key(b)));
        const refT = tallyReviews(records, year).sort((a, b) => key(a).localeCompare(key(b)));
        assert.deepEqual(sqlT, refT, `${year}`);
      }
      const cell = await drillDown(deps, rootId, 2025, 'reviewLitigation', 'litigationDirect.corrected');
      assert.ok(cell.ok && cell.value.table === 'reviewLitigation' && cell.value.records.some((r) => r.id === added.value.id));
    });

    test('approval: a handler proposes an answer, an approver returns it with a comment, then approves it — the step taken once, in one transaction, audited', async () => {
      const handler = { id: 'u-handler', name: '李明', ip: '10.0.0.5' };
      const approver = { id: 'u-approver', name: '王海燕', ip: '10.0.0.6' };
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId }, '李明');
      assert.ok(reg.ok);
      const id = reg.value.id;
      const answer = { on: '2025-11-06', category: 'granted', text: '经审查，予以公开，见附件。', approvedBy: '张三' };
      const p1 = await proposeStep(deps, id, 'answer', answer, handler);
      assert.ok(p1.ok, JSON.stringify(!p1.ok && p1.problems));
      assert.equal(p1.value.input.approvedBy, undefined, 'a handler cannot name the approver');
      const twice = await proposeStep(deps, id, 'answer', answer, handler);
      assert.ok(!twice.ok && twice.problems[0]?.code === 'approval.pending');
      assert.ok((await deps.approvals.pending([rootId])).some((a) => a.id === p1.value.id && a.caseNumber === reg.value.number));
      assert.equal((await deps.cases.get(id))?.state, 'processing', 'nothing is answered while the proposal waits');
      // A proposal the statute refuses is refused at once (deliver is not a step that needs approval; a bad date is bad).
      assert.ok(!(await proposeStep(deps, id, 'deliver', { on: '2025-11-06', route: 'post' }, handler)).ok);

      assert.ok(!(await returnProposal(deps, p1.value.id, approver, '  ')).ok);
      const own = await approveProposal(deps, p1.value.id, handler);
      assert.ok(!own.ok && own.problems[0]?.code === 'approval.ownProposal');
      const returned = await returnProposal(deps, p1.value.id, approver, '请补充公开方式和获取途径。');
      assert.ok(returned.ok && returned.value.status === 'returned');
      const again = await approveProposal(deps, p1.value.id, approver);
      assert.ok(!again.ok && again.problems[0]?.code === 'approval.decided');

      const p2 = await proposeStep(deps, id, 'answer', { ...answer, text: '经审查，予以公开，以纸质形式邮寄送达。' }, handler);
      assert.ok(p2.ok);
      // A decision whose step meets a case that moved on keeps nothing: the proposal stays pending.
      const current = await deps.cases.get(id);
      assert.ok(current);
      const stale = await deps.approvals.decide(p2.value.id, { status: 'approved', by: { id: approver.id, name: approver.name }, at: 'x', comment: null }, { case: current, event: (await deps.cases.events(id))[0] as never, expectedVersion: current.version + 5, next: { kind: null, date: null }, updatedAt: 'x' }, []);
      assert.ok(!stale.ok && stale.problems[0]?.code === 'application.conflict');
      assert.equal((await deps.approvals.get(p2.value.id))?.status, 'pending');

      const approved = await approveProposal(deps, p2.value.id, approver);
      assert.ok(approved.ok, JSON.stringify(!approved.ok && approved.problems));
      assert.equal(approved.value.state, 'answered');
      assert.equal(approved.value.answer?.approvedBy, '王海燕');
      const events = await deps.cases.events(id);
      assert.equal(events.length, 2);
      assert.equal(events[1]?.actor, '李明', 'the step is the handler’s; the approver approved it');
      const history = await deps.approvals.forCase(id);
      assert.deepEqual(history.map((a) => a.status), ['approved', 'returned']);
      assert.equal(history[1]?.comment, '请补充公开方式和获取途径。');
      assert.equal(history[0]?.decidedBy?.name, '王海燕');

      const audit = kyselyAudit(opened.db);
      const entries = [];
      for await (const e of audit.all()) entries.push(e);
      const mine = entries.filter((e) => e.subject === `case:${id}`).map((e) => e.action);
      assert.deepEqual(mine, ['case.register', 'approval.submit', 'approval.return', 'approval.submit', 'approval.approve', 'case.step']);
      assert.ok(verifyChain(entries, nodeCrypto.sha256).ok);
    });

    test('approval: two proposals at once on one case — exactly one is stored', async () => {
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId }, '李明');
      assert.ok(reg.ok);
      const ext = { on: '2025-11-06', days: '15', reason: '需调阅多个年度档案' };
      const results = await Promise.all([1, 2, 3].map((i) => proposeStep(deps, reg.value.id, 'extend', ext, { id: `u-${i}`, name: `办理人${i}`, ip: null })));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.problems[0]?.code === 'approval.pending'));
      assert.equal((await deps.approvals.forCase(reg.value.id)).length, 1);
    });
    const auditOf = async (id: string) => {
      const entries = [];
      for await (const e of kyselyAudit(opened.db).all()) entries.push(e);
      assert.ok(verifyChain(entries, nodeCrypto.sha256).ok);
      return entries.filter((e) => e.subject === `case:${id}`);
    };

    test('intake: a 收到申请之日 more than 30 days old needs confirmDate (audited); before 2019-05-15 is refused; old step dates too', async () => {
      const before = await deps.cases.count();
      const old = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-09-01' }, '李明');
      assert.ok(!old.ok && old.problems[0]?.code === 'application.oldDate' && old.problems[0].at === 'receivedOn', JSON.stringify(old));
      const ancient = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2019-01-01', confirmDate: true }, '李明');
      assert.ok(!ancient.ok && ancient.problems[0]?.code === 'application.invalid' && ancient.problems[0].at === 'receivedOn');
      assert.equal(await deps.cases.count(), before);
      const ok = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-09-01', confirmDate: true }, '李明');
      assert.ok(ok.ok);
      const reg = (await auditOf(ok.value.id)).find((e) => e.action === 'case.register');
      assert.match(String(reg?.detail.dateConfirmed), /2025-09-01.*确认日期无误/);

      const fresh = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-10-01', confirmDate: true }, '李明');
      assert.ok(fresh.ok);
      const oldStep = await takeStep(deps, fresh.value.id, 'startConsultation', { on: '2025-10-10', consultation: 'thirdParty', party: '某公司' }, '李明');
      assert.ok(!oldStep.ok && oldStep.problems[0]?.code === 'application.oldDate' && oldStep.problems[0].at === 'on');
      assert.equal((await deps.cases.events(fresh.value.id)).length, 1);
      const confirmedStep = await takeStep(deps, fresh.value.id, 'startConsultation', { on: '2025-10-10', consultation: 'thirdParty', party: '某公司', confirmDate: 'on' }, '李明');
      assert.ok(confirmedStep.ok);
    });

    test('correction: the receipt date corrected moves the answer deadline, keeps before/after in the history and the audit chain', async () => {
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-11-17' }, '李明');
      assert.ok(reg.ok);
      const before = await getCase(deps, reg.value.id);
      assert.ok(before.ok && before.value.clock.answer?.ok && before.value.clock.answer.answerDue.ok);
      const dueBefore = before.value.clock.answer.answerDue.date;
      const noReason = await correctApplication(deps, reg.value.id, { receivedOn: '2025-11-03' }, '王海燕');
      assert.ok(!noReason.ok && noReason.problems.some((p) => p.code === 'application.invalid' && p.at === 'reason'));
      const same = await correctApplication(deps, reg.value.id, { receivedOn: '2025-11-17', reason: '核对' }, '王海燕');
      assert.ok(!same.ok && same.problems[0]?.code === 'application.nothingCorrected');
      const fixed = await correctApplication(deps, reg.value.id, { receivedOn: '2025-11-03', applicant: { name: '刘桂香' }, reason: '登记时误录了签收日期和姓名' }, '王海燕');
      assert.ok(fixed.ok, JSON.stringify(fixed));
      assert.equal(fixed.value.receivedOn, '2025-11-03');
      assert.equal(fixed.value.applicant.name, '刘桂香');
      const after = await getCase(deps, reg.value.id);
      assert.ok(after.ok && after.value.clock.answer?.ok && after.value.clock.answer.answerDue.ok);
      assert.notEqual(after.value.clock.answer.answerDue.date, dueBefore);
      assert.ok(after.value.clock.answer.answerDue.date < dueBefore);
      const events = after.value.events;
      assert.deepEqual(events.map((e) => e.kind), ['register', 'correct']);
      assert.equal(events[0]?.data.receivedOn, '2025-11-17', 'the original registration is kept');
      assert.deepEqual(events[1]?.data.changes, [{ field: 'receivedOn', before: '2025-11-17', after: '2025-11-03' }, { field: 'applicant.name', before: '刘桂英', after: '刘桂香' }]);
      assert.deepEqual(replay(events), after.value.case, 'replay folds the history over the corrected registration');
      const stored = (await deps.cases.list({ organizationIds: [rootId], ids: [reg.value.id] })).items[0];
      assert.equal(stored?.nextDue.date, after.value.clock.answer.answerDue.date, 'the stored running deadline is recomputed');
      const audit = await auditOf(reg.value.id);
      assert.deepEqual(audit.map((e) => e.action), ['case.register', 'case.correct']);
      assert.equal(audit[1]?.detail.reason, '登记时误录了签收日期和姓名');
    });

    test('correction: a receipt date after an existing step is refused, coded and located, and writes nothing', async () => {
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-11-03' }, '李明');
      assert.ok(reg.ok);
      assert.ok((await takeStep(deps, reg.value.id, 'requestCorrection', { on: '2025-11-05', items: '请明确所需信息的年度', replyBy: '2025-11-20' }, '李明')).ok);
      const auditBefore = (await auditOf(reg.value.id)).length;
      const broken = await correctApplication(deps, reg.value.id, { receivedOn: '2025-11-10', reason: '签收日期录错' }, '王海燕');
      assert.ok(!broken.ok && broken.problems[0]?.code === 'application.correctionBreaksHistory' && broken.problems[0].at === 'receivedOn', JSON.stringify(broken));
      assert.equal(broken.problems[0].data?.seq, 2);
      assert.equal(broken.problems[0].data?.cause, 'application.dateOrder');
      // 补正 more than 7 working days after the corrected receipt date (第三十条) is refused too.
      const late = await correctApplication(deps, reg.value.id, { receivedOn: '2025-10-20', reason: '签收日期录错', confirmDate: true }, '王海燕');
      assert.ok(!late.ok && late.problems[0]?.code === 'application.correctionBreaksHistory' && late.problems[0].data?.cause === 'application.correctionLate', JSON.stringify(late));
      assert.equal((await deps.cases.events(reg.value.id)).length, 2);
      assert.equal((await deps.cases.get(reg.value.id))?.receivedOn, '2025-11-03');
      assert.equal((await auditOf(reg.value.id)).length, auditBefore);
    });

    test('void: a voided case keeps its number, leaves the work queue and table 三, refuses steps, and is audited', async () => {
      const ids = (await deps.organizations.list()).map((o) => o.id);
      const tally = async () => sorted(await deps.cases.tallyApplications(ids, 2025));
      const count = (t: readonly ApplicationTally[], row: string) => t.filter((x) => x.row === row && x.applicantType === 'natural').reduce((s, x) => s + x.count, 0);
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-11-18' }, '李明');
      assert.ok(reg.ok);
      const t0 = await tally();
      assert.ok((await voidApplication(deps, reg.value.id, {}, '王海燕')).ok === false, 'a reason is required');
      const voided = await voidApplication(deps, reg.value.id, { reason: '重复登记（与另一申请为同一份信件）' }, '王海燕');
      assert.ok(voided.ok && voided.value.state === 'voided' && voided.value.number === reg.value.number);
      const t1 = await tally();
      assert.equal(count(t1, 'newReceived'), count(t0, 'newReceived') - 1);
      assert.equal(count(t1, 'carriedForward'), count(t0, 'carriedForward') - 1);
      const all = await deps.cases.list({ organizationIds: ids, limit: 100000, order: 'received' });
      const ref = tallyCases(all.items.map((f) => ({ applicantType: f.applicantType, receivedOn: f.receivedOn, closedOn: f.closedOn, resultRow: f.resultRow, voided: f.state === 'voided' })), 2025);
      assert.deepEqual(t1, sorted(ref), 'SQL and the reference agree with a voided case');
      const queue = await listCases(deps, rootId, { states: [...OPEN_STATES], limit: 100000 });
      assert.ok(!queue.items.some((i) => i.id === reg.value.id));
      const step = await takeStep(deps, reg.value.id, 'answer', { on: '2025-11-19', category: 'granted', text: '予以公开' }, '李明');
      assert.ok(!step.ok && step.problems[0]?.code === 'application.illegalTransition');
      const again = await voidApplication(deps, reg.value.id, { reason: '再次' }, '王海燕');
      assert.ok(!again.ok && again.problems[0]?.code === 'application.illegalTransition');
      const fix = await correctApplication(deps, reg.value.id, { receivedOn: '2025-11-17', reason: 'x' }, '王海燕');
      assert.ok(!fix.ok && fix.problems[0]?.code === 'application.illegalTransition');
      const view = await getCase(deps, reg.value.id);
      assert.ok(view.ok && view.value.available.length === 0 && view.value.clock.next === null);
      assert.deepEqual(view.value.events.map((e) => [e.kind, e.from, e.to, e.reason]), [['register', null, 'processing', null], ['void', 'processing', 'voided', '重复登记（与另一申请为同一份信件）']]);
      assert.deepEqual(replay(view.value.events), view.value.case);
      assert.deepEqual((await auditOf(reg.value.id)).map((e) => e.action), ['case.register', 'case.void']);
      const review = await addReview(deps, reg.value.id, { group: 'review', body: '中原县人民政府', filedOn: '2025-11-20' });
      assert.ok(!review.ok && review.problems[0]?.code === 'application.illegalTransition');
    });

    test('void: a case with a review or litigation record (counted in table 四) is not voided', async () => {
      const reg = await registerApplication(deps, { ...APPLICATION, organizationId: rootId, receivedOn: '2025-11-03' }, '李明');
      assert.ok(reg.ok);
      assert.ok((await takeStep(deps, reg.value.id, 'answer', { on: '2025-11-05', category: 'granted', text: '予以公开' }, '李明')).ok);
      const review = await addReview(deps, reg.value.id, { group: 'review', body: '中原县人民政府', filedOn: '2025-11-10' });
      assert.ok(review.ok, JSON.stringify(review));
      const refused = await voidApplication(deps, reg.value.id, { reason: '重复登记' }, '王海燕');
      assert.ok(!refused.ok && refused.problems[0]?.code === 'application.hasReviews');
      assert.equal((await deps.cases.get(reg.value.id))?.state, 'answered');
    });
  });
}
