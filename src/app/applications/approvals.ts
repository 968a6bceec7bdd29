/**
 * Approval of proposed steps (core/application/approval.ts): a handler proposes an answer or an extension; an
 * approver or admin of the organisation approves it — the step is then taken with the approver as 审核人/批准人, in
 * the same transaction as the decision — or returns it with a comment. A proposal is checked against the case when it
 * is made (so a handler hears at once that the step is not allowed) and again when it is approved (the case may have
 * moved on, or the extension's period ended meanwhile). Scope and roles are checked by the caller.
 */
import { checkDate, confirmed } from '../../core/application/amend.ts';
import { APPROVABLE, MAX_APPROVAL_COMMENT, type Approval } from '../../core/application/approval.ts';
import type { Case } from '../../core/application/case.ts';
import { parseCommand, type CommandKind } from '../../core/application/commands.ts';
import { decide, type DecideContext } from '../../core/application/transitions.ts';
import { problem } from '../../core/errors.ts';
import { messagesFor } from '../notify/notify.ts';
import { loadCalendar, nextDueOf, type Actor, type ApplicationDeps, type Outcome } from './cases.ts';

/** The approver's name stands in while a proposal is only checked: a real approver is named when one approves. */
const CHECKING = '（待审核）';

const contextOf = async (deps: ApplicationDeps): Promise<{ ctx: DecideContext; cal: Awaited<ReturnType<typeof loadCalendar>> }> => {
  const cal = await loadCalendar(deps);
  return { cal, ctx: { calendar: cal, today: deps.clock.today(), now: deps.clock.now() } };
};

