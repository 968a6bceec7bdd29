/**
 * The holiday calendar in the web app (/console/calendar): the loaded years, and loading next year's State Council
 * notice (the same file as `gongkai calendar add-year`), for the admins of a top organisation (the calendar is the
 * whole installation's). Loading recomputes the stored running deadlines of open cases, each change audited, and is
 * audited itself.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadCalendar, refreshNextDue } from '../../../app/applications/index.ts';
import { addCalendarYear } from '../../../app/calendar/index.ts';
import type { PeopleDeps } from '../../../app/people/index.ts';
import type { PortalDeps } from '../../../app/portal/portal.ts';
import { parseHolidayNotice } from '../../../core/calendar/notice-file.ts';
import { problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, type Auth } from '../../auth.ts';
import { htmlError } from '../../errors.ts';
import { formValues } from '../../forms.ts';
import { calendarPage } from '../../views/calendar.ts';

/** From this month on, the next year's notice is awaited (it is usually published in October to December). */
export const CALENDAR_REMINDER_MONTH = 11;

/** The year whose notice is awaited at `today` (next year, from November, when not loaded), or null. */
export function awaitedYear(today: string, covers: (year: number) => boolean): number | null {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= CALENDAR_REMINDER_MONTH && !covers(year + 1) ? year + 1 : null;
}

export function calendarRoutes(deps: PortalDeps, people: PeopleDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => htmlError(c, [problem('input.tooLarge', 'body')]) });

  const gate = async (c: Context): Promise<{ response: Response } | { auth: Auth }> => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent('/console/calendar')}`, 303) };
    const org = await people.organizations.get(auth.user.organizationId);
    if (!can(auth.user.role, 'organization.manage') || !org || org.parentId !== null) return { response: htmlError(c, [problem('auth.forbidden', 'organization.manage')]) };
    return { auth };
  };
  const state = async () => {
    const cal = await loadCalendar(deps);
    return { years: cal.coveredYears, missing: awaitedYear(deps.clock.today(), (y) => cal.covers(y)) };
  };

  app.get('/console/calendar', async (c) => {
    const g = await gate(c);
    if ('response' in g) return g.response;
    return c.html(calendarPage({ ...(await state()), csrfToken: g.auth.csrfToken }));
  });

  app.post('/console/calendar', limit, async (c) => {
    const g = await gate(c);
    if ('response' in g) return g.response;
    const v = await formValues(c);
    if (!csrfOk(c, g.auth, v._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const text = v.notice ?? '';
    const notice = parseHolidayNotice(text, '网页载入');
    const again = async (problems: readonly ReturnType<typeof problem>[]) => c.html(calendarPage({ ...(await state()), csrfToken: g.auth.csrfToken, text, problems }), 400);
    if (!notice.ok) return again(notice.problems);
    const added = await addCalendarYear({ calendar: deps.calendar, now: deps.clock.now }, { ...notice.notice, source: notice.notice.source ?? '网页载入' }, { replace: v.replace === '1' });
    if (!added.ok) return again(added.problems);
    const actor = { id: g.auth.user.id, name: g.auth.user.displayName, ip: clientIp(c) };
    const { year, holidays, workdays } = notice.notice;
    await people.audit.append({ at: deps.clock.now(), actorId: actor.id, actorName: actor.name, organizationId: g.auth.user.organizationId, action: 'calendar.addYear', subject: null, detail: { year, holidays: holidays.length, workdays: workdays.length, replace: v.replace === '1' }, ip: actor.ip });
    const refreshed = await refreshNextDue(deps, actor);
    return c.html(calendarPage({ ...(await state()), csrfToken: g.auth.csrfToken, loaded: { year, holidays: holidays.length, workdays: workdays.length, changed: refreshed.changed } }));
  });
  return app;
}
