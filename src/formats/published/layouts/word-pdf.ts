/**
 * Layout `wordPdf` — a Word report printed to PDF, the source of corpus 004: A4 pages in 宋体 (non-embedded, as many
 * government PDFs are), the tables ruled, with narrow columns so that cell text wraps mid-word (其他对外管理服务事 /
 * 项, 上一年项目 / 数量), values centred or left in their cells, vertically centred or at the top; a table longer
 * than the page continues on the next, after the running header and (when the document repeats them) its header
 * rows; every page ends with its number. The importer gets the bytes, as it would from a user, and reads the PDF
 * itself — where a blank cell is an empty place on the page, not a missing word.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, runningHeader, titleOf, truthOf, wrapText, type PublishedDoc } from '../document.ts';
import { headRowCount, narrowColumnWidths, printedWidth, type GridCell, type PrintedTable } from '../grid.ts';
import { chance } from '../names.ts';
import { pageNumberText, pickNoise } from '../noise.ts';
import { PAGE_HEIGHT, PAGE_WIDTH, textWidth, writePdf, type PdfItem } from '../pdf-writer.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly valign: 'top' | 'center';
  readonly valueAlign: 'center' | 'left';
  /** Body font size (五号 10.5, 小四 12). */
  readonly size: number;
  /** Table font size before shrinking to fit the page (五号 or 小五). */
  readonly tableSize: number;
}

const MARGIN_X = 72;
const MARGIN_TOP = 80;
const MARGIN_BOTTOM = 80;
const PAD_X = 5.4;
const PAD_Y = 2.5;
const LEADING = 1.3;

/**
 * Cell text wrapped at `width` characters as Word does it (避头尾): closing punctuation never starts a line — the
 * character before it goes down with it — so no line is wider than its cell.
 */
function wrapCell(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && printedWidth(line + ch) > width) {
      if (/^[，。、；：）》”’！？%]$/.test(ch) && [...line].length > 1) {
        const chars = [...line];
        const carried = chars.pop() as string;
        lines.push(chars.join(''));
        line = carried;
      } else {
        lines.push(line);
        line = '';
      }
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A table laid out: column edges, row heights, each cell's wrapped lines, at one font size. */
interface TableGeometry {
  readonly size: number;
  readonly xs: readonly number[];
  readonly heights: readonly number[];
  readonly lines: ReadonlyMap<GridCell, readonly string[]>;
}

function tableGeometry(t: PrintedTable, chars: readonly number[], style: Style): TableGeometry {
  const available = PAGE_WIDTH - 2 * (MARGIN_X - 24);
  const natural = chars.reduce((a, c) => a + c * style.tableSize + 2 * PAD_X, 0);
  // Word shrinks a table that does not fit: here the font, down to 6.5 pt.
  const size = natural <= available ? style.tableSize : Math.max(6.5, style.tableSize * ((available - 2 * PAD_X * chars.length) / (natural - 2 * PAD_X * chars.length)));
  const widths = chars.map((c) => c * size + 2 * PAD_X);
  const total = widths.reduce((a, b) => a + b, 0);
  const left = (PAGE_WIDTH - total) / 2;
  const xs = widths.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? left) + w], [left]);
  const span = (c: GridCell) => chars.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
  const lines = new Map<GridCell, string[]>(t.cells.map((c) => [c, c.text === '' ? [] : c.kind === 'value' ? [c.text] : wrapCell(c.text, span(c))]));
  const lineHeight = size * LEADING;
  const heights = new Array<number>(t.rowKinds.length).fill(lineHeight + 2 * PAD_Y);
  for (const c of t.cells) {
    if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row] ?? 0, (lines.get(c)?.length ?? 0) * lineHeight + 2 * PAD_Y);
  }
  for (const c of t.cells) {
    if (c.rowSpan === 1) continue;
    const block = heights.slice(c.row, c.row + c.rowSpan).reduce((a, b) => a + b, 0);
    const need = (lines.get(c)?.length ?? 0) * lineHeight + 2 * PAD_Y;
    const last = c.row + c.rowSpan - 1;
    if (need > block) heights[last] = (heights[last] ?? 0) + need - block;
  }
  return { size, xs, heights, lines };
}

