/**
 * Corrections (更正) and voiding (作废) of registered cases (issue 12 item 5): approvers and admins only (the server
 * checks the role; docs/decisions.md). Each is one event of the case history and one audit entry, written in one
 * transaction with the optimistic version check, so a refusal writes nothing.
 */
import type { Case } from '../../core/application/case.ts';
import { correct, voidCase, type CorrectionInput } from '../../core/application/amend.ts';
import { problem } from '../../core/errors.ts';
import { asActor, loadCalendar, nextDueOf, type Actor, type ApplicationDeps, type Outcome } from './cases.ts';

const notFound = (id: string) => ({ ok: false as const, problems: [problem('application.notFound', 'id', { zh: id, en: id })] });

/**
 * Correct the registration of case `id` (channel, 收到申请之日, applicant, request), with a reason. Errors:
 * application.notFound; application.invalid (located; reason required); application.nothingCorrected;
 * application.futureDate / application.oldDate (an old receipt date needs `confirmDate: true`);
 * application.correctionBreaksHistory (a later step would be illegal); application.illegalTransition (voided);
 * application.conflict (stale `expectedVersion`). The deadlines are recomputed over the corrected registration.
 */
export async function correctApplication(deps: ApplicationDeps, id: string, input: unknown, by: Actor | string, expectedVersion?: number): Promise<Outcome<Case>> {
  const actor = asActor(by);
  const current = await deps.cases.get(id);
  if (!current) return notFound(id);
  if (expectedVersion !== undefined && expectedVersion !== current.version) return { ok: false, problems: [problem('application.conflict', 'version', undefined, { expectedVersion, version: current.version })] };
  const events = await deps.cases.events(id);
  const cal = await loadCalendar(deps);
  const ctx = { calendar: cal, today: deps.clock.today(), now: deps.clock.now() };
  const body = typeof input === 'object' && input !== null ? (input as CorrectionInput) : {};
  const d = correct(current, events, body, actor.name, ctx);
  if (!d.ok) return d;
  const detail = { number: d.case.number, seq: d.event.seq, changes: d.changes ?? [], reason: d.event.reason, ...(d.note ? { dateConfirmed: d.note } : {}) };
  const written = await deps.cases.append(d.case, d.event, current.version, nextDueOf(cal, d.case, ctx.today), ctx.now, { at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: d.case.organizationId, action: 'case.correct', subject: `case:${d.case.id}`, detail, ip: actor.ip });
  return written.ok ? { ok: true, value: d.case } : written;
}

/**
 * Void (作废) case `id`, registered in error, with a reason: it keeps its 申请编号 (never reused), stays readable, takes
 * no further step and leaves the work queue and tables 三/四. Errors: application.notFound, application.invalid
 * (reason), application.illegalTransition (already voided), application.hasReviews (a 复议/诉讼 is recorded against
 * it: table 四 counts it), application.conflict.
 */
export async function voidApplication(deps: ApplicationDeps, id: string, input: unknown, by: Actor | string, expectedVersion?: number): Promise<Outcome<Case>> {
  const actor = asActor(by);
  const current = await deps.cases.get(id);
  if (!current) return notFound(id);
  if (expectedVersion !== undefined && expectedVersion !== current.version) return { ok: false, problems: [problem('application.conflict', 'version', undefined, { expectedVersion, version: current.version })] };
  // A 复议 or 诉讼 recorded against the case is real and counted in table 四: such a case is not voided.
  if ((await deps.reviews.forCase(id)).length > 0) return { ok: false, problems: [problem('application.hasReviews', 'id', { zh: current.number, en: current.number })] };
  const cal = await loadCalendar(deps);
  const ctx = { calendar: cal, today: deps.clock.today(), now: deps.clock.now() };
  const d = voidCase(current, typeof input === 'object' && input !== null ? (input as { reason?: unknown }) : {}, actor.name, ctx);
  if (!d.ok) return d;
  const written = await deps.cases.append(d.case, d.event, current.version, { kind: null, date: null }, ctx.now, { at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: d.case.organizationId, action: 'case.void', subject: `case:${d.case.id}`, detail: { number: d.case.number, seq: d.event.seq, from: d.event.from, reason: d.event.reason }, ip: actor.ip });
  return written.ok ? { ok: true, value: d.case } : written;
}
