/**
 * Staff accounts and sessions: create an account (scoped to an organisation, with a role), log in with a password
 * (scrypt hash, never stored plain), throttle repeated failures, log out, and find the user of a session cookie.
 * Every login, failed login and logout goes to the audit log.
 */
import { problem, type Problem } from '../../core/errors.ts';
import { ROLES, type Role } from '../../core/people/roles.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';
import type { AuditLog, Crypto, PasswordHasher, ResetRepository, Session, SessionRepository, ThrottleRepository, User, UserRepository } from './ports.ts';

export interface PeopleDeps {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly resets: ResetRepository;
  readonly throttle: ThrottleRepository;
  readonly audit: AuditLog;
  readonly organizations: OrganizationRepository;
  readonly passwords: PasswordHasher;
  readonly crypto: Crypto;
  readonly now: () => string;
  readonly newId: () => string;
}

/**
 * Our settings, in one place (docs/decisions.md, "Login throttling"). Failures are counted per account AND per client
 * address, in windows of `windowMinutes`:
 * - an account with `maxFailures` failures (from any addresses) is locked for `lockMinutes`: even its correct password
 *   is refused, and only that account's;
 * - an address with `addressMaxFailures` failures is throttled until its window ends: logins from it are refused
 *   except from a browser holding a known-device cookie of that account (a successful login there within
 *   `knownDeviceDays`), so a password-spraying address is slowed to 50 guesses per 15 minutes while the staff behind
 *   the same gateway keep logging in. 50 because a county office's 20-100 staff behind one NAT mistype a handful of
 *   times in 15 minutes; 50 is ten whole account locks' worth, far above that, and caps a sprayer at ~4,800 guesses a
 *   day per address instead of no limit (OWASP Authentication Cheat Sheet: device cookies);
 * - a session lasts `sessionHours`.
 */
export const LOGIN_POLICY = {
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 15,
  addressMaxFailures: 50,
  knownDeviceDays: 90,
  sessionHours: 8,
  minPasswordLength: 10,
} as const;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** The throttle key counting an account's failed logins (its lock is this counter's lockedUntil). */
export const accountThrottleKey = (username: string) => `user:${username}`;

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Problems with a new password (length, not one repeated character, not all digits). */
export function passwordProblems(password: string): Problem[] {
  const weak = (zh: string, en: string) => [problem('user.weakPassword', 'password', { zh, en })];
  if (password.length < LOGIN_POLICY.minPasswordLength) return weak(`至少 ${LOGIN_POLICY.minPasswordLength} 个字符`, `at least ${LOGIN_POLICY.minPasswordLength} characters`);
  if (/^\d+$/.test(password) || new Set(password).size < 4) return weak('不能全是数字或重复字符', 'not only digits or repeated characters');
  return [];
}

/** Create an account. Errors: user.invalid (name, role, organisation), user.weakPassword, user.taken. */
export async function addUser(deps: PeopleDeps, input: { username: string; displayName: string; password: string; organizationId: string; role: string }, actor: { id: string | null; name: string }): Promise<Result<User>> {
  const problems: Problem[] = [];
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) problems.push(problem('user.invalid', 'username', { zh: '用户名为 3-32 位小写字母、数字或 . _ -', en: '3-32 lowercase letters, digits or . _ -' }));
  if (input.displayName.trim() === '') problems.push(problem('user.invalid', 'displayName', { zh: '请填写姓名', en: 'the display name is required' }));
  if (!(ROLES as readonly string[]).includes(input.role)) problems.push(problem('user.invalid', 'role', { zh: `角色应为 ${ROLES.join('、')}`, en: `role must be one of ${ROLES.join(', ')}` }));
  const org = await deps.organizations.get(input.organizationId);
  if (!org) problems.push(problem('user.invalid', 'organizationId', { zh: `机关不存在：${input.organizationId}`, en: `no such organisation: ${input.organizationId}` }));
  problems.push(...passwordProblems(input.password));
  if (problems.length > 0) return { ok: false, problems };
  const user: User = { id: deps.newId(), username, displayName: input.displayName.trim(), organizationId: input.organizationId, role: input.role as Role, active: true, createdAt: deps.now() };
  if (!(await deps.users.create(user, await deps.passwords.hash(input.password)))) return { ok: false, problems: [problem('user.taken', 'username', { zh: username, en: username })] };
  await deps.audit.append({ at: deps.now(), actorId: actor.id, actorName: actor.name, organizationId: user.organizationId, action: 'user.add', subject: `user:${user.id}`, detail: { username, role: user.role }, ip: null });
  return { ok: true, value: user };
}