/**
 * Groups of grid rows that stay on one page: a merged cell keeps the rows it spans together, unless they are taller
 * than a page — then it only keeps enough rows together for its own text, and continues empty on the next page.
 */
function rowGroups(t: PrintedTable, g: TableGeometry, from: number, pageRoom: number): number[][] {
  const rowsHeight = (a: number, b: number) => g.heights.slice(a, b).reduce((x, y) => x + y, 0);
  const tall = (c: GridCell) => rowsHeight(c.row, c.row + c.rowSpan) > pageRoom;
  const textNeed = (c: GridCell) => (g.lines.get(c)?.length ?? 0) * g.size * LEADING + 2 * PAD_Y;
  const groups: number[][] = [];
  let r = from;
  while (r < t.rowKinds.length) {
    let end = r + 1;
    for (let changed = true; changed; ) {
      changed = false;
      for (const c of t.cells) {
        if (c.row < r || c.row >= end) continue;
        const want = tall(c) ? Math.min(c.row + c.rowSpan, firstFitting(c.row, textNeed(c))) : c.row + c.rowSpan;
        if (want > end) {
          end = want;
          changed = true;
        }
      }
    }
    groups.push(Array.from({ length: end - r }, (_, k) => r + k));
    r = end;
  }
  return groups;

  function firstFitting(start: number, need: number): number {
    let end = start + 1;
    while (end < t.rowKinds.length && rowsHeight(start, end) < need) end += 1;
    return end;
  }
}

class Pages {
  readonly pages: PdfItem[][] = [[]];
  y = MARGIN_TOP;
  constructor(private readonly header: string, private readonly size: number) {}
  get page(): PdfItem[] {
    return this.pages[this.pages.length - 1] as PdfItem[];
  }
  /** Room for `height` more points on this page, else a new page (with the running header). */
  need(height: number): boolean {
    if (this.y + height <= PAGE_HEIGHT - MARGIN_BOTTOM || this.y === MARGIN_TOP) return false;
    this.pages.push([]);
    this.y = MARGIN_TOP;
    if (this.header !== '') {
      const size = this.size - 1.5;
      this.page.push({ kind: 'text', x: (PAGE_WIDTH - textWidth(this.header, size)) / 2, y: MARGIN_TOP - 28, size, text: this.header });
      this.page.push({ kind: 'line', x1: MARGIN_X, y1: MARGIN_TOP - 24, x2: PAGE_WIDTH - MARGIN_X, y2: MARGIN_TOP - 24 });
    }
    return true;
  }
  text(lines: readonly string[], size: number, x: (line: string) => number, gapBefore = 0): void {
    this.y += gapBefore;
    for (const line of lines) {
      this.need(size * LEADING);
      this.y += size * LEADING;
      this.page.push({ kind: 'text', x: x(line), y: this.y - size * (LEADING - 1) - size * 0.12, size, text: line });
    }
  }
}

/** Grid rows drawn on one page from `top`: every cell they cover, its text only where the cell starts. */
function drawRows(page: PdfItem[], t: PrintedTable, g: TableGeometry, rows: readonly number[], style: Style, top: number): void {
  const lineHeight = g.size * LEADING;
  const tops = new Map<number, number>();
  let y = top;
  for (const r of rows) {
    tops.set(r, y);
    y += g.heights[r] ?? 0;
  }
  for (const c of t.cells) {
    const covered = rows.filter((r) => r >= c.row && r < c.row + c.rowSpan);
    const first = covered[0];
    if (first === undefined) continue;
    const cellTop = tops.get(first) ?? 0;
    const height = covered.reduce((a, r) => a + (g.heights[r] ?? 0), 0);
    const x1 = g.xs[c.col] ?? 0;
    const x2 = g.xs[c.col + c.colSpan] ?? x1;
    page.push(
      { kind: 'line', x1, y1: cellTop, x2, y2: cellTop },
      { kind: 'line', x1, y1: cellTop + height, x2, y2: cellTop + height },
      { kind: 'line', x1, y1: cellTop, x2: x1, y2: cellTop + height },
      { kind: 'line', x1: x2, y1: cellTop, x2, y2: cellTop + height },
    );
    // A merged cell continued from the previous page is drawn empty (Word prints its text where it starts).
    if (first !== c.row) continue;
    const lines = g.lines.get(c) ?? [];
    const block = lines.length * lineHeight;
    const start = style.valign === 'top' ? cellTop + PAD_Y : cellTop + Math.max(PAD_Y, (height - block) / 2);
    lines.forEach((line, i) => {
      const w = textWidth(line, g.size);
      const centred = c.kind === 'header' || (c.kind === 'value' && style.valueAlign === 'center');
      const x = centred ? (x1 + x2 - w) / 2 : x1 + PAD_X;
      page.push({ kind: 'text', x, y: start + i * lineHeight + (lineHeight - g.size) / 2 + 0.88 * g.size, size: g.size, text: line });
    });
  }
}

