/**
 * Accounts in the web app (docs/decisions.md, "Accounts in the web app"): an admin lists the accounts of their
 * organisation and below, creates one (with a one-time set-password link, never a password the admin knows), disables
 * and enables it (a disabled account cannot log in and its sessions end), changes its role, clears its login lock and
 * issues a one-time reset link (a random token, only its SHA-256 stored, 24 hours, single use). Every user changes
 * their own password with the current one. Rules: nobody disables or changes the role of their own account; the last
 * active admin of an organisation is neither disabled nor demoted; an account outside the admin's subtree is
 * `user.notFound`, as if it did not exist. Every change is audited; never a password or a token.
 */
import { problem } from '../../core/errors.ts';
import { ROLES, type Role } from '../../core/people/roles.ts';
import { accountThrottleKey, addMinutes, addUser, passwordProblems, type PeopleDeps, type Result } from './accounts.ts';
import type { User } from './ports.ts';

/** How long a reset (or set-password) link is valid. */
export const RESET_LINK_HOURS = 24;

export interface Actor {
  readonly user: User;
  /** The actor's organisation and everything below it. */
  readonly scope: ReadonlySet<string>;
  readonly ip: string | null;
}

export interface AccountRow {
  readonly user: User;
  /** The end of the account's login lock, when it is locked now. */
  readonly lockedUntil: string | null;
}

const notFound = (id: string): Result<never> => ({ ok: false, problems: [problem('user.notFound', id, { zh: `没有此账户：${id}`, en: `no such account: ${id}` })] });

/** The accounts in the actor's scope, each with its lock. */
export async function listAccounts(deps: PeopleDeps, actor: Actor): Promise<AccountRow[]> {
  const now = deps.now();
  const users = await deps.users.list([...actor.scope]);
  return Promise.all(
    users.map(async (user) => {
      const f = await deps.throttle.get(accountThrottleKey(user.username));
      return { user, lockedUntil: f?.lockedUntil != null && f.lockedUntil > now ? f.lockedUntil : null };
    }),
  );
}

/** An account in the actor's scope, or user.notFound. */
async function target(deps: PeopleDeps, actor: Actor, id: string): Promise<Result<User>> {
  const user = await deps.users.get(id);
  return user && actor.scope.has(user.organizationId) ? { ok: true, value: user } : notFound(id);
}

const audit = (deps: PeopleDeps, actor: Actor, action: Parameters<PeopleDeps['audit']['append']>[0]['action'], user: User, detail: Record<string, unknown>) =>
  deps.audit.append({ at: deps.now(), actorId: actor.user.id, actorName: actor.user.displayName, organizationId: user.organizationId, action, subject: `user:${user.id}`, detail: { username: user.username, ...detail }, ip: actor.ip });

/** user.self for one's own account; user.lastAdmin when `user` is the only active admin of its organisation. */
async function mayDemote(deps: PeopleDeps, actor: Actor, user: User): Promise<Result<null>> {
  if (user.id === actor.user.id) return { ok: false, problems: [problem('user.self', 'id')] };
  if (user.role === 'admin' && user.active) {
    const others = (await deps.users.list([user.organizationId])).filter((u) => u.id !== user.id && u.active && u.role === 'admin');
    if (others.length === 0) return { ok: false, problems: [problem('user.lastAdmin', 'id')] };
  }
  return { ok: true, value: null };
}

