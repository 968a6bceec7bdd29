/**
 * What every generated document holds, in print order — the title `{机关}{年}年政府信息公开工作年度报告`, the six
 * section headings of the template, the narratives, the three printed tables (or the sentence printed instead of an
 * absent one), sometimes a signature — and the page machinery of the text layouts: page numbers, running headers and
 * table headers repeated after a page break, the way PDF text extraction returns them (pages end with a form feed).
 */
import type { Rng } from '../../core/annual-report/generate.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { TEMPLATES, type TableKey } from '../../core/annual-report/templates/index.ts';
import { templateOf } from '../../core/annual-report/model.ts';
import { printTable, type PrintedTable } from './grid.ts';
import { below, chance } from './names.ts';
import { pageNumberText, type Noise } from './noise.ts';
import type { PublishedSample } from './sample.ts';
import type { CellPrinting } from './undetermined.ts';

export type LayoutName =
  | 'space'
  | 'tabs'
  | 'cellPerLine'
  | 'pdfText'
  | 'html'
  | 'docx'
  | 'chromiumPdf'
  | 'wordPdf'
  | 'crawlRun'
  | 'crawlLines'
  | 'markdownConverted'
  | 'cmsHtml'
  | 'stackedPdf'
  | 'ofd';

/** One generated file and the canonical JSON an importer should read from it. */
export interface PublishedDoc {
  readonly layout: LayoutName;
  /** A file name (the extension tells the format; importers must not rely on it). */
  readonly name: string;
  readonly ext: 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'ofd';
  readonly bytes: Uint8Array;
  /** The text, for the text layouts (txt, md, html). */
  readonly text?: string;
  /** The canonical JSON of the truth (blank and "/" cells null, amounts in 万元). */
  readonly truth: Record<string, unknown>;
  /**
   * A deterministic description of the output where the bytes are not (docx and PDF embed creation dates): the
   * document text for docx, the page fed to Chromium for chromiumPdf.
   */
  readonly source?: string;
  /**
   * How the text prints the cells, for undetermined.ts (absent: blank cells print as nothing, the others apart).
   */
  readonly printing?: CellPrinting;
  /** The noise and layout choices this document uses (pageNumber:bare, order:visual, fullWidth …), for error analysis. */
  readonly features: readonly string[];
}

export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly table: PrintedTable };

/** The title as published. */
export function titleOf(sample: PublishedSample): string {
  return `${sample.org.name}${sample.report.year ?? ''}年政府信息公开工作年度报告`;
}

/** The blocks of a document in print order. The tables' cell texts are drawn from `rng` (noise). */
export function documentBlocks(sample: PublishedSample, noise: Noise, rng: Rng): Block[] {
  const report = sample.report;
  const out: Block[] = [{ kind: 'title', text: titleOf(sample) }];
  const narrative: Record<string, readonly string[]> = sample.narrative;
  for (const section of templateOf(report).sections) {
    out.push({ kind: 'heading', text: section.heading });
    if (section.kind === 'narrative') {
      for (const p of narrative[section.key] ?? []) out.push({ kind: 'paragraph', text: p });
      continue;
    }
    const key = section.key as TableKey;
    const table = printTable(sample, key, noise, rng);
    if (table) out.push({ kind: 'table', table });
    else out.push({ kind: 'paragraph', text: sample.absent[key] ?? '无。' });
  }
  if (chance(rng, 0.4)) {
    const year = (report.year ?? 2020) + 1;
    out.push({ kind: 'paragraph', text: sample.org.name }, { kind: 'paragraph', text: `${year}年1月${1 + below(rng, 28)}日` });
  }
  return out;
}

/** The canonical JSON of the sample's truth. */
export function truthOf(sample: PublishedSample): Record<string, unknown> {
  return reportToJson(sample.report);
}

const encoder = new TextEncoder();

/** How a .txt file was saved on the publisher's Windows machine (Notepad: UTF-8, UTF-8 with BOM, "Unicode"). */
export interface TextFile {
  readonly crlf: boolean;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le';
}

/** The encoding and line ends of a .txt file: mostly UTF-8 and LF, sometimes CRLF, a BOM or UTF-16LE. */
export function pickTextFile(rng: Rng): TextFile {
  const e = rng();
  return { crlf: chance(rng, 0.25), encoding: e < 0.8 ? 'utf-8' : e < 0.9 ? 'utf-8-bom' : 'utf-16le' };
}

