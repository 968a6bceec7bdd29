/**
 * Routes of the import (导入报告): the upload form, the upload → the report rendered with each cell's source and the
 * findings, and 保存为报告. Each route validates the form (./schema.ts) → calls the use case (importReport,
 * saveReport) → hands the result to the presenter and a view.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import type { ImportReportResult, TextExtractor } from '../../../app/annual-report/index.ts';
import { importOrJob, memoryImportJobs, type ImportJobStore } from '../../../app/annual-report/import-jobs.ts';
import type { ReportStore } from '../../../app/annual-report/ports.ts';
import { hasAnyCell, saveReport } from '../../../app/annual-report/save-report.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { PROVENANCE_CSS, REPORT_CSS, renderReportArticle } from '../../../formats/html/render.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, clientIp, csrfOk, reportOrganization } from '../../auth.ts';
import type { AuditLog } from '../../../app/people/ports.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import { retryHeaders, statusOf } from '../../errors.ts';
import { importFormPage, importJobGonePage, importJobPage, importResultPage, saveProblemsPage } from '../../views/import.ts';
import { presentImport, presentSources } from './presenter.ts';
import { EMPTY_FORM, MAX_SAVE_CHARS, MAX_UPLOAD_BODY, parseImportForm, parseSaveForm, saveTooLargeProblem, tooLargeProblem, type ImportFormValues } from './schema.ts';
import { formBody, UntrustedInput } from '../../forms.ts';

export interface ImportRoutesDeps {
  readonly extractor: TextExtractor;
  /** Where 保存为报告 writes; without one the result page offers no saving and /import/save does not exist. */
  readonly store?: ReportStore;
  /**
   * With accounts: saving needs a logged-in user who may write reports (审核人, 管理员) and the session's CSRF token;
   * anyone may still upload and look. Without accounts, the same-origin check alone guards the save.
   */
  readonly accounts?: boolean;
  /** The organisations: a report is saved as the report of the one it names (with accounts, of the saver's subtree). */
  readonly organizations?: Pick<OrganizationRepository, 'byName'>;
  /** The audit log: a saved report is recorded there (report.import). */
  readonly audit?: AuditLog;
  readonly now?: () => string;
  /**
   * Where a scan's import job is kept while OCR reads its pages (default: this process's memory, an hour after it
   * ends). The upload of a scan returns at once with 303 to /import/jobs/:id, which follows it.
   */
  readonly jobs?: ImportJobStore;
  /** Told each job started (tests wait for its end). */
  readonly onJob?: (job: { id: string; finished: Promise<void> }) => void;
}

/** The job page reloads itself this often while OCR reads. */
export const IMPORT_REFRESH_SECONDS = 3;

const statusFor = (problems: readonly Problem[]) => statusOf(problems[0]?.code ?? 'internal');

/** The form again, with the problems above it and what the user typed kept. */
function formAgain(c: Context, problems: readonly Problem[], values: ImportFormValues = EMPTY_FORM): Response {
  // import.busy (the extraction queue is full) also says when to come back.
  return c.html(importFormPage({ values, problems }), statusFor(problems), retryHeaders(problems[0]?.code ?? 'internal'));
}

/** A body that is not a form at all (wrong content type, cut off): the request, not the file, is unreadable. */
async function readForm(c: Context): Promise<Record<string, unknown> | null> {
  try {
    return await formBody(c);
  } catch (error) {
    if (error instanceof UntrustedInput) throw error;
    return null;
  }
}

const unreadableForm = () => problem('input.unreadable', '', { zh: '表单数据不完整，请重新提交', en: 'the form data is incomplete: submit it again' });

/**
 * The import routes. Upload: no file / bad field → the form with the problems (400/422); over 20 MB → 413
 * `input.tooLarge`; a file that cannot be read → the form with the coded problem (422 `import.*`). Save: a report that
 * does not validate → 422 with the located problems, nothing written; saved → 303 to /reports/:id.
 */
