/**
 * The database schema as Kysely sees it: one interface per table, the same on SQLite and PostgreSQL. Columns are
 * engine-neutral on purpose: ids and dates are text (ISO 8601), so neither driver converts them (pg would turn a
 * `date` column into a JS Date in the server's time zone). Created by ./migrations (0001_initial).
 */
import type { ColumnType } from 'kysely';

/** 机关 (government → department → office): each case belongs to one. */
export interface OrganizationsTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: 'government' | 'department' | 'office';
  /** An optional code (统一社会信用代码 or an internal one). */
  code: string | null;
  created_at: string;
}

/** One day of a covered year that differs from Monday-to-Friday: a day off (放假) or a 调休 make-up workday. */
export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'makeUpWorkday';
  name: string;
  source: string | null;
}

/** A year whose holiday notice is loaded entirely (the calendar knows every day of it). */
export interface CalendarYearsTable {
  year: number;
  source: string | null;
  loaded_at: ColumnType<string, string, string>;
}

/** The yearly sequence of 申请编号. */
export interface CaseCountersTable {
  year: number;
  last: number;
}

/** A disclosure application: the current case (JSON in `data`) and the columns lists and year tables query. */
export interface CasesTable {
  id: string;
  number: string;
  organization_id: string;
  state: string;
  channel: string;
  applicant_type: string;
  applicant_name: string;
  description: string;
  received_on: string;
  closed_on: string | null;
  result_row: string | null;
  next_due: string | null;
  next_due_kind: string | null;
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** SHA-256 of the private tracking code given to an online applicant (migration 0004). */
  tracking_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** SHA-256 of an online submission's form (migration 0007): the same form again within minutes is the same case. */
  submission_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated (migration 0016): next_due, or '9999-12-31' without a running deadline — the work queue's order. */
  due_key: ColumnType<string, never, never>;
}

/** An organisation's 政府信息公开指南 (JSON of core/portal/guide.ts). */
export interface GuidesTable {
  organization_id: string;
  content: string;
  updated_at: string;
  updated_by: string;
}

/** One step of a case (the audit trail), written with the case in one transaction. */
export interface CaseEventsTable {
  case_id: string;
  seq: number;
  kind: string;
  on_date: string;
  recorded_at: string;
  actor: string;
  reason: string | null;
  from_state: string | null;
  to_state: string;
  data: string;
}

/** An (organisation, year) annual report's versions through the season (migration 0012). */
/** Migration 0024: each version with a report, its cells as a vector for the roll-up (JSON {template, year, cells}). */
export interface AnnualReportCellsTable {
  organization_id: string;
  year: number;
  version: number;
  /** The version's state, kept in step with annual_reports by the repository's put. */
  state: string;
  /** null for a version stored before 0018 kept vectors. */
  cells: string | null;
}

export interface AnnualReportsTable {
  organization_id: string;
  year: number;
  version: number;
  state: string;
  /** The report frozen at submission (canonical JSON); null while a draft. */
  report: string | null;
  comment: string | null;
  updated_at: string;
  updated_by: string;
  published_at: string | null;
  /** When this version was submitted (0015); null while a draft. */
  submitted_at: string | null;
  /** An imported report's provenance, cell by cell (JSON, 0018); null when built on the platform. */
  provenance: ColumnType<string | null, string | null | undefined, string | null>;
  /** A corrected version's 更正说明 (0018), kept through its later steps; null for a first version. */
  notice: ColumnType<string | null, string | null | undefined, string | null>;
  /** The version's public id (0027), /reports/:id; set on every row the repository writes. */
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'platform' or 'import' (0027). */
  source: ColumnType<string, string | undefined, string>;
}

/** The web import of a scan, read by OCR as a job (0019). */
export interface ImportJobsTable {
  id: string;
  /** The uploaded file's name. */
  name: string;
  /** running | done | failed. */
  state: string;
  /** Pages read by OCR, and in all. */
  done: number;
  total: number;
  /** The import's result as JSON once the job has ended (null while it runs, and when it failed). */
  result: string | null;
  created_at: string;
  updated_at: string;
}

