/**
 * What the organisation use cases need from storage (implemented by src/storage/organizations.ts). 机关: the
 * government (人民政府), its departments (部门) and their offices — the bodies that receive and answer applications
 * (条例 Art. 4: 各级人民政府及县级以上人民政府部门).
 */
import type { Problem } from '../../core/errors.ts';

export type OrganizationKind = 'government' | 'department' | 'office';

export interface Organization {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly code: string | null;
  /** ISO 8601 timestamp. */
  readonly createdAt: string;
}

export interface OrganizationRepository {
  /** Insert. A sibling of the same name → `organization.nameTaken`; an unknown parent → `organization.parentNotFound`. */
  create(org: Organization): Promise<{ ok: true } | { ok: false; problems: Problem[] }>;
  get(id: string): Promise<Organization | null>;
  /** The organisations named exactly `name` (names are unique among siblings, not across the tree). */
  byName(name: string): Promise<Organization[]>;
  /** The direct children of `parentId` (the roots when null), by name. */
  children(parentId: string | null): Promise<Organization[]>;
  /** `id` and every organisation below it; empty when `id` does not exist. */
  subtreeIds(id: string): Promise<string[]>;
  /** `id` and every organisation below it, in no particular order; empty when `id` does not exist. */
  subtree(id: string): Promise<Organization[]>;
  /** Every organisation, roots first then by name. */
  list(): Promise<Organization[]>;
  count(): Promise<number>;
}
