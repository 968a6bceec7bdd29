/**
 * Where each value of an imported report came from, on the HTML page: read from the source text, inferred from the
 * table arithmetic (勾稽关系), or missing. A marked cell carries a class (`cell-read` / `cell-inferred` /
 * `cell-missing`), a `title` for the mouse, a hidden description for screen readers (aria-describedby) and is
 * focusable, so the keyboard reaches the same text (shown by the stylesheet on focus). A legend explains the marks.
 */
import { escapeHtml } from './escape.ts';

/** How one cell was obtained (the importer's CellProvenance, as much of it as the page shows). */
export interface CellSource {
  readonly how: 'read' | 'inferred' | 'missing';
  /** The text it was read from, as printed. */
  readonly raw?: string;
  /** 1-based line and page of the source text (omit the page when the source has none). */
  readonly line?: number;
  readonly page?: number;
  /** Why a cell is missing: blank, notFound, ambiguous, lost, unconfirmed, overflow, tableMissing, ocrUncertain. */
  readonly note?: string;
  /** A value read by OCR from a scan: the recogniser's confidence (0–1) and its box on the page, in points. */
  readonly confidence?: number;
  readonly box?: { readonly page: number; readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

/** Cell sources by cell path. */
export type CellSources = ReadonlyMap<string, CellSource>;

/** Why a cell is missing, in words (the importer's `note`). */
const MISSING_ZH: Readonly<Record<string, string>> = {
  blank: '原文空白',
  notFound: '原文未找到此行',
  ambiguous: '无法确定（原文有歧义）',
  lost: '原文中此数值缺失，且无法按勾稽关系推算',
  unconfirmed: '按勾稽关系推算的结果未能经第二个等式核验，未予采用',
  overflow: '原文此行的数值多于表格列数，无法对应到单元格',
  tableMissing: '原文未找到此表',
  ocrUncertain: '扫描件识别不确定（置信度不足，或读数与表格勾稽关系不符），未予采用',
};

const INFERRED_ZH = '推算：原文缺失，按勾稽关系推算并经核验';

const round = (n: number): string => String(Math.round(n));

function where(source: CellSource): string {
  const parts = [
    ...(source.line !== undefined ? [`第 ${source.line} 行`] : []),
    ...(source.page !== undefined ? [`第 ${source.page} 页`] : []),
    // A scan's value: how sure the recogniser was, and where on the page image it stands (points from the top left).
    ...(source.confidence !== undefined ? [`识别置信度 ${(source.confidence * 100).toFixed(1)}%`] : []),
    ...(source.box !== undefined ? [`扫描页第 ${source.box.page} 页位置 x ${round(source.box.x)}、y ${round(source.box.y)}、宽 ${round(source.box.w)}、高 ${round(source.box.h)}（磅）`] : []),
  ];
  return parts.join('，');
}

/** The source of a cell in one line of Chinese, e.g. `原文：“1,274”（第 57 行，第 2 页）`. Never throws. */
export function sourceText(source: CellSource): string {
  const at = where(source);
  if (source.how === 'inferred') return INFERRED_ZH;
  if (source.how === 'read') {
    const quoted = source.raw !== undefined ? `“${source.raw}”` : '（已读取）';
    return `原文：${quoted}${at ? `（${at}）` : ''}`;
  }
  const reason = MISSING_ZH[source.note ?? ''] ?? '原文未读取到此数值';
  // A blank cell may have been printed as a dash or 无: quote what was there.
  const printed = [...(source.raw !== undefined && source.raw.trim() !== '' ? [`原文“${source.raw}”`] : []), ...(at ? [at] : [])];
  return `缺失：${reason}${printed.length > 0 ? `（${printed.join('，')}）` : ''}`;
}

/** The id of the hidden description of a cell's source: `source-` + its path. */
export function sourceId(path: string): string {
  return `source-${path}`;
}

/** The class of a cell by its source: `cell-read`, `cell-inferred` or `cell-missing`. */
export function sourceClass(source: CellSource): string {
  return `cell-${source.how}`;
}

/** The hidden element that describes the cell (referenced by its aria-describedby). Never throws. */
export function sourceDescription(path: string, source: CellSource): string {
  return `<span id="${escapeHtml(sourceId(path))}" hidden>${escapeHtml(sourceText(source))}</span>`;
}

const LEGEND: readonly { how: CellSource['how']; zh: string; text: string; en: string; sample: string }[] = [
  { how: 'read', zh: '读取', text: '数值读自原文。鼠标悬停或用 Tab 键聚焦单元格，可查看原文及其行号。', en: 'read from the source: hover or focus a cell to see the text it was read from', sample: '12' },
  { how: 'inferred', zh: '推算', text: '原文缺失，按表格勾稽关系推算，并经第二个等式核验（斜体，右上角蓝色标记）。', en: 'lost in the source, recovered from the table arithmetic and confirmed', sample: '0' },
  { how: 'missing', zh: '缺失', text: '原文空白、未找到或无法确定，单元格留空（斜线底纹）。', en: 'blank, not found or ambiguous in the source: left empty', sample: '' },
];

/** The legend of the marks, shown with the report when sources are given. Never throws. */
export function renderProvenanceLegend(): string {
  const items = LEGEND.map(
    (l) =>
      `<li><span class="legend-swatch ${sourceClass({ how: l.how })}" aria-hidden="true">${l.sample}</span> ` +
      `<strong>${l.zh}</strong>：${l.text} <span class="legend-en" lang="en">${l.en}</span></li>`,
  );
  return (
    `<aside class="provenance-legend" aria-labelledby="provenance-legend-heading">\n` +
    `<h2 id="provenance-legend-heading">单元格标记说明 <span class="legend-en" lang="en">what the marks mean</span></h2>\n` +
    `<ul>\n${items.join('\n')}\n</ul>\n</aside>`
  );
}

/**
 * The marks on screen. Provenance uses the border, the type and a background *image* (corner mark, hatching), so a
 * finding's background colour on the same cell still shows. On keyboard focus the cell's title is shown below it.
 */
export const PROVENANCE_CSS = `
.report-table td.cell-read, .report-table td.cell-inferred, .report-table td.cell-missing { position: relative; cursor: help; }
.report-table td.cell-read:hover, .report-table td.cell-inferred:hover, .report-table td.cell-missing:hover { box-shadow: inset 0 0 0 2px #0b5cad; }
/* As specific as the finding tints (REPORT_CSS, a background shorthand) and after them: the image survives the tint. */
.report-table td.cell-inferred, .legend-swatch.cell-inferred { font-style: italic; color: #0b4f9c; background-image: linear-gradient(225deg, #1f6fd1 0 7px, transparent 7px); }
.report-table td.cell-missing, .legend-swatch.cell-missing { background-image: repeating-linear-gradient(135deg, transparent 0 4px, rgba(0, 0, 0, 0.16) 4px 5px); }
.report-table td.cell-read:focus-visible, .report-table td.cell-inferred:focus-visible, .report-table td.cell-missing:focus-visible { outline: 3px solid #0b5cad; outline-offset: -3px; z-index: 2; }
.report-table td.cell-read:focus-visible::after, .report-table td.cell-inferred:focus-visible::after, .report-table td.cell-missing:focus-visible::after {
  content: attr(title);
  position: absolute; left: 0; top: 100%; z-index: 3;
  width: max-content; max-width: 26em;
  padding: 0.35em 0.6em; border-radius: 4px;
  background: #1f2328; color: #fff; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
  font-size: 9pt; font-style: normal; line-height: 1.45; text-align: left; white-space: pre-line;
}
/* Cells near the right edge open their note to the left, so it stays on the sheet. */
.report-table td:nth-last-child(-n+3):focus-visible::after { left: auto; right: 0; }
.provenance-legend { margin: 0 0 1em; padding: 0.5em 0.9em; border: 1px solid #c8d1dc; border-radius: 4px; background: #f7f9fb; font-size: 10pt; line-height: 1.55; }
.annual-report .provenance-legend h2 { font-size: 10.5pt; margin: 0 0 0.3em; }
.provenance-legend ul { list-style: none; margin: 0; padding: 0; }
.provenance-legend li { margin: 0.15em 0; }
.provenance-legend .legend-swatch { display: inline-block; box-sizing: border-box; width: 2.4em; height: 1.5em; line-height: 1.4em; margin-right: 0.3em; border: 1px solid #000; text-align: center; vertical-align: middle; font-size: 9pt; }
.provenance-legend .legend-en { color: #6e7781; font-size: 0.9em; }
`;
