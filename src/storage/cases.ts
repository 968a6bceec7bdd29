/**
 * Cases, their history and review/litigation records in the database (migration 0002): the Kysely implementation of
 * CaseRepository and ReviewRepository (src/app/applications/ports.ts), the same on SQLite and PostgreSQL. Table 三 is
 * counted in one pass with conditional sums, following core/application/year-tables.ts (`caseRows`), which the
 * contract tests compare it with.
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ApprovalRepository, CaseFilter, CaseRepository, CaseSummary, CellQuery, ReviewRepository, StepWrite } from '../app/applications/ports.ts';
import type { Approval, ApprovalStatus } from '../core/application/approval.ts';
import type { CommandKind } from '../core/application/commands.ts';
import type { Case, CaseState } from '../core/application/case.ts';
import type { NextKind } from '../core/application/clock.ts';
import type { ReviewRecord } from '../core/application/review.ts';
import type { ApplicantType } from '../core/application/terms.ts';
import type { CaseEvent } from '../core/application/transitions.ts';
import { yearEnd, yearStart, type ApplicationTally, type ReviewTally } from '../core/application/year-tables.ts';
import { problem } from '../core/errors.ts';
import { appendAudit } from './audit.ts';
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

/** CaseRepository over Kysely. `now` stamps created_at. Unexpected database errors reject. */
/** Store a step inside a transaction: the case if its version is still the expected one, then its event. False: the version moved (nothing written). */
async function writeStep(tx: Transaction<Database>, step: StepWrite): Promise<boolean> {
  const { case: c, event, expectedVersion, next, updatedAt } = step;
  const updated = await tx
    .updateTable('cases')
    .set({ ...caseColumns(c), next_due: next.date, next_due_kind: next.kind, updated_at: updatedAt })
    .where('id', '=', c.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await tx.insertInto('case_events').values(eventRow(c.id, event)).execute();
  return true;
}

export function kyselyCases(db: Kysely<Database>): CaseRepository {
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

    async list(filter: CaseFilter) {
      if (filter.organizationIds.length === 0) return { total: 0, items: [] };
      let q = db.selectFrom('cases').where('organization_id', 'in', filter.organizationIds);
      if (filter.states && filter.states.length > 0) q = q.where('state', 'in', filter.states);
      if (filter.ids) {
        if (filter.ids.length === 0) return { total: 0, items: [] };
        q = q.where('id', 'in', filter.ids);
      }
      if (filter.dueOnOrBefore) q = q.where('state', 'in', OPEN).where('next_due', '<=', filter.dueOnOrBefore);
      if (filter.dueBefore) q = q.where('state', 'in', OPEN).where('next_due', '<', filter.dueBefore);
      if (filter.receivedFrom) q = q.where('received_on', '>=', filter.receivedFrom);
      if (filter.receivedTo) q = q.where('received_on', '<=', filter.receivedTo);
      const total = n((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      let items = q.select(SUMMARY);
      items =
        filter.order === 'received'
          ? items.orderBy('received_on', 'desc').orderBy('number', 'desc')
          : items.orderBy(sql`next_due is null`).orderBy('next_due').orderBy('received_on').orderBy('number');
      const rows = await items.limit(filter.limit ?? 50).offset(filter.offset ?? 0).execute();
      return { total, items: rows.map(toSummary) };
    },

    async tallyApplications(organizationIds, year) {
      if (organizationIds.length === 0) return [];
      const start = yearStart(year);
      const end = yearEnd(year);
      const rows = await db
        .selectFrom('cases')
        .select([
          'applicant_type',
          'result_row',
          sql<number>`sum(case when received_on >= ${start} then 1 else 0 end)`.as('new_received'),
          sql<number>`sum(case when received_on < ${start} then 1 else 0 end)`.as('carried_over'),
          sql<number>`sum(case when closed_on <= ${end} then 1 else 0 end)`.as('concluded'),
          sql<number>`sum(case when closed_on is null or closed_on > ${end} then 1 else 0 end)`.as('carried_forward'),
        ])
        .where('organization_id', 'in', organizationIds)
        .where('state', '!=', 'voided')
        .where('received_on', '<=', end)
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', start)]))
        .groupBy(['applicant_type', 'result_row'])
        .execute();
      const counts = new Map<string, number>();
      const add = (row: string, type: string, k: number) => {
        if (k > 0) counts.set(`${row}|${type}`, (counts.get(`${row}|${type}`) ?? 0) + k);
      };
      for (const r of rows) {
        add('newReceived', r.applicant_type, n(r.new_received));
        add('carriedOver', r.applicant_type, n(r.carried_over));
        add(r.result_row ?? 'otherHandling.other', r.applicant_type, n(r.concluded));
        add('carriedForward', r.applicant_type, n(r.carried_forward));
      }
      return [...counts].map(([key, count]): ApplicationTally => {
        const [row, applicantType] = key.split('|') as [string, ApplicantType];
        return { row, applicantType, count };
      });
    },

    async cellCases(query: CellQuery) {
      if (query.organizationIds.length === 0 || query.rows.length === 0 || query.applicantTypes.length === 0) return { total: 0, items: [] };
      const q = db
        .selectFrom('cases')
        .where('organization_id', 'in', query.organizationIds)
        .where('applicant_type', 'in', query.applicantTypes)
        .where('state', '!=', 'voided')
        .where((eb) => eb.or(query.rows.map((row) => rowCondition(eb, row, query.year))));
      const total = n((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q.select(SUMMARY).orderBy('received_on').orderBy('number').limit(query.limit ?? 200).execute();
      return { total, items: rows.map(toSummary) };
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
      let q = db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n'));
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

/** ReviewRepository over Kysely. */
export function kyselyReviews(db: Kysely<Database>): ReviewRepository {
  type ReviewEb = ExpressionBuilder<Database, 'reviews'>;
  const inYear = (eb: ReviewEb, column: string, year: number) => {
    const start = yearStart(year);
    const end = yearEnd(year);
    if (column === 'pending') return eb.and([eb('filed_on', '<=', end), eb.or([eb('decided_on', 'is', null), eb('decided_on', '>', end)])]);
    return eb.and([eb('decided_on', '>=', start), eb('decided_on', '<=', end), eb('outcome', '=', column as 'upheld')]);
  };
  return {
    async add(r, createdAt) {
      await db
        .insertInto('reviews')
        .values({ id: r.id, case_id: r.caseId, organization_id: r.organizationId, review_group: r.group, body: r.body, reference: r.reference, filed_on: r.filedOn, decided_on: r.decidedOn, outcome: r.outcome, note: r.note, created_at: createdAt, updated_at: createdAt })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toReview(row) : null;
    },
    async decide(id, decidedOn, outcome, updatedAt) {
      const r = await db.updateTable('reviews').set({ decided_on: decidedOn, outcome, updated_at: updatedAt }).where('id', '=', id).where('decided_on', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1 ? { ok: true } : { ok: false, problems: [problem('review.decided', 'id')] };
    },
    async forCase(caseId) {
      const rows = await db.selectFrom('reviews').selectAll().where('case_id', '=', caseId).orderBy('filed_on').orderBy('id').execute();
      return rows.map(toReview);
    },
    async tally(organizationIds, year) {
      if (organizationIds.length === 0) return [];
      const out: ReviewTally[] = [];
      for (const column of ['upheld', 'corrected', 'other', 'pending'] as const) {
        const rows = await db
          .selectFrom('reviews')
          .select(['review_group', (eb) => eb.fn.countAll().as('n')])
          .where('organization_id', 'in', organizationIds)
          .where((eb) => inYear(eb, column, year))
          .groupBy('review_group')
          .execute();
        for (const r of rows) out.push({ group: r.review_group, column, count: n(r.n) });
      }
      return out;
    },
    async cellRecords(organizationIds, year, group, column) {
      if (organizationIds.length === 0) return [];
      let q = db.selectFrom('reviews').selectAll().where('organization_id', 'in', organizationIds).where('review_group', '=', group);
      if (column !== 'total') q = q.where((eb) => inYear(eb, column, year));
      else q = q.where((eb) => eb.or(['upheld', 'corrected', 'other', 'pending'].map((c) => inYear(eb, c, year))));
      const rows = await q.orderBy('filed_on').orderBy('id').execute();
      return rows.map(toReview);
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
