/**
 * Use case: save a report in the canonical JSON as a user posted it back (the web import's 保存为报告). The text came
 * from a browser, so it is parsed and validated again as any report file, never trusted. It is stored in the one
 * report store as its organisation's published report of its year (source 'import': it was published elsewhere),
 * beside the reports built through the season — an organisation has one report a year, so the organisation must be
 * found by the name the report gives, in the saver's scope, and the year must be known.
 */
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import { TABLE_KEYS, TEMPLATES, tableCells } from '../../core/annual-report/templates/index.ts';
import { cellValue } from '../../core/annual-report/model.ts';
import { parseProvenance } from '../../core/annual-report/import/provenance.ts';
import type { ReportStore } from './ports.ts';
import type { CellProvenance } from '../../core/annual-report/import/import-text.ts';

export interface SaveReportDeps {
  readonly store: ReportStore;
  /**
   * The organisation the report names, found by its exact name (full-width forms and spaces folded): its id, or why
   * not — 'unknown' (no organisation of that name), 'outOfScope' (not the saver's organisation or one below it).
   */
  readonly organizationOf: (name: string | null) => Promise<{ readonly id: string } | 'unknown' | 'outOfScope'>;
  readonly now: () => string;
  /** Who saves (the audit names them; the version's 更新人). */
  readonly by: string;
}

export interface SaveReportInput {
  /** The report in the canonical JSON (`gongkai.annual-report/1`). */
  readonly json: string;
  /** The import's provenance as JSON; kept when it is well-formed and names only cells of the report, else dropped. */
  readonly provenanceJson?: string;
  /** The file it was read from, for the version's note (导入：…). */
  readonly file?: string;
}

export type SaveReportResult =
  | { readonly ok: true; readonly id: string; readonly report: AnnualReport; readonly organizationId: string; readonly version: number }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Whether any cell of tables 二, 三 and 四 holds a number. */
export function hasAnyCell(report: AnnualReport): boolean {
  return TABLE_KEYS.some((t) => tableCells(TEMPLATES[report.template], t).some((c) => cellValue(report, c) !== null));
}

/** What makes two saved reports the same: organisation, year, template, tables and sections (not annotations). */
const contentKey = (report: AnnualReport): string => stringifyReport({ ...report, annotations: {} });

/**
 * Parse, validate and save. Bad JSON → `json.syntax`; not a canonical report → `report.*` problems located by JSON
 * path; no number in any table → `report.empty`; no year → `report.yearUnknown`; no organisation of that name →
 * `report.organizationUnknown`; one the saver may not write for → `report.outOfScope`; the organisation's report of
 * the year stored already → `report.duplicate` when it is the same content (a double click), else `report.exists`
 * (both naming it); nothing is written then. Rejects only when the store cannot write.
 */
export async function saveReport(deps: SaveReportDeps, input: SaveReportInput): Promise<SaveReportResult> {
  const parsed = parseReportJson(input.json);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  // Annotations (unknown top-level keys) are kept by the format for files people edit; the importer makes none, so
  // whatever arrives here was added on the way: not stored.
  const report: AnnualReport = { ...parsed.report, annotations: {} };
  // A file that is not an annual report (an unrelated .docx) reads as all-empty tables: nothing to save.
  if (!hasAnyCell(report)) return { ok: false, problems: [problem('report.empty', '')] };
  const name = report.organization ?? '（未写明机关）';
  const org = await deps.organizationOf(report.organization);
  if (org === 'outOfScope') {
    return { ok: false, problems: [problem('report.outOfScope', 'organization', { zh: `“${name}”不是本机关或下级机关，不能以其名义保存报告；请核对机关名称`, en: `"${name}" is not your organisation or one below it: the report cannot be saved in its name` })] };
  }
  if (org === 'unknown') {
    return { ok: false, problems: [problem('report.organizationUnknown', 'organization', { zh: `平台上没有名为“${name}”的机关：请核对报告中的机关名称，或先在“机构”中添加该机关`, en: `no organisation is named "${name}": check the name in the report, or add the organisation first` })] };
  }
  if (report.year === null) return { ok: false, problems: [problem('report.yearUnknown', 'year')] };
  const provenance: readonly CellProvenance[] | null = input.provenanceJson ? parseProvenance(input.provenanceJson, report) : null;
  const stored = async (): Promise<SaveReportResult | null> => {
    const existing = await deps.store.current(org.id, report.year as number);
    if (!existing) return null;
    const same = existing.report !== null && (() => {
      const had = parseReportJson(existing.report);
      return had.ok && contentKey(had.report as AnnualReport) === contentKey(report);
    })();
    return same
      ? { ok: false, problems: [problem('report.duplicate', '', { zh: `已保存为报告 ${existing.id}`, en: `already saved as ${existing.id}` }, { id: existing.id })] }
      : { ok: false, problems: [problem('report.exists', 'year', { zh: `${name}${report.year} 年度已有报告（第 ${existing.version} 版，编号 ${existing.id}）：报告有误应提出更正，导入的报告可由管理员撤回后重新导入`, en: `${name} already has a report for ${report.year} (version ${existing.version}, ${existing.id})` }, { id: existing.id })] };
  };
  const before = await stored();
  if (before) return before;
  const at = deps.now();
  const saved = await deps.store.saveImported({ organizationId: org.id, report, provenance, by: deps.by, at, note: `导入：${input.file ?? '网页导入'}` });
  if (saved.ok) return { ok: true, id: saved.id, report, organizationId: org.id, version: saved.version };
  // Another version appeared meanwhile (two saves racing): say which.
  return (await stored()) ?? { ok: false, problems: [problem('report.conflict', 'year')] };
}
