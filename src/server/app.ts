/**
 * The web app (hono): server-rendered pages over the demo reports and the saved ones, the import (upload → report
 * with its sources → save) and a small JSON API. `buildApp` takes its dependencies and does no IO itself, so tests
 * call it through `app.request()` without a socket.
 */
import { Hono } from 'hono';
import type { RendererRegistry, TextExtractor } from '../app/annual-report/index.ts';
import type { ReportStore } from '../app/annual-report/ports.ts';
import type { PortalDeps } from '../app/portal/portal.ts';
import type { PeopleDeps } from '../app/people/index.ts';
import { problem } from '../core/errors.ts';
import { FORMATS } from '../formats/index.ts';
import { sourceExtractor } from '../formats/source/extractor.ts';
import { authenticate, identifyClient, SESSION_COOKIE } from './auth.ts';
import type { TrustedProxies } from './proxy.ts';
import { htmlError, jsonError } from './errors.ts';
import { UntrustedInput } from './forms.ts';
import { securityHeaders } from './headers.ts';
import { sameOrigin } from './same-origin.ts';
import { applicationApi } from './routes/applications/api.ts';
import { seasonRoutes } from './routes/season/pages.ts';
import { seasonImportRoutes } from './routes/season/import.ts';
import { publicReportRoutes } from './routes/season/public.ts';
import { casePages } from './routes/applications/pages.ts';
import { auditRoutes } from './routes/console/audit.ts';
import { calendarRoutes } from './routes/console/calendar.ts';
import { organizationRoutes } from './routes/console/organizations.ts';
import { notificationRoutes, type NotificationDeps } from './routes/console/notifications.ts';
import { userRoutes } from './routes/console/users.ts';
import { importRoutes } from './routes/import/routes.ts';
import { portalRoutes } from './routes/portal/routes.ts';
import { keepExpiredForms, sessionPages } from './routes/session/pages.ts';
import { reportRoutes } from './routes/reports/routes.ts';
import { searchApi } from './routes/search/api.ts';
import type { DocumentSearch } from '../app/fulltext/index.ts';
import { getCookie, setCookie } from 'hono/cookie';
import { requestShowsEnglish, requestSite } from './views/layout.ts';
import { DEMO_SITE, type SiteSettings } from '../core/portal/site.ts';
import type { LogoStore, SiteRepository } from '../app/site/setup.ts';
import { siteRoutes } from './routes/console/site.ts';
import { setupPendingPage } from './views/site.ts';
import { catalogApi, type CatalogRouteDeps } from './routes/catalog/api.ts';
import { catalogPublic } from './routes/catalog/public.ts';
import { faultProblem } from './faults.ts';
import { logRequestError, observeRequests, opsRoutes, type OpsDeps } from './observe.ts';
import { caseCatalog, releaseRoutes } from './routes/catalog/case-links.ts';
import { catalogConsole } from './routes/catalog/console.ts';
import { catalogSearchPage } from './routes/catalog/search-page.ts';
import { pageCache, type PageCache, type PageCacheOptions } from './page-cache.ts';

/** The cookie holding the reader's language switch (en: English and codes shown beside the Chinese). */
const LANG_COOKIE = 'gk_lang';

