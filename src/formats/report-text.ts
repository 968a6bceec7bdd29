/**
 * Words every renderer of the annual report prints besides the template labels: the title (条例 Art. 50 names the
 * report 政府信息公开工作年度报告) and the placeholders for what the report lacks. Chinese only: these go on the page.
 */
import type { AnnualReport } from '../core/annual-report/model.ts';

/** Printed for a narrative section that is null or blank. */
export const EMPTY_SECTION_ZH = '（未填写）';
/** Printed for a table the report lacks (null): never rendered as zeros (spec: missing.section). */
export const MISSING_TABLE_ZH = '本部分表格缺失（不得视为零）';
/** Printed under the title when the organisation is unknown. */
export const NO_ORGANIZATION_ZH = '（机关名称未填写）';

/** `{organization}{year}年政府信息公开工作年度报告`; without the organisation when it is null or blank. */
export function reportTitle(report: Pick<AnnualReport, 'organization' | 'year'>): string {
  return `${report.organization?.trim() ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告`;
}

/** The paragraphs of a narrative section (split on line breaks, blank lines dropped); empty when it is null. */
export function paragraphs(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
