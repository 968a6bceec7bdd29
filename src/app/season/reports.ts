/**
 * Use cases of the reporting season (core/season/lifecycle.ts): an organisation submits its year's report to its
 * parent government's 主管部门, which receives or returns it; it is then published, frozen; a correction opens a new
 * version with its notice. The report is frozen from the tables counted from the cases and the narrative at submission.
 * Who may: the organisation's 审核人/管理员 submit, publish and correct (report.write); the 管理员 or 监督 of an
 * organisation above it receive or return (scope is checked by the caller: an ancestor's scope holds the organisation).
 */
import type { Cell } from '../../core/annual-report/model.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import type { TemplateId } from '../../core/annual-report/templates/index.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { nextState, type ReportAction, type ReportSource, type ReportState } from '../../core/season/lifecycle.ts';
import type { Role } from '../../core/people/roles.ts';
import { can } from '../../core/people/roles.ts';
import { buildYearReport, type YearReportDeps } from '../applications/year-report.ts';
import type { AuditLog } from '../people/ports.ts';

export interface SeasonRecord {
  readonly organizationId: string;
  readonly year: number;
  readonly version: number;
  readonly state: ReportState;
  /** Canonical JSON of the frozen report; null while a draft. */
  readonly report: string | null;
  readonly comment: string | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly publishedAt: string | null;
  /** When this version was submitted (or stored by an import); null while a draft. */
  readonly submittedAt: string | null;
  /** An imported report's cells' provenance (JSON); absent or null when the report was built on the platform. */
  readonly provenance?: string | null;
  /** A corrected version's 更正说明 (the comment of its 更正), kept through submission and publication. */
  readonly notice?: string | null;
  /** The version's public id (/reports/:id); given by the store when a version is first written, kept after. */
  readonly reportId?: string;
  /** Built on the platform (the default) or imported from a file published elsewhere. */
  readonly source?: ReportSource;
}

/** A frozen report's cells as a vector in its template's order (core/season/rollup.ts cellVector). */
export interface FrozenCells {
  readonly template: TemplateId;
  readonly year: number | null;
  readonly cells: readonly Cell[];
}

/** An organisation's latest frozen version in a year, as the roll-up reads it. */
export interface FrozenVersion {
  readonly organizationId: string;
  readonly version: number;
  readonly cells: FrozenCells | null;
}

export interface SeasonRepository {
  /** Every version of (organisation, year), newest first. */
  versions(organizationId: string, year: number): Promise<SeasonRecord[]>;
  /**
   * The latest version of each (organisation, year) of these organisations, in these years (null: every year). With
   * `withReport` false the report text is not read: a record that has one carries '' instead.
   */
  latest(organizationIds: readonly string[], years: readonly number[] | null, withReport?: boolean): Promise<SeasonRecord[]>;
  /**
   * The latest frozen version (FROZEN_STATES) of each of these organisations in `year` that has one, with its report's
   * cells as a vector instead of the report (the roll-up): `cells` null for a version stored before vectors were kept
   * (then read its report).
   */
  frozenCells(organizationIds: readonly string[], year: number): Promise<FrozenVersion[]>;
  /** Every published version of these organisations (the public 年报 column), newest year and version first; without the report text when `withReport` is false (''). */
  published(organizationIds: readonly string[], withReport: boolean): Promise<SeasonRecord[]>;
  /** Write the record of its version, if the current version is still in `expected` state (else false: nothing written). */
  put(record: SeasonRecord, expected: { version: number; state: ReportState } | null): Promise<boolean>;
}

export interface SeasonDeps extends YearReportDeps {
  readonly season: SeasonRepository;
  readonly audit: AuditLog;
  readonly clock: { now(): string };
}

export interface SeasonActor {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly organizationId: string;
  readonly ip: string | null;
}

/**
 * The report's current record, or a draft of version 1 when nothing was done yet — of the next version when the
 * latest was withdrawn (an imported report taken down: the year is open again).
 */
