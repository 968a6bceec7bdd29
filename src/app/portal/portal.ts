/**
 * The public portal's use cases (no login): read an organisation's 政府信息公开指南, submit an application online
 * (条例第二十九条 fields; received on the day of submission, 第三十一条 — the portal's confirmation is the 双方确认),
 * receiving a 申请编号 and a private tracking code, and track it with both. Submissions are rate-limited per address
 * and per applicant, failed tracking attempts per address and per 申请编号 (PORTAL_LIMITS). Staff edit the guide (audited).
 */
import type { ImportJobStore } from '../annual-report/import-jobs.ts';
import { caseClock, type CaseClock } from '../../core/application/clock.ts';
import type { Case } from '../../core/application/case.ts';
import { problem } from '../../core/errors.ts';
import { defaultGuide, parseGuide, type Guide } from '../../core/portal/guide.ts';
import { loadCalendar, registerApplication, takeStep, type ApplicationDeps, type Outcome } from '../applications/cases.ts';
import type { Crypto, ThrottleRepository, AuditLog } from '../people/ports.ts';
import type { ReportDraftRepository } from '../applications/ports.ts';
import { newTrackingCode, normalizeTrackingCode } from './tracking-code.ts';
import { canonicalJson } from '../../core/people/audit.ts';
import type { SeasonImportJobRepository } from '../season/import-jobs.ts';
import type { SeasonRepository } from '../season/reports.ts';

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
  /** The reporting season's records (app/season/reports.ts); without them the year page shows no 报送 section. */
  readonly season?: SeasonRepository;
  /** Season imports started from the web (app/season/import-jobs.ts); without them /season/import is absent. */
  readonly seasonImports?: SeasonImportJobRepository;
  /** The web import's jobs of scans (../annual-report/import-jobs.ts), shared by the processes of the installation. */
  readonly importJobs?: ImportJobStore;
}

/**
 * Our settings, in one place (docs/decisions.md, "Portal limits"), per hour. Citizens of a county often share one
 * address — a township service hall's terminal, a government-network or carrier NAT — so the per-address limits are
 * set for a crowd, and the per-applicant and per-number limits bound what one person or one guesser can do from any
 * number of addresses:
 * - `submissionsPerAddress` 30: one every two minutes for an hour from one gateway, several times a county's busiest
 *   day of online applications, while a script is stopped at 30 cases an hour per address;
 * - `submissionsPerApplicant` 5: the same identity document (its hash) from any address — several requests for
 *   different information are normal, dozens an hour are not;
 * - `failedLookupsPerAddress` 30: mistyped codes of everyone behind the gateway;
 * - `failedLookupsPerNumber` 10: wrong codes for one 申请编号 from all addresses together; then that number cannot be
 *   tracked for the rest of the hour (even with the right code — otherwise guessing would go on), which bounds
 *   guessing a case's 查询码 regardless of how many addresses try.
 */
export const PORTAL_LIMITS = { submissionsPerAddress: 30, submissionsPerApplicant: 5, failedLookupsPerAddress: 30, failedLookupsPerNumber: 10 } as const;

const hourAgo = (now: string) => new Date(Date.parse(now) - 3_600_000).toISOString();

/**
 * Take one use of `key` in the current hour's window, checking the limit in the same statement that counts it (so
 * requests sent at once are counted as they arrive, on every engine and process): true when this use is within `max`.
 * A use refused here, or one that does not happen after all, is given back with `throttle.release`.
 */
async function take(throttle: ThrottleRepository, key: string, max: number, now: string): Promise<boolean> {
  const counter = await throttle.hit(key, now, hourAgo(now));
  if (counter.count <= max) return true;
  await throttle.release(key);
  return false;
}

/** The applicant's identity as a key: the hash of the document type and number as typed (no personal data stored). */
function applicantKey(crypto: Crypto, form: Record<string, unknown>): string | null {
  const a = form.applicant;
  if (typeof a !== 'object' || a === null) return null;
  const { idType, idNumber } = a as Record<string, unknown>;
  const id = typeof idNumber === 'string' ? idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase() : '';
  return id === '' ? null : `submit-applicant:${crypto.sha256(`${typeof idType === 'string' ? idType : ''}:${id}`)}`;
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
  /** The same form was submitted moments ago: this is that case, with a new tracking code. */
  readonly resubmitted?: boolean;
}

