/**
 * authorize(actor, action, record): the one permission-checked load of a record a staff member acts on. It loads the
 * record (a case, a review, an approval, a season report, a catalog document, an organisation), then checks scope and
 * role in one place (core/people/authorize.ts: outside the actor's subtree → the kind's not-found code, 404; a role
 * the policy table refuses → auth.forbidden, 403), and returns the record. Routes call it instead of loading a record
 * and checking `inScope` and `can` themselves.
 */
import type { Problem } from '../../core/errors.ts';
import { problem } from '../../core/errors.ts';
import type { Case } from '../../core/application/case.ts';
import type { Approval } from '../../core/application/approval.ts';
import type { ReviewRecord } from '../../core/application/review.ts';
import type { CatalogDocument } from '../../core/catalog/document.ts';
import { refusal, verdict, type Actor, type RecordKind } from '../../core/people/authorize.ts';
import type { Action } from '../../core/people/roles.ts';
import type { Organization } from '../organizations/ports.ts';
import type { SeasonRecord } from '../season/reports.ts';

/** The record each kind loads as. */
export interface Records {
  readonly case: Case;
  readonly review: ReviewRecord;
  readonly approval: Approval;
  readonly report: SeasonRecord;
  readonly document: CatalogDocument;
  readonly organization: Organization;
}

/** How each kind is loaded (the repositories' `get`); a kind without a loader is never found (fail closed). */
export interface RecordLoaders {
  readonly case?: (id: string) => Promise<Case | null>;
  readonly review?: (id: string) => Promise<ReviewRecord | null>;
  readonly approval?: (id: string) => Promise<Approval | null>;
  /** The season report of an organisation's year: `id` is `<organizationId>/<year>`. */
  readonly report?: (organizationId: string, year: number) => Promise<SeasonRecord | null>;
  readonly document?: (id: string) => Promise<CatalogDocument | null>;
  readonly organization?: (id: string) => Promise<Organization | null>;
}

/** A record to act on: its kind and id (a report's id is `<organizationId>/<year>`). */
export interface RecordRef<K extends RecordKind = RecordKind> {
  readonly kind: K;
  readonly id: string;
}

export type Authorized<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** The organisation a record belongs to (its scope). */
const ORGANIZATION_OF: { readonly [K in RecordKind]: (r: Records[K]) => string } = {
  case: (r) => r.organizationId,
  review: (r) => r.organizationId,
  approval: (r) => r.organizationId,
  report: (r) => r.organizationId,
  document: (r) => r.organizationId,
  organization: (r) => r.id,
};

async function load<K extends RecordKind>(loaders: RecordLoaders, ref: RecordRef<K>): Promise<Records[K] | null> {
  const kind: RecordKind = ref.kind;
  switch (kind) {
    case 'report': {
      const m = /^(.+)\/(\d{4})$/.exec(ref.id);
      return m && loaders.report ? ((await loaders.report(m[1] as string, Number(m[2]))) as Records[K] | null) : null;
    }
    default: {
      const get = loaders[kind] as ((id: string) => Promise<Records[K] | null>) | undefined;
      return get ? await get(ref.id) : null;
    }
  }
}

/**
 * Load `ref` for `actor` to do `action`: the record, or auth.required (no actor, 401), the kind's not-found code
 * (absent, or outside the actor's subtree: 404), auth.forbidden (the role may not: 403). Scope is checked before the
 * role, so a refusal never tells whether a record outside the subtree exists. Rejects only when a loader rejects.
 */
export async function authorize<K extends RecordKind>(loaders: RecordLoaders, actor: Actor | null, action: Action, ref: RecordRef<K>): Promise<Authorized<Records[K]>> {
  if (actor === null) return { ok: false, problems: [problem('auth.required', '')] };
  const record = await load(loaders, ref);
  if (record === null) return { ok: false, problems: [refusal(ref.kind, ref.id, 'notFound', action)] };
  const v = verdict(actor, action, ORGANIZATION_OF[ref.kind](record));
  return v === 'allowed' ? { ok: true, value: record } : { ok: false, problems: [refusal(ref.kind, ref.id, v, action)] };
}
