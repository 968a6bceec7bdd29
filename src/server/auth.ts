/**
 * Sessions on the web: the `gk_session` cookie (HttpOnly, SameSite=Lax, Secure when the client came over HTTPS, also
 * through a trusted TLS proxy) carries a random token whose SHA-256 is the session id; every state-changing request
 * of a logged-in user must carry the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). Anonymous
 * callers of a staff operation get 401 `auth.required` (JSON) or a redirect to /login (pages). Scoping: a user sees
 * and changes only their organisation and its subtree; anything outside answers 404, as if it did not exist, so ids
 * do not leak.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LOGIN_POLICY, sessionUser, type PeopleDeps, type User } from '../app/people/index.ts';
import { problem } from '../core/errors.ts';
import { can, type Action } from '../core/people/roles.ts';
import type { OrganizationRepository } from '../app/organizations/ports.ts';
import { jsonError } from './errors.ts';
import { reportingYear } from '../core/annual-report/season.ts';
import { beijingTime } from './clock.ts';
import { NO_TRUSTED_PROXIES, resolveClient, type ClientInfo, type TrustedProxies } from './proxy.ts';
import { requestSession, type PageSession } from './views/layout.ts';
import type { RequestBindings } from './context.ts';

export const SESSION_COOKIE = 'gk_session';
/** The known-device cookie: a browser that logged in to an account passes that account's address throttle (LOGIN_POLICY). */
export const DEVICE_COOKIE = 'gk_device';

export interface Auth {
  readonly user: User;
  readonly csrfToken: string;
  readonly token: string;
  /** The user's organisation and everything below it. */
  readonly scope: ReadonlySet<string>;
}

/** The logged-in user of this request (after `authenticate`; kept in the context, not keyed by the Request: bodyLimit replaces c.req.raw), or null. */
export const authOf = (c: Context): Auth | null => c.get('auth') ?? null;

/** The address of the socket the request came on (not believing any header), or null (a request without a socket: tests). */
export const socketAddress = (c: Context): string | null =>
  // c.env is undefined under app.request() (tests), whatever the Bindings type says.
  (c.env as RequestBindings | undefined)?.incoming?.socket.remoteAddress ?? null;

/** Middleware (first of all): who the client is — the socket's address, or behind a trusted proxy its X-Forwarded-* (./proxy.ts). */
export function identifyClient(trusted: TrustedProxies = NO_TRUSTED_PROXIES): MiddlewareHandler {
  return async (c, next) => {
    const info = resolveClient(trusted, socketAddress(c), {
      forwardedFor: c.req.header('x-forwarded-for'),
      forwardedProto: c.req.header('x-forwarded-proto'),
      urlHttps: new URL(c.req.url).protocol === 'https:',
    });
    c.set('client', info);
    await next();
  };
}

/** The request's client (after `identifyClient`; else the socket's address and the URL's scheme, no header believed). */
const clientOf = (c: Context): ClientInfo =>
  c.get('client') ?? resolveClient(NO_TRUSTED_PROXIES, socketAddress(c), { urlHttps: new URL(c.req.url).protocol === 'https:' });

/** The client's address: the socket's, or behind a trusted proxy the first untrusted X-Forwarded-For hop. */
export const clientIp = (c: Context): string | null => clientOf(c).ip;

/** Middleware: read the session cookie and remember the user for the request. */
export function authenticate(people: PeopleDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    let auth: Auth | null = null;
    if (token !== '') {
      const s = await sessionUser(people, token);
      if (s) auth = { user: s.user, csrfToken: s.csrfToken, token, scope: new Set(await people.organizations.subtreeIds(s.user.organizationId)) };
    }
    c.set('auth', auth);
    // The site settings are for the admins of a top organisation (one without a parent).
    const top = auth !== null && can(auth.user.role, 'organization.manage') && (await people.organizations.get(auth.user.organizationId))?.parentId === null;
    await requestSession.run(auth ? { name: auth.user.displayName, csrfToken: auth.csrfToken, links: staffNav(auth.user, people.now(), top) } : undefined, next);
  };
}

