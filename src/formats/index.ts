/**
 * The one registry of export formats of the annual report. The CLI (`gongkai render --format`), the web app's
 * download links and the use case `renderReport` all read this table, so adding a format is one entry here.
 * Renderers are imported lazily: `gongkai check` should not pay for loading docx/exceljs.
 */
import type { Finding } from '../core/annual-report/findings.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';

export const FORMAT_IDS = ['md', 'html', 'docx', 'xlsx', 'pdf', 'json'] as const;
export type Format = (typeof FORMAT_IDS)[number];

export interface RenderOptions {
  /** Findings to highlight on cells (HTML, PDF); other formats ignore them. */
  readonly findings?: readonly Finding[];
}

export interface FormatDef {
  readonly id: Format;
  /** File extension without the dot. */
  readonly ext: string;
  /** MIME type; text types carry `charset=utf-8`. */
  readonly contentType: string;
  /** Label for people, Chinese first. */
  readonly label: string;
  readonly labelEn: string;
  /** Text formats may go to a terminal; binary ones go to a file. */
  readonly binary: boolean;
  /** Render the report. Rejects with DomainError `pdf.unavailable`/`pdf.failed` for PDF; other formats do not fail. */
  readonly render: (report: AnnualReport, options?: RenderOptions) => Promise<Uint8Array>;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const FORMATS: Readonly<Record<Format, FormatDef>> = {
  md: {
    id: 'md',
    ext: 'md',
    contentType: 'text/markdown; charset=utf-8',
    label: 'Markdown 文本',
    labelEn: 'Markdown',
    binary: false,
    render: async (report) => utf8((await import('./md/render.ts')).renderMarkdown(report)),
  },
  html: {
    id: 'html',
    ext: 'html',
    contentType: 'text/html; charset=utf-8',
    label: '网页（HTML）',
    labelEn: 'HTML page',
    binary: false,
    render: async (report, options = {}) =>
      utf8((await import('./html/render.ts')).renderHtmlDocument(report, options)),
  },
  docx: {
    id: 'docx',
    ext: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档',
    labelEn: 'Word document',
    binary: true,
    render: async (report) => (await import('./docx/render.ts')).renderDocx(report),
  },
  xlsx: {
    id: 'xlsx',
    ext: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格',
    labelEn: 'Excel workbook',
    binary: true,
    render: async (report) => (await import('./xlsx/write.ts')).renderXlsx(report),
  },
  pdf: {
    id: 'pdf',
    ext: 'pdf',
    contentType: 'application/pdf',
    label: 'PDF 文档',
    labelEn: 'PDF document',
    binary: true,
    render: async (report, options = {}) => (await import('./pdf/render.ts')).renderPdf(report, options),
  },
  json: {
    id: 'json',
    ext: 'json',
    contentType: 'application/json; charset=utf-8',
    label: 'JSON 数据（标准格式）',
    labelEn: 'canonical JSON',
    binary: false,
    render: async (report) => utf8(stringifyReport(report)),
  },
};

/** Whether `s` names a registered format. Never throws. */
export function isFormat(s: unknown): s is Format {
  return typeof s === 'string' && (FORMAT_IDS as readonly string[]).includes(s);
}

/** The registered formats in display order. Never throws. */
export function listFormats(): readonly FormatDef[] {
  return FORMAT_IDS.map((id) => FORMATS[id]);
}