export async function seasonStatus(deps: Pick<SeasonDeps, 'season'>, organizationId: string, year: number): Promise<SeasonRecord> {
  const [latest] = await deps.season.versions(organizationId, year);
  const draft = (version: number): SeasonRecord => ({ organizationId, year, version, state: 'draft', report: null, comment: null, updatedAt: '', updatedBy: '', publishedAt: null, submittedAt: null });
  if (!latest) return draft(1);
  return latest.state === 'withdrawn' ? draft(latest.version + 1) : latest;
}

/**
 * Take `action` on (organisation, year). Errors: notFound, auth.forbidden (the role, or receiving one's own report),
 * report.transition, report.commentRequired, report.conflict (someone acted meanwhile). Audited as report.season.
 */
export async function actOnReport(deps: SeasonDeps, organizationId: string, year: number, action: ReportAction, comment: string | null, actor: SeasonActor): Promise<{ ok: true; value: SeasonRecord } | { ok: false; problems: readonly Problem[] }> {
  const org = await deps.organizations.get(organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const upward = action === 'receive' || action === 'return';
  const allowed = upward ? actor.organizationId !== organizationId && (actor.role === 'admin' || actor.role === 'oversight') : actor.organizationId === organizationId && can(actor.role, 'report.write');
  if (!allowed) return { ok: false, problems: [problem('auth.forbidden', action)] };
  const current = await seasonStatus(deps, organizationId, year);
  const next = nextState({ state: current.state, version: current.version, hasParent: org.parentId !== null }, action, comment);
  if (!next.ok) return next;
  const now = deps.clock.now();
  let report = current.report;
  if (action === 'submit' || (action === 'publish' && current.state === 'draft')) {
    const built = await buildYearReport(deps, organizationId, year);
    if (!built.ok) return built;
    report = stringifyReport(built.value);
  }
  if (action === 'correct') report = null;
  const record: SeasonRecord = {
    organizationId,
    year,
    version: next.version,
    state: next.state,
    report,
    comment: action === 'return' || action === 'correct' ? (comment ?? '').trim() : action === 'submit' ? null : current.comment,
    updatedAt: now,
    updatedBy: actor.name,
    publishedAt: next.state === 'published' ? now : null,
    // Submitting (or a top organisation publishing its draft) dates the submission; receiving and publishing keep it.
    submittedAt: action === 'submit' || (action === 'publish' && current.state === 'draft') ? now : action === 'correct' ? null : current.submittedAt,
    notice: action === 'correct' ? (comment ?? '').trim() : (current.notice ?? null),
  };
  // Expected: the version stored last (after a withdrawal, the withdrawn one; the record is then the next version).
  const [stored] = await deps.season.versions(organizationId, year);
  const written = await deps.season.put(record, stored ? { version: stored.version, state: stored.state } : null);
  if (!written) return { ok: false, problems: [problem('report.conflict', 'state')] };
  await deps.audit.append({ at: now, actorId: actor.id, actorName: actor.name, organizationId, action: 'report.season', subject: `report:${organizationId}:${year}`, detail: { step: action, version: record.version, state: record.state }, ip: actor.ip });
  return { ok: true, value: record };
}

/** The actions `actor` may take on the report now (for the page's buttons): the lifecycle's and the role's rules. */
export function availableActions(record: SeasonRecord, org: { id: string; parentId: string | null }, actor: Pick<SeasonActor, 'role' | 'organizationId'>): ReportAction[] {
  const own = actor.organizationId === org.id;
  const actions: ReportAction[] = own ? ['submit', 'publish', 'correct'] : ['receive', 'return'];
  return actions.filter((a) => {
    const roleOk = own ? can(actor.role, 'report.write') : actor.role === 'admin' || actor.role === 'oversight';
    const stateOk = nextState({ state: record.state, version: record.version, hasParent: org.parentId !== null }, a, 'x').ok;
    return roleOk && stateOk;
  });
}