/**
 * The staff pages a user may open, for the navigation: every page their role allows is one click away (no URL to
 * type from the README). The year's tables are the year the office is reporting on (core/annual-report/season.ts).
 */
export function staffNav(user: User, now: string, topAdmin = false): NonNullable<PageSession['links']> {
  const org = encodeURIComponent(user.organizationId);
  const year = reportingYear(beijingTime(now).slice(0, 10));
  const links: NonNullable<PageSession['links']>[number][] = [];
  if (can(user.role, 'case.read')) links.push({ key: 'cases', href: '/applications', label: '依申请办理' });
  if (can(user.role, 'approval.decide')) links.push({ key: 'approvals', href: '/approvals', label: '待审核' });
  if (can(user.role, 'report.read')) links.push({ key: 'tables', href: `/organizations/${org}/tables/${year}`, label: `${year} 年度报表` }, { key: 'season', href: `/season?year=${year}`, label: '报送情况' });
  if (can(user.role, 'catalog.read')) links.push({ key: 'catalogStaff', href: '/console/catalog', label: '公开目录管理' });
  if (can(user.role, 'guide.write')) links.push({ key: 'guide', href: `/console/guide/${org}`, label: '公开指南' });
  // Settings, opened now and then: one 系统管理 menu in the staff bar (views/layout.ts).
  const group = 'settings' as const;
  if (can(user.role, 'organization.manage')) links.push({ key: 'organizations', href: '/console/organizations', label: '机构设置', group });
  if (can(user.role, 'user.manage')) links.push({ key: 'users', href: '/console/users', label: '账户管理', group });
  if (can(user.role, 'notifications.manage')) links.push({ key: 'notifications', href: '/console/notifications', label: '通知发送', group });
  if (topAdmin) links.push({ key: 'calendar', href: '/console/calendar', label: '节假日安排', group }, { key: 'site', href: '/console/site', label: '网站信息', group });
  if (can(user.role, 'audit.read')) links.push({ key: 'audit', href: '/console/audit', label: '审计日志', group });
  links.push({ key: 'account', href: '/account', label: '我的账户' });
  return links;
}

/** The browser's known-device cookie, if any (for `login`). */
export const deviceOf = (c: Context): string | undefined => getCookie(c, DEVICE_COOKIE);

/**
 * Set the session cookie after a login, and the known-device cookie (kept `knownDeviceDays`): Secure when the client
 * came over HTTPS (directly or via a trusted TLS proxy).
 */
export function startSession(c: Context, login: { token: string; expiresAt: string; deviceToken?: string }): void {
  const secure = clientOf(c).https;
  setCookie(c, SESSION_COOKIE, login.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure, expires: new Date(login.expiresAt) });
  if (login.deviceToken) setCookie(c, DEVICE_COOKIE, login.deviceToken, { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge: LOGIN_POLICY.knownDeviceDays * 86_400 });
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

/**
 * The organisation a report names, for saving it: the one carrying exactly that name (full-width forms and spaces
 * folded) — with accounts, one of `auth`'s subtree ('outOfScope' when the name is only found outside it); 'unknown'
 * when no organisation has the name, or the report names none. Stored names are compared as stored: the
 * organisation list is what names them. Fails closed: without the organisations, no name is found.
 */
export function reportOrganization(organizations: Pick<OrganizationRepository, 'byName'> | undefined, auth: Auth | null): (organization: string | null) => Promise<{ id: string } | 'unknown' | 'outOfScope'> {
  return async (organization) => {
    const name = (organization ?? '').normalize('NFKC').replace(/\s+/g, '');
    if (name === '' || !organizations) return 'unknown';
    const found = await organizations.byName(name);
    if (found.length === 0) return 'unknown';
    if (!auth) return found.length === 1 && found[0] ? { id: found[0].id } : 'unknown';
    const mine = found.find((o) => auth.scope.has(o.id));
    return mine ? { id: mine.id } : 'outOfScope';
  };
}
