/**
 * Record a 行政复议 or 行政诉讼 against a closed case (条例第五十一条) and its outcome when decided; both feed table 四.
 */
import { parseNewReview, parseReviewDecision, type ReviewRecord } from '../../core/application/review.ts';
import { problem } from '../../core/errors.ts';
import type { ApplicationDeps, Outcome } from './cases.ts';

/** Errors: application.notFound (case), application.illegalTransition (voided), review.invalid (fields, or the case is still open). */
export async function addReview(deps: Pick<ApplicationDeps, 'cases' | 'reviews' | 'clock' | 'ids'>, caseId: string, input: unknown): Promise<Outcome<ReviewRecord>> {
  const c = await deps.cases.get(caseId);
  if (!c) return { ok: false, problems: [problem('application.notFound', 'caseId', { zh: caseId, en: caseId })] };
  if (c.state === 'voided') return { ok: false, problems: [problem('application.illegalTransition', 'caseId', { zh: '已作废的申请不能登记行政复议或行政诉讼', en: 'a voided case takes no review record' })] };
  const parsed = parseNewReview(input, c.closedOn, deps.clock.today());
  if (!parsed.ok) return parsed;
  const record: ReviewRecord = { id: deps.ids.newId(), caseId, organizationId: c.organizationId, ...parsed.value, decidedOn: null, outcome: null };
  await deps.reviews.add(record, deps.clock.now());
  return { ok: true, value: record };
}

/** Errors: review.notFound, review.decided (already decided), review.invalid. */
export async function decideReview(deps: Pick<ApplicationDeps, 'reviews' | 'clock'>, id: string, input: unknown): Promise<Outcome<ReviewRecord>> {
  const record = await deps.reviews.get(id);
  if (!record) return { ok: false, problems: [problem('review.notFound', 'id', { zh: id, en: id })] };
  const parsed = parseReviewDecision(input, record, deps.clock.today());
  if (!parsed.ok) return parsed;
  const written = await deps.reviews.decide(id, parsed.value.decidedOn, parsed.value.outcome, deps.clock.now());
  return written.ok ? { ok: true, value: { ...record, ...parsed.value } } : written;
}
