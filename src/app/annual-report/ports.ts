/**
 * Ports of the annual-report use cases: the smallest interfaces they need from the outside, declared here by their
 * user. The CLI and the server pass in adapters (src/storage/files.ts for files, src/formats/index.ts for renderers,
 * src/formats/source/extractor.ts for text extraction, src/storage/reports.ts for the report store).
 */
import type { OcrReading } from '../../core/annual-report/import/ocr-check.ts';
import type { Finding } from '../../core/annual-report/findings.ts';
import type { ExtractedImport } from '../../core/annual-report/import/import-extracted.ts';
import type { CellProvenance, ImportOptions } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import type { Problem } from '../../core/errors.ts';
import type { ReportState } from '../../core/season/lifecycle.ts';

/** Reads a whole text file (UTF-8). Rejects when the file cannot be read. */
export interface TextFileReader {
  readText(path: string): Promise<string>;
}

/** One export format as the use cases need it (implemented by src/formats/index.ts). */
export interface ReportRenderer {
  readonly ext: string;
  readonly contentType: string;
  readonly label: string;
  /** Rejects with DomainError for expected failures (e.g. `pdf.unavailable`); anything else is a bug. */
  render(report: AnnualReport, options?: { readonly findings?: readonly Finding[] }): Promise<Uint8Array>;
}

/** The export formats, keyed by format id (md, html, …). */
export type RendererRegistry = Readonly<Record<string, ReportRenderer>>;

/**
 * Turns a report file's bytes into text (implemented by src/formats/source/extract.ts), with a web page's <title>/meta
 * titles (one per line) when it has them. Never rejects on bad input.
 */
export interface TextExtractor {
  extract(
    bytes: Uint8Array,
    name: string,
    /** Told each page read by OCR (a scan): pages done of all. */
    onProgress?: (progress: { readonly done: number; readonly total: number }) => void,
  ): Promise<
    | {
        ok: true;
        text: string;
        format: string;
        encoding?: string;
        title?: string;
        engine?: string;
        /** A scan's values read by OCR: where each is in the text, its confidence and page box. */
        readings?: readonly OcrReading[];
      }
    | { ok: false; problem: Problem }
  >;
  /**
   * Extract the text and import it (core/annual-report/import/import-extracted.ts) in one go where the extraction
   * runs — the extraction pool's worker, under its wall clock and heap cap — so that neither holds the caller's event
   * loop (the import of run-together text costs seconds). Optional: without it, importReport imports the extracted
   * text itself. Never rejects on bad input.
   */
  extractAndImport?(
    bytes: Uint8Array,
    name: string,
    options?: ImportOptions,
    onProgress?: (progress: { readonly done: number; readonly total: number }) => void,
  ): Promise<ExtractedImportResult>;
}

/** What TextExtractor.extractAndImport gives: the file's format and the import of its text, or why not. */
export type ExtractedImportResult =
  | { ok: true; format: string; encoding?: string; imported: ExtractedImport }
  | { ok: false; problem: Problem };

/**
 * A published report version of the one report store (annual_reports: built through the season, imported by an area or
 * from /import, the demo's), as the public report pages read it.
 */
export interface StoredReport {
  /** The version's public id, /reports/:id (e.g. 2026-11-23-k3x9q2). */
  readonly id: string;
  readonly report: AnnualReport;
  /** Where each cell came from, for an imported report (shown on its page as on the import result). */
  readonly provenance?: readonly CellProvenance[];
  readonly organizationId: string;
  readonly version: number;
  /** Published elsewhere and read from its file (已导入), not built on the platform. */
  readonly imported: boolean;
  readonly publishedAt: string | null;
  /** The newest version of its organisation and year (a withdrawal takes only that one). */
  readonly latest: boolean;
}

/** A page of the public list: the newest publications first; `next` continues after the last. */
export interface StoredReportPage {
  readonly items: readonly StoredReport[];
  readonly next: string | null;
}

/** What a save found already stored for the organisation and year (not withdrawn). */
export interface ExistingReport {
  readonly id: string;
  readonly version: number;
  readonly state: ReportState;
  /** The stored report (canonical JSON); null for a draft. */
  readonly report: string | null;
}

/** The reports as the report pages and the import's 保存为报告 need them (implemented by src/storage/reports.ts). */
export interface ReportStore {
  /** The public list: each (organisation, year)'s newest published version, newest publication first. Rejects with DomainError page.cursor when `after` is not a cursor it gave. */
  list(page: { readonly limit: number; readonly after?: string | null }): Promise<StoredReportPage>;
  /** One published version by id (an older version a correction replaced too), or null. */
  get(id: string): Promise<StoredReport | null>;
  /** The latest version of (organisation, year) unless it was withdrawn, or null. */
  current(organizationId: string, year: number): Promise<ExistingReport | null>;
  /**
   * Store an imported report as its organisation's published report of the year: version 1, or the version after a
   * withdrawn one. False when another version appeared meanwhile (nothing written). `id` keeps a report's old id.
   */
  saveImported(input: { readonly organizationId: string; readonly report: AnnualReport; readonly provenance: readonly CellProvenance[] | null; readonly by: string; readonly at: string; readonly note: string; readonly id?: string }): Promise<{ ok: true; id: string; version: number } | { ok: false }>;
  /**
   * Withdraw a published imported version that is its year's latest (core/season/lifecycle.ts mayWithdraw), with the
   * reason: kept, never public again. False when there is no such version (or it changed meanwhile): nothing written.
   */
  withdraw(id: string, input: { readonly by: string; readonly at: string; readonly reason: string }): Promise<boolean>;
}
