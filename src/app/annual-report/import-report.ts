/**
 * Use case: import a published annual report file (txt, md, html, docx, pdf) into the canonical model, with each
 * cell's provenance, the importer's findings and the validator's findings. The CLI (`gongkai import`) and the web
 * upload call this same function.
 */
import { sortFindings, type Finding } from '../../core/annual-report/findings.ts';
import { importExtracted } from '../../core/annual-report/import/import-extracted.ts';
import type { CellProvenance, ImportOptions, TextImport } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import type { Problem } from '../../core/errors.ts';
import { summarizeFindings, type FindingSummary } from './check-report.ts';
import type { ExtractedImportResult, TextExtractor } from './ports.ts';

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

/**
 * The file's text extracted and imported: by the extractor in one go when it can (the extraction pool's worker: off
 * this event loop), else extracted there and imported here. Never rejects on bad input.
 */
async function extractAndImport(extractor: TextExtractor, input: ImportReportInput): Promise<ExtractedImportResult> {
  if (extractor.extractAndImport) return extractor.extractAndImport(input.bytes, input.name, input.options, input.onProgress);
  const extracted = await extractor.extract(input.bytes, input.name, input.onProgress);
  if (!extracted.ok) return extracted;
  return { ok: true, format: extracted.format, ...(extracted.encoding ? { encoding: extracted.encoding } : {}), imported: importExtracted(extracted, input.name, input.options) };
}

/** Import one file. A file that cannot be read at all → `{ ok: false, problem }`; never throws on content. */
export async function importReport(deps: ImportReportDeps, input: ImportReportInput): Promise<ImportReportResult> {
  const read = await extractAndImport(deps.extractor, input);
  if (!read.ok) return { ok: false, name: input.name, problem: read.problem };
  const { imported } = read;
  // The importer's findings, then the validator's, errors first.
  const findings = sortFindings([...imported.findings, ...imported.validation]);
  return {
    ok: true,
    name: input.name,
    format: read.format,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    report: imported.report,
    provenance: imported.provenance,
    detected: imported.detected,
    findings,
    summary: summarizeFindings(findings),
    counts: countCells(imported.provenance),
  };
}
