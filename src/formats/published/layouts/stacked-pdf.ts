/**
 * Layout `stackedPdf` — a report made with WPS and saved as PDF, like fixtures/real/huaian-szf-2024.pdf: table 三's
 * group labels (三、本年度办理结果, （三）不予公开 …) stand in a narrow column, one character per line, down the rows
 * they span; sub-rows numbered 1、2、3 with a full-width 、; page footers (-1-) printed inside tables where a page
 * breaks. A real PDF with a text layer (pdf-writer.ts), read by pdftotext like the real one. Tables are drawn row by
 * row on a grid of columns; a blank cell is an empty place.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, titleOf, truthOf, wrapText, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCover, type PrintedTable } from '../grid.ts';
import { chance } from '../names.ts';
import { pickNoise, type Noise } from '../noise.ts';
import { PAGE_HEIGHT, PAGE_WIDTH, textWidth, writePdf, type PdfItem } from '../pdf-writer.ts';
import type { PublishedSample } from '../sample.ts';

const MARGIN_X = 70;
const TOP = 72;
const BOTTOM = PAGE_HEIGHT - 72;

class Pages {
  readonly pages: PdfItem[][] = [[]];
  y = TOP;
  constructor(readonly footer: (n: number) => string) {}
  get page(): PdfItem[] {
    return this.pages[this.pages.length - 1] as PdfItem[];
  }
  need(height: number): void {
    if (this.y + height <= BOTTOM) return;
    const text = this.footer(this.pages.length);
    this.page.push({ kind: 'text', x: (PAGE_WIDTH - textWidth(text, 10)) / 2, y: PAGE_HEIGHT - 40, size: 10, text });
    this.pages.push([]);
    this.y = TOP;
  }
  text(x: number, text: string, size: number): void {
    this.page.push({ kind: 'text', x, y: this.y, size, text });
  }
}

/** Column x positions of a table: narrow label columns (table 三's group column one character wide), values after. */
function columnXs(t: PrintedTable, size: number): number[] {
  const widths = Array.from({ length: t.width }, (_, c) => {
    if (t.table === 'applications') return [1.6, 1.6, 12][c] ?? 4.2;
    if (t.table === 'proactive') return c === 0 ? 9 : 6;
    return 3.2;
  });
  const total = widths.reduce((a, b) => a + b, 0) * size;
  const scale = Math.min(1, (PAGE_WIDTH - 2 * MARGIN_X + 40) / total);
  let x = (PAGE_WIDTH - total * scale) / 2;
  return widths.map((w) => {
    const at = x;
    x += w * size * scale;
    return at;
  });
}

function drawTable(out: Pages, t: PrintedTable, size: number): void {
  const xs = columnXs(t, size);
  const heads = headRowCount(t);
  const lineHeight = size * 1.5;
  // Group labels spanning several rows (and table 三's first label column) stack one character per line.
  const stacked = new Map<number, string[]>(); // grid row → characters still to print in the narrow column, by column
  t.rowKinds.forEach((_, r) => {
    const cover = rowCover(t, r);
    out.need(lineHeight * 2);
    out.y += lineHeight;
    for (const { cell, starts } of cover) {
      const x = (xs[cell.col] ?? MARGIN_X) + 2;
      const narrow = t.table === 'applications' && r >= heads && cell.kind === 'label' && cell.col < 2 && cell.colSpan === 1 && cell.rowSpan > 1;
      if (narrow) {
        if (starts) stacked.set(cell.col, [...cell.text]);
        // Two characters per grid row, one per line, down the rows the label spans.
        const chars = stacked.get(cell.col) ?? [];
        const take = cell.row + cell.rowSpan - 1 === r ? chars.length : Math.min(2, chars.length);
        chars.splice(0, take).forEach((ch, i) => out.page.push({ kind: 'text', x, y: out.y - lineHeight / 2 + i * size * 1.1, size, text: ch }));
        continue;
      }
      if (!starts || cell.text === '') continue;
      const room = (xs[cell.col + cell.colSpan] ?? PAGE_WIDTH - MARGIN_X + 20) - x - 4;
      const lines = wrapText(cell.text, Math.max(2, Math.floor(room / size)));
      lines.forEach((line, i) => out.page.push({ kind: 'text', x, y: out.y + i * size * 1.2, size, text: line }));
      if (lines.length > 1) out.y += (lines.length - 1) * size * 1.2;
    }
    out.page.push({ kind: 'line', x1: xs[0] ?? MARGIN_X, y1: out.y + size * 0.5, x2: PAGE_WIDTH - MARGIN_X + 20, y2: out.y + size * 0.5 });
  });
  out.y += lineHeight;
}

/** Render a sample as a WPS-made PDF with stacked table 三 labels. */
export function renderStackedPdf(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise: Noise = { ...pickNoise(rng), numbering: '、', fullWidth: 0 };
  const style = { footerHyphen: chance(rng, 0.7) };
  const size = 10.5;
  const out = new Pages((n) => (style.footerHyphen ? `-${n}-` : `— ${n} —`));
  const perLine = Math.floor((PAGE_WIDTH - 2 * MARGIN_X) / size);
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'table') {
      drawTable(out, block.table, 9);
      continue;
    }
    const big = block.kind === 'title' ? 16 : size;
    const lines = wrapText(block.kind === 'paragraph' ? `\u3000\u3000${block.text}` : block.text, block.kind === 'title' ? 24 : perLine);
    for (const line of lines) {
      out.need(big * 1.6);
      out.y += big * 1.6;
      out.text(block.kind === 'title' ? (PAGE_WIDTH - textWidth(line, big)) / 2 : MARGIN_X, line, big);
    }
  }
  const last = out.footer(out.pages.length);
  out.page.push({ kind: 'text', x: (PAGE_WIDTH - textWidth(last, 10)) / 2, y: PAGE_HEIGHT - 40, size: 10, text: last });
  const title = titleOf(sample);
  const source = JSON.stringify(out.pages);
  return { layout: 'stackedPdf', name: `${title}.pdf`, ext: 'pdf', bytes: writePdf(out.pages, title), truth: truthOf(sample), source, features: featuresOf(sample, noise, style, true) };
}
