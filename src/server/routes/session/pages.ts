/**
 * Login and logout pages: POST /login sets the session cookie and goes to `next` (a local path only); a failure shows
 * the form again (401; 429 when throttled). POST /logout needs the session's CSRF token.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { login, logout, type PeopleDeps } from '../../../app/people/index.ts';
import { problem } from '../../../core/errors.ts';
import { authOf, clientIp, csrfOk, deviceOf, endSession, startSession } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { loginPage, resumePage, type Carried } from '../../views/login.ts';
import { formBody, parseJsonData } from '../../forms.ts';

/** Control characters, whitespace, backslash and the line/paragraph separators. */
const unsafeInUrl = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || ch === '\\' || code === 0x2028 || code === 0x2029;
};

/**
 * Where to go after logging in: a path of this site only. Browsers drop tabs and newlines from a URL and read `\`
 * as `/`, so `/\t/evil.example` would leave the site: any control character, whitespace or backslash, a second
 * leading slash, or a path that does not resolve to this origin gives the work queue instead. Never throws.
 */
export function safeNext(next: string | undefined): string {
  const fallback = '/applications';
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || [...next].some(unsafeInUrl)) return fallback;
  try {
    const base = 'http://gongkai.invalid';
    const u = new URL(next, base);
    return u.origin === base ? `${u.pathname}${u.search}${u.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/** Staff areas whose forms are kept when posted after the session expired (urlencoded forms only; not uploads). */
const STAFF_POSTS = /^\/(applications|approvals|reviews|console|organizations|reports\/[^/]+\/withdraw|import\/save)(\/|$)/;
/** Fields never carried: the old CSRF token, passwords. */
const NOT_CARRIED = /^(_csrf|password|newPassword|currentPassword)$/;
const MAX_CARRIED = 64 * 1024;

/** The kept form, read back from the login form: a local action and string fields only; null when absent or bad. */
function parseCarried(text: string): Carried | null {
  if (text === '' || text.length > MAX_CARRIED) return null;
  try {
    const v = parseJsonData(text) as { action?: unknown; fields?: unknown };
    if (typeof v.action !== 'string' || !STAFF_POSTS.test(v.action) || v.fields === null || typeof v.fields !== 'object' || Array.isArray(v.fields)) return null;
    const fields = Object.fromEntries(Object.entries(v.fields as Record<string, unknown>).filter(([k, x]) => typeof x === 'string' && !NOT_CARRIED.test(k) && k !== '__proto__')) as Record<string, string>;
    return { action: v.action, fields };
  } catch {
    return null;
  }
}

/**
 * A request's body as UTF-8 text when it has at most `max` bytes (by its Content-Length when it states one, else as it
 * is read: a chunked body is read no further than that); null when longer. Never throws on a body it cannot read
 * (null).
 */
async function readAtMost(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > max) return null;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        void reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Middleware: a staff form posted without a live session (it expired while the form was being filled) is not thrown
 * away — the login page comes back (401) carrying it, and after logging in the user confirms and sends it (resumePage).
 * The login leads back to the page the form was on (Referer), never to the POST address (whose GET would be a 404).
 */
export function keepExpiredForms(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'POST' || authOf(c) || !STAFF_POSTS.test(c.req.path) || !type.startsWith('application/x-www-form-urlencoded')) return next();
    // The body is read here, at most MAX_CARRIED bytes of it, and the answer is always given here: a body read (even in
    // part) cannot be read again by the route (bodyLimit takes the raw stream's reader: "ReadableStream is locked", a
    // 500, when a form too large to carry was passed on after it had been read — found by npm run fuzz). A form too
    // large to carry is not carried; the login page comes back all the same (the route would refuse it without a
    // session).
    const text = await readAtMost(c.req.raw, MAX_CARRIED);
    const fields = text === null ? null : Object.fromEntries([...new URLSearchParams(text)].filter(([k]) => !NOT_CARRIED.test(k)));
    let back = '/applications';
    try {
      const ref = new URL(c.req.header('referer') ?? '');
      if (ref.host === new URL(c.req.url).host) back = safeNext(`${ref.pathname}${ref.search}`);
    } catch {
      // no usable Referer: the work queue
    }
    return c.html(loginPage(back, '', [], fields ? { action: c.req.path, fields } : null), 401);
  };
}

export function sessionPages(people: PeopleDeps): Hono {
  const app = new Hono();
  app.get('/login', (c) => c.html(loginPage(safeNext(c.req.query('next')), '', [], null, c.req.query('reset') === '1' ? '密码已设置，原有的登录会话均已结束，请用新密码登录。' : undefined)));
  app.post('/login', async (c) => {
    const body = await formBody(c);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const next = safeNext(str(body.next));
    const r = await login(people, { username: str(body.username), password: str(body.password), ip: clientIp(c), device: deviceOf(c) });
    const carry = parseCarried(str(body.carry));
    if (!r.ok) return c.html(loginPage(next, str(body.username), r.problems, carry), statusOf(r.problems[0]?.code ?? 'auth.invalid'));
    startSession(c, r.value);
    // A form posted after the session expired: offered again with the new session's CSRF token.
    if (carry) return c.html(resumePage(carry, r.value.csrfToken, next));
    return c.redirect(next, 303);
  });
  app.post('/logout', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect('/login', 303);
    const body = await formBody(c);
    if (!csrfOk(c, auth, typeof body._csrf === 'string' ? body._csrf : undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    await logout(people, auth.token, clientIp(c));
    endSession(c);
    return c.redirect('/login', 303);
  });
  return app;
}
