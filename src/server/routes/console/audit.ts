/**
 * The audit log page (审计日志, GET /console/audit): for an organisation's admin, the entries of their organisation and
 * below, newest first, 100 a page (`?before=SEQ`), with the result of verifying the whole hash chain.
 */
import { Hono } from 'hono';
import { verifyAuditLog, type PeopleDeps } from '../../../app/people/index.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf } from '../../auth.ts';
import { htmlError } from '../../errors.ts';
import { auditPage } from '../../views/console.ts';

export function auditRoutes(people: PeopleDeps): Hono {
  const app = new Hono();
  app.get('/console/audit', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent('/console/audit')}`, 303);
    if (!can(auth.user.role, 'audit.read')) return htmlError(c, [problem('auth.forbidden', 'audit.read')]);
    const before = c.req.query('before');
    const beforeSeq = before && /^\d{1,12}$/.test(before) ? Number(before) : undefined;
    const entries = await people.audit.list({ organizationIds: [...auth.scope], limit: 100, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    const chain = await verifyAuditLog(people);
    return c.html(auditPage([...entries].reverse(), chain));
  });
  return app;
}
