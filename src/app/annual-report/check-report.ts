/**
 * Use case: check a report against the rules of spec/annual-report.md (arithmetic, cross-year, text) and summarise
 * the findings by severity. The web list, the report page and `gongkai check` all count findings this way.
 */
import { hasErrors, sortFindings, type Finding, type Severity } from '../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { validateReport } from '../../core/annual-report/validate.ts';

export interface CheckReportInput {
  readonly report: AnnualReport;
  /** The same organisation's report on the previous year (enables crossYear.* and T2.inForce). */
  readonly previous?: AnnualReport | null;
}

export type FindingSummary = Readonly<Record<Severity, number>>;

export interface CheckReportOutput {
  /** Errors first, then warnings, then info. */
  readonly findings: readonly Finding[];
  readonly hasErrors: boolean;
  readonly summary: FindingSummary;
}

/** Count findings per severity. Never throws. */
export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity] += 1;
  return summary;
}

/** Validate a report (and against last year's, when given). Findings are values; never throws on report content. */
export function checkReport(input: CheckReportInput): CheckReportOutput {
  const findings = sortFindings(validateReport(input.report, { previous: input.previous ?? null }));
  return { findings, hasErrors: hasErrors(findings), summary: summarizeFindings(findings) };
}
