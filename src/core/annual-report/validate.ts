/**
 * The validator: runs every rule of spec/annual-report.md ("Arithmetic rules") over a report, and the cross-year
 * rules when last year's report of the same organisation is given. Rules live in ./rules, one file per group.
 */
import { sortFindings, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { CELL_RULES } from './rules/cells.ts';
import { makeContext, type Rule } from './rules/context.ts';
import { CROSS_YEAR_RULES } from './rules/cross-year.ts';
import { TABLE2_RULES } from './rules/table2.ts';
import { TABLE3_RULES, TABLE4_RULES } from './rules/tables.ts';
import { TEXT_RULES } from './rules/text.ts';

export interface ValidateOptions {
  /**
   * The same organisation's report on the previous year: enables crossYear.*, T2.inForce and text.sameAsLastYear.
   * Ignored unless its year is the report's year − 1.
   */
  readonly previous?: AnnualReport | null;
}

export const ALL_RULES: readonly Rule[] = [
  ...CELL_RULES,
  ...TABLE2_RULES,
  ...TABLE3_RULES,
  ...TABLE4_RULES,
  ...CROSS_YEAR_RULES,
  ...TEXT_RULES,
];

/** All findings for the report, errors first. Never throws on report content. */
export function validateReport(report: AnnualReport, options: ValidateOptions = {}): Finding[] {
  const ctx = makeContext(report, options.previous ?? null);
  return sortFindings(ALL_RULES.flatMap((rule) => rule(ctx)));
}
