/**
 * Routes of the import (导入报告): the upload form, the upload → the report rendered with each cell's source and the
 * findings, and 保存为报告. Each route validates the form (./schema.ts) → calls the use case (importReport,
 * saveReport) → hands the result to the presenter and a view.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { importReport, type TextExtractor } from '../../../app/annual-report/index.ts';
import type { ReportStore } from '../../../app/annual-report/ports.ts';
import { hasAnyCell, saveReport } from '../../../app/annual-report/save-report.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { PROVENANCE_CSS, REPORT_CSS, renderReportArticle } from '../../../formats/html/render.ts';
import { can } from '../../../core/people/roles.ts';
import { authOf, csrfOk, reportInScope } from '../../auth.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import { retryHeaders, statusOf } from '../../errors.ts';
import { importFormPage, importResultPage, saveProblemsPage } from '../../views/import.ts';
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
  /** With accounts: the organisations, so a report is saved only in the name of one of the saver's subtree. */
  readonly organizations?: Pick<OrganizationRepository, 'byName'>;
}

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

  app.get('/import', (c) => c.html(importFormPage({ values: EMPTY_FORM })));

  app.post('/import', bodyLimit({ maxSize: MAX_UPLOAD_BODY, onError: (c) => formAgain(c, [tooLargeProblem()]) }), async (c) => {
    const body = await readForm(c);
    if (body === null) return formAgain(c, [unreadableForm()]);
    const form = parseImportForm(body);
    if (!form.ok) return formAgain(c, form.problems, form.values);
    const { file, name, options } = form.request;
    const result = await importReport(deps, { bytes: new Uint8Array(await file.arrayBuffer()), name, options });
    if (!result.ok) return formAgain(c, [result.problem], form.values);
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
      const mayWrite = deps.accounts && auth ? { mayWrite: reportInScope(deps.organizations, auth) } : {};
      const saved = await saveReport({ store, ...mayWrite }, { json: form.json, ...(form.provenanceJson ? { provenanceJson: form.provenanceJson } : {}) });
      if (!saved.ok) return c.html(saveProblemsPage(saved.problems), statusFor(saved.problems));
      return c.redirect(`/reports/${encodeURIComponent(saved.id)}`, 303);
    });
  }

  return app;
}
