/**
 * The site's settings (core/portal/site.ts) and the first-run set-up of a production installation: on an empty
 * database (no accounts yet) the operator names the top organisation, the first admin and the site's identity — by
 * `gongkai setup` or the /setup page (guarded by a one-time token printed in the server log). Everything is checked
 * before anything is written; once an account exists, set-up is closed for good.
 */
import { problem, type Problem } from '../../core/errors.ts';
import { parseSiteSettings, type SiteSettings } from '../../core/portal/site.ts';
import { createOrganization } from '../organizations/index.ts';
import type { OrganizationKind } from '../organizations/index.ts';
import { addUser, passwordProblems, type PeopleDeps, type User } from '../people/index.ts';

/** Where the site's settings are kept (one record). */
export interface SiteRepository {
  get(): Promise<SiteSettings | null>;
  put(settings: SiteSettings, updatedAt: string, updatedBy: string): Promise<void>;
}

/** The site's logo: a small PNG or JPEG shown in the header. */
export interface SiteLogo {
  readonly type: 'image/png' | 'image/jpeg';
  readonly bytes: Uint8Array;
}

export interface LogoStore {
  get(): Promise<SiteLogo | null>;
  put(logo: SiteLogo): Promise<void>;
}

/** Largest logo accepted (a header image; bigger files are a mistake or an attack). */
export const MAX_LOGO_BYTES = 200 * 1024;

/**
 * Check an uploaded logo by its bytes (never by its name or the browser's claim): PNG or JPEG signature, at most
 * MAX_LOGO_BYTES. Errors: site.logo (Chinese and English).
 */
export function readLogo(bytes: Uint8Array): { ok: true; logo: SiteLogo } | { ok: false; problems: readonly Problem[] } {
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) return { ok: false, problems: [problem('site.logo', 'logo', { zh: `标志图片应为 1 字节至 ${MAX_LOGO_BYTES / 1024} KB`, en: `the logo must be 1 byte to ${MAX_LOGO_BYTES / 1024} KB` })] };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return { ok: false, problems: [problem('site.logo', 'logo', { zh: '标志图片应为 PNG 或 JPEG 格式', en: 'the logo must be a PNG or JPEG image' })] };
  return { ok: true, logo: { type: png ? 'image/png' : 'image/jpeg', bytes } };
}

export interface SetupDeps {
  readonly people: PeopleDeps;
  readonly site: SiteRepository;
}

export interface SetupInput {
  readonly organization: string;
  readonly kind: string;
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  /** The site settings' fields (siteName, sponsor, siteCode, icp, publicSecurity, contact). */
  readonly site: Readonly<Record<string, unknown>>;
}

const KINDS: readonly OrganizationKind[] = ['government', 'department', 'office'];

/** Whether set-up is still open: no account exists. */
export const setupOpen = async (deps: SetupDeps): Promise<boolean> => (await deps.people.users.count()) === 0;

/**
 * Set up an empty installation: the top organisation, its first admin, the site settings. Errors (nothing written):
 * setup.closed (an account exists), application.invalid / user.* / organization.* located by field.
 */
export async function setupSite(deps: SetupDeps, input: SetupInput): Promise<{ ok: true; admin: User; organizationId: string } | { ok: false; problems: readonly Problem[] }> {
  if (!(await setupOpen(deps))) return { ok: false, problems: [problem('setup.closed', '')] };
  const problems: Problem[] = [];
  const site = parseSiteSettings(input.site);
  if (!site.ok) problems.push(...site.problems);
  if (input.organization.trim() === '') problems.push(problem('organization.nameRequired', 'organization'));
  if (!(KINDS as readonly string[]).includes(input.kind)) problems.push(problem('organization.kindOrder', 'kind', { zh: '机关类型应为 人民政府、部门 或 办公室', en: 'kind must be government, department or office' }));
  if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(input.username.trim().toLowerCase())) problems.push(problem('user.invalid', 'username', { zh: '用户名为 3-32 位小写字母、数字或 . _ -', en: '3-32 lowercase letters, digits or . _ -' }));
  if (input.displayName.trim() === '') problems.push(problem('user.invalid', 'displayName', { zh: '请填写姓名', en: 'the display name is required' }));
  problems.push(...passwordProblems(input.password));
  if (problems.length > 0 || !site.ok) return { ok: false, problems };
  const org = await createOrganization({ organizations: deps.people.organizations, newId: deps.people.newId, now: deps.people.now }, { name: input.organization, kind: input.kind as OrganizationKind });
  if (!org.ok) return org;
  const actor = { id: null, name: '首次设置' };
  const admin = await addUser(deps.people, { username: input.username, displayName: input.displayName, password: input.password, organizationId: org.organization.id, role: 'admin' }, actor);
  if (!admin.ok) return admin;
  await deps.site.put(site.value, deps.people.now(), input.username);
  await deps.people.audit.append({ at: deps.people.now(), actorId: null, actorName: actor.name, organizationId: org.organization.id, action: 'site.setup', subject: `organization:${org.organization.id}`, detail: { username: admin.value.username }, ip: null });
  return { ok: true, admin: admin.value, organizationId: org.organization.id };
}

/** Change the site settings (an admin of a top organisation). Errors: application.invalid located by field. */
export async function updateSite(deps: SetupDeps, input: unknown, actor: { id: string; name: string; organizationId: string; ip: string | null }): Promise<{ ok: true; value: SiteSettings } | { ok: false; problems: readonly Problem[] }> {
  const parsed = parseSiteSettings(input);
  if (!parsed.ok) return parsed;
  const now = deps.people.now();
  await deps.site.put(parsed.value, now, actor.name);
  await deps.people.audit.append({ at: now, actorId: actor.id, actorName: actor.name, organizationId: actor.organizationId, action: 'site.update', subject: null, detail: {}, ip: actor.ip });
  return { ok: true, value: parsed.value };
}