/**
 * Submit an application online to `organizationId`. The form gives the applicant, the information asked for, and
 * the form and route of delivery; channel and receipt date are set here. Errors: application.invalid (located),
 * request.rateLimited (too many from this address), notFound (organisation).
 */
export async function submitApplication(deps: PortalDeps, organizationId: string, form: Record<string, unknown>, ip: string | null): Promise<Outcome<Submitted>> {
  const now = deps.clock.now();
  if (!(await deps.organizations.get(organizationId))) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const limits = [
    ...(ip ? [{ key: `submit:${ip}`, max: PORTAL_LIMITS.submissionsPerAddress, at: 'ip', zh: '同一网络地址', en: 'from one address' }] : []),
    ...[applicantKey(deps.crypto, form)].flatMap((key) => (key ? [{ key, max: PORTAL_LIMITS.submissionsPerApplicant, at: 'applicant.idNumber', zh: '同一申请人', en: 'by one applicant' }] : [])),
  ];
  // Each limit's slot is taken before the case is registered; a refusal, a form with errors or a resubmission gives
  // back the slots taken (only cases actually registered count).
  const taken: string[] = [];
  const giveBack = async () => {
    for (const key of taken) await deps.throttle.release(key);
  };
  for (const l of limits) {
    if (!(await take(deps.throttle, l.key, l.max, now))) {
      await giveBack();
      return { ok: false, problems: [problem('request.rateLimited', l.at, { zh: `${l.zh}每小时最多提交 ${l.max} 件申请`, en: `at most ${l.max} applications an hour ${l.en}` }, { perHour: l.max })] };
    }
    taken.push(l.key);
  }
  const trackingCode = newTrackingCode((bytes) => deps.crypto.token(bytes));
  const trackingHash = deps.crypto.sha256(normalizeTrackingCode(trackingCode));
  const input = { ...form, organizationId, channel: 'online', receivedOn: deps.clock.today() };
  const since = new Date(Date.parse(now) - RESUBMISSION_WINDOW_MINUTES * 60_000).toISOString();
  const submission = { key: submissionKey(deps.crypto, organizationId, form), since };
  // A registration that throws (a full disk, a dropped database connection) wrote nothing: its slots go back too.
  const r = await registerApplication(deps, input, { id: null, name: '申请人（网上提交）', ip }, { trackingHash, submission }).catch(async (error: unknown) => {
    await giveBack().catch(() => undefined);
    throw error;
  });
  if (!r.ok && 'duplicateOf' in r) {
    // The same form again (a double click: the browser shows only the second answer): the same case, and — since only
    // the code's hash is kept — a new code for it, which this page shows; the first page's code no longer works.
    await deps.cases.setTrackingHash(r.duplicateOf.id, trackingHash);
    await giveBack();
    return { ok: true, value: { case: r.duplicateOf, trackingCode, resubmitted: true } };
  }
  if (!r.ok) {
    await giveBack();
    return r;
  }
  return { ok: true, value: { case: r.value, trackingCode } };
}

/** The same form submitted again within this many minutes is the case it already made (a double click, a reload). */
export const RESUBMISSION_WINDOW_MINUTES = 10;

/** An online form's fingerprint: the organisation and every field as submitted (trimmed, full-width folded), nested groups included. */
function submissionKey(crypto: Crypto, organizationId: string, form: Record<string, unknown>): string {
  const fields = (value: unknown): unknown => {
    if (typeof value === 'string') return value.normalize('NFKC').trim();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k, v]) => !k.startsWith('_') && v !== '' && v !== undefined).map(([k, v]) => [k, fields(v)]));
  };
  return crypto.sha256(canonicalJson({ organizationId, fields: fields(form) }));
}

export interface Tracked {
  readonly case: Case;
  readonly clock: CaseClock;
  readonly organization: string;
}

/**
 * Look an application up by 申请编号 and tracking code. A wrong number or code gives the same notFound (nothing
 * tells whether the number exists). Errors: request.rateLimited — too many failures from this address, or for this
 * 申请编号 from all addresses (counted for any well-formed number, existing or not, so the limit tells nothing either).
 */