export const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

const minutesLeft = (until: string, now: string) => Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 60_000));

/** The known-device key of an account and a device token (only the token's hash is stored). */
const deviceKey = (deps: PeopleDeps, username: string, token: string) => `device:${username}:${deps.crypto.sha256(token)}`;
const wellFormed = (token: string | undefined): token is string => token !== undefined && /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** Whether `token` is a device the account logged in from within `knownDeviceDays`. */
async function knownDevice(deps: PeopleDeps, username: string, token: string | undefined, now: string): Promise<boolean> {
  if (!wellFormed(token)) return false;
  const f = await deps.throttle.get(deviceKey(deps, username, token));
  return f !== null && addMinutes(f.firstAt, LOGIN_POLICY.knownDeviceDays * 24 * 60) > now;
}

export interface LoggedIn {
  readonly user: User;
  /** The cookie value (only its hash is stored). */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  /** The known-device cookie to keep in this browser (only its hash is stored), valid `knownDeviceDays`. */
  readonly deviceToken: string;
}

/**
 * Log in. `device` is the browser's known-device cookie, if any. Errors: auth.invalid (unknown name, wrong password,
 * inactive account — one message for all, so names do not leak), auth.throttled (the account is locked, or the address
 * is throttled and the browser is not a known device of the account; `data.retryAfterMinutes`, `data.scope` account
 * or address).
 */
export async function login(deps: PeopleDeps, input: { username: string; password: string; ip: string | null; device?: string }): Promise<Result<LoggedIn>> {
  const now = deps.now();
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const userKey = accountThrottleKey(username);
  const ipKey = input.ip ? `ip:${input.ip}` : null;
  const windowStart = addMinutes(now, -LOGIN_POLICY.windowMinutes);
  const refuse = (scope: 'account' | 'address', until: string): Result<LoggedIn> => {
    const m = minutesLeft(until, now);
    const detail =
      scope === 'account'
        ? { zh: `该账户已暂时锁定，请约 ${m} 分钟后再试`, en: `this account is locked; try again in about ${m} minutes` }
        : { zh: `本网络地址登录失败次数过多，请约 ${m} 分钟后再试（曾在本浏览器登录过的账户不受影响）`, en: `too many failed logins from this address; try again in about ${m} minutes (accounts that have logged in on this browser before are not affected)` };
    return { ok: false, problems: [problem('auth.throttled', 'username', detail, { retryAfterMinutes: m, scope })] };
  };
  // Check-and-count in one statement each: every attempt takes its slot (hit) BEFORE any password is checked, so
  // guesses sent at once are counted as they arrive and only the first `maxFailures` of a window are ever checked.
  // A slot is given back (release) when the attempt turns out not to be a failure.
  if (ipKey) {
    const address = await deps.throttle.hit(ipKey, now, windowStart);
    if (address.count > LOGIN_POLICY.addressMaxFailures && !(await knownDevice(deps, username, input.device, now))) {
      if (address.count === LOGIN_POLICY.addressMaxFailures + 1) await auditFailure(deps, input, username, null, { reason: 'addressThrottled', failures: LOGIN_POLICY.addressMaxFailures });
      return refuse('address', addMinutes(address.firstAt, LOGIN_POLICY.windowMinutes));
    }
  }
  const account = await deps.throttle.hit(userKey, now, windowStart);
  const locked = account.lockedUntil !== null && account.lockedUntil > now ? account.lockedUntil : account.count > LOGIN_POLICY.maxFailures ? addMinutes(now, LOGIN_POLICY.lockMinutes) : null;
  if (locked) {
    // Refused unchecked (parallel guesses past the limit set the lock now if the failures have not yet): no password
    // was tried, so the address's slot is given back — the address counts checked failures.
    if (locked !== account.lockedUntil) await deps.throttle.lock(userKey, locked);
    if (ipKey) await deps.throttle.release(ipKey);
    return refuse('account', locked);
  }

  // An unknown or inactive name costs the same scrypt as a wrong password: the answer's timing names no account.
  const found = await deps.users.byUsername(username);
  const matches = await deps.passwords.verify(input.password, found?.passwordHash ?? (await decoyHash(deps)));
  const good = found !== null && found.user.active && matches;
  if (!good) {
    if (account.count >= LOGIN_POLICY.maxFailures) await deps.throttle.lock(userKey, addMinutes(now, LOGIN_POLICY.lockMinutes));
    // Aggregated, not one row per attempt: the first failure of a name's window, and the one that locks it.
    if (account.count === 1 || account.count === LOGIN_POLICY.maxFailures) {
      await auditFailure(deps, input, username, found?.user ?? null, { reason: found ? 'password' : 'unknownUser', failures: account.count, ...(account.count === LOGIN_POLICY.maxFailures ? { locked: true } : {}) });
    }
    return { ok: false, problems: [problem('auth.invalid', 'username')] };
  }
  // The account's counter restarts; the address's only gives back this attempt's slot (one success behind a gateway
  // must not reset a sprayer).
  await deps.throttle.clear(userKey);
  if (ipKey) await deps.throttle.release(ipKey);
  const deviceToken = wellFormed(input.device) ? input.device : deps.crypto.token(32);
  await deps.throttle.put(deviceKey(deps, username, deviceToken), { count: 1, firstAt: now, lockedUntil: null });
  const token = deps.crypto.token(32);
  const session: Session = { id: deps.crypto.sha256(token), userId: found.user.id, csrfToken: deps.crypto.token(24), expiresAt: addMinutes(now, LOGIN_POLICY.sessionHours * 60) };
  await deps.sessions.create({ ...session, createdAt: now, ip: input.ip });
  await deps.users.update(found.user.id, { lastLoginAt: now }, now);
  await deps.audit.append({ at: now, actorId: found.user.id, actorName: found.user.displayName, organizationId: found.user.organizationId, action: 'login', subject: `user:${found.user.id}`, detail: {}, ip: input.ip });
  return { ok: true, value: { user: found.user, token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, deviceToken } };
}

