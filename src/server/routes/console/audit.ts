/**
 * The audit log page (审计日志, GET /console/audit): for an organisation's admin, the entries of their organisation and
 * below, newest first, 100 a page (`?before=SEQ`), with the result of verifying the whole hash chain.
 */
import { Hono } from 'hono';
import { verifyAuditLog, type PeopleDeps } from '../../../app/people/index.ts';
import { problem } from '../../../core/errors.ts';
import type { ChainPoint } from '../../../core/people/audit.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf } from '../../auth.ts';
import { htmlError } from '../../errors.ts';
import { auditPage } from '../../views/console.ts';

export function auditRoutes(people: PeopleDeps): Hono {
  const app = new Hono();
  let checkpoint: ChainPoint | null = null;
  app.get('/console/audit', async (c) => {
    const auth = authOf(c);
    if (!auth) return c.redirect(`/login?next=${encodeURIComponent('/console/audit')}`, 303);
    if (!can(auth.user.role, 'audit.read')) return htmlError(c, [problem('auth.forbidden', 'audit.read')]);
    const before = c.req.query('before');
    const beforeSeq = before && /^\d{1,12}$/.test(before) ? Number(before) : undefined;
    const entries = await people.audit.list({ organizationIds: [...auth.scope], limit: 100, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    // Incremental: after one full verification in this process, each view checks only the entries added since (and
    // that the last verified entry is unchanged) — the page stays fast on a long log; `gongkai audit verify` (and a
    // restart) verifies it all. A break found is shown, and the next view verifies from the start again.
    const chain = await verifyAuditLog(people, checkpoint ?? undefined);
    checkpoint = chain.ok ? { seq: chain.entries, hash: chain.head } : null;
    return c.html(auditPage([...entries].reverse(), chain));
  });
  return app;
}
