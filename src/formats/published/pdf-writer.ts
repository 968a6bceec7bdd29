/**
 * A minimal PDF writer for the generator: A4 pages of text and ruling lines, in the form many government PDFs take —
 * text in the non-embedded Adobe-GB1 font STSong-Light (宋体) through the predefined CMap UniGB-UCS2-H, so no font
 * file is needed and readers supply the glyphs (pdftotext reads such text through poppler-data). Each text run is
 * drawn where the caller puts it: a word processor's output, line by line. Only the generator uses it; the importer
 * reads PDFs through src/formats/pdf.
 */
import { printedWidth } from './grid.ts';

/** A4 in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

export interface PdfText {
  readonly kind: 'text';
  /** Left edge and baseline, in points from the page's top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly text: string;
}

export interface PdfLine {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export type PdfItem = PdfText | PdfLine;

/** Advance width of a text in points: ASCII is half-width in STSong-Light (the W array below says so), as printedWidth counts. */
export const textWidth = (text: string, size: number): number => printedWidth(text) * size;

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

/** UTF-16 code units as hex: UniGB-UCS2-H takes two bytes per character (the BMP, which report text stays in). */
function hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function contentStream(items: readonly PdfItem[]): string {
  const ops: string[] = ['0.5 w'];
  for (const it of items) {
    if (it.kind === 'line') ops.push(`${num(it.x1)} ${num(PAGE_HEIGHT - it.y1)} m ${num(it.x2)} ${num(PAGE_HEIGHT - it.y2)} l S`);
    else ops.push(`BT /F1 ${num(it.size)} Tf ${num(it.x)} ${num(PAGE_HEIGHT - it.y)} Td <${hex(it.text)}> Tj ET`);
  }
  return ops.join('\n');
}

/** The bytes of a PDF with these pages (each a list of items). Deterministic: no dates, no random ids. */
export function writePdf(pages: readonly (readonly PdfItem[])[], title: string): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('');
  const cidFont = add('');
  const descriptor = add('');
  objects[font - 1] = `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`;
  objects[cidFont - 1] =
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ` +
    `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`;
  objects[descriptor - 1] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  const kids: number[] = [];
  for (const items of pages) {
    const stream = contentStream(items);
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title <feff${hex(title)}> /Producer (gongkai generator) >>`);
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
