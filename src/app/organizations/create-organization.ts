/**
 * Create an organisation (机关) in the tree: government → department → office, never upwards. A root is a
 * government; a government may sit under a government (省 → 市 → 县), a department under a government or a
 * department (内设机构), an office under any of them (e.g. 县政府办公室). Sibling names are unique.
 */
import { problem, type Problem } from '../../core/errors.ts';
import type { Organization, OrganizationKind, OrganizationRepository } from './ports.ts';

export interface CreateOrganizationDeps {
  readonly organizations: OrganizationRepository;
  readonly newId: () => string;
  /** The clock, as an ISO 8601 timestamp. */
  readonly now: () => string;
}

export interface CreateOrganizationInput {
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly parentId?: string | null;
  readonly code?: string | null;
}

const RANK: Readonly<Record<OrganizationKind, number>> = { government: 0, department: 1, office: 2 };
const KINDS = Object.keys(RANK) as OrganizationKind[];

/** Whether a `kind` may sit under `parent` (null: at the top). */
export function kindFits(kind: OrganizationKind, parent: OrganizationKind | null): boolean {
  if (parent === null) return kind === 'government';
  return RANK[kind] >= RANK[parent];
}

/**
 * Validate and store a new organisation. Errors: organization.nameRequired, organization.kindOrder,
 * organization.parentNotFound, organization.nameTaken.
 */
export async function createOrganization(deps: CreateOrganizationDeps, input: CreateOrganizationInput): Promise<{ ok: true; organization: Organization } | { ok: false; problems: Problem[] }> {
  const name = input.name.normalize('NFC').trim();
  if (name === '') return { ok: false, problems: [problem('organization.nameRequired', 'name')] };
  if (!KINDS.includes(input.kind)) return { ok: false, problems: [problem('organization.kindOrder', 'kind', { zh: String(input.kind), en: String(input.kind) })] };
  const parentId = input.parentId ?? null;
  let parentKind: OrganizationKind | null = null;
  if (parentId !== null) {
    const parent = await deps.organizations.get(parentId);
    if (!parent) return { ok: false, problems: [problem('organization.parentNotFound', 'parentId', undefined, { parentId })] };
    parentKind = parent.kind;
  }
  if (!kindFits(input.kind, parentKind)) {
    return { ok: false, problems: [problem('organization.kindOrder', 'kind', { zh: `${input.kind} 不能在 ${parentKind ?? '顶层'}`, en: `${input.kind} under ${parentKind ?? 'the top'}` })] };
  }
  const code = input.code?.trim() || null;
  const organization: Organization = { id: deps.newId(), parentId, name, kind: input.kind, code, createdAt: deps.now() };
  const saved = await deps.organizations.create(organization);
  return saved.ok ? { ok: true, organization } : saved;
}