/** The step's own fields, as strings, without any approver a form or a client may have sent. */
function stepInput(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (input === null || typeof input !== 'object') return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (k === 'approvedBy' || k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

/**
 * Propose step `kind` on case `id` for approval. Errors: application.notFound, application.conflict (stale version),
 * application.invalid (not a step that needs approval, or bad fields), the statute's refusals as takeStep gives them,
 * approval.pending (the case has a proposal waiting already). Nothing is written on error.
 */
export async function proposeStep(deps: ApplicationDeps, id: string, kind: string, input: unknown, actor: Actor, expectedVersion?: number): Promise<Outcome<Approval>> {
  const current = await deps.cases.get(id);
  if (!current) return { ok: false, problems: [problem('application.notFound', 'id', { zh: id, en: id })] };
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return { ok: false, problems: [problem('application.conflict', 'version', undefined, { expectedVersion, version: current.version })] };
  }
  if (!(APPROVABLE as readonly string[]).includes(kind)) return { ok: false, problems: [problem('application.invalid', 'kind', { zh: `该步骤无需审核：${kind}`, en: `this step needs no approval: ${kind}` })] };
  const fields = stepInput(input);
  const command = parseCommand(kind, { ...fields, approvedBy: CHECKING }, actor.name);
  if (!command.ok) return command;
  const { ctx } = await contextOf(deps);
  const checked = decide(current, command.value, ctx);
  if (!checked.ok) return checked;
  // 办理日期 far in the past: the proposer confirms it (core/application/amend.ts); the approver sees the date.
  const plausible = checkDate(command.value.on, 'on', ctx.today, confirmed((input as Record<string, unknown> | null)?.confirmDate));
  if (plausible.problem) return { ok: false, problems: [plausible.problem] };
  const approval: Approval = {
    id: deps.ids.newId(),
    caseId: current.id,
    caseNumber: current.number,
    organizationId: current.organizationId,
    kind: kind as CommandKind,
    input: fields,
    proposedBy: { id: actor.id, name: actor.name },
    proposedAt: ctx.now,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    comment: null,
  };
  const { caseNumber: _n, ...stored } = approval;
  const written = await deps.approvals.propose(stored, { at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: current.organizationId, action: 'approval.submit', subject: `case:${current.id}`, detail: { step: kind, number: current.number, ...(plausible.note ? { dateConfirmed: plausible.note } : {}) }, ip: actor.ip });
  return written.ok ? { ok: true, value: approval } : written;
}

const pendingOf = async (deps: ApplicationDeps, approvalId: string, actor: Actor): Promise<Outcome<Approval>> => {
  const a = await deps.approvals.get(approvalId);
  if (!a) return { ok: false, problems: [problem('approval.notFound', 'id', { zh: approvalId, en: approvalId })] };
  if (a.status !== 'pending') return { ok: false, problems: [problem('approval.decided', 'id')] };
  if (a.proposedBy.id !== null && a.proposedBy.id === actor.id) return { ok: false, problems: [problem('approval.ownProposal', 'id')] };
  return { ok: true, value: a };
};

/**
 * Approve a pending proposal: its step is taken now, by its proposer, with `actor` as approver (审核人/批准人), and
 * the proposal marked approved — one transaction. Errors: approval.notFound, approval.decided, approval.ownProposal,
 * the statute's refusals of the step as the case stands now, application.conflict. Nothing is written on error.
 */
export async function approveProposal(deps: ApplicationDeps, approvalId: string, actor: Actor, comment: string | null = null): Promise<Outcome<Case>> {
  const found = await pendingOf(deps, approvalId, actor);
  if (!found.ok) return found;
  const a = found.value;
  const current = await deps.cases.get(a.caseId);
  if (!current) return { ok: false, problems: [problem('application.notFound', 'id', { zh: a.caseId, en: a.caseId })] };
  const command = parseCommand(a.kind, { ...a.input, approvedBy: actor.name }, a.proposedBy.name);
  if (!command.ok) return command;
  const { cal, ctx } = await contextOf(deps);
  const d = decide(current, command.value, ctx);
  if (!d.ok) return d;
  const messages = await messagesFor(deps, d.case, d.event.kind, cal, ctx.today, ctx.now);
  const note = comment?.trim() ? comment.trim().slice(0, MAX_APPROVAL_COMMENT) : null;
  const base = { at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: current.organizationId, subject: `case:${current.id}`, ip: actor.ip };
  const written = await deps.approvals.decide(
    a.id,
    { status: 'approved', by: { id: actor.id, name: actor.name }, at: ctx.now, comment: note },
    { case: d.case, event: d.event, expectedVersion: current.version, next: nextDueOf(cal, d.case, ctx.today), updatedAt: ctx.now, messages },
    [
      { ...base, action: 'approval.approve', detail: { step: a.kind, number: current.number, proposedBy: a.proposedBy.name } },
      { ...base, actorId: a.proposedBy.id, actorName: a.proposedBy.name, action: 'case.step', detail: { step: d.event.kind, seq: d.event.seq, from: d.event.from, to: d.event.to, approvedBy: actor.name } },
    ],
  );
  return written.ok ? { ok: true, value: d.case } : written;
}

/** Return a pending proposal to its proposer with a comment (required). Errors as approveProposal, approval.commentRequired. */
export async function returnProposal(deps: ApplicationDeps, approvalId: string, actor: Actor, comment: string): Promise<Outcome<Approval>> {
  const found = await pendingOf(deps, approvalId, actor);
  if (!found.ok) return found;
  const text = comment.trim();
  if (text === '') return { ok: false, problems: [problem('approval.commentRequired', 'comment')] };
  if (text.length > MAX_APPROVAL_COMMENT) return { ok: false, problems: [problem('approval.commentRequired', 'comment', { zh: `退回意见不超过 ${MAX_APPROVAL_COMMENT} 字`, en: `at most ${MAX_APPROVAL_COMMENT} characters` })] };
  const a = found.value;
  const at = deps.clock.now();
  const written = await deps.approvals.decide(a.id, { status: 'returned', by: { id: actor.id, name: actor.name }, at, comment: text }, null, [
    { at, actorId: actor.id, actorName: actor.name, organizationId: a.organizationId, action: 'approval.return', subject: `case:${a.caseId}`, detail: { step: a.kind, number: a.caseNumber, proposedBy: a.proposedBy.name }, ip: actor.ip },
  ]);
  return written.ok ? { ok: true, value: { ...a, status: 'returned', decidedBy: { id: actor.id, name: actor.name }, decidedAt: at, comment: text } } : written;
}
