/**
 * Accounts on the web (docs/decisions.md, "Accounts in the web app"): 账户管理 (GET/POST /console/users, the actions
 * under /console/users/:id/…, admin: `user.manage`), 我的账户 (GET /account, POST /account/password, every logged-in
 * user) and the one-time reset link (GET/POST /account/reset/:token, no session needed: the unguessable token is the
 * proof, and the same-origin check guards the POST). Every POST of a logged-in user needs the session's CSRF token;
 * an account outside the admin's subtree answers 404.
 */
import { Hono, type Context } from 'hono';
import {
  changeOwnPassword,
  createAccount,
  issueResetLink,
  listAccounts,
  resetLinkUser,
  resetPassword,
  setActive,
  setRole,
  unlockAccount,
  type Actor,
  type PeopleDeps,
} from '../../../app/people/index.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, type Auth } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { accountPage, resetPage, usersPage, type ShownLink } from '../../views/accounts.ts';
import { formBody } from '../../forms.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function userRoutes(people: PeopleDeps): Hono {
  const app = new Hono();

  /** The logged-in user (else a redirect to the login page), or an error page when not allowed / without the CSRF token. */
  const gate = async (c: Context, path: string, admin: boolean): Promise<{ auth: Auth; body: Record<string, unknown> } | Response> => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent(path)}`, 303);
    if (admin && !can(auth.user.role, 'user.manage')) return htmlError(c, [problem('auth.forbidden', 'user.manage')]);
    const body = c.req.method === 'POST' ? ((await formBody(c)) as Record<string, unknown>) : {};
    if (!csrfOk(c, auth, str(body._csrf) || undefined)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    return { auth, body };
  };
  const actorOf = (c: Context, auth: Auth): Actor => ({ user: auth.user, scope: auth.scope, ip: clientIp(c) });
  const linkUrl = (c: Context, token: string) => `${new URL(c.req.url).origin}/account/reset/${token}`;

  const showUsers = async (c: Context, auth: Auth, extra: { problems?: readonly Problem[]; values?: Record<string, string>; link?: ShownLink; notice?: string } = {}) => {
    const rows = await listAccounts(people, actorOf(c, auth));
    const organizations = (await people.organizations.list()).filter((o) => auth.scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
    const problems = extra.problems ?? [];
    // A page showing a one-time link is kept out of caches and history stores.
    if (extra.link) c.header('Cache-Control', 'no-store');
    return c.html(usersPage({ rows, organizations, me: auth.user, csrf: auth.csrfToken, ...extra }), problems.length > 0 ? statusOf(problems[0]!.code) : 200);
  };

  app.get('/console/users', async (c) => {
    const g = await gate(c, '/console/users', true);
    if (g instanceof Response) return g;
    const done = c.req.query('done');
    const notices: Record<string, string> = { disable: '账户已停用，其登录会话已结束。', enable: '账户已启用。', role: '角色已更改。', unlock: '登录锁定已解除。' };
    return showUsers(c, g.auth, done && Object.hasOwn(notices, done) ? { notice: notices[done]! } : {});
  });

  app.post('/console/users', async (c) => {
    const g = await gate(c, '/console/users', true);
    if (g instanceof Response) return g;
    const values = { username: str(g.body.username), displayName: str(g.body.displayName), organizationId: str(g.body.organizationId), role: str(g.body.role) };
    const r = await createAccount(people, actorOf(c, g.auth), values);
    if (!r.ok) return showUsers(c, g.auth, { problems: r.problems, values });
    // Shown once, in this response only (never in a redirect's URL, never stored).
    return showUsers(c, g.auth, { link: { username: r.value.user.username, url: linkUrl(c, r.value.token), expiresAt: r.value.expiresAt, created: true } });
  });

  app.post('/console/users/:id/:action{disable|enable|role|unlock|reset-link}', async (c) => {
    const g = await gate(c, '/console/users', true);
    if (g instanceof Response) return g;
    const actor = actorOf(c, g.auth);
    const id = c.req.param('id');
    const action = c.req.param('action');
    if (action === 'reset-link') {
      const r = await issueResetLink(people, actor, id);
      if (!r.ok) return r.problems[0]?.code === 'user.notFound' ? htmlError(c, r.problems) : showUsers(c, g.auth, { problems: r.problems });
      return showUsers(c, g.auth, { link: { username: r.value.user.username, url: linkUrl(c, r.value.token), expiresAt: r.value.expiresAt, created: false } });
    }
    const r =
      action === 'disable' ? await setActive(people, actor, id, false)
      : action === 'enable' ? await setActive(people, actor, id, true)
      : action === 'role' ? await setRole(people, actor, id, str(g.body.role))
      : await unlockAccount(people, actor, id);
    if (!r.ok) return r.problems[0]?.code === 'user.notFound' ? htmlError(c, r.problems) : showUsers(c, g.auth, { problems: r.problems });
    return c.redirect(`/console/users?done=${action}`, 303);
  });

  const showAccount = async (c: Context, auth: Auth, extra: { problems?: readonly Problem[]; notice?: string } = {}) => {
    const org = await people.organizations.get(auth.user.organizationId);
    const problems = extra.problems ?? [];
    return c.html(accountPage({ me: auth.user, organization: org?.name ?? auth.user.organizationId, csrf: auth.csrfToken, ...extra }), problems.length > 0 ? statusOf(problems[0]!.code) : 200);
  };

  app.get('/account', async (c) => {
    const g = await gate(c, '/account', false);
    if (g instanceof Response) return g;
    return showAccount(c, g.auth, c.req.query('done') === 'password' ? { notice: '密码已修改，其他登录会话已结束。' } : {});
  });

  app.post('/account/password', async (c) => {
    const g = await gate(c, '/account', false);
    if (g instanceof Response) return g;
    const r = await changeOwnPassword(people, { user: g.auth.user, sessionId: people.crypto.sha256(g.auth.token), ip: clientIp(c) }, { current: str(g.body.current), password: str(g.body.password) });
    if (!r.ok) return showAccount(c, g.auth, { problems: r.problems });
    return c.redirect('/account?done=password', 303);
  });

  app.get('/account/reset/:token', async (c) => {
    const token = c.req.param('token');
    const user = await resetLinkUser(people, token);
    if (!user) return htmlError(c, [problem('user.linkInvalid', 'token')]);
    // The token is in this page's URL: never sent on as a Referer, never cached.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return c.html(resetPage({ user, token }));
  });

  app.post('/account/reset/:token', async (c) => {
    const token = c.req.param('token');
    const body = (await formBody(c)) as Record<string, unknown>;
    const r = await resetPassword(people, token, str(body.password), clientIp(c));
    if (!r.ok) {
      const user = r.problems[0]?.code === 'user.weakPassword' ? await resetLinkUser(people, token) : null;
      return user ? c.html(resetPage({ user, token, problems: r.problems }), statusOf('user.weakPassword')) : htmlError(c, r.problems);
    }
    return c.redirect('/login?reset=1', 303);
  });

  return app;
}
