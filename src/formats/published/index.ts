/**
 * Generated "published" annual reports for measuring the importer: random truth reports of both templates
 * (./sample.ts) rendered into the layouts real reports reach us in (./layouts), with the noise of real publishing
 * (./noise.ts), each with the canonical JSON an importer should read back. This module never imports the importer
 * (core/annual-report/import, formats/source, formats/* /import.ts): generator and importer stay independent, so the
 * benchmark's accuracy figure is honest. Every item is reproducible from its own seed and layout (`publishOne`).
 */
import { mulberry32, type Rng } from '../../core/annual-report/generate.ts';
import { TEMPLATE_LIST, type ReportTemplate, type TemplateId } from '../../core/annual-report/templates/index.ts';
import type { LayoutName, PublishedDoc } from './document.ts';
import { renderCellPerLine } from './layouts/cell-per-line.ts';
import { renderCmsHtml } from './layouts/cms-html.ts';
import { renderCrawlLines } from './layouts/crawl-lines.ts';
import { renderCrawlRun } from './layouts/crawl-run.ts';
import { renderMarkdownConverted } from './layouts/markdown-converted.ts';
import { renderChromiumPdf } from './layouts/chromium-pdf.ts';
import { renderDocxLayout } from './layouts/docx.ts';
import { renderHtml } from './layouts/html.ts';
import { renderWordPdf } from './layouts/word-pdf.ts';
import { renderPdfText } from './layouts/pdf-text.ts';
import { renderStackedPdf } from './layouts/stacked-pdf.ts';
import { renderOfd } from './layouts/ofd.ts';
import { renderSpace } from './layouts/space.ts';
import { renderTabs } from './layouts/tabs.ts';
import { below, chance } from './names.ts';
import { sampleReport, type PublishedSample } from './sample.ts';

export type { LayoutName, PublishedDoc } from './document.ts';
export type { PublishedSample, PlantedError, EmptyKind } from './sample.ts';
export { sampleReport, SAMPLE_ODDS } from './sample.ts';
export { NOISE_ODDS } from './noise.ts';

export interface Layout {
  readonly name: LayoutName;
  /** What the layout models, for reports. */
  readonly models: string;
  /** Text layouts come out as text; the others as docx or PDF bytes. */
  readonly kind: 'text' | 'docx' | 'pdf' | 'ofd';
  /**
   * Whether the layout is a file as offices publish it, counted in the benchmark's figure of record. `pdfText` is not:
   * it is the text someone copied out of a PDF (004's file itself), measured and printed beside the total — the PDF it
   * came from is `wordPdf`, which the importer reads itself, page geometry and all (docs/decisions.md).
   */
  readonly record: boolean;
  render(sample: PublishedSample, rng: Rng): Promise<PublishedDoc>;
}

const sync = (f: (s: PublishedSample, r: Rng) => PublishedDoc) => (s: PublishedSample, r: Rng) => Promise.resolve(f(s, r));

