/**
 * First-run set-up (/setup) and the site settings (/console/site). /setup answers only while no account exists, and
 * only with the one-time token the server printed in its log at start (anyone else on the network could otherwise
 * make themselves admin of a fresh installation). /console/site is for the admins of a top organisation.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_LOGO_BYTES, readLogo, setupOpen, setupSite, updateSite, type LogoStore, type SetupDeps } from '../../../app/site/setup.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, type Auth } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { formValues } from '../../forms.ts';
import { setupPage, siteEditPage, siteValues } from '../../views/site.ts';
import { formBody, plainRecord } from '../../forms.ts';

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function siteRoutes(deps: SetupDeps & { readonly setupToken: string | null; readonly onChange: () => void; readonly logo?: LogoStore }): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: 32 * 1024, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });
  const withLogo = bodyLimit({ maxSize: MAX_LOGO_BYTES + 64 * 1024, onError: (c) => htmlError(c, [problem('site.logo', 'logo', { zh: `标志图片应为 1 字节至 ${MAX_LOGO_BYTES / 1024} KB`, en: `at most ${MAX_LOGO_BYTES / 1024} KB` })]) });

  app.get('/setup', async (c) => {
    if (!(await setupOpen(deps)) || deps.setupToken === null) return c.redirect('/login', 303);
    const token = c.req.query('token') ?? '';
    if (!same(token, deps.setupToken)) return htmlError(c, [problem('setup.token', 'token')]);
    return c.html(setupPage({ token, values: {}, problems: [] }));
  });

  app.post('/setup', limit, async (c) => {
    if (!(await setupOpen(deps)) || deps.setupToken === null) return htmlError(c, [problem('setup.closed', '')]);
    const v = await formValues(c);
    if (!same(v.token ?? '', deps.setupToken)) return htmlError(c, [problem('setup.token', 'token')]);
    const r = await setupSite(deps, { organization: v.organization ?? '', kind: v.kind ?? '', username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '', site: v });
    if (!r.ok) return c.html(setupPage({ token: v.token ?? '', values: v, problems: r.problems }), statusOf(r.problems[0]?.code ?? 'application.invalid'));
    deps.onChange();
    return c.redirect(`/login?next=${encodeURIComponent('/console/site')}`, 303);
  });

  /** Admins of a top organisation (one without a parent) may edit the site settings. */
  const siteAdmin = async (c: Context): Promise<{ response: Response } | { auth: Auth }> => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent('/console/site')}`, 303) };
    const org = await deps.people.organizations.get(auth.user.organizationId);
    if (!can(auth.user.role, 'organization.manage') || !org || org.parentId !== null) return { response: htmlError(c, [problem('auth.forbidden', 'organization.manage')]) };
    return { auth };
  };

  app.get('/console/site', async (c) => {
    const g = await siteAdmin(c);
    if ('response' in g) return g.response;
    return c.html(siteEditPage({ values: siteValues(await deps.site.get()), problems: [], csrfToken: g.auth.csrfToken, saved: c.req.query('saved') === '1', logo: deps.logo !== undefined }));
  });

  app.post('/console/site', withLogo, async (c) => {
    const g = await siteAdmin(c);
    if ('response' in g) return g.response;
    const body = await formBody(c);
    const v = plainRecord<string>();
    for (const [k, x] of Object.entries(body)) if (typeof x === 'string') v[k] = x;
    if (!csrfOk(c, g.auth, v._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    // An uploaded logo is checked by its bytes before anything is saved.
    const file = body.logo;
    const logo = file instanceof File && file.size > 0 ? readLogo(new Uint8Array(await file.arrayBuffer())) : null;
    if (logo && !logo.ok) return c.html(siteEditPage({ values: v, problems: logo.problems, csrfToken: g.auth.csrfToken, saved: false, logo: deps.logo !== undefined }), 400);
    const r = await updateSite(deps, v, { id: g.auth.user.id, name: g.auth.user.displayName, organizationId: g.auth.user.organizationId, ip: clientIp(c) });
    if (!r.ok) return c.html(siteEditPage({ values: v, problems: r.problems, csrfToken: g.auth.csrfToken, saved: false, logo: deps.logo !== undefined }), 400);
    if (logo?.ok && deps.logo) await deps.logo.put(logo.logo);
    deps.onChange();
    return c.redirect('/console/site?saved=1', 303);
  });

  /** The logo, to everyone (it heads every page). */
  app.get('/site/logo', async (c) => {
    const logo = deps.logo ? await deps.logo.get() : null;
    if (!logo) return c.notFound();
    return c.body(logo.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': logo.type, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
  });
  return app;
}
