/**
 * Ports of the annual-report use cases: the smallest interfaces they need from the outside, declared here by their
 * user. The CLI and the server pass in adapters (src/storage/files.ts for files, src/formats/index.ts for renderers,
 * src/formats/source/extractor.ts for text extraction, src/storage/report-files.ts for saved reports).
 */
import type { OcrReading } from '../../core/annual-report/import/ocr-check.ts';
import type { Finding } from '../../core/annual-report/findings.ts';
import type { ExtractedImport } from '../../core/annual-report/import/import-extracted.ts';
import type { CellProvenance, ImportOptions } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import type { Problem } from '../../core/errors.ts';

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

/** A report saved by a user (the web upload's 保存为报告), as the store returns it. */
export interface StoredReport {
  /** Safe characters only, e.g. 2026-11-23-k3x9q2 (the day it was saved and a random suffix). */
  readonly id: string;
  readonly report: AnnualReport;
  /** Where each cell came from, for a report saved from an import (shown on its page as on the import result). */
  readonly provenance?: readonly CellProvenance[];
}

/** Where saved reports live (implemented by src/storage/report-files.ts). */
export interface ReportStore {
  /** Every saved report, newest first. Rejects when the store cannot be read. */
  list(): Promise<StoredReport[]>;
  /** One saved report, or null when there is none with this id (or the id is not a valid id). */
  get(id: string): Promise<StoredReport | null>;
  /** Save a report (and its cells' provenance) under a new id and return the id. Rejects when it cannot be written. */
  save(report: AnnualReport, provenance?: readonly CellProvenance[]): Promise<string>;
  /**
   * Take a saved report out of the lists and pages (an admin's 撤回): kept aside, never deleted — the audit log says
   * who and why. False when there is no such report.
   */
  withdraw(id: string): Promise<boolean>;
}