/** One audit row for failed logins (see `login` for which failures write one). */
function auditFailure(deps: PeopleDeps, input: { ip: string | null }, username: string, user: User | null, detail: Record<string, unknown>): Promise<unknown> {
  return deps.audit.append({ at: deps.now(), actorId: user?.id ?? null, actorName: username, organizationId: user?.organizationId ?? null, action: 'loginFailed', subject: null, detail, ip: input.ip });
}

/** A hash of a random secret per hasher, made once: what an unknown name's password is checked against. */
const decoys = new WeakMap<PasswordHasher, Promise<string>>();
function decoyHash(deps: PeopleDeps): Promise<string> {
  let h = decoys.get(deps.passwords);
  if (!h) {
    h = deps.passwords.hash(deps.crypto.token(24));
    decoys.set(deps.passwords, h);
  }
  return h;
}

/** The user and CSRF token of a session cookie, or null (unknown, expired or inactive). */
export async function sessionUser(deps: PeopleDeps, token: string): Promise<{ user: User; csrfToken: string; sessionId: string } | null> {
  if (token === '' || token.length > 200) return null;
  const session = await deps.sessions.get(deps.crypto.sha256(token));
  if (!session || session.expiresAt <= deps.now()) return null;
  const user = await deps.users.get(session.userId);
  return user && user.active ? { user, csrfToken: session.csrfToken, sessionId: session.id } : null;
}

/** End a session. */
export async function logout(deps: PeopleDeps, token: string, ip: string | null): Promise<void> {
  const current = await sessionUser(deps, token);
  await deps.sessions.delete(deps.crypto.sha256(token));
  if (current) await deps.audit.append({ at: deps.now(), actorId: current.user.id, actorName: current.user.displayName, organizationId: current.user.organizationId, action: 'logout', subject: `user:${current.user.id}`, detail: {}, ip });
}