function encode(text: string, file: TextFile): Uint8Array {
  if (file.encoding === 'utf-8') return encoder.encode(text);
  if (file.encoding === 'utf-8-bom') return encoder.encode(`\uFEFF${text}`);
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

/** A text document (txt, md, html): UTF-8 with LF unless a TextFile says how it was saved. */
export function textDoc(
  layout: LayoutName,
  ext: PublishedDoc['ext'],
  lf: string,
  sample: PublishedSample,
  features: readonly string[],
  file: TextFile = { crlf: false, encoding: 'utf-8' },
): PublishedDoc {
  const text = file.crlf ? lf.replace(/\n/g, '\r\n') : lf;
  const saved = [...(file.crlf ? ['crlf'] : []), ...(file.encoding === 'utf-8' ? [] : [`enc:${file.encoding}`])];
  return { layout, name: `${titleOf(sample)}.${ext}`, ext, bytes: encode(text, file), text, truth: truthOf(sample), features: [...features, ...saved] };
}

/**
 * The features of a document: what the sample holds (planted errors, blanks, "/", absent tables), the noise that shows
 * (page furniture only when the layout has pages) and the layout's style choices (true flags and named options).
 */
export function featuresOf(sample: PublishedSample, noise: Noise, style: object, paged: boolean): string[] {
  const out = [`template:${sample.report.template}`];
  if (sample.planted.length > 0) out.push('planted');
  const empties = [...sample.empty.values()];
  if (empties.includes('blank')) out.push('blank');
  if (empties.includes('notApplicable')) out.push(`na:${noise.naMark}`);
  if (Object.keys(sample.absent).length > 0) out.push('absentTable');
  const fees = sample.report.proactive?.['fees'];
  if (fees !== null && typeof fees === 'object' && Object.hasOwn(fees, 'decisions')) out.push('feesDecisions');
  if (noise.fullWidth > 0) out.push('fullWidth');
  if (noise.thousands) out.push('thousands');
  if (noise.plusSign && TEMPLATES[sample.report.template].traits.itemCounts) out.push('plusSign');
  if (noise.amountUnit !== 'none') out.push(`amount:${noise.amountUnit}`);
  if (noise.amountDecimals) out.push('amountDecimals');
  if (noise.asciiParens) out.push('asciiParens');
  if (noise.numbering !== '.') out.push(`numbering:${noise.numbering}`);
  if (paged) {
    out.push(`page:${noise.pageNumber}`);
    if (noise.pageHeader) out.push('pageHeader');
    if (noise.repeatHeader) out.push('repeatHeader');
  }
  for (const [key, value] of Object.entries(style)) {
    if (value === true) out.push(key);
    else if (typeof value === 'string') out.push(`${key}:${value}`);
  }
  return out;
}

/** Lines that stay on one page (a table row and its wrapped label); `head` marks table header rows. */
export interface Unit {
  readonly lines: readonly string[];
  readonly table?: TableKey;
  readonly head?: boolean;
}

export interface PageOptions {
  readonly linesPerPage: number;
  /** The running header printed at the top of pages after the first ('' for none). */
  readonly header: string;
}

/** A running header as offices print it: the report's title or the body's name. */
export function runningHeader(sample: PublishedSample, noise: Noise, rng: Rng): string {
  if (!noise.pageHeader) return '';
  return chance(rng, 0.6) ? titleOf(sample) : `${sample.org.name}政务公开`;
}

/**
 * Lay units out on pages: a page number at the foot of every page, the running header at the top of the next, and
 * (when the document repeats them) the header rows of a table continued from the previous page. Pages end with a
 * form feed, as pdftotext writes them.
 */
export function paginate(units: readonly Unit[], noise: Noise, options: PageOptions): string {
  const pages: string[][] = [[]];
  const heads = new Map<TableKey, string[]>();
  for (const unit of units) {
    if (unit.head && unit.table) heads.set(unit.table, [...(heads.get(unit.table) ?? []), ...unit.lines]);
    let page = pages[pages.length - 1] as string[];
    if (page.length > 0 && page.length + unit.lines.length > options.linesPerPage) {
      page = [];
      pages.push(page);
      if (options.header !== '') page.push(options.header);
      const head = unit.table && !unit.head ? heads.get(unit.table) : undefined;
      if (head && noise.repeatHeader) page.push(...head);
    }
    page.push(...unit.lines);
  }
  return pages
    .map((lines, i) => `${[...lines, pageNumberText(i + 1, pages.length, noise.pageNumber)].join('\n')}\n`)
    .join('\f')
    .concat('\f');
}

/** Wrap a paragraph at `width` characters (ASCII counts half), keeping closing punctuation off line starts. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
    if (used + w > width && line !== '' && !/^[，。、；：）》”’！？%]$/.test(ch)) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (line !== '') lines.push(line);
  return lines;
}