/** Every layout, in benchmark order. */
export const LAYOUTS: Readonly<Record<LayoutName, Layout>> = {
  space: { name: 'space', kind: 'text', record: true, models: 'PDF text, one row per line, space-separated (000/002)', render: sync(renderSpace) },
  tabs: { name: 'tabs', kind: 'text', record: true, models: 'Markdown, tab/pipe rows with empty merged cells (001)', render: sync(renderTabs) },
  cellPerLine: { name: 'cellPerLine', kind: 'text', record: true, models: 'Word text, one cell per line (003)', render: sync(renderCellPerLine) },
  pdfText: { name: 'pdfText', kind: 'text', record: false, models: 'text copied out of a PDF (004 as filed): narrow wrapped cells, page furniture, no page geometry', render: sync(renderPdfText) },
  html: { name: 'html', kind: 'text', record: true, models: 'government web page, rowspan/colspan tables', render: sync(renderHtml) },
  docx: { name: 'docx', kind: 'docx', record: true, models: 'Word document with merged cells', render: renderDocxLayout },
  chromiumPdf: { name: 'chromiumPdf', kind: 'pdf', record: true, models: 'web page printed to PDF by Chromium', render: renderChromiumPdf },
  wordPdf: { name: 'wordPdf', kind: 'pdf', record: true, models: 'Word report printed to PDF, narrow ruled tables, non-embedded 宋体 (004)', render: sync(renderWordPdf) },
  crawlRun: {
    name: 'crawlRun',
    kind: 'text',
    record: true,
    models: 'crawled page text, tags stripped: one line, "　　" between paragraphs, the cells of a row run together (170000017), blanks vanished or zeros written out (hebei-kjt, hebei-gxt)',
    render: sync(renderCrawlRun),
  },
  crawlLines: {
    name: 'crawlLines',
    kind: 'text',
    record: true,
    models: 'crawled page text: cells separated by runs of line breaks (3 per cell, 5 between rows, a blank cell one run more), CR line ends (hebei-jyt)',
    render: sync(renderCrawlLines),
  },
  markdownConverted: {
    name: 'markdownConverted',
    kind: 'text',
    record: true,
    models: 'PDF converted to Markdown: table 三 cut into small label-less pipe tables, its labels a block elsewhere (some one character per line), page footers inside, table 二 as prose lines',
    render: sync(renderMarkdownConverted),
  },
  cmsHtml: {
    name: 'cmsHtml',
    kind: 'text',
    record: true,
    models: 'CMS article HTML: title only in <title>/<meta name="ArticleTitle">, bare-text headings, header cells split into several <p> or by <br>, labels split across two <p>',
    render: sync(renderCmsHtml),
  },
  stackedPdf: {
    name: 'stackedPdf',
    kind: 'pdf',
    record: true,
    models: 'WPS report saved as PDF (huaian-szf-2024): table 三 group labels stacked one character per line in a narrow column, 1、2、3 numbering, page footers -1- inside tables',
    render: sync(renderStackedPdf),
  },
  ofd: { name: 'ofd', kind: 'ofd', record: true, models: 'Word report converted to OFD (GB/T 33190): the wordPdf page as OFD XML, a TextObject per run with DeltaX or per character', render: sync(renderOfd) },
};

export const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];

export interface PublishedItem {
  /** Position in the run. */
  readonly index: number;
  /** The item's own seed: `publishOne(seed, layout)` rebuilds it. */
  readonly seed: number;
  readonly layout: LayoutName;
  readonly sample: PublishedSample;
  readonly doc: PublishedDoc;
}

/** The seed of item `index` of a run (a 32-bit mix, so neighbouring items share nothing). */
export function itemSeed(runSeed: number, index: number): number {
  let h = (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

/** Template and year as published: the 2019 template for 2019–2020 (and some later reports), 2021 from 2021 on. */
export function templateAndYear(rng: Rng): { template: TemplateId; year: number } {
  const oldest = TEMPLATE_LIST[0] as ReportTemplate;
  const newest = TEMPLATE_LIST[TEMPLATE_LIST.length - 1] as ReportTemplate;
  if (chance(rng, 0.5)) return { template: newest.id, year: newest.years.from + below(rng, 4) };
  return { template: oldest.id, year: chance(rng, 0.1) ? newest.years.from + below(rng, 2) : oldest.years.from + below(rng, 2) };
}

/** One item from its seed and layout: the same seed gives the same sample in every layout. */
export async function publishOne(seed: number, layout: LayoutName): Promise<PublishedItem & { index: -1 }> {
  const rng = mulberry32(seed);
  const sample = sampleReport(rng, templateAndYear(rng));
  const doc = await LAYOUTS[layout].render(sample, mulberry32(seed ^ 0x5bd1e995));
  return { index: -1, seed, layout, sample, doc };
}

export interface GenerateOptions {
  /** Layouts to use, in turn (default: all). */
  readonly layouts?: readonly LayoutName[];
}

/** `count` items from a run seed, the layouts taken in turn. Rejects only when a renderer fails (Chromium). */
export async function* generatePublished(seed: number, count: number, options: GenerateOptions = {}): AsyncGenerator<PublishedItem> {
  const layouts = options.layouts ?? LAYOUT_NAMES;
  for (let index = 0; index < count; index += 1) {
    const layout = layouts[index % layouts.length] as LayoutName;
    const one = await publishOne(itemSeed(seed, index), layout);
    yield { ...one, index };
  }
}
