/**
 * Notifications for admins (GET /console/notifications): every message of their organisation and below, newest first,
 * 100 a page, by state; and the digest address of each of those organisations (POST …/addresses/:org, audited).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { OutboxRepository } from '../../../app/notify/ports.ts';
import type { PeopleDeps } from '../../../app/people/index.ts';
import type { PortalDeps } from '../../../app/portal/portal.ts';
import { problem } from '../../../core/errors.ts';
import { emailAddress, MESSAGE_STATES, type MessageState } from '../../../core/notify/messages.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, inScope, type Auth } from '../../auth.ts';
import { authorizedPage, recordLoaders } from '../../authorize.ts';
import { htmlError } from '../../errors.ts';
import { formValues } from '../../forms.ts';
import { notificationsPage } from '../../views/notifications.ts';

export interface NotificationDeps {
  readonly outbox: OutboxRepository;
  /** Whether a mail server and an SMS gateway are configured (shown on the page). */
  readonly channels: { readonly email: boolean; readonly sms: boolean };
}

export function notificationRoutes(deps: PortalDeps, people: PeopleDeps, notify: NotificationDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });

  const render = async (auth: Auth, query: { state?: string | undefined; offset?: string | undefined }, extra: { problems?: ReturnType<typeof problem>[]; saved?: boolean } = {}) => {
    const state = (MESSAGE_STATES as readonly string[]).includes(query.state ?? '') ? (query.state as MessageState) : null;
    const offset = query.offset && /^\d{1,7}$/.test(query.offset) ? Number(query.offset) : 0;
    const scope = [...auth.scope];
    const list = await notify.outbox.list({ organizationIds: scope, ...(state ? { states: [state] } : {}), limit: 100, offset });
    const caseIds = [...new Set(list.items.flatMap((m) => (m.caseId ? [m.caseId] : [])))];
    const caseNumbers = new Map((await Promise.all(caseIds.map((id) => deps.cases.get(id)))).flatMap((k) => (k ? [[k.id, k.number] as const] : [])));
    const organizations = (await deps.organizations.list()).filter((o) => inScope(auth, o.id));
    return notificationsPage({ messages: list.items, total: list.total, state, offset, caseNumbers, organizations, addresses: await notify.outbox.addresses(), channels: notify.channels, csrfToken: auth.csrfToken, ...extra });
  };

  app.get('/console/notifications', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent('/console/notifications')}`, 303);
    if (!can(auth.user.role, 'notifications.manage')) return htmlError(c, [problem('auth.forbidden', 'notifications.manage')]);
    return c.html(await render(auth, { state: c.req.query('state'), offset: c.req.query('offset') }, { saved: c.req.query('saved') === '1' }));
  });

  app.post('/console/notifications/addresses/:org', limit, async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent('/console/notifications')}`, 303);
    const values = await formValues(c);
    if (!csrfOk(c, auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const orgId = c.req.param('org');
    const granted = await authorizedPage(c, auth, recordLoaders({ organizations: deps.organizations }), 'notifications.manage', { kind: 'organization', id: orgId });
    if ('response' in granted) return granted.response;
    const text = String(values.email ?? '').trim();
    const email = text === '' ? null : emailAddress(text);
    if (text !== '' && !email) return c.html(await render(auth, {}, { problems: [problem('config.invalid', 'email', { zh: `电子邮箱地址有误：“${text.slice(0, 100)}”`, en: `not an e-mail address: "${text.slice(0, 100)}"` })] }), 400);
    const at = people.now();
    await notify.outbox.setAddress(orgId, email, at, auth.user.displayName);
    await people.audit.append({ at, actorId: auth.user.id, actorName: auth.user.displayName, organizationId: orgId, action: 'notify.address', subject: `organization:${orgId}`, detail: { email }, ip: clientIp(c) });
    return c.redirect('/console/notifications?saved=1', 303);
  });

  return app;
}