/** A season import started from the web (0018): one upload of an area's published reports. */
export interface SeasonImportJobsTable {
  id: string;
  parent_id: string;
  year: number;
  /** 1: create the organisations no name matched, under the parent. */
  create_orgs: number;
  actor_id: string | null;
  actor_name: string;
  /** running | done | failed; a running job not updated for long was interrupted (the process stopped). */
  state: string;
  total: number;
  done: number;
  current_file: string | null;
  created_at: string;
  updated_at: string;
}

/** One file of a season import and its outcome (0018). */
export interface SeasonImportFilesTable {
  job_id: string;
  seq: number;
  file: string;
  /** stored | unmatched | skipped */
  status: string;
  organization_id: string | null;
  organization_name: string | null;
  stated_name: string | null;
  /** JSON array of organisation names. */
  suggestions: string | null;
  reason: string | null;
  /** An unmatched file's report (canonical JSON) and provenance, kept for the confirm screen. */
  report: string | null;
  provenance: string | null;
}

/** The site's settings (migration 0011): one record, id 1, JSON of core/portal/site.ts. */
export interface SiteSettingsTable {
  id: number;
  content: string;
  updated_at: string;
  updated_by: string;
}

/** A proposed step awaiting or past approval (migration 0006; core/application/approval.ts). */
export interface ApprovalsTable {
  id: string;
  case_id: string;
  organization_id: string;
  kind: string;
  /** JSON of the step's fields. */
  input: string;
  proposed_by_id: string | null;
  proposed_by_name: string;
  proposed_at: string;
  status: string;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  comment: string | null;
}

/** 行政复议 / 行政诉讼 linked to a case (table 四). */
export interface ReviewsTable {
  id: string;
  case_id: string;
  organization_id: string;
  review_group: 'review' | 'litigationDirect' | 'litigationAfterReview';
  body: string;
  reference: string | null;
  filed_on: string;
  decided_on: string | null;
  outcome: 'upheld' | 'corrected' | 'other' | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A staff account, scoped to its organisation and below. */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  organization_id: string;
  role: 'handler' | 'approver' | 'admin' | 'oversight';
  active: number;
  created_at: string;
  updated_at: string;
  /** The last successful login (migration 0008), or null. */
  last_login_at: string | null;
}

/** A one-time password-reset link (migration 0008): only the SHA-256 of its token. */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A login session: `id` is the SHA-256 of the cookie's token, never the token itself. */
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

/** Failed logins per user name and per address (throttling). */
export interface LoginFailuresTable {
  key: string;
  count: number;
  first_at: string;
  locked_until: string | null;
}

/** The audit log: append-only, hash-chained (core/people/audit.ts). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  organization_id: string | null;
  action: string;
  subject: string | null;
  detail: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** The head of the chain (one row): appends update it first, which serialises them. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The narrative sections written for (organisation, year) (JSON: overview, problems, otherMatters). */
export interface ReportDraftsTable {
  organization_id: string;
  year: number;
  sections: string;
  updated_at: string;
  updated_by: string;
}