/**
 * A table over as many pages as it needs, breaking between the row groups of rowGroups().
 */
function drawTable(out: Pages, t: PrintedTable, rng: Rng, style: Style, repeatHeader: boolean): void {
  const g = tableGeometry(t, narrowColumnWidths(t, rng), style);
  const heads = headRowCount(t);
  const headRows = Array.from({ length: heads }, (_, r) => r);
  const height = (rows: readonly number[]) => rows.reduce((a, r) => a + (g.heights[r] ?? 0), 0);
  const pageRoom = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - height(headRows);
  const units = rowGroups(t, g, heads, pageRoom);
  out.y += 6;
  let segment: number[] = [...headRows];
  // The header rows stay with the first data rows.
  out.need(height(headRows) + height(units[0] ?? []));
  let top = out.y;
  out.y += height(headRows);
  for (const unit of units) {
    const before = out.page;
    if (out.need(height(unit))) {
      drawRows(before, t, g, segment, style, top);
      segment = repeatHeader ? [...headRows] : [];
      top = out.y;
      out.y += height(segment);
    }
    segment.push(...unit);
    out.y += height(unit);
  }
  drawRows(out.page, t, g, segment, style, top);
  out.y += 6;
}

/** A Word report laid out on A4 pages (items in points), as printed to PDF or to OFD; the features it uses. */
export function wordPages(sample: PublishedSample, rng: Rng): { pages: PdfItem[][]; title: string; features: string[] } {
  const noise = pickNoise(rng);
  const size = chance(rng, 0.7) ? 10.5 : 12;
  const style: Style = {
    valign: chance(rng, 0.6) ? 'center' : 'top',
    valueAlign: chance(rng, 0.7) ? 'center' : 'left',
    size,
    tableSize: chance(rng, 0.5) ? 10.5 : 9,
  };
  const out = new Pages(runningHeader(sample, noise, rng), size);
  const width = PAGE_WIDTH - 2 * MARGIN_X;
  const perLine = Math.floor(width / size);
  const centre = (s: number) => (line: string) => (PAGE_WIDTH - textWidth(line, s)) / 2;
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') out.text(wrapText(block.text, Math.floor(width / 16)), 16, centre(16));
    else if (block.kind === 'heading') out.text(wrapText(block.text, perLine), size, () => MARGIN_X + 2 * size, size * 0.6);
    else if (block.kind === 'paragraph') out.text(wrapText(`\u3000\u3000${block.text}`, perLine), size, () => MARGIN_X);
    else drawTable(out, block.table, rng, style, noise.repeatHeader);
  }
  const count = out.pages.length;
  out.pages.forEach((page, i) => {
    const text = pageNumberText(i + 1, count, noise.pageNumber);
    page.push({ kind: 'text', x: (PAGE_WIDTH - textWidth(text, size - 1.5)) / 2, y: PAGE_HEIGHT - MARGIN_BOTTOM / 2, size: size - 1.5, text });
  });
  return { pages: out.pages, title: titleOf(sample), features: featuresOf(sample, noise, style, true) };
}

/** Render a sample as a Word report printed to PDF. */
export function renderWordPdf(sample: PublishedSample, rng: Rng): PublishedDoc {
  const { pages, title, features } = wordPages(sample, rng);
  return {
    layout: 'wordPdf',
    name: `${title}.pdf`,
    ext: 'pdf',
    bytes: writePdf(pages, title),
    truth: truthOf(sample),
    features,
  };
}
