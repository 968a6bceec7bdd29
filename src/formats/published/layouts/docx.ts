/**
 * Layout `docx` — the report as the Word file an office publishes: real Word tables whose merged cells are written as
 * Word writes them (gridSpan across columns, vMerge restart/continue down rows — the template's merges from
 * core/annual-report/layout.ts), cell texts with the document's noise, header texts broken by manual line breaks,
 * header rows marked to repeat on each page, page numbers and a running header in the page footer/header, and now and
 * then table 三 cut into two Word tables (one per printed page).
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, runningHeader, titleOf, truthOf, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCover, splitLabel, splitTable, type PrintedTable } from '../grid.ts';
import { below, chance } from '../names.ts';
import { pickNoise, type Noise, type PageNumberStyle } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

/** A plain description of the document (deterministic, unlike the .docx bytes, which carry dates). */
interface PlainCell {
  readonly lines: readonly string[];
  readonly colSpan: number;
  readonly merge?: 'restart' | 'continue';
}
type Part =
  | { readonly kind: 'p'; readonly text: string; readonly role: 'title' | 'heading' | 'body' }
  | { readonly kind: 'table'; readonly width: number; readonly headRows: number; readonly rows: readonly (readonly PlainCell[])[] };

function plainTable(t: PrintedTable, rng: Rng, breakHeaders: boolean): Part {
  const rows = t.rowKinds.map((_, r) =>
    rowCover(t, r).map(({ cell, starts }): PlainCell => {
      const merge: PlainCell['merge'] = cell.rowSpan > 1 ? (starts ? 'restart' : 'continue') : undefined;
      const base = { colSpan: cell.colSpan, ...(merge ? { merge } : {}) };
      if (!starts) return { ...base, lines: [] };
      const broken = cell.kind === 'header' && breakHeaders && cell.text.length >= 5 && chance(rng, 0.4);
      return { ...base, lines: cell.text === '' ? [] : broken ? splitLabel(cell.text, rng) : [cell.text] };
    }),
  );
  return { kind: 'table', width: t.width, headRows: headRowCount(t), rows };
}

function plainParts(sample: PublishedSample, noise: Noise, rng: Rng): { parts: Part[]; style: { breakHeaders: boolean; splitApplications: boolean } } {
  const breakHeaders = chance(rng, 0.5);
  const split = chance(rng, 0.12);
  const parts: Part[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') parts.push({ kind: 'p', text: block.text, role: 'title' });
    else if (block.kind === 'heading') parts.push({ kind: 'p', text: block.text, role: 'heading' });
    else if (block.kind === 'paragraph') parts.push({ kind: 'p', text: block.text, role: 'body' });
    else if (block.table.table === 'applications' && split) {
      const heads = headRowCount(block.table);
      const at = heads + 2 + below(rng, block.table.rowKinds.length - heads - 3);
      const [a, b] = splitTable(block.table, at, noise.repeatHeader);
      parts.push(plainTable(a, rng, breakHeaders), { kind: 'p', text: '', role: 'body' }, plainTable(b, rng, breakHeaders));
    } else parts.push(plainTable(block.table, rng, breakHeaders));
  }
  return { parts, style: { breakHeaders, splitApplications: split } };
}

const TEXT_WIDTH = 8844; // 156 mm in twips (GB/T 9704 版心)

function wordCell(c: PlainCell, width: number): TableCell {
  const runs = c.lines.map((line, i) => new TextRun({ text: line, size: 21, ...(i > 0 ? { break: 1 } : {}) }));
  return new TableCell({
    columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
    verticalMerge: c.merge === 'restart' ? VerticalMergeType.RESTART : c.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    width: { size: width * c.colSpan, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs })],
  });
}

function wordTable(part: Extract<Part, { kind: 'table' }>): Table {
  const each = Math.floor(TEXT_WIDTH / part.width);
  return new Table({
    rows: part.rows.map((cells, r) => new TableRow({ children: cells.map((c) => wordCell(c, each)), tableHeader: r < part.headRows })),
    width: { size: each * part.width, type: WidthType.DXA },
    columnWidths: new Array<number>(part.width).fill(each),
    layout: TableLayoutType.FIXED,
  });
}

function pageNumberRuns(style: PageNumberStyle): TextRun[] {
  const n = (before: string, after: string) => [new TextRun({ children: [before, PageNumber.CURRENT, after] })];
  switch (style) {
    case 'dash':
      return n('— ', ' —');
    case 'hyphen':
      return n('- ', ' -');
    case 'di':
      return n('第 ', ' 页');
    case 'diGong':
      return [new TextRun({ children: ['第', PageNumber.CURRENT, '页 共', PageNumber.TOTAL_PAGES, '页'] })];
    case 'slash':
      return [new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES] })];
    case 'bare':
      return n('', '');
  }
}

/** Render a sample as a .docx file. */
export async function renderDocxLayout(sample: PublishedSample, rng: Rng): Promise<PublishedDoc> {
  const noise = pickNoise(rng);
  const { parts, style } = plainParts(sample, noise, rng);
  const header = runningHeader(sample, noise, rng);
  const children = parts.map((p) => {
    if (p.kind === 'table') return wordTable(p);
    const title = p.role === 'title';
    return new Paragraph({
      alignment: title ? AlignmentType.CENTER : AlignmentType.LEFT,
      indent: p.role === 'body' ? { firstLine: 640 } : undefined,
      children: p.text === '' ? [] : [new TextRun({ text: p.text, size: title ? 44 : 32, bold: p.role === 'heading' })],
    });
  });
  const doc = new Document({
    creator: sample.org.name,
    title: titleOf(sample),
    sections: [
      {
        headers: header ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(header)] })] }) } : undefined,
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumberRuns(noise.pageNumber) })] }) },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return {
    layout: 'docx',
    name: `${titleOf(sample)}.docx`,
    ext: 'docx',
    bytes,
    truth: truthOf(sample),
    source: JSON.stringify({ header, pageNumber: noise.pageNumber, parts }),
    features: featuresOf(sample, noise, style, false),
  };
}
