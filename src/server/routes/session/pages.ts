/**
 * Login and logout pages: POST /login sets the session cookie and goes to `next` (a local path only); a failure shows
 * the form again (401; 429 when throttled). POST /logout needs the session's CSRF token.
 */
import { Hono } from 'hono';
import { login, logout, type PeopleDeps } from '../../../app/people/index.ts';
import { problem } from '../../../core/errors.ts';
import { authOf, clientIp, csrfOk, deviceOf, endSession, startSession } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { loginPage } from '../../views/login.ts';

/** Only a path on this site (no scheme, no `//host`): an open redirect is refused. */
export const safeNext = (next: string | undefined): string => (next && /^\/(?![/\\])/.test(next) ? next : '/applications');

export function sessionPages(people: PeopleDeps): Hono {
  const app = new Hono();
  app.get('/login', (c) => c.html(loginPage(safeNext(c.req.query('next')), '', [], c.req.query('reset') === '1' ? '密码已设置，原有的登录会话均已结束，请用新密码登录。' : undefined)));
  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const next = safeNext(str(body.next));
    const r = await login(people, { username: str(body.username), password: str(body.password), ip: clientIp(c), device: deviceOf(c) });
    if (!r.ok) return c.html(loginPage(next, str(body.username), r.problems), statusOf(r.problems[0]?.code ?? 'auth.invalid'));
    startSession(c, r.value);
    return c.redirect(next, 303);
  });
  app.post('/logout', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect('/login', 303);
    const body = await c.req.parseBody();
    if (!csrfOk(c, auth, typeof body._csrf === 'string' ? body._csrf : undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    await logout(people, auth.token, clientIp(c));
    endSession(c);
    return c.redirect('/login', 303);
  });
  return app;
}
