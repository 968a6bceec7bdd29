/**
 * Everything the import of a file does after its text is extracted, in one pure function: hints from the file name and
 * a page's title, importReportText (./import-text.ts), a scan's OCR readings merged into the provenance
 * (./ocr-check.ts), and the validator's findings on the report read. The use case (app/annual-report/import-report.ts)
 * calls it; so does the extraction pool's worker (formats/source/extract-worker.ts), which runs it right after the
 * extraction, off the server's event loop: on run-together text (a crawled page's digits without separators) it costs
 * seconds (docs/decisions.md "The importer off the event loop").
 */
import { sortFindings, type Finding } from '../findings.ts';
import { validateReport } from '../validate.ts';
import { importReportText, type CellProvenance, type ImportOptions, type TextImport } from './import-text.ts';
import { withOcrReadings, type OcrReading } from './ocr-check.ts';

/** What extraction gave: the text, a web page's titles, the engine (OCR?) and a scan's readings. */
export interface ExtractedSource {
  readonly text: string;
  readonly title?: string;
  readonly engine?: string;
  readonly readings?: readonly OcrReading[];
}

/** The import of an extracted text: the report, its cells' provenance (with OCR readings), what was detected. */
export interface ExtractedImport extends TextImport {
  readonly provenance: readonly CellProvenance[];
  /** The validator's findings on the report read (errors first), as checkReport gives them. */
  readonly validation: readonly Finding[];
}

/** Import the extracted text of the file `name`. Findings are values; never throws on content. */
export function importExtracted(source: ExtractedSource, name: string, options: ImportOptions = {}): ExtractedImport {
  // What the text may not say, the file name and a web page's title may: hints for the year and organisation.
  const hints = { fileName: name, ...(source.title ? { title: source.title } : {}), ...options.hints };
  // A scan read by OCR: its readings are checked against the table arithmetic (never a guess).
  const ocr = source.engine?.includes('ocr') === true;
  const imported = importReportText(source.text, { ...options, hints, ...(ocr ? { ocr } : {}) });
  // Each cell read from a scan keeps the recogniser's confidence and its box on the page.
  const provenance = source.readings ? withOcrReadings(imported.provenance, source.text, source.readings) : imported.provenance;
  return { ...imported, provenance, validation: sortFindings(validateReport(imported.report, { previous: null })) };
}