export interface AppDeps {
  /** The export formats; defaults to the registry of src/formats (tests may stub one). */
  readonly formats?: RendererRegistry;
  /**
   * The one report store (annual_reports: reports published through the season, imported, the demo's): the report
   * list and pages read it, 导入 → 保存为报告 writes it. Without one (no database) the list is empty, nothing is saved.
   */
  readonly store?: ReportStore;
  /** Turns uploaded files into text; defaults to src/formats/source. */
  readonly extractor?: TextExtractor;
  /** The applications desk (cases, organisations, calendar) and the people (accounts, sessions, audit); without them the case routes are absent. */
  readonly applications?: PortalDeps;
  readonly people?: PeopleDeps;
  /** The site's settings (header, footer); without them the frame shows gongkai's own name. */
  readonly site?: SiteRepository;
  /** The site's logo (data folder); without it no logo can be uploaded. */
  readonly logo?: LogoStore;
  /** Demo mode (GONGKAI_DEMO=1): the demo site's name and footer until settings are saved. */
  readonly demo?: boolean;
  /**
   * Production first-run: the one-time token of /setup (printed in the server log). While no account exists every
   * other page says set-up is pending. null/absent: no set-up (demo mode, or accounts exist).
   */
  readonly setupToken?: string | null;
  /** The outbox of notifications (case page, /console/notifications); without it neither shows messages. */
  readonly notifications?: NotificationDeps;
  /** The reverse proxies whose X-Forwarded-For/-Proto are believed (GONGKAI_TRUSTED_PROXIES); default none. */
  readonly trustedProxies?: TrustedProxies;
  /** The 政府信息公开目录 (documents, tree, attachments, decisions); without it /xxgk and /api/catalog are absent. */
  readonly catalog?: CatalogRouteDeps;
  /** The catalog's full-text search index (GET /api/catalog/search); needs `people` for the organisation tree. */
  readonly search?: DocumentSearch;
  /** Where unexpected errors are logged; defaults to console.error (ops.log, when given, gets them as events instead). */
  readonly logError?: (error: unknown) => void;
  /** Operations (./observe.ts): the log, the metrics, the database ping of /healthz, the metrics token, shutdown. */
  readonly ops?: OpsDeps;
  /**
   * The page cache of the anonymous public pages (./page-cache.ts): the shared version to read (storage/page-version.ts)
   * and its limits; absent (or maxBytes 0): every page is rendered for each request.
   */
  readonly pageCache?: Omit<PageCacheOptions, 'sessionCookie' | 'variant' | 'onChange'> & { readonly onCache?: (cache: PageCache) => void };
}

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** Build the app. Unknown routes → 404 (page, or the error shape under /api); uncaught errors → 500 `internal`. */
export function buildApp(deps: AppDeps): Hono {
  const app = new Hono();
  const ops = deps.ops ?? {};
  const logError = deps.logError ?? (deps.ops?.log ? () => undefined : (error: unknown) => console.error(error));
  const store = deps.store ? { store: deps.store } : {};
  app.use('*', observeRequests(ops, deps.trustedProxies));
  app.use('*', securityHeaders());
  app.use('*', identifyClient(deps.trustedProxies));
  app.use('*', sameOrigin());
  // Before the set-up gate and the site's settings: a health check answers while set-up is pending or the database is down.
  app.route('/', opsRoutes(ops));
  // The site's name and footer on every page (read at most every 5 s per process; a change here refreshes at once).
  const siteCache = { at: 0, value: null as (SiteSettings & { hasLogo: boolean }) | null };
  const siteNow = async (): Promise<(SiteSettings & { hasLogo?: boolean }) | null> => {
    if (deps.site && Date.now() - siteCache.at > 5000) {
      const settings = await deps.site.get();
      siteCache.value = settings ? { ...settings, hasLogo: deps.logo ? (await deps.logo.get()) !== null : false } : null;
      siteCache.at = Date.now();
    }
    return siteCache.value ?? (deps.demo ? DEMO_SITE : null);
  };
  // Anonymous public pages from memory while the data behind them is unchanged (before the site's settings are read:
  // a page rendered after the shared version moved reads them again).
  let cache: PageCache | null = null;
  if (deps.pageCache && (deps.pageCache.maxBytes ?? 1) > 0) {
    cache = pageCache({ ...deps.pageCache, sessionCookie: SESSION_COOKIE, variant: (c) => (getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'zh'), onChange: () => (siteCache.at = 0) });
    deps.pageCache.onCache?.(cache);
    app.use('*', cache.middleware);
  }
  app.use('*', async (c, next) => requestSite.run(await siteNow(), next));
  // Until the first account exists, a production installation shows only /setup (guarded by its token).
  let setupPending = deps.setupToken !== undefined && deps.setupToken !== null;
  if (setupPending && deps.people) {
    const people = deps.people;
    app.use('*', async (c, next) => {
      if (setupPending) setupPending = (await people.users.count()) === 0;
      if (!setupPending || c.req.path === '/setup') return next();
      return c.html(setupPendingPage(), 503);
    });
  }
  // Chinese only unless the reader switched English (and the codes) on: GET /lang?show=en|zh sets the cookie.
  app.use('*', async (c, next) => requestShowsEnglish.run(getCookie(c, LANG_COOKIE) === 'en', next));
  app.get('/lang', (c) => {
    const show = c.req.query('show') === 'en' ? 'en' : 'zh';
    setCookie(c, LANG_COOKIE, show, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    // Back to the page the switch was on — only a path of this site (never //host or a scheme).
    const back = c.req.header('referer');
    let next = '/';
    try {
      const u = back ? new URL(back) : null;
      if (u && u.host === new URL(c.req.url).host) next = `${u.pathname}${u.search}`;
    } catch {
      next = '/';
    }
    return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/', 303);
  });
  // Before every page, public ones included: each page shows who is logged in.
  if (deps.people) app.use('*', authenticate(deps.people));
  // A staff form posted after its session expired is kept through the login (routes/session/pages.ts).
  if (deps.people) app.use('*', keepExpiredForms());
  if (deps.people && deps.site) {
    // The logo is a file, written after the settings' row: this process's cached pages go too.
    const onChange = (): void => {
      siteCache.at = 0;
      cache?.clear();
    };
    app.route('/', siteRoutes({ people: deps.people, site: deps.site, setupToken: deps.setupToken ?? null, onChange, ...(deps.logo ? { logo: deps.logo } : {}) }));
  }

  app.route('/', reportRoutes({ formats: deps.formats ?? FORMATS, ...store, ...(deps.people ? { audit: deps.people.audit, now: deps.people.now, organizations: deps.people.organizations } : {}) }));
  // A scan's job lives in the database when there is one (any process shows it), else in this process's memory.
  const importJobs = deps.applications?.importJobs ? { jobs: deps.applications.importJobs } : {};
  // The organisations a saved report is filed under: the people's (scoped to the saver) or, without accounts, the desk's.
  const organizations = deps.people?.organizations ?? deps.applications?.organizations;
  app.route('/', importRoutes({ extractor: deps.extractor ?? sourceExtractor, ...store, ...importJobs, accounts: deps.people !== undefined, ...(organizations ? { organizations } : {}), ...(deps.people ? { audit: deps.people.audit, now: deps.people.now } : {}) }));
  if (deps.search && deps.people) app.route('/', searchApi({ index: deps.search, organizations: deps.people.organizations }));
  if (deps.applications && deps.people) {
    app.route('/', applicationApi(deps.applications, deps.people, deps.notifications?.outbox));
    app.route('/', sessionPages(deps.people));
    app.route('/', portalRoutes(deps.applications));
    app.route('/', auditRoutes(deps.people));
    app.route('/', calendarRoutes(deps.applications, deps.people));
    if (deps.notifications) app.route('/', notificationRoutes(deps.applications, deps.people, deps.notifications));
    app.route('/', userRoutes(deps.people));
    app.route('/', organizationRoutes(deps.people));
    if (deps.applications.seasonImports) app.route('/', seasonImportRoutes({ ...deps.applications, seasonImports: deps.applications.seasonImports }, deps.extractor ?? sourceExtractor));
    app.route('/', seasonRoutes(deps.applications));
    if (deps.applications.season) app.route('/', publicReportRoutes({ organizations: deps.applications.organizations, season: deps.applications.season, formats: deps.formats ?? FORMATS }));
    app.route('/', casePages(deps.applications, deps.people, deps.notifications?.outbox, deps.catalog ? caseCatalog(deps.catalog, deps.search) : undefined));
    if (deps.catalog) app.route('/', releaseRoutes({ ...deps.catalog, cases: deps.applications.cases }, deps.search));
  }
  if (deps.catalog) {
    // Before /xxgk/:org, which would take "search" for an organisation.
    if (deps.search && deps.people) app.route('/', catalogSearchPage({ index: deps.search, organizations: deps.people.organizations }));
    app.route('/', catalogApi(deps.catalog));
    app.route('/', catalogPublic(deps.catalog));
    const cases = deps.applications?.cases;
    app.route('/', catalogConsole(deps.catalog, async (id) => (cases ? ((await cases.get(id))?.number ?? null) : null)));
  }
  app.notFound((c) => {
    const p = problem('notFound', c.req.path, { zh: `没有此页面：${c.req.path}`, en: `no such page: ${c.req.path}` });
    return isApi(c.req.path) ? jsonError(c, [p]) : htmlError(c, [p]);
  });
  app.onError((error, c) => {
    // A body naming a prototype key (forms.ts) is refused as a whole: a client error, not a crash.
    if (error instanceof UntrustedInput) return isApi(c.req.path) ? jsonError(c, error.problems) : htmlError(c, error.problems);
    // A full disk, a read-only data folder or database, a dropped connection: a coded answer, not `internal` (./faults.ts).
    const fault = faultProblem(error, c.req.path);
    logRequestError(ops, c, error);
    if (fault) return isApi(c.req.path) ? jsonError(c, [fault]) : htmlError(c, [fault]);
    logError(error);
    const p = problem('internal', c.req.path);
    return isApi(c.req.path) ? jsonError(c, [p]) : htmlError(c, [p]);
  });
  return app;
}
