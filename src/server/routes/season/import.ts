/**
 * Importing a season from the web (issue 11 item 5): GET/POST /season/import (the upload: report files or ZIP archives
 * of them → a job → 303 to its page), GET /season/import/:id (progress, outcomes, the confirm form) and POST
 * /season/import/:id/confirm (the unmatched files placed). Admins (report.importSeason), into an organisation of their
 * subtree; creating organisations needs organization.manage. A job of another subtree is 404.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TextExtractor } from '../../../app/annual-report/index.ts';
import { jobStatus, placeUnmatched, startSeasonImport, type Placement, type SeasonImportJobRepository, type SeasonJobDeps } from '../../../app/season/import-jobs.ts';
import { seasonOrganizations, type SeasonFile } from '../../../app/season/import-season.ts';
import { inTreeOrder } from '../../../app/organizations/index.ts';
import type { PortalDeps } from '../../../app/portal/portal.ts';
import { reportingYear } from '../../../core/annual-report/season.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { can } from '../../../core/people/roles.ts';
import { SEASON_ZIP_LIMITS } from '../../../formats/source/limits.ts';
import { zipFiles } from '../../../formats/source/zip.ts';
import { authOf, csrfOk, inScope, type Auth } from '../../auth.ts';
import { htmlError, statusOf } from '../../errors.ts';
import { formBodyAll, formValues, UntrustedInput } from '../../forms.ts';
import { seasonImportFormPage, seasonJobPage } from '../../views/season-import.ts';

/** The largest upload of a season (all its files together): an area's reports, a few MB each, some of them scans. */
export const MAX_SEASON_UPLOAD_MB = 200;
/** Files in one import: an area of a few hundred organisations. */
export const MAX_SEASON_FILES = 1_000;
/** Seconds between the job page's reloads while it runs. */
const REFRESH_SECONDS = 3;

const ZIP_MAGIC = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export interface SeasonImportRouteDeps extends PortalDeps {
  readonly seasonImports: SeasonImportJobRepository;
}