/** A new one-time link for `user` (older unused ones are void). Returns the token (shown once; only its hash is kept). */
async function newLink(deps: PeopleDeps, user: User): Promise<{ token: string; expiresAt: string }> {
  const now = deps.now();
  await deps.resets.voidFor(user.id, now);
  const token = deps.crypto.token(32);
  const expiresAt = addMinutes(now, RESET_LINK_HOURS * 60);
  await deps.resets.create({ tokenHash: deps.crypto.sha256(token), userId: user.id, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * Create an account in the actor's scope with an unguessable password nobody knows, and a one-time set-password link
 * for the person. Errors: those of addUser; user.invalid when the organisation is outside the scope.
 */
export async function createAccount(deps: PeopleDeps, actor: Actor, input: { username: string; displayName: string; organizationId: string; role: string }): Promise<Result<{ user: User; token: string; expiresAt: string }>> {
  if (!actor.scope.has(input.organizationId)) return { ok: false, problems: [problem('user.invalid', 'organizationId', { zh: '请选择您管理范围内的机关', en: 'choose an organisation you manage' })] };
  const made = await addUser(deps, { ...input, password: `${deps.crypto.token(24)}Aa1-` }, { id: actor.user.id, name: actor.user.displayName });
  if (!made.ok) return made;
  const link = await newLink(deps, made.value);
  await audit(deps, actor, 'user.resetLink', made.value, { expiresAt: link.expiresAt });
  return { ok: true, value: { user: made.value, ...link } };
}

/** Disable (its sessions end, it cannot log in) or enable an account. Errors: user.notFound, user.self, user.lastAdmin. */
export async function setActive(deps: PeopleDeps, actor: Actor, id: string, active: boolean): Promise<Result<User>> {
  const t = await target(deps, actor, id);
  if (!t.ok) return t;
  if (!active) {
    const may = await mayDemote(deps, actor, t.value);
    if (!may.ok) return may;
  } else if (t.value.id === actor.user.id) return { ok: false, problems: [problem('user.self', 'id')] };
  if (t.value.active === active) return { ok: true, value: t.value };
  await deps.users.update(id, { active }, deps.now());
  const ended = active ? 0 : await deps.sessions.deleteForUser(id);
  await audit(deps, actor, active ? 'user.enable' : 'user.disable', t.value, active ? {} : { sessionsEnded: ended });
  return { ok: true, value: { ...t.value, active } };
}

/** Change an account's role. Errors: user.notFound, user.invalid, user.self, user.lastAdmin (an admin made something else). */
export async function setRole(deps: PeopleDeps, actor: Actor, id: string, role: string): Promise<Result<User>> {
  const t = await target(deps, actor, id);
  if (!t.ok) return t;
  if (!(ROLES as readonly string[]).includes(role)) return { ok: false, problems: [problem('user.invalid', 'role', { zh: `角色应为 ${ROLES.join('、')}`, en: `role must be one of ${ROLES.join(', ')}` })] };
  if (t.value.id === actor.user.id) return { ok: false, problems: [problem('user.self', 'role')] };
  if (t.value.role === role) return { ok: true, value: t.value };
  if (t.value.role === 'admin') {
    const may = await mayDemote(deps, actor, t.value);
    if (!may.ok) return may;
  }
  await deps.users.update(id, { role: role as Role }, deps.now());
  await audit(deps, actor, 'user.role', t.value, { fromRole: t.value.role, role });
  return { ok: true, value: { ...t.value, role: role as Role } };
}

/** Clear an account's login lock (its failure counter). Errors: user.notFound. */
export async function unlockAccount(deps: PeopleDeps, actor: Actor, id: string): Promise<Result<User>> {
  const t = await target(deps, actor, id);
  if (!t.ok) return t;
  await deps.throttle.clear(accountThrottleKey(t.value.username));
  await audit(deps, actor, 'user.unlock', t.value, {});
  return t;
}

/** A one-time reset link for an account (older unused links void). Errors: user.notFound. */
export async function issueResetLink(deps: PeopleDeps, actor: Actor, id: string): Promise<Result<{ user: User; token: string; expiresAt: string }>> {
  const t = await target(deps, actor, id);
  if (!t.ok) return t;
  const link = await newLink(deps, t.value);
  await audit(deps, actor, 'user.resetLink', t.value, { expiresAt: link.expiresAt });
  return { ok: true, value: { user: t.value, ...link } };
}

/** The account a reset link is for, while it is unused and unexpired; else null. */
export async function resetLinkUser(deps: PeopleDeps, token: string): Promise<User | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const r = await deps.resets.find(deps.crypto.sha256(token), deps.now());
  return r ? deps.users.get(r.userId) : null;
}

/**
 * Set a new password through a reset link: the link is used up, every session of the account ends, its lock is
 * cleared. Errors: user.weakPassword (the link stays usable), user.linkInvalid.
 */
export async function resetPassword(deps: PeopleDeps, token: string, password: string, ip: string | null): Promise<Result<User>> {
  const invalid: Result<User> = { ok: false, problems: [problem('user.linkInvalid', 'token')] };
  const user = await resetLinkUser(deps, token);
  if (!user) return invalid;
  const weak = passwordProblems(password);
  if (weak.length > 0) return { ok: false, problems: weak };
  const now = deps.now();
  if ((await deps.resets.take(deps.crypto.sha256(token), now)) !== user.id) return invalid;
  await deps.users.update(user.id, { passwordHash: await deps.passwords.hash(password) }, now);
  const ended = await deps.sessions.deleteForUser(user.id);
  await deps.throttle.clear(accountThrottleKey(user.username));
  await deps.audit.append({ at: now, actorId: user.id, actorName: user.displayName, organizationId: user.organizationId, action: 'user.passwordReset', subject: `user:${user.id}`, detail: { username: user.username, sessionsEnded: ended }, ip });
  return { ok: true, value: user };
}

/**
 * Change one's own password: the current one is required; every other session of the account ends (this one stays).
 * Errors: user.wrongPassword, user.weakPassword.
 */
export async function changeOwnPassword(deps: PeopleDeps, me: { user: User; sessionId: string; ip: string | null }, input: { current: string; password: string }): Promise<Result<null>> {
  const hash = await deps.users.passwordHash(me.user.id);
  if (hash === null || !(await deps.passwords.verify(input.current, hash))) return { ok: false, problems: [problem('user.wrongPassword', 'current')] };
  const weak = passwordProblems(input.password);
  if (weak.length > 0) return { ok: false, problems: weak };
  const now = deps.now();
  await deps.users.update(me.user.id, { passwordHash: await deps.passwords.hash(input.password) }, now);
  const ended = await deps.sessions.deleteForUser(me.user.id, me.sessionId);
  await deps.audit.append({ at: now, actorId: me.user.id, actorName: me.user.displayName, organizationId: me.user.organizationId, action: 'user.passwordChange', subject: `user:${me.user.id}`, detail: { username: me.user.username, sessionsEnded: ended }, ip: me.ip });
  return { ok: true, value: null };
}
