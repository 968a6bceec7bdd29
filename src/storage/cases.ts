/**
 * Cases, their history and review/litigation records in the database (migration 0002): the Kysely implementation of
 * CaseRepository and ReviewRepository (src/app/applications/ports.ts), the same on SQLite and PostgreSQL. Table 三 is
 * counted in one pass with conditional sums, following core/application/year-tables.ts (`caseRows`), which the
 * contract tests compare it with.
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ApprovalRepository, CaseFilter, CaseRepository, CaseSummary, CellQuery, Page, ReviewRepository, StepWrite } from '../app/applications/ports.ts';
import type { Approval, ApprovalStatus } from '../core/application/approval.ts';
import type { CommandKind } from '../core/application/commands.ts';
import type { Case, CaseState } from '../core/application/case.ts';
import type { NextKind } from '../core/application/clock.ts';
import type { ReviewRecord } from '../core/application/review.ts';
import type { ApplicantType } from '../core/application/terms.ts';
import type { CaseEvent } from '../core/application/transitions.ts';
import { yearEnd, yearStart } from '../core/application/year-tables.ts';
import { problem } from '../core/errors.ts';
import { appendAudit } from './audit.ts';
import { readApplicationTallies, readReviewTallies, readStateCount, readStateCounts, tallyCaseWrite, tallyReviewWrite, type CaseTallyFacts } from './case-tallies.ts';
import { insertMessages } from './outbox.ts';
import { countOf, type ApprovalsTable, type CasesTable, type Database, type ReviewsTable } from './schema.ts';

const n = (v: unknown): number => countOf(v as string | number | bigint | null);

const toSummary = (r: Pick<Selectable<CasesTable>, 'id' | 'number' | 'organization_id' | 'state' | 'applicant_type' | 'applicant_name' | 'description' | 'received_on' | 'closed_on' | 'result_row' | 'next_due' | 'next_due_kind'>): CaseSummary => ({
  id: r.id,
  number: r.number,
  organizationId: r.organization_id,
  state: r.state as CaseState,
  applicantType: r.applicant_type as ApplicantType,
  applicantName: r.applicant_name,
  description: r.description,
  receivedOn: r.received_on,
  closedOn: r.closed_on,
  resultRow: r.result_row,
  nextDue: { kind: r.next_due_kind as NextKind | null, date: r.next_due },
});

const SUMMARY = ['id', 'number', 'organization_id', 'state', 'applicant_type', 'applicant_name', 'description', 'received_on', 'closed_on', 'result_row', 'next_due', 'next_due_kind'] as const;

const caseColumns = (c: Case) => ({
  organization_id: c.organizationId,
  state: c.state,
  channel: c.channel,
  applicant_type: c.applicant.type,
  applicant_name: c.applicant.name,
  description: c.request.description,
  received_on: c.receivedOn,
  closed_on: c.closedOn,
  result_row: c.resultRow,
  data: JSON.stringify(c),
  version: c.version,
});

const eventRow = (caseId: string, e: CaseEvent) => ({
  case_id: caseId,
  seq: e.seq,
  kind: e.kind,
  on_date: e.on,
  recorded_at: e.recordedAt,
  actor: e.actor,
  reason: e.reason,
  from_state: e.from,
  to_state: e.to,
  data: JSON.stringify(e.data),
});

const OPEN: readonly CaseState[] = ['processing', 'awaitingCorrection', 'consulting', 'awaitingFee'];

const TALLY_FACTS = ['organization_id', 'state', 'applicant_type', 'received_on', 'closed_on', 'result_row'] as const;
const tallyFacts = (c: Case): CaseTallyFacts => ({ organization_id: c.organizationId, state: c.state, applicant_type: c.applicant.type, received_on: c.receivedOn, closed_on: c.closedOn, result_row: c.resultRow });

/**
 * A scope with more matching cases than this is read in the list's order from the order index and filtered (the
 * first page needs about limit × all / matching rows); a smaller one is read from its organisations' rows and sorted.
 */
export const WIDE_SCOPE = 5000;
/** Counts of filters not kept in aggregates stop here (the answer says so: totalCapped). */
export const COUNT_CAP = 10_000;