export function seasonImportRoutes(deps: SeasonImportRouteDeps, extractor: TextExtractor): Hono {
  const app = new Hono();
  const season = deps.season;
  if (!season) return app;
  const jobDeps: SeasonJobDeps = { extractor, organizations: deps.organizations, season, audit: deps.audit, now: () => deps.clock.now(), newId: () => deps.ids.newId(), jobs: deps.seasonImports };
  const session = (auth: Auth) => ({ name: auth.user.displayName, csrfToken: auth.csrfToken });

  const gate = (c: Context): { auth: Auth } | { response: Response } => {
    const auth = authOf(c);
    if (!auth) return { response: c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303) };
    if (!can(auth.user.role, 'report.importSeason')) return { response: htmlError(c, [problem('auth.forbidden', 'report.importSeason')]) };
    return { auth };
  };

  /** The organisations of the user's subtree, as a tree (the form's choice of parent). */
  const parents = async (auth: Auth) =>
    inTreeOrder((await deps.organizations.list()).filter((o) => inScope(auth, o.id))).map(({ organization: o, depth }) => ({ id: o.id, name: o.name, depth }));

  const formPage = async (c: Context, auth: Auth, values: { parentId: string; year: string; createOrgs: boolean }, problems: readonly Problem[]) => {
    const list = await parents(auth);
    const names = new Map(list.map((p) => [p.id, p.name]));
    const now = deps.clock.now();
    const recent = (await deps.seasonImports.recent([...auth.scope], 20)).map((job) => ({ job, parent: names.get(job.parentId) ?? job.parentId, status: jobStatus(job, now) }));
    const html = seasonImportFormPage({ parents: list, values, canCreate: can(auth.user.role, 'organization.manage'), recent, problems, limits: { uploadMb: MAX_SEASON_UPLOAD_MB, files: MAX_SEASON_FILES }, session: session(auth) });
    return c.html(html, problems.length > 0 ? statusOf(problems[0]?.code ?? 'internal') : 200);
  };

  app.get('/season/import', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    return formPage(c, g.auth, { parentId: g.auth.user.organizationId, year: String(reportingYear(deps.clock.today())), createOrgs: false }, []);
  });

  const tooLarge = () => problem('input.tooLarge', 'files', { zh: `上传的文件合计超过 ${MAX_SEASON_UPLOAD_MB} MB，请分批导入`, en: `the upload is over ${MAX_SEASON_UPLOAD_MB} MB: import it in parts` });

  app.post(
    '/season/import',
    bodyLimit({
      maxSize: MAX_SEASON_UPLOAD_MB * 1024 * 1024 + 64 * 1024,
      onError: async (c) => {
        const auth = authOf(c);
        return auth ? formPage(c, auth, { parentId: auth.user.organizationId, year: String(reportingYear(deps.clock.today())), createOrgs: false }, [tooLarge()]) : c.text('413', 413);
      },
    }),
    async (c) => {
      const g = gate(c);
      if ('response' in g) return g.response;
      const auth = g.auth;
      let body: Record<string, (string | File)[]>;
      try {
        body = await formBodyAll(c);
      } catch (error) {
        if (error instanceof UntrustedInput) throw error;
        return formPage(c, auth, { parentId: auth.user.organizationId, year: '', createOrgs: false }, [problem('input.unreadable', '', { zh: '表单数据不完整，请重新提交', en: 'the form data is incomplete: submit it again' })]);
      }
      const text = (k: string): string => {
        const v = body[k]?.[0];
        return typeof v === 'string' ? v : '';
      };
      if (!csrfOk(c, auth, text('_csrf'))) return htmlError(c, [problem('auth.csrf', '_csrf')]);
      const values = { parentId: text('parentId'), year: text('year').trim(), createOrgs: text('createOrgs') === '1' };
      const problems: Problem[] = [];
      if (!inScope(auth, values.parentId) || !(await deps.organizations.get(values.parentId))) problems.push(problem('season.notBelowParent', 'parentId', { zh: '请选择本机关或下级机关', en: 'choose your organisation or one below it' }));
      const year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
      if (!(year >= 2008 && year <= 2100)) problems.push(problem('report.year', 'year'));
      if (values.createOrgs && !can(auth.user.role, 'organization.manage')) problems.push(problem('auth.forbidden', 'createOrgs'));
      const uploads = (body.files ?? []).filter((f): f is File => f instanceof File && (f.name !== '' || f.size > 0));
      if (uploads.length === 0) problems.push(problem('season.noFiles', 'files'));
      if (problems.length > 0) return formPage(c, auth, values, problems);
      // Each upload is a report file or a ZIP of them (read as the archive it is, under its limits).
      const files: SeasonFile[] = [];
      for (const upload of uploads) {
        const bytes = new Uint8Array(await upload.arrayBuffer());
        const name = upload.name.split(/[\\/]/).at(-1) ?? upload.name;
        if (/\.zip$/i.test(name) || (ZIP_MAGIC(bytes) && !/\.(docx|xlsx|ofd)$/i.test(name))) {
          const zip = await zipFiles(bytes, SEASON_ZIP_LIMITS);
          if (!zip.ok) return formPage(c, auth, values, [{ ...zip.problem, at: name }]);
          files.push(...zip.files.map((f) => ({ name: f.path, load: f.load })));
        } else files.push({ name, load: async () => bytes });
      }
      if (files.length === 0) return formPage(c, auth, values, [problem('season.noFiles', 'files', { zh: '压缩包中没有文件', en: 'the archive holds no files' })]);
      if (files.length > MAX_SEASON_FILES) return formPage(c, auth, values, [problem('season.tooManyFiles', 'files', { zh: `共 ${files.length} 个，一次最多 ${MAX_SEASON_FILES} 个，请分批导入`, en: `${files.length}, at most ${MAX_SEASON_FILES} at once: import them in parts` })]);
      const { id } = await startSeasonImport(jobDeps, { parentId: values.parentId, year, createOrgs: values.createOrgs, actor: auth.user.displayName, actorId: auth.user.id }, files);
      return c.redirect(`/season/import/${encodeURIComponent(id)}`, 303);
    },
  );

  /** The job, if it exists and its parent is in the user's scope. */
  const jobOf = async (c: Context, auth: Auth) => {
    const found = await deps.seasonImports.get(c.req.param('id') ?? '');
    return found && inScope(auth, found.job.parentId) ? found : null;
  };

  const jobPage = async (c: Context, auth: Auth, problems: readonly Problem[] = []) => {
    const found = await jobOf(c, auth);
    if (!found) return htmlError(c, [problem('notFound', c.req.path)]);
    const status = jobStatus(found.job, deps.clock.now());
    const refreshing = status === 'running' && c.req.query('refresh') !== '0';
    const parent = (await deps.organizations.get(found.job.parentId))?.name ?? found.job.parentId;
    const organizations = (await seasonOrganizations(deps, found.job.parentId)).map((o) => ({ id: o.id, name: o.name }));
    const html = seasonJobPage({ job: found.job, status, parent, files: found.files, organizations, canCreate: can(auth.user.role, 'organization.manage'), refreshing, problems, session: session(auth) });
    return c.html(html, problems.length > 0 ? statusOf(problems[0]?.code ?? 'internal') : 200, refreshing ? { Refresh: String(REFRESH_SECONDS) } : {});
  };

  app.get('/season/import/:id', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    return jobPage(c, g.auth);
  });

  app.post('/season/import/:id/confirm', async (c) => {
    const g = gate(c);
    if ('response' in g) return g.response;
    const auth = g.auth;
    const values = await formValues(c);
    if (!csrfOk(c, auth, values._csrf)) return htmlError(c, [problem('auth.csrf', '_csrf')]);
    const found = await jobOf(c, auth);
    if (!found) return htmlError(c, [problem('notFound', c.req.path)]);
    const placements = new Map<number, Placement>();
    for (const [key, value] of Object.entries(values)) {
      const seq = /^place\.(\d{1,5})$/.exec(key)?.[1];
      if (seq === undefined || value === '') continue;
      placements.set(Number(seq), value === '__create' ? { kind: 'create' } : value === '__skip' ? { kind: 'skip' } : { kind: 'organization', organizationId: value });
    }
    const placed = await placeUnmatched(jobDeps, found.job.id, placements, { name: auth.user.displayName, id: auth.user.id, mayCreate: can(auth.user.role, 'organization.manage') });
    if (!placed.ok || placed.problems.length > 0) return jobPage(c, auth, placed.problems);
    return c.redirect(`/season/import/${encodeURIComponent(found.job.id)}`, 303);
  });

  return app;
}
