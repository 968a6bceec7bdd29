/**
 * Use case: save a report in the canonical JSON as a user posted it back (the web import's 保存为报告). The text came
 * from a browser, so it is parsed and validated again as any report file, never trusted.
 */
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import type { Problem } from '../../core/errors.ts';
import { parseProvenance } from '../../core/annual-report/import/provenance.ts';
import type { ReportStore } from './ports.ts';

export interface SaveReportDeps {
  readonly store: ReportStore;
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

/**
 * Parse, validate and save. Bad JSON → `json.syntax`; not a canonical report → `report.*` problems located by JSON
 * path, and nothing is written. Rejects only when the store cannot write.
 */
export async function saveReport(deps: SaveReportDeps, input: SaveReportInput): Promise<SaveReportResult> {
  const parsed = parseReportJson(input.json);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  // Annotations (unknown top-level keys) are kept by the format for files people edit; the importer makes none, so
  // whatever arrives here was added on the way: not stored.
  const report: AnnualReport = { ...parsed.report, annotations: {} };
  const provenance = input.provenanceJson ? parseProvenance(input.provenanceJson, report) : null;
  const id = await deps.store.save(report, provenance ?? undefined);
  return { ok: true, id, report };
}