export async function trackApplication(deps: PortalDeps, number: string, code: string, ip: string | null): Promise<Outcome<Tracked>> {
  const now = deps.clock.now();
  const wanted = number.trim();
  const addressKey = `track:${ip ?? 'unknown'}`;
  const numberKey = /^\d{4}-\d{6}$/.test(wanted) ? `track-number:${wanted}` : null;
  // A look-up takes a failure slot first (checked and counted in one statement) and gives it back when it succeeds.
  if (!(await take(deps.throttle, addressKey, PORTAL_LIMITS.failedLookupsPerAddress, now))) {
    return { ok: false, problems: [problem('request.rateLimited', 'ip', { zh: `同一网络地址每小时最多查询失败 ${PORTAL_LIMITS.failedLookupsPerAddress} 次`, en: `at most ${PORTAL_LIMITS.failedLookupsPerAddress} failed look-ups an hour from one address` })] };
  }
  if (numberKey && !(await take(deps.throttle, numberKey, PORTAL_LIMITS.failedLookupsPerNumber, now))) {
    await deps.throttle.release(addressKey);
    return { ok: false, problems: [problem('request.rateLimited', 'number', { zh: `该申请编号每小时最多查询失败 ${PORTAL_LIMITS.failedLookupsPerNumber} 次，如有疑问请联系受理机关`, en: `at most ${PORTAL_LIMITS.failedLookupsPerNumber} failed look-ups an hour of one application number; contact the office if in doubt` })] };
  }
  const found = await deps.cases.byNumber(wanted);
  // The hash is of the canonical form (case, hyphens and spaces do not matter); codes issued before that were kept
  // as typed, and still match exactly.
  const typed = normalizeTrackingCode(code);
  const good =
    found !== null && found.trackingHash !== null && typed !== '' && (found.trackingHash === deps.crypto.sha256(typed) || found.trackingHash === deps.crypto.sha256(code.trim()));
  if (!good) return { ok: false, problems: [problem('notFound', 'number', { zh: '申请编号或查询码不正确', en: 'wrong application number or tracking code' })] };
  await deps.throttle.release(addressKey);
  if (numberKey) await deps.throttle.release(numberKey);
  const cal = await loadCalendar(deps);
  const org = await deps.organizations.get(found.case.organizationId);
  return { ok: true, value: { case: found.case, clock: caseClock(cal, found.case, deps.clock.today()), organization: org?.name ?? '' } };
}

/** The longest 补正 or withdrawal text an applicant sends online (it is the step's reason: 条例第三十条). */
export const MAX_APPLICANT_TEXT = 1000;

/**
 * The applicant acts on their own case online, with the 申请编号 and 查询码 (checked and rate-limited as tracking is):
 * sends the 补正 asked for (条例第三十条: the answer period restarts from the day it is received) or withdraws the
 * application. Errors: as trackApplication; application.invalid (no 补正 text, too long); the statute's refusals
 * (a case no longer waiting for 补正, a closed case) as takeStep gives them.
 */
export async function applicantStep(deps: PortalDeps, number: string, code: string, ip: string | null, kind: 'receiveCorrection' | 'withdraw', text: string): Promise<Outcome<Tracked>> {
  const tracked = await trackApplication(deps, number, code, ip);
  if (!tracked.ok) return tracked;
  const body = text.trim();
  if (kind === 'receiveCorrection' && body === '') return { ok: false, problems: [problem('application.invalid', 'text', { zh: '请填写补正内容', en: 'write what you are correcting' })] };
  if (body.length > MAX_APPLICANT_TEXT - 20) return { ok: false, problems: [problem('application.invalid', 'text', { zh: `内容不超过 ${MAX_APPLICANT_TEXT - 20} 字`, en: `at most ${MAX_APPLICANT_TEXT - 20} characters` })] };
  const reason = kind === 'receiveCorrection' ? `网上补正：${body}` : body === '' ? '申请人通过网上查询页撤回申请' : `网上撤回：${body}`;
  const actor = { id: null, name: kind === 'receiveCorrection' ? '申请人（网上补正）' : '申请人（网上撤回）', ip };
  const r = await takeStep(deps, tracked.value.case.id, kind, { on: deps.clock.today(), reason }, actor, tracked.value.case.version);
  if (!r.ok) return r;
  return trackApplication(deps, number, code, ip);
}
