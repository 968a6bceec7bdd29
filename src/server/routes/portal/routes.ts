/**
 * The public portal (no login): /portal (organisations), /portal/:org (政府信息公开指南), /portal/:org/apply (the
 * online form; POST answers 201 with the 申请编号 and 查询码, 400 with the form again, 429 when rate-limited),
 * /portal/track (POST number + code). Staff: /console/guide/:org to edit the guide (admin of that organisation).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { applicantStep, readGuide, submitApplication, trackApplication, updateGuide, type PortalDeps } from '../../../app/portal/portal.ts';
import { caseClock } from '../../../core/application/clock.ts';
import { problem } from '../../../core/errors.ts';
import { loadCalendar } from '../../../app/applications/cases.ts';
import { authOf, clientIp, csrfOk } from '../../auth.ts';
import { authorizedPage, recordLoaders } from '../../authorize.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { formValues, nest } from '../../forms.ts';
import { applyPage, guidePage, portalHomePage, submittedPage, trackPage, trackedPage } from '../../views/portal.ts';
import { guideEditPage } from '../../views/console.ts';
import { sendNotice } from '../applications/notice-links.ts';

const MAX_FORM = 64 * 1024;

export function portalRoutes(deps: PortalDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_FORM, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });

  app.get('/portal', async (c) => {
    const orgs = await deps.organizations.list();
    const depth = (id: string | null, d = 0): number => (id === null ? d - 1 : depth(orgs.find((o) => o.id === id)?.parentId ?? null, d + 1));
    return c.html(portalHomePage(orgs.map((o) => ({ id: o.id, name: o.name, depth: depth(o.id) }))));
  });

  app.get('/portal/track', (c) => c.html(trackPage()));
  app.post('/portal/track', limit, async (c) => {
    const v = await formValues(c);
    const r = await trackApplication(deps, v.number ?? '', v.code ?? '', clientIp(c));
    if (!r.ok) return c.html(trackPage({ number: v.number ?? '' }, r.problems), statusOf(r.problems[0]?.code ?? 'notFound'));
    return c.html(trackedPage(r.value.case, r.value.organization, r.value.clock, { number: v.number ?? '', code: v.code ?? '' }));
  });

  // The applicant sends the 补正 asked for, or withdraws, with the number and code again.
  app.post('/portal/track/:action{correct|withdraw}', limit, async (c) => {
    const v = await formValues(c);
    const kind = c.req.param('action') === 'correct' ? 'receiveCorrection' : 'withdraw';
    if (kind === 'withdraw' && v.confirm !== '1') return c.html(trackPage({ number: v.number ?? '' }, [problem('application.invalid', 'confirm', { zh: '撤回申请须勾选确认', en: 'tick the box to confirm the withdrawal' })]), 400);
    const r = await applicantStep(deps, v.number ?? '', v.code ?? '', clientIp(c), kind, v.text ?? '');
    if (!r.ok) {
      // A refusal after the code was accepted (no 补正 text, a case that moved on) keeps the applicant on their case.
      const again = await trackApplication(deps, v.number ?? '', v.code ?? '', clientIp(c));
      if (again.ok) return c.html(trackedPage(again.value.case, again.value.organization, again.value.clock, { number: v.number ?? '', code: v.code ?? '' }, r.problems), statusOf(r.problems[0]?.code ?? 'application.invalid'));
      return c.html(trackPage({ number: v.number ?? '' }, r.problems), statusOf(r.problems[0]?.code ?? 'notFound'));
    }
    return c.html(trackedPage(r.value.case, r.value.organization, r.value.clock, { number: v.number ?? '', code: v.code ?? '' }, [], kind === 'receiveCorrection' ? '补正已提交，答复期限自今日起重新计算（条例第三十条）。' : '申请已撤回。'));
  });

  // A notice addressed to the applicant, fetched with the number and code again (POST: the code stays out of URLs).
  app.post('/portal/track/notice', limit, async (c) => {
    const v = await formValues(c);
    const r = await trackApplication(deps, v.number ?? '', v.code ?? '', clientIp(c));
    if (!r.ok) return c.html(trackPage({ number: v.number ?? '' }, r.problems), statusOf(r.problems[0]?.code ?? 'notFound'));
    return sendNotice(c, deps.organizations, r.value.case, r.value.clock, v.file ?? '', true);
  });

  app.get('/portal/:org', async (c) => {
    const g = await readGuide(deps, c.req.param('org'));
    return g.ok ? c.html(guidePage(c.req.param('org'), g.value.organization, g.value.guide)) : htmlError(c, g.problems);
  });

  app.get('/portal/:org/apply', async (c) => {
    const g = await readGuide(deps, c.req.param('org'));
    return g.ok ? c.html(applyPage(c.req.param('org'), g.value.organization)) : htmlError(c, g.problems);
  });

  app.post('/portal/:org/apply', limit, async (c) => {
    const orgId = c.req.param('org');
    const g = await readGuide(deps, orgId);
    if (!g.ok) return htmlError(c, g.problems);
    const values = await formValues(c);
    const r = await submitApplication(deps, orgId, nest(values), clientIp(c));
    if (!r.ok) return c.html(applyPage(orgId, g.value.organization, values, r.problems), statusOf(r.problems[0]?.code ?? 'application.invalid'));
    const clock = caseClock(await loadCalendar(deps), r.value.case, deps.clock.today());
    const due = clock.answer?.ok && clock.answer.answerDue.ok ? clock.answer.answerDue : null;
    return c.html(submittedPage(r.value.case, g.value.organization, r.value.trackingCode, due, r.value.resubmitted === true), r.value.resubmitted ? 200 : 201);
  });

  /** The guide's organisation, authorized for guide.write (scope first: outside → 404; then the role → 403). */
  const orgLoaders = recordLoaders({ organizations: deps.organizations });
  const editor = async (c: Context) => {
    const auth = authOf(c);
    if (!auth) return { redirect: c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303) };
    const granted = await authorizedPage(c, auth, orgLoaders, 'guide.write', { kind: 'organization', id: c.req.param('org') ?? '' });
    return 'response' in granted ? { response: granted.response } : { auth };
  };

  app.get('/console/guide/:org', async (c) => {
    const e = await editor(c);
    if (!e.auth) return e.redirect ?? e.response;
    const g = await readGuide(deps, c.req.param('org'));
    return g.ok ? c.html(guideEditPage(c.req.param('org'), g.value.organization, g.value.guide, e.auth.csrfToken)) : htmlError(c, g.problems);
  });

  app.post('/console/guide/:org', limit, async (c) => {
    const e = await editor(c);
    if (!e.auth) return e.redirect ?? e.response;
    const values = await formValues(c);
    if (!csrfOk(c, e.auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const orgId = c.req.param('org');
    const g = await readGuide(deps, orgId);
    if (!g.ok) return htmlError(c, g.problems);
    const r = await updateGuide(deps, orgId, values, { id: e.auth.user.id, name: e.auth.user.displayName, ip: clientIp(c) });
    if (!r.ok) return c.html(guideEditPage(orgId, g.value.organization, values, e.auth.csrfToken, r.problems), 400);
    return c.redirect(`/portal/${encodeURIComponent(orgId)}`, 303);
  });

  return app;
}
