/**
 * What the application use cases need from outside: the cases with their history (src/storage/cases.ts), the review
 * and litigation records, the clock and fresh ids. Ports are declared here, by their user (architecture rule 3).
 */
import type { ApplicantType } from '../../core/application/terms.ts';
import type { Approval } from '../../core/application/approval.ts';
import type { Case, CaseState } from '../../core/application/case.ts';
import type { NextKind } from '../../core/application/clock.ts';
import type { ReviewRecord } from '../../core/application/review.ts';
import type { CaseEvent } from '../../core/application/transitions.ts';
import type { ApplicationTally, ReviewTally, TallyRow } from '../../core/application/year-tables.ts';
import type { IsoDate } from '../../core/calendar/dates.ts';
import type { Sections } from '../../core/annual-report/model.ts';
import type { Problem } from '../../core/errors.ts';
import type { AuditInput } from '../../core/people/audit.ts';
import type { NewMessage } from '../notify/ports.ts';

/** The deadline running now, stored with the case so lists can sort and filter by it. */
export interface NextDue {
  readonly kind: NextKind | null;
  /** null when closed or when the calendar does not cover the due date. */
  readonly date: IsoDate | null;
}

/** A case as lists show it. */
export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly organizationId: string;
  readonly state: CaseState;
  readonly applicantType: ApplicantType;
  readonly applicantName: string;
  readonly description: string;
  readonly receivedOn: IsoDate;
  readonly closedOn: IsoDate | null;
  readonly resultRow: string | null;
  readonly nextDue: NextDue;
}

export interface CaseFilter {
  /** Only cases of these organisations (a subtree); empty → none. */
  readonly organizationIds: readonly string[];
  readonly states?: readonly CaseState[];
  /** Only these cases (e.g. the ones the user handled); empty → none. */
  readonly ids?: readonly string[];
  /** Open cases whose running deadline is on or before this date. */
  readonly dueOnOrBefore?: IsoDate;
  /** Open cases whose running deadline is before this date (overdue on that day). */
  readonly dueBefore?: IsoDate;
  readonly receivedFrom?: IsoDate;
  readonly receivedTo?: IsoDate;
  /** Sort: the running deadline first (work queue), or the newest received first. */
  readonly order?: 'due' | 'received';
  readonly limit?: number;
  /** Keyset pagination: the rows after this sort key (the `next` of the previous page, for the same order). */
  readonly after?: readonly string[];
}

/** A page of a list: the rows, how many match in all, and the sort key to continue after (null on the last page). */
export interface Page<T> {
  readonly total: number;
  /** True when `total` is a lower bound (a filter whose count is not kept in aggregates, counted up to a cap). */
  readonly totalCapped?: boolean;
  readonly items: T[];
  readonly next: readonly string[] | null;
}

/** The cases behind one cell of table 三 for a year. */
export interface CellQuery {
  readonly organizationIds: readonly string[];
  readonly year: number;
  readonly rows: readonly TallyRow[];
  readonly applicantTypes: readonly ApplicantType[];
  readonly limit?: number;
  /** Keyset pagination: the rows after this sort key (the `next` of the previous page of the same cell). */
  readonly after?: readonly string[];
}

export type Written = { readonly ok: true } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface CreateOptions {
  /** SHA-256 of the applicant's private tracking code (online applications). */
  readonly trackingHash?: string;
  /**
   * An online submission's fingerprint: when a case with the same key was created at or after `since`, nothing is
   * created and that case is answered (`duplicateOf`) — decided inside the transaction that numbers the case, so two
   * identical submissions racing create one case.
   */
  readonly submission?: { readonly key: string; readonly since: string };
}

