/**
 * Use case: import a published annual report file (txt, md, html, docx, pdf) into the canonical model, with each
 * cell's provenance, the importer's findings and the validator's findings. The CLI (`gongkai import`) and the web
 * upload call this same function.
 */
import { sortFindings, type Finding } from '../../core/annual-report/findings.ts';
import { importReportText, type CellProvenance, type ImportOptions, type TextImport } from '../../core/annual-report/import/import-text.ts';
import { withOcrReadings } from '../../core/annual-report/import/ocr-check.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import type { Problem } from '../../core/errors.ts';
import { checkReport, type FindingSummary } from './check-report.ts';
import type { TextExtractor } from './ports.ts';

export interface ImportReportDeps {
  readonly extractor: TextExtractor;
}

export interface ImportReportInput {
  readonly bytes: Uint8Array;
  /** The file name (for messages and format sniffing tie-breaks). */
  readonly name: string;
  /** Override what the text says: template, year, organisation. */
  readonly options?: ImportOptions;
  /** Told each page read by OCR when the file is a scan. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

export interface ImportCounts {
  readonly read: number;
  readonly inferred: number;
  readonly missing: number;
}

export type ImportReportResult =
  | {
      readonly ok: true;
      readonly name: string;
      readonly format: string;
      readonly encoding?: string;
      readonly report: AnnualReport;
      readonly provenance: readonly CellProvenance[];
      readonly detected: TextImport['detected'];
      /** The importer's findings (unreadable, inferred, not detected) followed by the validator's, errors first. */
      readonly findings: readonly Finding[];
      readonly summary: FindingSummary;
      readonly counts: ImportCounts;
    }
  | { readonly ok: false; readonly name: string; readonly problem: Problem };

/** Count cells by how they were obtained. Never throws. */
export function countCells(provenance: readonly CellProvenance[]): ImportCounts {
  const counts = { read: 0, inferred: 0, missing: 0 };
  for (const p of provenance) counts[p.how] += 1;
  return counts;
}

/** Import one file. A file that cannot be read at all → `{ ok: false, problem }`; never throws on content. */
export async function importReport(deps: ImportReportDeps, input: ImportReportInput): Promise<ImportReportResult> {
  const extracted = await deps.extractor.extract(input.bytes, input.name, input.onProgress);
  if (!extracted.ok) return { ok: false, name: input.name, problem: extracted.problem };
  // What the text may not say, the file name and a web page's title may: hints for the year and organisation.
  const hints = { fileName: input.name, ...(extracted.title ? { title: extracted.title } : {}), ...input.options?.hints };
  // A scan read by OCR: its readings are checked against the table arithmetic (never a guess).
  const ocr = extracted.engine?.includes('ocr') === true;
  const imported = importReportText(extracted.text, { ...input.options, hints, ...(ocr ? { ocr } : {}) });
  // Each cell read from a scan keeps the recogniser's confidence and its box on the page.
  const provenance = extracted.readings ? withOcrReadings(imported.provenance, extracted.text, extracted.readings) : imported.provenance;
  const checked = checkReport({ report: imported.report });
  const findings = sortFindings([...imported.findings, ...checked.findings]);
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity] += 1;
  return {
    ok: true,
    name: input.name,
    format: extracted.format,
    ...(extracted.encoding ? { encoding: extracted.encoding } : {}),
    report: imported.report,
    provenance,
    detected: imported.detected,
    findings,
    summary,
    counts: countCells(provenance),
  };
}
