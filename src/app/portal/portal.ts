/**
 * The public portal's use cases (no login): read an organisation's 政府信息公开指南, submit an application online
 * (条例第二十九条 fields; received on the day of submission, 第三十一条 — the portal's confirmation is the 双方确认),
 * receiving a 申请编号 and a private tracking code, and track it with both. Submissions and failed tracking attempts
 * are rate-limited per address. Staff edit the guide (audited).
 */
import { caseClock, type CaseClock } from '../../core/application/clock.ts';
import type { Case } from '../../core/application/case.ts';
import { problem } from '../../core/errors.ts';
import { defaultGuide, parseGuide, type Guide } from '../../core/portal/guide.ts';
import { loadCalendar, registerApplication, type ApplicationDeps, type Outcome } from '../applications/cases.ts';
import type { Crypto, ThrottleRepository, AuditLog } from '../people/ports.ts';
import type { ReportDraftRepository } from '../applications/ports.ts';
import { newTrackingCode, normalizeTrackingCode } from './tracking-code.ts';

export interface GuideRepository {
  get(organizationId: string): Promise<{ guide: Guide; updatedAt: string } | null>;
  put(organizationId: string, guide: Guide, updatedAt: string, updatedBy: string): Promise<void>;
}

export interface PortalDeps extends ApplicationDeps {
  readonly drafts: ReportDraftRepository;
  readonly guides: GuideRepository;
  readonly throttle: ThrottleRepository;
  readonly crypto: Crypto;
  readonly audit: AuditLog;
}

/** Our settings: at most 10 online submissions and 20 failed tracking look-ups per address per hour. */
export const PORTAL_LIMITS = { submissionsPerHour: 10, failedLookupsPerHour: 20 } as const;

const hourAgo = (now: string) => new Date(Date.parse(now) - 3_600_000).toISOString();

/** Count one use of `key`; false when the hourly `max` is already reached. */
async function allow(throttle: ThrottleRepository, key: string, max: number, now: string, count = true): Promise<boolean> {
  const f = await throttle.get(key);
  const fresh = !f || f.firstAt < hourAgo(now);
  const used = fresh ? 0 : f.count;
  if (used >= max) return false;
  if (count) await throttle.put(key, { count: used + 1, firstAt: fresh ? now : f.firstAt, lockedUntil: null });
  return true;
}

/** The guide of an organisation (its own, or the default). notFound for an unknown organisation. */
export async function readGuide(deps: Pick<PortalDeps, 'guides' | 'organizations'>, organizationId: string): Promise<Outcome<{ organization: string; guide: Guide; custom: boolean }>> {
  const org = await deps.organizations.get(organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId', { zh: `没有此机关：${organizationId}`, en: `no such organisation: ${organizationId}` })] };
  const stored = await deps.guides.get(organizationId);
  return { ok: true, value: { organization: org.name, guide: stored?.guide ?? defaultGuide(org.name), custom: stored !== null } };
}

/** Save an organisation's guide (admin). Errors: application.invalid (fields). Audited as guide.update. */
export async function updateGuide(deps: Pick<PortalDeps, 'guides' | 'audit' | 'clock'>, organizationId: string, input: unknown, actor: { id: string; name: string; ip: string | null }): Promise<Outcome<Guide>> {
  const parsed = parseGuide(input);
  if (!parsed.ok) return parsed;
  const now = deps.clock.now();
  await deps.guides.put(organizationId, parsed.value, now, actor.name);
  await deps.audit.append({ at: now, actorId: actor.id, actorName: actor.name, organizationId, action: 'guide.update', subject: `organization:${organizationId}`, detail: {}, ip: actor.ip });
  return { ok: true, value: parsed.value };
}

export interface Submitted {
  readonly case: Case;
  /** Shown to the applicant once; only its hash is kept. */
  readonly trackingCode: string;
}

/**
 * Submit an application online to `organizationId`. The form gives the applicant, the information asked for, and
 * the form and route of delivery; channel and receipt date are set here. Errors: application.invalid (located),
 * request.rateLimited (too many from this address), notFound (organisation).
 */
export async function submitApplication(deps: PortalDeps, organizationId: string, form: Record<string, unknown>, ip: string | null): Promise<Outcome<Submitted>> {
  const now = deps.clock.now();
  if (!(await deps.organizations.get(organizationId))) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  if (ip && !(await allow(deps.throttle, `submit:${ip}`, PORTAL_LIMITS.submissionsPerHour, now, false))) {
    return { ok: false, problems: [problem('request.rateLimited', 'ip', undefined, { perHour: PORTAL_LIMITS.submissionsPerHour })] };
  }
  const trackingCode = newTrackingCode((bytes) => deps.crypto.token(bytes));
  const input = { ...form, organizationId, channel: 'online', receivedOn: deps.clock.today() };
  const r = await registerApplication(deps, input, { id: null, name: '申请人（网上提交）', ip }, { trackingHash: deps.crypto.sha256(normalizeTrackingCode(trackingCode)) });
  if (!r.ok) return r;
  if (ip) await allow(deps.throttle, `submit:${ip}`, PORTAL_LIMITS.submissionsPerHour, now);
  return { ok: true, value: { case: r.value, trackingCode } };
}

export interface Tracked {
  readonly case: Case;
  readonly clock: CaseClock;
  readonly organization: string;
}

/**
 * Look an application up by 申请编号 and tracking code. A wrong number or code gives the same notFound (nothing
 * tells whether the number exists); too many failures from one address → request.rateLimited.
 */
export async function trackApplication(deps: PortalDeps, number: string, code: string, ip: string | null): Promise<Outcome<Tracked>> {
  const now = deps.clock.now();
  const key = `track:${ip ?? 'unknown'}`;
  if (!(await allow(deps.throttle, key, PORTAL_LIMITS.failedLookupsPerHour, now, false))) return { ok: false, problems: [problem('request.rateLimited', 'ip')] };
  const found = await deps.cases.byNumber(number.trim());
  // The hash is of the canonical form (case, hyphens and spaces do not matter); codes issued before that were kept
  // as typed, and still match exactly.
  const typed = normalizeTrackingCode(code);
  const good =
    found !== null && found.trackingHash !== null && typed !== '' && (found.trackingHash === deps.crypto.sha256(typed) || found.trackingHash === deps.crypto.sha256(code.trim()));
  if (!good) {
    await allow(deps.throttle, key, PORTAL_LIMITS.failedLookupsPerHour, now);
    return { ok: false, problems: [problem('notFound', 'number', { zh: '申请编号或查询码不正确', en: 'wrong application number or tracking code' })] };
  }
  const cal = await loadCalendar(deps);
  const org = await deps.organizations.get(found.case.organizationId);
  return { ok: true, value: { case: found.case, clock: caseClock(cal, found.case, deps.clock.today()), organization: org?.name ?? '' } };
}