export interface CaseRepository {
  /**
   * Insert a new case and its first event in one transaction (with its audit-log entry when given); `build` gets the
   * next 申请编号 of `year`.
   */
  create(
    year: number,
    build: (number: string) => { case: Case; event: CaseEvent; next: NextDue } | { problems: readonly Problem[] },
    audit?: (c: Case) => AuditInput,
    options?: CreateOptions,
    /** Notifications to queue in the outbox in the same transaction (the 登记回执). */
    messages?: (c: Case) => readonly NewMessage[],
  ): Promise<{ ok: true; case: Case } | { ok: false; problems: readonly Problem[] } | { ok: false; duplicateOf: Case; problems: readonly Problem[] }>;
  /** Give a case a new tracking-code hash (the applicant's code is shown again, anew). */
  setTrackingHash(id: string, trackingHash: string): Promise<void>;
  /** A case by its 申请编号, with the hash of its tracking code (online applications). */
  byNumber(number: string): Promise<{ case: Case; trackingHash: string | null } | null>;
  /**
   * Store the new case and its event (and its audit-log entry when given) in one transaction, if the stored version is
   * still `expectedVersion` (else application.conflict, nothing written). `messages` (the step's notices to the
   * applicant) are queued in the outbox in the same transaction.
   */
  append(c: Case, event: CaseEvent, expectedVersion: number, next: NextDue, updatedAt: string, audit?: AuditInput, messages?: readonly NewMessage[]): Promise<Written>;
  get(id: string): Promise<Case | null>;
  events(id: string): Promise<CaseEvent[]>;
  /** A page of the cases matching the filter, in its order (keyset: pass the page's `next` as `after`). */
  list(filter: CaseFilter): Promise<Page<CaseSummary>>;
  /** Table 三 counts for `year` over the organisations (the SQL form of core tallyCases). */
  tallyApplications(organizationIds: readonly string[], year: number): Promise<ApplicationTally[]>;
  /** A page of the cases behind a cell of table 三; `total` is the cell's count (from the same aggregates as the table). */
  cellCases(query: CellQuery): Promise<Page<CaseSummary>>;
  /** Open cases (for refreshing the stored running deadline). */
  count(organizationIds?: readonly string[]): Promise<number>;
  /** Every open case with its stored running deadline (for recomputing them when a calendar year is loaded). */
  openWithNextDue(): Promise<{ case: Case; next: NextDue }[]>;
  /**
   * Store a recomputed running deadline with its audit-log entry, in one transaction, if the case is still at
   * `c.version` (else application.conflict, nothing written: the step that moved it stored a fresh deadline).
   */
  setNextDue(c: Case, next: NextDue, audit: AuditInput): Promise<Written>;
}

/** A step taken on approval: the case after it, its event, and the version it must still have. */
export interface StepWrite {
  readonly case: Case;
  readonly event: CaseEvent;
  readonly expectedVersion: number;
  readonly next: NextDue;
  readonly updatedAt: string;
  /** Notices to the applicant, queued in the outbox in the same transaction. */
  readonly messages?: readonly NewMessage[];
}

/** Proposed steps awaiting approval (core/application/approval.ts). */
export interface ApprovalRepository {
  /** Store a pending proposal with its audit entry; approval.pending (nothing written) when the case has one already. */
  propose(approval: Omit<Approval, 'caseNumber'>, audit: AuditInput): Promise<Written>;
  get(id: string): Promise<Approval | null>;
  /** A case's proposals, newest first. */
  forCase(caseId: string): Promise<Approval[]>;
  /** The pending proposals of these organisations, oldest first (the approvers' queue). */
  pending(organizationIds: readonly string[]): Promise<Approval[]>;
  /**
   * Decide a pending proposal in one transaction: mark it approved and take its step (`step`, checked against the
   * case's version: application.conflict), or mark it returned. approval.decided when it is no longer pending.
   * Nothing is written on error.
   */
  decide(id: string, decision: { status: 'approved' | 'returned'; by: { id: string | null; name: string }; at: string; comment: string | null }, step: StepWrite | null, audits: readonly AuditInput[]): Promise<Written>;
}

export interface ReviewRepository {
  add(record: ReviewRecord, createdAt: string): Promise<void>;
  get(id: string): Promise<ReviewRecord | null>;
  decide(id: string, decidedOn: IsoDate, outcome: NonNullable<ReviewRecord['outcome']>, updatedAt: string): Promise<Written>;
  forCase(caseId: string): Promise<ReviewRecord[]>;
  tally(organizationIds: readonly string[], year: number): Promise<ReviewTally[]>;
  /** The records behind a table-四 cell. */
  /** The records behind a cell of table 四, a page at a time by filing date and id (keyset: `after` is the last page's `next`); total: all of them. */
  cellRecords(organizationIds: readonly string[], year: number, group: ReviewRecord['group'], column: string, page?: { readonly limit?: number; readonly after?: readonly string[] }): Promise<Page<ReviewRecord>>;
}

export interface Clock {
  /** Today's date where the agency is (Asia/Shanghai). */
  today(): IsoDate;
  /** The current instant, ISO 8601. */
  now(): string;
}

export interface IdSource {
  newId(): string;
}

/** The narrative sections an organisation writes for its year's report. */
export interface ReportDraftRepository {
  get(organizationId: string, year: number): Promise<Sections | null>;
  put(organizationId: string, year: number, sections: Sections, updatedAt: string, updatedBy: string): Promise<void>;
}
