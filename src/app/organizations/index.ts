export type { Organization, OrganizationKind, OrganizationRepository } from './ports.ts';
export { createOrganization, kindFits, type CreateOrganizationDeps, type CreateOrganizationInput } from './create-organization.ts';
export { inTreeOrder } from './tree.ts';
