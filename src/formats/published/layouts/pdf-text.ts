/**
 * Layout `pdfText` — PDF text as in corpus 004: a Word report printed to PDF with narrow table columns, extracted by a
 * PDF text tool. The tables are laid out the way a PDF draws them — every cell's text wrapped at its column's width
 * in characters (so labels break mid-word: 其他对外管理服务事 / 项, 上一年项目 / 数量), placed top or centre in its
 * (merged) cell — and then read back in one of two orders: content-stream order, cell by cell (pdftotext -raw, what
 * 004 shows), or visual order, line by line across the page (other extractors), where a merged label's lines land
 * among the rows it spans. Narrative is wrapped at a fixed width with trailing spaces; pages end with page numbers
 * and a form feed, the next page may start with a running header and the table's repeated header rows.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, pickTextFile, paginate, runningHeader, textDoc, wrapText, type PublishedDoc, type Unit } from '../document.ts';
import { headRowCount, narrowColumnWidths, type GridCell, type PrintedTable } from '../grid.ts';
import { below, chance } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly order: 'stream' | 'visual';
  readonly valign: 'top' | 'center';
  /** A line centred between two text lines joins the lower one ('up') or the upper one ('down'). */
  readonly snap?: 'up' | 'down';
  readonly narrativeWidth: number;
  readonly trailingSpace: boolean;
}

interface Placed {
  readonly y: number;
  readonly col: number;
  readonly row: number;
  /** The grid row whose band of lines holds y (visual order groups lines by it). */
  readonly band: number;
  readonly text: string;
}

/** Every text line of the table with its baseline (in text lines from the table's top), in drawing order. */
function placeLines(t: PrintedTable, widths: readonly number[], style: Style): Placed[] {
  const span = (c: GridCell) => widths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
  const lines = new Map<GridCell, string[]>(t.cells.map((c) => [c, c.text === '' ? [] : c.kind === 'value' ? [c.text] : wrapText(c.text, span(c))]));
  const rows = t.rowKinds.length;
  const heights = new Array<number>(rows).fill(1);
  for (const c of t.cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row] ?? 1, lines.get(c)?.length ?? 0);
  for (const c of t.cells) {
    if (c.rowSpan === 1) continue;
    const block = heights.slice(c.row, c.row + c.rowSpan).reduce((a, b) => a + b, 0);
    const need = lines.get(c)?.length ?? 0;
    const last = c.row + c.rowSpan - 1;
    if (need > block) heights[last] = (heights[last] ?? 1) + need - block;
  }
  const tops = heights.map((_, r) => heights.slice(0, r).reduce((a, b) => a + b, 0));
  const snap = (y: number) => (style.snap === 'up' ? Math.ceil(y - 1e-9) : Math.floor(y + 1e-9));
  const out: Placed[] = [];
  for (const c of t.cells) {
    const ls = lines.get(c) ?? [];
    const block = heights.slice(c.row, c.row + c.rowSpan).reduce((a, b) => a + b, 0);
    const offset = style.valign === 'top' ? 0 : (block - ls.length) / 2;
    ls.forEach((text, i) => {
      const y = snap((tops[c.row] ?? 0) + offset + i);
      const band = tops.reduce((found, top, r) => (top <= y ? r : found), 0);
      out.push({ y, col: c.col, row: c.row, band, text });
    });
  }
  return out;
}

/** The table's text as units of lines, one unit per grid row (page breaks fall between rows). */
function tableUnits(t: PrintedTable, rng: Rng, style: Style): Unit[] {
  const placed = placeLines(t, narrowColumnWidths(t, rng), style);
  const byRow = new Map<number, string[]>();
  const push = (row: number, line: string) => byRow.set(row, [...(byRow.get(row) ?? []), line]);
  if (style.order === 'stream') {
    let line = '';
    let y = -1;
    let row = 0;
    for (const p of placed) {
      if (line !== '' && p.y === y) line += ` ${p.text}`;
      else {
        if (line !== '') push(row, line);
        line = p.text;
        row = p.row;
      }
      y = p.y;
    }
    if (line !== '') push(row, line);
  } else {
    const ys = [...new Set(placed.map((p) => p.y))].sort((a, b) => a - b);
    for (const y of ys) {
      const here = placed.filter((p) => p.y === y).sort((a, b) => a.col - b.col);
      push(here[0]?.band ?? 0, here.map((p) => p.text).join(' '));
    }
  }
  const heads = headRowCount(t);
  return [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, lines]) => ({ lines: style.trailingSpace ? lines.map((l) => `${l} `) : lines, table: t.table, head: row < heads }));
}

/** Render a sample as the text of a PDF with narrow tables and page furniture. */
export function renderPdfText(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const valign = chance(rng, 0.6) ? 'center' : 'top';
  const snap = chance(rng, 0.5) ? 'up' : 'down';
  const style: Style = {
    order: chance(rng, 0.75) ? 'stream' : 'visual',
    valign,
    ...(valign === 'center' ? { snap } : {}),
    narrativeWidth: 24 + below(rng, 16),
    trailingSpace: chance(rng, 0.6),
  };
  const end = style.trailingSpace ? ' ' : '';
  const units: Unit[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'table') units.push(...tableUnits(block.table, rng, style));
    else if (block.kind === 'paragraph') {
      const lines = wrapText(`    ${block.text}`, style.narrativeWidth).map((l) => `${l}${end}`);
      units.push({ lines: chance(rng, 0.5) ? ['', ...lines] : lines });
    } else if (block.kind === 'title') units.push({ lines: wrapText(block.text, style.narrativeWidth - 4).map((l) => `${l}${end}`) });
    else units.push({ lines: ['', `${block.text}${end}`, ''] });
  }
  const text = paginate(units, noise, { linesPerPage: 30 + below(rng, 16), header: runningHeader(sample, noise, rng) });
  return textDoc('pdfText', 'txt', text, sample, featuresOf(sample, noise, style, true), pickTextFile(rng));
}
