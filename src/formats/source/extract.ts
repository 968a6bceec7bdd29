/**
 * Any published annual report file (.txt, .md, .html, .docx, .pdf, .ofd, .xlsx; .doc, .wps, .rtf, .xls, .et through
 * LibreOffice when it is installed; scans — .png, .jpg, .tif and image-only PDF pages — by OCR) → the text that
 * core/annual-report/import/import-text.ts reads. The format is sniffed from the bytes, not trusted from the name;
 * every expected failure comes back as a coded problem. This runs in the thread that calls it: untrusted files are
 * read through ./extractor.ts, which runs it in a worker of the extraction pool (./pool.ts, ./extract-worker.ts); a
 * new reader goes into the switch below, so it runs there too.
 */
import type { OcrReading } from '../../core/annual-report/import/ocr-check.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { docxToText } from '../docx/import.ts';
import { readHtml } from '../html/import.ts';
import { ofdToText } from '../ofd/import.ts';
import { convertOffice, type OfficeOptions } from '../office/convert.ts';
import { xlsxToText } from '../office/sheet.ts';
import { ocrImage, type OcrOptions } from '../ocr/read.ts';
import { pdfToText, type PdfTextOptions } from '../pdf/import.ts';
import { decodeText, isOle2, isZip, looksBinary, sniffFormat, type SourceFormat, type TextEncoding } from './detect.ts';

/** Inputs above this size are refused before any parsing. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export type ExtractedText =
  | { ok: true; text: string; format: Exclude<SourceFormat, 'unknown'>; encoding?: TextEncoding; engine?: string; title?: string; readings?: OcrReading[] }
  | { ok: false; problem: Problem };

export interface ExtractOptions {
  /** Options for PDF extraction (engine, pdftotext path, timeout). */
  readonly pdf?: PdfTextOptions;
  /** Options for LibreOffice (soffice path, timeout), which converts .doc/.wps/.rtf/.xls/.et. */
  readonly office?: OfficeOptions;
  /** OCR of scans (images; a PDF's scanned pages through `pdf.ocr`): progress per page. */
  readonly ocr?: OcrOptions;
}

function unknownFormat(bytes: Uint8Array, name: string): Problem {
  if (isOle2(bytes)) {
    return problem('import.unknownFormat', name, {
      zh: 'OLE2 复合文件，但不是 Word/WPS 文字或 Excel/WPS 表格，请另存为 .docx 或 .xlsx',
      en: 'an OLE2 compound file that is neither a Word/WPS document nor an Excel/WPS workbook: save it as .docx or .xlsx',
    });
  }
  if (isZip(bytes)) {
    return problem('import.unknownFormat', name, {
      zh: 'ZIP 包中没有 Word 文档（word/document.xml）、OFD 文档（OFD.xml）或电子表格（xl/workbook.xml）',
      en: 'a ZIP package without a Word document (word/document.xml), an OFD document (OFD.xml) or a workbook (xl/workbook.xml)',
    });
  }
  return problem('import.unknownFormat', name, { zh: '二进制文件，不是文本、网页、Word 或 PDF', en: 'a binary file that is not text, HTML, Word or PDF' });
}

/** Where a problem is: the file name, when known. */
function located(p: Problem, name: string): Problem {
  return name === '' || p.at !== '' ? p : { ...p, at: name };
}

/**
 * The text of a report file, dispatched on its sniffed format. Errors (as values, never thrown): `import.empty`,
 * `input.tooLarge` (over 50 MB), `import.unknownFormat` (binary, other ZIP or OLE2), `import.notDocx`,
 * `import.notPdf`, `import.notOfd`, `import.pdfEncrypted`, `import.noTextLayer`, `import.tooLarge` (a ZIP or PDF past
 * ./limits.ts), `import.tooComplex` (HTML past its depth or element count), `import.timeout` (PDF),
 * `import.extractFailed`, `import.notImage` (an image that cannot be decoded), `import.officeUnavailable` (a .doc/.wps/.rtf/.xls/.et without LibreOffice), `import.officeFailed`.
 */
export async function extractText(bytes: Uint8Array, name?: string, options: ExtractOptions = {}): Promise<ExtractedText> {
  const at = name ?? '';
  if (bytes.length === 0) return { ok: false, problem: problem('import.empty', at) };
  if (bytes.length > MAX_INPUT_BYTES) {
    return {
      ok: false,
      problem: problem('input.tooLarge', at, { zh: `超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB`, en: `over ${MAX_INPUT_BYTES / 1024 / 1024} MB` }, { bytes: bytes.length, max: MAX_INPUT_BYTES }),
    };
  }
  const format = sniffFormat(bytes, name);
  try {
    switch (format) {
      case 'unknown':
        return { ok: false, problem: unknownFormat(bytes, at) };
      case 'pdf': {
        const r = await pdfToText(bytes, options.pdf);
        return r.ok ? { ok: true, text: r.text, format, engine: r.engine, ...(r.readings ? { readings: r.readings } : {}) } : { ok: false, problem: located(r.problem, at) };
      }
      case 'image': {
        const r = await ocrImage(bytes, options.ocr);
        return r.ok ? { ok: true, text: r.text, format, engine: 'ocr', readings: r.readings } : { ok: false, problem: located(r.problem, at) };
      }
      case 'docx': {
        const r = await docxToText(bytes);
        return r.ok ? { ok: true, text: r.text, format } : { ok: false, problem: located(r.problem, at) };
      }
      case 'ofd': {
        const r = ofdToText(bytes);
        return r.ok ? { ok: true, text: r.text, format, ...(r.title ? { title: r.title } : {}) } : { ok: false, problem: located(r.problem, at) };
      }
      case 'xlsx': {
        const r = await xlsxToText(bytes);
        return r.ok ? { ok: true, text: r.text, format } : { ok: false, problem: located(r.problem, at) };
      }
      case 'doc':
      case 'rtf':
      case 'xls': {
        // Read as what LibreOffice converts them into: a text document as .docx, a workbook as .xlsx.
        const target = format === 'xls' ? 'xlsx' : 'docx';
        const ext = /\.([A-Za-z0-9]{1,5})$/.exec(at)?.[1]?.toLowerCase() ?? (format === 'xls' ? 'xls' : format);
        const converted = await convertOffice(bytes, ext, target, options.office);
        if (!converted.ok) return { ok: false, problem: located(converted.problem, at) };
        const r = target === 'docx' ? await docxToText(converted.bytes) : await xlsxToText(converted.bytes);
        return r.ok ? { ok: true, text: r.text, format, engine: 'libreoffice' } : { ok: false, problem: located(r.problem, at) };
      }
      default: {
        const { text, encoding } = decodeText(bytes);
        if (looksBinary(text)) return { ok: false, problem: unknownFormat(bytes, at) };
        const html = format === 'html' ? readHtml(text) : null;
        if (html && !html.ok) return { ok: false, problem: located(html.problem, at) };
        const body = html ? html.text : text;
        if (body.trim() === '') return { ok: false, problem: problem('import.empty', at, { zh: '没有文字', en: 'no text in it' }) };
        // A web page's <title>/meta titles: the report's title when the page body does not print it.
        const title = html ? html.title : null;
        return { ok: true, text: body, format, encoding, ...(title ? { title } : {}) };
      }
    }
  } catch (err) {
    // The adapters return their expected failures as values: anything thrown here is a bug, still not thrown on.
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: problem('import.extractFailed', at, { zh: reason, en: reason }, { format }) };
  }
}
