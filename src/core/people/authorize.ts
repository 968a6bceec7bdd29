/**
 * The one check of a staff action on a record: scope, then role. Every record a staff member acts on belongs to one
 * organisation; the actor may touch it only inside their own organisation's subtree (outside it, the record is
 * answered as absent — 404, so ids do not leak), and only if their role may do the action (roles.ts, the policy
 * table — 403). Pure: the loading is app/people/authorize.ts.
 */
import { problem, type Problem } from '../errors.ts';
import { can, type Action, type Role } from './roles.ts';

/** The kinds of record a staff action is taken on (each has its own "not found" code). */
export const RECORD_KINDS = ['case', 'review', 'approval', 'report', 'document', 'organization'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Who acts: their role and their scope (their organisation and every organisation below it). */
export interface Actor {
  readonly role: Role;
  readonly scope: ReadonlySet<string>;
}

export type Verdict = 'allowed' | 'notFound' | 'forbidden';

/** Scope first (outside → notFound), then the role table (→ forbidden). Never throws. */
export function verdict(actor: Actor, action: Action, organizationId: string): Verdict {
  if (!actor.scope.has(organizationId)) return 'notFound';
  return can(actor.role, action) ? 'allowed' : 'forbidden';
}

const NOT_FOUND = {
  case: 'application.notFound',
  review: 'review.notFound',
  approval: 'approval.notFound',
  report: 'report.notFound',
  document: 'catalog.notFound',
  organization: 'notFound',
} as const satisfies Record<RecordKind, Problem['code']>;

/** The problem of a refusal: the kind's not-found code (404) at `id`, or auth.forbidden (403) naming the action. */
export function refusal(kind: RecordKind, id: string, verdict: Exclude<Verdict, 'allowed'>, action: Action): Problem {
  return verdict === 'forbidden'
    ? problem('auth.forbidden', action, { zh: action, en: action })
    : problem(NOT_FOUND[kind], 'id', { zh: `没有此记录：${id}`, en: `not found: ${id}` }, { id });
}