/** A notification and its delivery state (migration 0010). */
export interface OutboxTable {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  case_id: string | null;
  organization_id: string;
  topic: string;
  dedupe_key: string | null;
  state: 'queued' | 'sent' | 'failed' | 'unsent';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** The e-mail address that receives an organisation's digest (migration 0010). */
export interface NotificationAddressesTable {
  organization_id: string;
  email: string;
  updated_at: string;
  updated_by: string;
}

/** A document of the 政府信息公开目录 (migration 0013): the current version; booleans as 0/1. */
export interface CatalogDocumentsTable {
  id: string;
  organization_id: string;
  index_no: string | null;
  title: string;
  publisher: string;
  written_on: string | null;
  published_on: string | null;
  doc_number: string | null;
  topic: string | null;
  item: string | null;
  node_id: string | null;
  kind: string;
  disclosure: string;
  disclosure_reason: string | null;
  interprets: string | null;
  media_url: string | null;
  body_html: string;
  body_text: string;
  state: string;
  /** The 保密审查 record as JSON. */
  review: string | null;
  validity: string;
  validity_on: string | null;
  amended_by: string | null;
  amends: string | null;
  repealed_by: string | null;
  publish_working_days: number | null;
  interpretation_late: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** 0017: the application whose released information this publishes (条例第四十四条). */
  from_case: string | null;
  /** 0017: the old address of a document imported from an existing site. */
  source_url: string | null;
}

export interface CatalogIndexCountersTable {
  organization_id: string;
  year: number;
  last: number;
}

export interface CatalogNodesTable {
  id: string;
  organization_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  item: string | null;
  position: number;
}

export interface CatalogAttachmentsTable {
  id: string;
  document_id: string;
  name: string;
  sha256: string;
  size: number;
  media_type: string;
  text: string;
  position: number;
  created_at: string;
}

/** A decision table 二 counts; amounts in 分 (bigint: pg returns a string). */
export interface CatalogDecisionsTable {
  id: string;
  organization_id: string;
  kind: string;
  matter: string;
  decided_on: string;
  amount_fen: ColumnType<string | number | null, number | null, number | null>;
  ref: string | null;
  source: string;
  created_at: string;
}

/**
 * A document in the full-text search index (migration 0014, ./search.ts): the fields shown and filtered; `key` is the
 * sort key (core/fulltext/rank.ts). The tokens (core/fulltext/index-tokens.ts) live in the FTS5 table search_index
 * (SQLite) or the table search_tokens (PostgreSQL; migration 0021), neither of which Kysely types.
 */
export interface SearchDocsTable {
  key: number;
  id: string;
  organization_id: string;
  title: string;
  doc_number: string | null;
  body: string;
  attachment_text: string;
  written_on: string | null;
  published_on: string | null;
  item: string | null;
  validity: string;
  status: string;
  url: string;
}

export interface Database {
  catalog_documents: CatalogDocumentsTable;
  catalog_index_counters: CatalogIndexCountersTable;
  catalog_nodes: CatalogNodesTable;
  catalog_attachments: CatalogAttachmentsTable;
  catalog_decisions: CatalogDecisionsTable;
  search_docs: SearchDocsTable;
  outbox: OutboxTable;
  notification_addresses: NotificationAddressesTable;
  report_drafts: ReportDraftsTable;
  guides: GuidesTable;
  users: UsersTable;
  password_resets: PasswordResetsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  approvals: ApprovalsTable;
  site_settings: SiteSettingsTable;
  annual_reports: AnnualReportsTable;
  annual_report_cells: AnnualReportCellsTable;
  season_import_jobs: SeasonImportJobsTable;
  import_jobs: ImportJobsTable;
  season_import_files: SeasonImportFilesTable;
  reviews: ReviewsTable;
  organizations: OrganizationsTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  case_flows: CaseFlowsTable;
  case_state_counts: CaseStateCountsTable;
  review_flows: ReviewFlowsTable;
  page_version: PageVersionTable;
}

/** Migration 0022: the version of the public pages, one row (id 1), bumped by triggers on the tables they show. */
export interface PageVersionTable {
  id: number;
  version: number | string | bigint;
}

/** Migration 0016: cases per organisation, year, applicant type and flow (received, closed, result row) — table 三. */
export interface CaseFlowsTable {
  organization_id: string;
  year: number;
  applicant_type: string;
  flow: string;
  count: number;
}

/** Migration 0016: cases per organisation and state — the work queue's totals. */
export interface CaseStateCountsTable {
  organization_id: string;
  state: string;
  count: number;
}

/** Migration 0016: review and litigation records per organisation, year, group and flow (filed, decided, outcome) — table 四. */
export interface ReviewFlowsTable {
  organization_id: string;
  year: number;
  review_group: string;
  flow: string;
  count: number;
}

/** `count(*)`: SQLite returns a number, pg a string (bigint); always a number here. */
export function countOf(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
