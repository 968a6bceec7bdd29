/**
 * Ports of the annual-report use cases: the smallest interfaces they need from the outside, declared here by their
 * user. The CLI and the server pass in adapters (src/storage/files.ts for files, src/formats/index.ts for renderers).
 */
import type { Finding } from '../../core/annual-report/findings.ts';
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

/** Turns a report file's bytes into text (implemented by src/formats/source/extract.ts). Never rejects on bad input. */
export interface TextExtractor {
  extract(
    bytes: Uint8Array,
    name: string,
  ): Promise<{ ok: true; text: string; format: string; encoding?: string } | { ok: false; problem: Problem }>;
}
