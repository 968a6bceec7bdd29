/**
 * Sessions on the web: the `gk_session` cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS) carries a random token
 * whose SHA-256 is the session id; every state-changing request of a logged-in user must carry the session's CSRF
 * token (form field `_csrf` or header `X-CSRF-Token`). Anonymous callers of a staff operation get 401 `auth.required`
 * (JSON) or a redirect to /login (pages). Scoping: a user sees and changes only their organisation and its subtree;
 * anything outside answers 404, as if it did not exist, so ids do not leak.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionUser, type PeopleDeps, type User } from '../app/people/index.ts';
import { problem } from '../core/errors.ts';
import { can, type Action } from '../core/people/roles.ts';
import { jsonError } from './errors.ts';
import { reportingYear } from '../core/annual-report/season.ts';
import { beijingTime } from './clock.ts';
import { requestSession, type PageSession } from './views/layout.ts';

export const SESSION_COOKIE = 'gk_session';

export interface Auth {
  readonly user: User;
  readonly csrfToken: string;
  readonly token: string;
  /** The user's organisation and everything below it. */
  readonly scope: ReadonlySet<string>;
}

/** The context variable holding the request's Auth (not keyed by the Request: bodyLimit replaces c.req.raw). */
type AuthEnv = { Variables: { gkAuth: Auth | null } };

/** The logged-in user of this request (after `authenticate`), or null. */
export const authOf = (c: Context): Auth | null => (c as unknown as Context<AuthEnv>).get('gkAuth') ?? null;

/** The client's address as the socket saw it (no proxy headers are trusted). */
export function clientIp(c: Context): string | null {
  const info = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return info ?? null;
}

/** Middleware: read the session cookie and remember the user for the request. */
export function authenticate(people: PeopleDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    let auth: Auth | null = null;
    if (token !== '') {
      const s = await sessionUser(people, token);
      if (s) auth = { user: s.user, csrfToken: s.csrfToken, token, scope: new Set(await people.organizations.subtreeIds(s.user.organizationId)) };
    }
    (c as unknown as Context<AuthEnv>).set('gkAuth', auth);
    await requestSession.run(auth ? { name: auth.user.displayName, csrfToken: auth.csrfToken, links: staffNav(auth.user, people.now()) } : undefined, next);
  };
}

/**
 * The staff pages a user may open, for the navigation: every page their role allows is one click away (no URL to
 * type from the README). The year's tables are the year the office is reporting on (core/annual-report/season.ts).
 */
export function staffNav(user: User, now: string): NonNullable<PageSession['links']> {
  const org = encodeURIComponent(user.organizationId);
  const year = reportingYear(beijingTime(now).slice(0, 10));
  const links: NonNullable<PageSession['links']>[number][] = [];
  if (can(user.role, 'case.read')) links.push({ key: 'cases', href: '/applications', label: '依申请办理' });
  if (can(user.role, 'report.read')) links.push({ key: 'tables', href: `/organizations/${org}/tables/${year}`, label: `${year} 年度报表` });
  if (can(user.role, 'guide.write')) links.push({ key: 'guide', href: `/console/guide/${org}`, label: '公开指南' });
  if (can(user.role, 'audit.read')) links.push({ key: 'audit', href: '/console/audit', label: '审计日志' });
  return links;
}

/** Set the session cookie after a login. */
export function startSession(c: Context, token: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:', expires: new Date(expiresAt) });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a state-changing request carries the session's CSRF token (header, or `_csrf` in a parsed form body). */
export function csrfOk(c: Context, auth: Auth, formToken?: string): boolean {
  if (SAFE.has(c.req.method)) return true;
  const sent = c.req.header('x-csrf-token') ?? formToken ?? '';
  return sent.length === auth.csrfToken.length && sent === auth.csrfToken;
}

/**
 * For JSON routes: the user, or the error response (401 auth.required; 403 auth.csrf on a state-changing request
 * without the token; 403 auth.forbidden when the role may not do `action`).
 */
export function requireApiUser(c: Context, action?: Action): Auth | Response {
  const auth = authOf(c);
  if (!auth) return jsonError(c, [problem('auth.required', c.req.path)]);
  if (!csrfOk(c, auth)) return jsonError(c, [problem('auth.csrf', 'X-CSRF-Token')]);
  if (action && !can(auth.user.role, action)) return jsonError(c, [problem('auth.forbidden', action, { zh: action, en: action }, { role: auth.user.role })]);
  return auth;
}

/** Whether an organisation is inside the user's scope. */
export const inScope = (auth: Auth, organizationId: string): boolean => auth.scope.has(organizationId);

/** A "not found" for something outside the user's scope (404, never 403: ids do not leak). */
export const outOfScope = (c: Context, what: string) => jsonError(c, [problem('notFound', what, { zh: `没有此记录：${what}`, en: `not found: ${what}` })]);
