/**
 * The organisation tree in the web app (/console/organizations, admins): the admin's organisation and everything below
 * it, indented, and a form to add one under any of them (government → department → office, sibling names unique:
 * app/organizations). Audited (organization.add).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createOrganization, type OrganizationKind } from '../../../app/organizations/index.ts';
import type { PeopleDeps } from '../../../app/people/index.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, inScope, type Auth } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { formValues } from '../../forms.ts';
import { organizationsPage } from '../../views/organizations.ts';

export function organizationRoutes(people: PeopleDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });
  const gate = (c: Context): { response: Response } | { auth: Auth } => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent('/console/organizations')}`, 303) };
    if (!can(auth.user.role, 'organization.manage')) return { response: htmlError(c, [problem('auth.forbidden', 'organization.manage')]) };
    return { auth };
  };
  const tree = async (auth: Auth) => (await people.organizations.list()).filter((o) => inScope(auth, o.id));

  app.get('/console/organizations', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    return c.html(organizationsPage({ organizations: await tree(g.auth), csrfToken: g.auth.csrfToken, values: {}, problems: [], added: c.req.query('added') ?? null }));
  });

  app.post('/console/organizations', limit, async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const v = await formValues(c);
    if (!csrfOk(c, g.auth, v._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const parentId = v.parentId ?? '';
    // Only under an organisation of the admin's own subtree.
    if (!inScope(g.auth, parentId)) {
      return c.html(organizationsPage({ organizations: await tree(g.auth), csrfToken: g.auth.csrfToken, values: v, problems: [problem('organization.parentNotFound', 'parentId')], added: null }), 400);
    }
    const r = await createOrganization({ organizations: people.organizations, newId: people.newId, now: people.now }, { name: v.name ?? '', kind: (v.kind ?? '') as OrganizationKind, parentId, code: v.code ?? null });
    if (!r.ok) return c.html(organizationsPage({ organizations: await tree(g.auth), csrfToken: g.auth.csrfToken, values: v, problems: r.problems, added: null }), statusOf(r.problems[0]?.code ?? 'organization.nameRequired'));
    await people.audit.append({ at: people.now(), actorId: g.auth.user.id, actorName: g.auth.user.displayName, organizationId: r.organization.id, action: 'organization.add', subject: `organization:${r.organization.id}`, detail: { name: r.organization.name, kind: r.organization.kind }, ip: clientIp(c) });
    return c.redirect(`/console/organizations?added=${encodeURIComponent(r.organization.name)}`, 303);
  });
  return app;
}