/** organization_id in an expression no index matches: makes the engine read the order index instead (wide scopes). */
const orgUnindexed = sql<string>`(organization_id || '')`;

type CaseEb = ExpressionBuilder<Database, 'cases'>;

/** The condition of a tally row for `year` (the SQL of core caseRows). */
function rowCondition(eb: CaseEb, row: string, year: number) {
  const start = yearStart(year);
  const end = yearEnd(year);
  const openAt = (day: string) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', day)]);
  switch (row) {
    case 'newReceived':
      return eb.and([eb('received_on', '>=', start), eb('received_on', '<=', end)]);
    case 'carriedOver':
      return eb.and([eb('received_on', '<', start), eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', start)])]);
    case 'carriedForward':
      return eb.and([eb('received_on', '<=', end), openAt(end)]);
    default:
      return eb.and([eb('closed_on', '>=', start), eb('closed_on', '<=', end), eb('result_row', '=', row)]);
  }
}

/** The sort key the drill-down of these rows is read in: the cases received (in the year, oldest first), carried (newest first), or closed (by closing date). */
function cellOrder(rows: readonly string[]): 'received' | 'carried' | 'closed' {
  if (rows.every((r) => r === 'carriedOver' || r === 'carriedForward')) return 'carried';
  if (rows.every((r) => r !== 'newReceived' && r !== 'carriedOver' && r !== 'carriedForward')) return 'closed';
  return 'received';
}

/** The due-order key of a case without a running deadline (DUE_KEY). */
const NO_DUE = '9999-12-31';

/** CaseRepository over Kysely. `now` stamps created_at. Unexpected database errors reject. */
/** Store a step inside a transaction: the case if its version is still the expected one, then its event. False: the version moved (nothing written). */
async function writeStep(tx: Transaction<Database>, step: StepWrite): Promise<boolean> {
  const { case: c, event, expectedVersion, next, updatedAt } = step;
  // The counted facts before the step (at the expected version: if the update below succeeds, no one moved it since).
  const before = await tx.selectFrom('cases').select(TALLY_FACTS).where('id', '=', c.id).where('version', '=', expectedVersion).executeTakeFirst();
  if (!before) return false;
  const updated = await tx
    .updateTable('cases')
    .set({ ...caseColumns(c), next_due: next.date, next_due_kind: next.kind, updated_at: updatedAt })
    .where('id', '=', c.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await tx.insertInto('case_events').values(eventRow(c.id, event)).execute();
  await tallyCaseWrite(tx, before, tallyFacts(c));
  return true;
}

/**
 * wideScope: the plans' threshold (WIDE_SCOPE; tests lower it to read small data by the wide plans). reads: where the
 * lists, drill-downs, tallies and counts are read (a SQLite reader thread, ./sqlite-reader.ts; default `db`).
 */
export function kyselyCases(db: Kysely<Database>, options: { readonly wideScope?: number; readonly reads?: Kysely<Database> } = {}): CaseRepository {
  const wideScope = options.wideScope ?? WIDE_SCOPE;
  const reads = options.reads ?? db;
  return {
    async create(year, build, audit, options, messages) {
      return db.transaction().execute(async (tx) => {
        const counter = await tx
          .insertInto('case_counters')
          .values({ year, last: 1 })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`case_counters.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow();
        // After the counter row is locked (a second identical submission waits here until the first commits), a
        // case created from the same form within the window is the answer: nothing is created, the number not used.
        const submission = options?.submission;
        if (submission) {
          const same = await tx.selectFrom('cases').select('data').where('submission_key', '=', submission.key).where('created_at', '>=', submission.since).orderBy('created_at', 'desc').executeTakeFirst();
          if (same) throw new DuplicateSubmission(JSON.parse(same.data) as Case);
        }
        const built = build(`${year}-${String(counter.last).padStart(6, '0')}`);
        if ('problems' in built) return { ok: false as const, problems: built.problems };
        const { case: c, event, next } = built;
        await tx
          .insertInto('cases')
          .values({ id: c.id, number: c.number, ...caseColumns(c), next_due: next.date, next_due_kind: next.kind, created_at: event.recordedAt, updated_at: event.recordedAt, tracking_hash: options?.trackingHash ?? null, submission_key: submission?.key ?? null })
          .execute();
        await tx.insertInto('case_events').values(eventRow(c.id, event)).execute();
        await tallyCaseWrite(tx, null, tallyFacts(c));
        if (audit) await appendAudit(tx, audit(c));
        if (messages) await insertMessages(tx, messages(c));
        return { ok: true as const, case: c };
      }).catch((error: unknown) => {
        if (error instanceof DuplicateSubmission) return { ok: false as const, duplicateOf: error.existing, problems: [problem('application.duplicate', 'form', { zh: error.existing.number, en: error.existing.number })] };
        throw error;
      });
    },

    async setTrackingHash(id, trackingHash) {
      await db.updateTable('cases').set({ tracking_hash: trackingHash }).where('id', '=', id).execute();
    },

    async append(c, event, expectedVersion, next, updatedAt, audit, messages) {
      return db.transaction().execute(async (tx) => {
        if (!(await writeStep(tx, { case: c, event, expectedVersion, next, updatedAt }))) return { ok: false as const, problems: [problem('application.conflict', 'version', undefined, { expectedVersion })] };
        if (audit) await appendAudit(tx, audit);
        if (messages) await insertMessages(tx, messages);
        return { ok: true as const };
      });
    },

    async get(id) {
      const row = await db.selectFrom('cases').select('data').where('id', '=', id).executeTakeFirst();
      return row ? (JSON.parse(row.data) as Case) : null;
    },

    async byNumber(number) {
      const row = await db.selectFrom('cases').select(['data', 'tracking_hash']).where('number', '=', number).executeTakeFirst();
      return row ? { case: JSON.parse(row.data) as Case, trackingHash: row.tracking_hash } : null;
    },

    async events(id) {
      const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();
      return rows.map((r) => ({
        seq: r.seq,
        kind: r.kind as CaseEvent['kind'],
        on: r.on_date,
        recordedAt: r.recorded_at,
        actor: r.actor,
        reason: r.reason,
        from: r.from_state as CaseState | null,
        to: r.to_state as CaseState,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },

    async list(filter: CaseFilter): Promise<Page<CaseSummary>> {
      const none = { total: 0, items: [], next: null };
      if (filter.organizationIds.length === 0) return none;
      if (filter.ids && filter.ids.length === 0) return none;
      const order = filter.order === 'received' ? 'received' : 'due';
      const limit = filter.limit ?? 50;
      // A due-date filter holds only cases with a running deadline (open states): its states are the open ones among
      // those asked for, written once (the same condition twice made PostgreSQL think it rare and pick a state index).
      const requested = filter.states && filter.states.length > 0 ? filter.states : undefined;
      const due = filter.dueOnOrBefore !== undefined || filter.dueBefore !== undefined;
      const states = due ? (requested ?? OPEN).filter((s) => OPEN.includes(s)) : requested;
      if (states && states.length === 0) return none;
      const perState = states ? await readStateCounts(reads, filter.organizationIds, states) : null;
      const inStates = perState ? [...perState.values()].reduce((sum, c) => sum + Math.max(0, c.scope), 0) : await readStateCount(reads, filter.organizationIds);
      // The scope holds every case of these states (a province's whole tree): the organisations need no condition.
      const whole = states !== undefined && states.every((s) => (perState?.get(s)?.scope ?? 0) === (perState?.get(s)?.all ?? 0));
      if (inStates === 0) return none; // the aggregates are exact: nothing of these states in the scope
      const wide = inStates > wideScope;
      const filtered = (scoped: boolean, only: readonly string[] | undefined = states) => {
        let q = reads.selectFrom('cases');
        if (!whole) q = q.where((eb) => eb(scoped ? eb.ref('organization_id') : orgUnindexed, 'in', filter.organizationIds));
        if (only) q = only.length === 1 ? q.where('state', '=', only[0] as string) : q.where('state', 'in', only);
        if (filter.ids) q = q.where('id', 'in', filter.ids);
        // Read in the due order (not scoped): the range on due_key — the same cases, due_key being next_due where
        // there is one and NO_DUE where not — is a range of the order index (else PostgreSQL read (state, next_due)
        // from the queue index, out of order, and sorted); scoped, on next_due (the queue index).
        const dueColumn = (x: string) => (!scoped && x < NO_DUE ? 'due_key' : 'next_due');
        if (filter.dueOnOrBefore) q = q.where(dueColumn(filter.dueOnOrBefore), '<=', filter.dueOnOrBefore);
        if (filter.dueBefore) q = q.where(dueColumn(filter.dueBefore), '<', filter.dueBefore);
        if (filter.receivedFrom) q = q.where('received_on', '>=', filter.receivedFrom);
        if (filter.receivedTo) q = q.where('received_on', '<=', filter.receivedTo);
        return q;
      };
      // The total: from case_state_counts when only the scope and states filter; else counted up to COUNT_CAP.
      const aggregated = !filter.ids && !filter.dueOnOrBefore && !filter.dueBefore && !filter.receivedFrom && !filter.receivedTo;
      let total = inStates;
      let totalCapped = false;
      if (!aggregated) {
        // Counted through the organisations' indexes (organization_id, state, next_due …): it reads the matches only.
        // The whole tree: counted from the state order index (state, due_key …), the range of the due filter.
        const counted = n((await reads.selectFrom(filtered(!whole).select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('m')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        totalCapped = counted > COUNT_CAP;
        total = Math.min(counted, COUNT_CAP);
      }
      const a = filter.after;
      // One page of `q` in the list's order. seek: the cursor seeks in an order index (wide reads). Else the same
      // condition in a form no index matches, so the engine keeps reading the scope's few rows (a usable range on the
      // order index tempted it into a long filtered walk).
      // A narrow read with states also sorts by an expression no index matches: else SQLite walked the scope's rows
      // in the order index (organization_id, due_key …) filtering the states, instead of reading the state's few rows
      // from (organization_id, state, next_due) and sorting them (≤ wideScope rows).
      const paged = (q: ReturnType<typeof filtered>, seek: boolean, sort = true) => {
        const [dk, rk] = seek ? [sql.ref('due_key'), sql.ref('received_on')] : [sql`(due_key || '')`, sql`(received_on || '')`];
        if (a) q = order === 'due' ? q.where(sql<boolean>`(${dk}, received_on, number) > (${a[0] ?? ''}, ${a[1] ?? ''}, ${a[2] ?? ''})`) : q.where(sql<boolean>`(${rk}, number) < (${a[0] ?? ''}, ${a[1] ?? ''})`);
        const sorted = order === 'received'
          ? (sort ? q.orderBy('received_on', 'desc') : q.orderBy(sql`received_on || ''`, 'desc')).orderBy('number', 'desc')
          : (sort ? q.orderBy('due_key') : q.orderBy(sql`due_key || ''`)).orderBy('received_on').orderBy('number');
        return sorted.select([...SUMMARY, 'due_key']).limit(limit + 1);
      };
      let rows: Awaited<ReturnType<ReturnType<typeof paged>['execute']>>;
      if (!perState) rows = await paged(filtered(!wide), wide).execute();
      else {
        // Filtered by states: each state's rows are read on their own and the pages merged. Per state, the cheaper of
        // two plans by the aggregates: walk the state's order index (migration 0020) filtering the scope — about
        // limit × all / scope rows — or read the scope's rows of that state from (organization_id, state, next_due)
        // and sort them — scope rows plus a probe per organisation. Walking the order index past every other state
        // cost 100 ms at 1M (撤回 of a province); a rare state read by 500 organisations' probes, 30 ms.
        const walks = (c: { scope: number; all: number }) => c.scope > wideScope || (limit * c.all) / c.scope <= c.scope + filter.organizationIds.length;
        const branches = [...perState].filter(([, c]) => c.scope > 0).map(([state, c]) => (walks(c) ? paged(filtered(false, [state]), true) : paged(filtered(true, [state]), false, false)));
        const [first, ...rest] = branches.map((b, i) => reads.selectFrom(b.as(`b${i}`)).selectAll());
        if (!first) rows = [];
        else if (rest.length === 0) rows = await (branches[0] as ReturnType<typeof paged>).execute();
        else {
          const merged = reads.selectFrom(rest.reduce((u, b) => u.unionAll(b), first).as('u')).selectAll();
          rows = await (order === 'received' ? merged.orderBy('received_on', 'desc').orderBy('number', 'desc') : merged.orderBy('due_key').orderBy('received_on').orderBy('number')).limit(limit + 1).execute();
        }
      }
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next = rows.length > limit && last ? (order === 'due' ? [last.next_due ?? NO_DUE, last.received_on, last.number] : [last.received_on, last.number]) : null;
      return { total, ...(totalCapped ? { totalCapped } : {}), items: items.map(toSummary), next };
    },

    async tallyApplications(organizationIds, year) {
      return readApplicationTallies(reads, organizationIds, year);
    },

    async cellCases(query: CellQuery): Promise<Page<CaseSummary>> {
      const none = { total: 0, items: [], next: null };
      if (query.organizationIds.length === 0 || query.rows.length === 0 || query.applicantTypes.length === 0) return none;
      // The cell's count is the table's (the same aggregates); the rows come from the cases, a page at a time.
      const tallies = await readApplicationTallies(reads, query.organizationIds, query.year);
      const total = tallies.reduce((sum, t) => (query.rows.includes(t.row) && query.applicantTypes.includes(t.applicantType) ? sum + t.count : sum), 0);
      if (total === 0) return none;
      const limit = query.limit ?? 200;
      const kind = cellOrder(query.rows);
      // Carried rows are the scope's recent open cases, found walking back from the year's end: read in order when the
      // scope is large, whatever the cell's count (reading a province's cases by organisation scans all its years).
      const wide = (kind === 'carried' ? await readStateCount(reads, query.organizationIds) : total) > wideScope;
      let q = reads
        .selectFrom('cases')
        .where((eb) => eb(wide ? orgUnindexed : eb.ref('organization_id'), 'in', query.organizationIds))
        .where('applicant_type', 'in', query.applicantTypes)
        .where('state', '!=', 'voided')
        // Result rows: one range on closed_on (the order's index) and the rows as a list, not an OR of ranges.
        .where((eb) => (kind === 'closed' ? eb.and([eb('closed_on', '>=', yearStart(query.year)), eb('closed_on', '<=', yearEnd(query.year)), eb('result_row', 'in', query.rows)]) : eb.or(query.rows.map((row) => rowCondition(eb, row, query.year)))));
      const a = query.after;
      const name = kind === 'closed' ? 'closed_on' : 'received_on';
      // As in list(): the cursor seeks in the order index only for a wide cell.
      const column = wide ? sql.ref(name) : sql`(${sql.ref(name)} || '')`;
      if (a) q = q.where(kind === 'carried' ? sql<boolean>`(${column}, number) < (${a[0] ?? ''}, ${a[1] ?? ''})` : sql<boolean>`(${column}, number) > (${a[0] ?? ''}, ${a[1] ?? ''})`);
      const direction = kind === 'carried' ? 'desc' : 'asc';
      const rows = await q.select(SUMMARY).orderBy(kind === 'closed' ? 'closed_on' : 'received_on', direction).orderBy('number', direction).limit(limit + 1).execute();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next = rows.length > limit && last ? [(kind === 'closed' ? last.closed_on : last.received_on) ?? '', last.number] : null;
      return { total, items: items.map(toSummary), next };
    },

    async openWithNextDue() {
      const rows = await db.selectFrom('cases').select(['data', 'next_due', 'next_due_kind']).where('state', 'in', OPEN).orderBy('received_on').orderBy('number').execute();
      return rows.map((r) => ({ case: JSON.parse(r.data) as Case, next: { kind: r.next_due_kind as NextKind | null, date: r.next_due } }));
    },

    async setNextDue(c, next, audit) {
      return db.transaction().execute(async (tx) => {
        const updated = await tx.updateTable('cases').set({ next_due: next.date, next_due_kind: next.kind }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, problems: [problem('application.conflict', 'version', undefined, { expectedVersion: c.version })] };
        await appendAudit(tx, audit);
        return { ok: true as const };
      });
    },

    async count(organizationIds) {
      let q = reads.selectFrom('cases').select((eb) => eb.fn.countAll().as('n'));
      if (organizationIds) {
        if (organizationIds.length === 0) return 0;
        q = q.where('organization_id', 'in', organizationIds);
      }
      return n((await q.executeTakeFirstOrThrow()).n);
    },
  };
}

const toReview = (r: Selectable<ReviewsTable>): ReviewRecord => ({
  id: r.id,
  caseId: r.case_id,
  organizationId: r.organization_id,
  group: r.review_group,
  body: r.body,
  reference: r.reference,
  filedOn: r.filed_on,
  decidedOn: r.decided_on,
  outcome: r.outcome,
  note: r.note,
});

/** ReviewRepository over Kysely; the tallies and cell records read from `reads` (default `db`). */
export function kyselyReviews(db: Kysely<Database>, reads: Kysely<Database> = db): ReviewRepository {
  type ReviewEb = ExpressionBuilder<Database, 'reviews'>;
  const inYear = (eb: ReviewEb, column: string, year: number) => {
    const start = yearStart(year);
    const end = yearEnd(year);
    if (column === 'pending') return eb.and([eb('filed_on', '<=', end), eb.or([eb('decided_on', 'is', null), eb('decided_on', '>', end)])]);
    return eb.and([eb('decided_on', '>=', start), eb('decided_on', '<=', end), eb('outcome', '=', column as 'upheld')]);
  };
  return {
    async add(r, createdAt) {
      await db.transaction().execute(async (tx) => {
        const row = { id: r.id, case_id: r.caseId, organization_id: r.organizationId, review_group: r.group, body: r.body, reference: r.reference, filed_on: r.filedOn, decided_on: r.decidedOn, outcome: r.outcome, note: r.note, created_at: createdAt, updated_at: createdAt };
        await tx.insertInto('reviews').values(row).execute();
        await tallyReviewWrite(tx, null, row);
      });
    },
    async get(id) {
      const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toReview(row) : null;
    },
    async decide(id, decidedOn, outcome, updatedAt) {
      return db.transaction().execute(async (tx) => {
        const facts = ['organization_id', 'review_group', 'filed_on', 'decided_on', 'outcome'] as const;
        const before = await tx.selectFrom('reviews').select(facts).where('id', '=', id).where('decided_on', 'is', null).executeTakeFirst();
        const r = before ? await tx.updateTable('reviews').set({ decided_on: decidedOn, outcome, updated_at: updatedAt }).where('id', '=', id).where('decided_on', 'is', null).executeTakeFirst() : null;
        if (!before || Number(r?.numUpdatedRows) !== 1) return { ok: false as const, problems: [problem('review.decided', 'id')] };
        await tallyReviewWrite(tx, before, { ...before, decided_on: decidedOn, outcome });
        return { ok: true as const };
      });
    },
    async forCase(caseId) {
      const rows = await db.selectFrom('reviews').selectAll().where('case_id', '=', caseId).orderBy('filed_on').orderBy('id').execute();
      return rows.map(toReview);
    },
    async tally(organizationIds, year) {
      return readReviewTallies(reads, organizationIds, year);
    },
    async cellRecords(organizationIds, year, group, column, page = {}) {
      if (organizationIds.length === 0) return { total: 0, items: [], next: null };
      let q = reads.selectFrom('reviews').where('organization_id', 'in', organizationIds).where('review_group', '=', group);
      if (column !== 'total') q = q.where((eb) => inYear(eb, column, year));
      else q = q.where((eb) => eb.or(['upheld', 'corrected', 'other', 'pending'].map((c) => inYear(eb, c, year))));
      const total = n((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const limit = page.limit ?? 200;
      const a = page.after;
      if (a) q = q.where(sql<boolean>`(filed_on, id) > (${a[0] ?? ''}, ${a[1] ?? ''})`);
      const rows = await q.selectAll().orderBy('filed_on').orderBy('id').limit(limit + 1).execute();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { total, items: items.map(toReview), next: rows.length > limit && last ? [last.filed_on, last.id] : null };
    },
  };
}

type ApprovalRow = Selectable<ApprovalsTable> & { number: string };

function approvalOf(r: ApprovalRow): Approval {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.number,
    organizationId: r.organization_id,
    kind: r.kind as CommandKind,
    input: JSON.parse(r.input) as Record<string, string>,
    proposedBy: { id: r.proposed_by_id, name: r.proposed_by_name },
    proposedAt: r.proposed_at,
    status: r.status as ApprovalStatus,
    decidedBy: r.decided_by_name === null ? null : { id: r.decided_by_id, name: r.decided_by_name },
    decidedAt: r.decided_at,
    comment: r.comment,
  };
}

/** Proposed steps awaiting approval; deciding one takes its step in the same transaction. */
export function kyselyApprovals(db: Kysely<Database>): ApprovalRepository {
  const select = () => db.selectFrom('approvals').innerJoin('cases', 'cases.id', 'approvals.case_id').selectAll('approvals').select('cases.number');
  return {
    async propose(a, audit) {
      return db.transaction().execute(async (tx) => {
        const open = await tx.selectFrom('approvals').select('id').where('case_id', '=', a.caseId).where('status', '=', 'pending').executeTakeFirst();
        if (open) return { ok: false as const, problems: [problem('approval.pending', 'case')] };
        await tx
          .insertInto('approvals')
          .values({
            id: a.id,
            case_id: a.caseId,
            organization_id: a.organizationId,
            kind: a.kind,
            input: JSON.stringify(a.input),
            proposed_by_id: a.proposedBy.id,
            proposed_by_name: a.proposedBy.name,
            proposed_at: a.proposedAt,
            status: 'pending',
            decided_by_id: null,
            decided_by_name: null,
            decided_at: null,
            comment: null,
          })
          .execute();
        await appendAudit(tx, audit);
        return { ok: true as const };
      }).catch((error: unknown) => {
        // Two proposals racing past the check: the partial unique index refuses the second.
        if (/unique|duplicate/i.test(String(error))) return { ok: false as const, problems: [problem('approval.pending', 'case')] };
        throw error;
      });
    },

    async get(id) {
      const row = await select().where('approvals.id', '=', id).executeTakeFirst();
      return row ? approvalOf(row) : null;
    },

    async forCase(caseId) {
      return (await select().where('approvals.case_id', '=', caseId).orderBy('approvals.proposed_at', 'desc').orderBy('approvals.id').execute()).map(approvalOf);
    },

    async pending(organizationIds) {
      if (organizationIds.length === 0) return [];
      return (await select().where('approvals.organization_id', 'in', [...organizationIds]).where('approvals.status', '=', 'pending').orderBy('approvals.proposed_at').orderBy('approvals.id').execute()).map(approvalOf);
    },

    async decide(id, decision, step, audits) {
      return db.transaction().execute(async (tx) => {
        const marked = await tx
          .updateTable('approvals')
          .set({ status: decision.status, decided_by_id: decision.by.id, decided_by_name: decision.by.name, decided_at: decision.at, comment: decision.comment })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) return { ok: false as const, problems: [problem('approval.decided', 'id')] };
        if (step) {
          if (!(await writeStep(tx, step))) throw new StepConflict(step.expectedVersion);
          if (step.messages) await insertMessages(tx, step.messages);
        }
        for (const audit of audits) await appendAudit(tx, audit);
        return { ok: true as const };
      }).catch((error: unknown) => {
        // The case changed since the proposal was read: nothing of the decision is kept.
        if (error instanceof StepConflict) return { ok: false as const, problems: [problem('application.conflict', 'version', undefined, { expectedVersion: error.expectedVersion })] };
        throw error;
      });
    },
  };
}

/** Thrown inside a transaction to roll it back when the case's version moved. */
class StepConflict extends Error {
  constructor(readonly expectedVersion: number) {
    super('application.conflict');
  }
}

/** Thrown inside the numbering transaction to roll it back when the same submission already made a case. */
class DuplicateSubmission extends Error {
  constructor(readonly existing: Case) {
    super('application.duplicate');
  }
}
