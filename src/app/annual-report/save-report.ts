/**
 * Use case: save a report in the canonical JSON as a user posted it back (the web import's 保存为报告). The text came
 * from a browser, so it is parsed and validated again as any report file, never trusted.
 */
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import { TABLE_KEYS, TEMPLATES, tableCells } from '../../core/annual-report/templates/index.ts';
import { cellValue } from '../../core/annual-report/model.ts';
import { parseProvenance } from '../../core/annual-report/import/provenance.ts';
import type { ReportStore } from './ports.ts';

export interface SaveReportDeps {
  readonly store: ReportStore;
  /**
   * Whether the saver may publish a report of the organisation it names (with accounts: an organisation of the
   * saver's subtree, by its exact name). Absent: no accounts, anyone who reaches the form may save.
   */
  readonly mayWrite?: (organization: string | null) => Promise<boolean>;
}

export interface SaveReportInput {
  /** The report in the canonical JSON (`gongkai.annual-report/1`). */
  readonly json: string;
  /** The import's provenance as JSON; kept when it is well-formed and names only cells of the report, else dropped. */
  readonly provenanceJson?: string;
}

export type SaveReportResult =
  | { readonly ok: true; readonly id: string; readonly report: AnnualReport }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Whether any cell of tables 二, 三 and 四 holds a number. */
export function hasAnyCell(report: AnnualReport): boolean {
  return TABLE_KEYS.some((t) => tableCells(TEMPLATES[report.template], t).some((c) => cellValue(report, c) !== null));
}

/** What makes two saved reports the same: organisation, year, template, tables and sections (not annotations). */
const contentKey = (report: AnnualReport): string => stringifyReport({ ...report, annotations: {} });

/**
 * Parse, validate and save. Bad JSON → `json.syntax`; not a canonical report → `report.*` problems located by JSON
 * path; no number in any table → `report.empty`; the same organisation, year and content saved already →
 * `report.duplicate` (naming it); an organisation the saver may not write for → `report.outOfScope`; nothing is
 * written then. Rejects only when the store cannot write.
 */
export async function saveReport(deps: SaveReportDeps, input: SaveReportInput): Promise<SaveReportResult> {
  const parsed = parseReportJson(input.json);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  // Annotations (unknown top-level keys) are kept by the format for files people edit; the importer makes none, so
  // whatever arrives here was added on the way: not stored.
  const report: AnnualReport = { ...parsed.report, annotations: {} };
  // A file that is not an annual report (an unrelated .docx) reads as all-empty tables: nothing to save.
  if (!hasAnyCell(report)) return { ok: false, problems: [problem('report.empty', '')] };
  if (deps.mayWrite && !(await deps.mayWrite(report.organization))) {
    const name = report.organization ?? '（未写明机关）';
    return { ok: false, problems: [problem('report.outOfScope', 'organization', { zh: `“${name}”不是本机关或下级机关，不能以其名义保存报告；请核对机关名称`, en: `"${name}" is not your organisation or one below it: the report cannot be saved in its name` })] };
  }
  // The same report posted twice (a double click, the same PDF uploaded again) is saved once.
  const key = contentKey(report);
  const same = (await deps.store.list()).find((s) => contentKey(s.report) === key);
  if (same) return { ok: false, problems: [problem('report.duplicate', '', { zh: `已保存为报告 ${same.id}`, en: `already saved as ${same.id}` }, { id: same.id })] };
  const provenance = input.provenanceJson ? parseProvenance(input.provenanceJson, report) : null;
  const id = await deps.store.save(report, provenance ?? undefined);
  return { ok: true, id, report };
}
