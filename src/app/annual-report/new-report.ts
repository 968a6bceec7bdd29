/**
 * Use case: start a new annual report — every cell blank (null, never 0) in the chosen template — plus the
 * template.year warning when the template does not fit the year (spec: 2019 template for 2019-2020, 2021 from 2021).
 */
import type { Finding } from '../../core/annual-report/findings.ts';
import { emptyReport, type AnnualReport } from '../../core/annual-report/model.ts';
import { isTemplateId } from '../../core/annual-report/templates/index.ts';
import { validateReport } from '../../core/annual-report/validate.ts';
import { problem, type Problem } from '../../core/errors.ts';

export interface NewReportInput {
  /** A template id of the registry (core/annual-report/templates: TEMPLATE_IDS, each with its notice). */
  readonly template: string;
  /** The report year (the year reported on, not the year of publication). */
  readonly year: number;
  /** The reporting body; null when not known yet. */
  readonly organization: string | null;
}

export type NewReportResult =
  | { readonly ok: true; readonly report: AnnualReport; readonly warnings: readonly Finding[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** An all-null report. Bad template → `report.template`, bad year → `report.year`; a template/year mismatch is a warning, not a failure. Never throws. */
export function newReport(input: NewReportInput): NewReportResult {
  const problems: Problem[] = [];
  if (!isTemplateId(input.template)) {
    problems.push(problem('report.template', 'template', { zh: `实际为 “${input.template}”`, en: `got "${input.template}"` }));
  }
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) {
    problems.push(problem('report.year', 'year', { zh: `实际为 ${input.year}`, en: `got ${input.year}` }));
  }
  if (!isTemplateId(input.template) || problems.length > 0) return { ok: false, problems };
  const report = emptyReport(input.template, input.year, input.organization);
  // Only the template.year rule applies to an empty report; the rest would just say "blank cells".
  const warnings = validateReport(report).filter((f) => f.code === 'template.year');
  return { ok: true, report, warnings };
}