export function importRoutes(deps: ImportRoutesDeps): Hono {
  const app = new Hono();
  const jobs = deps.jobs ?? memoryImportJobs();

  /** The result page of an import (the upload's answer, or the job's once it has ended). */
  const resultPage = (c: Context, result: Extract<ImportReportResult, { ok: true }>, name: string): Response => {
    const articleHtml = renderReportArticle(result.report, { findings: result.findings, provenance: presentSources(result.provenance) });
    return c.html(
      importResultPage({
        view: presentImport(result, name),
        articleHtml,
        reportCss: `${REPORT_CSS}${PROVENANCE_CSS}`,
        canSave: deps.store !== undefined,
        saveRefusal: !hasAnyCell(result.report)
          ? '未能从原文读出模板中的任何数据（表二、表三、表四全部为空），不能保存为报告。请确认上传的是政府信息公开工作年度报告。'
          : deps.accounts && !can(authOf(c)?.user.role ?? 'handler', 'report.write') && authOf(c) !== null
            ? '您的角色不能保存报告；请审核人或管理员保存。'
            : null,
        ...(deps.accounts ? { csrfToken: authOf(c)?.csrfToken ?? null } : {}),
      }),
    );
  };

  app.get('/import', (c) => c.html(importFormPage({ values: EMPTY_FORM })));

  app.post('/import', bodyLimit({ maxSize: MAX_UPLOAD_BODY, onError: (c) => formAgain(c, [tooLargeProblem()]) }), async (c) => {
    const body = await readForm(c);
    if (body === null) return formAgain(c, [unreadableForm()]);
    const form = parseImportForm(body);
    if (!form.ok) return formAgain(c, form.problems, form.values);
    const { file, name, options } = form.request;
    // A scan read by OCR becomes a job at its first page report: 303 to its page at once. Anything else is read here.
    const outcome = await importOrJob({ extractor: deps.extractor, jobs, newId: randomUUID, now: () => new Date().toISOString() }, { bytes: new Uint8Array(await file.arrayBuffer()), name, options });
    if (outcome.kind === 'job') {
      deps.onJob?.(outcome);
      return c.redirect(`/import/jobs/${encodeURIComponent(outcome.id)}`, 303);
    }
    const result = outcome.result;
    if (!result.ok) return formAgain(c, [result.problem], form.values);
    return resultPage(c, result, name);
  });

  // The job of a scan: its progress while OCR reads (reloading itself), then the result as the upload would show it.
  app.get('/import/jobs/:id', async (c) => {
    const job = await jobs.get(c.req.param('id'));
    if (!job) return c.html(importJobGonePage(), 404);
    if (job.state === 'running') {
      const refreshing = c.req.query('refresh') !== '0';
      return c.html(importJobPage({ id: job.id, name: job.name, done: job.done, total: job.total, refreshing, refreshSeconds: IMPORT_REFRESH_SECONDS }), 200, refreshing ? { Refresh: String(IMPORT_REFRESH_SECONDS) } : {});
    }
    const result = job.result;
    if (job.state === 'failed' || !result) return formAgain(c, [problem('import.extractFailed', job.name, { zh: '识别过程意外中止，请重新上传', en: 'the OCR stopped unexpectedly: upload the file again' })]);
    if (!result.ok) return formAgain(c, [result.problem]);
    return resultPage(c, result, job.name);
  });

  const store = deps.store;
  if (store) {
    // The JSON travels as a urlencoded field: allow for its escaping.
    app.post('/import/save', bodyLimit({ maxSize: MAX_SAVE_CHARS * 8, onError: (c) => c.html(saveProblemsPage([saveTooLargeProblem()]), statusOf('input.tooLarge')) }), async (c) => {
      const auth = authOf(c);
      if (deps.accounts && !auth) return c.redirect('/login?next=/import', 303);
      const body = await readForm(c);
      if (body === null) return c.html(saveProblemsPage([unreadableForm()]), statusOf('input.unreadable'));
      if (deps.accounts && auth) {
        if (!can(auth.user.role, 'report.write')) return c.html(saveProblemsPage([problem('auth.forbidden', 'report.write')]), statusOf('auth.forbidden'));
        if (!csrfOk(c, auth, typeof body._csrf === 'string' ? body._csrf : undefined)) return c.html(saveProblemsPage([problem('auth.csrf', '_csrf')]), statusOf('auth.csrf'));
      }
      const form = parseSaveForm(body);
      if (!form.ok) return c.html(saveProblemsPage(form.problems), statusFor(form.problems));
      // With accounts, fail closed: without the organisations no name is in scope.
      const now = deps.now ?? (() => new Date().toISOString());
      const by = auth ? auth.user.displayName : '网页导入';
      const saved = await saveReport({ store, organizationOf: reportOrganization(deps.organizations, deps.accounts ? auth : null), now, by }, { json: form.json, ...(form.provenanceJson ? { provenanceJson: form.provenanceJson } : {}) });
      if (!saved.ok) return c.html(saveProblemsPage(saved.problems), statusFor(saved.problems));
      // Audited as the season import's stored reports are: the (organisation, year) report, step import.
      await deps.audit?.append({ at: now(), actorId: auth?.user.id ?? null, actorName: by, organizationId: saved.organizationId, action: 'report.season', subject: `report:${saved.organizationId}:${saved.report.year}`, detail: { step: 'import', version: saved.version, state: 'published', reportId: saved.id }, ip: clientIp(c) });
      return c.redirect(`/reports/${encodeURIComponent(saved.id)}`, 303);
    });
  }

  return app;
}
