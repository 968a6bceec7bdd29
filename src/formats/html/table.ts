/**
 * One report table as accessible HTML, straight from the format-neutral grid of core/annual-report/layout.ts: the
 * header rows in `<thead>`, row/colspans exactly as the layout (the template's merged cells) gives them, header and
 * row labels as `<th scope>`, every value as `<td data-cell="<full path>">`; with cell sources (an imported report),
 * each value cell also says where it came from (./provenance.ts).
 */
import {
  formatCell,
  type LayoutCell,
  type LayoutRow,
  type TableLayout,
  type TextCell,
  type ValueCell,
} from '../../core/annual-report/layout.ts';
import { escapeHtml } from './escape.ts';
import { cellId, markAttributes, markClasses, type CellMark } from './findings.ts';
import { sourceClass, sourceDescription, sourceId, sourceText, type CellSources } from './provenance.ts';

function spans(cell: LayoutCell): string {
  return (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '') + (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '');
}

function textCell(cell: TextCell): string {
  const text = escapeHtml(cell.text);
  // The 勾稽关系 note heads no column or row (scope none): an ordinary cell, styled as a note.
  if (cell.scope === 'none') return `<td class="note"${spans(cell)}>${text}</td>`;
  return `<th scope="${cell.scope}" class="${cell.kind}"${spans(cell)}>${text}</th>`;
}

/** Options of renderTable. */
export interface TableOptions {
  /** Where a value links to (the cases behind a count, in the staff console), or null for no link. */
  readonly link?: (cell: ValueCell) => string | null;
}

function valueCell(cell: ValueCell, marks: ReadonlyMap<string, CellMark>, sources: CellSources | undefined, options: TableOptions): string {
  const path = cell.cell.path;
  const mark = marks.get(path);
  const source = sources?.get(path);
  const classes = ['value', ...(cell.value === null ? ['blank'] : []), ...markClasses(mark), ...(source ? [sourceClass(source)] : [])];
  const plain = escapeHtml(formatCell(cell.value));
  const href = options.link?.(cell) ?? null;
  const label = `${cell.cell.rowLabel} ${cell.cell.column.label}：${formatCell(cell.value)}`;
  const text = href === null ? plain : `<a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}">${plain}</a>`;
  const open = `<td id="${escapeHtml(cellId(path))}" data-cell="${escapeHtml(path)}" class="${classes.join(' ')}"${spans(cell)}`;
  if (!source) return `${open}${markAttributes(mark)}>${text}</td>`;
  // The source first, then the findings: one description and one title for both.
  const described = [sourceId(path), ...(mark?.ids ?? [])].join(' ');
  const title = [sourceText(source), ...(mark?.messages ?? [])].join('\n');
  return (
    `${open} tabindex="0" aria-describedby="${escapeHtml(described)}" title="${escapeHtml(title)}">` +
    `${text}${sourceDescription(path, source)}</td>`
  );
}

function renderRow(row: LayoutRow, marks: ReadonlyMap<string, CellMark>, sources: CellSources | undefined, options: TableOptions): string {
  const cells = row.cells.map((c) => (c.kind === 'value' ? valueCell(c, marks, sources, options) : textCell(c)));
  return `<tr class="row-${row.kind}">${cells.join('')}</tr>`;
}

/** Column classes, so the stylesheet can size the label and value columns of each table. */
function colgroup(layout: TableLayout): string {
  let classes: string[];
  if (layout.table === 'applications') {
    classes = ['label-1', 'label-2', 'label-3', ...Array<string>(layout.width - 3).fill('value')];
  } else if (layout.table === 'proactive') {
    classes = ['label-1', ...Array<string>(layout.width - 1).fill('value')];
  } else classes = Array<string>(layout.width).fill('value');
  return `<colgroup>${classes.map((c) => `<col class="col-${c}">`).join('')}</colgroup>`;
}

/** Table 二 prints one 第二十条第（N）项 group after another: each becomes its own `<tbody>` (a row group). */
function groupStarts(layout: TableLayout, row: LayoutRow): boolean {
  const [only, ...more] = row.cells;
  return row.kind === 'group' && more.length === 0 && only?.colSpan === layout.width;
}

/**
 * The table as HTML; `marks` highlights cells named by findings, `sources` says where each value came from, `options.link`
 * makes values links. Never throws.
 */
export function renderTable(layout: TableLayout, marks: ReadonlyMap<string, CellMark> = new Map(), sources?: CellSources, options: TableOptions = {}): string {
  const head = layout.rows.filter((r) => r.kind === 'head');
  const bodies: LayoutRow[][] = [];
  for (const row of layout.rows) {
    if (row.kind === 'head') continue;
    const last = bodies[bodies.length - 1];
    if (!last || groupStarts(layout, row)) bodies.push([row]);
    else last.push(row);
  }
  // A scroll box of its own, so a narrow screen scrolls the table, never the page (labelled and focusable for keyboards).
  const lines = [
    `<div class="table-scroll" role="region" aria-label="${escapeHtml(layout.caption)}（表格）" tabindex="0">`,
    `<table class="report-table table-${layout.table}" id="table-${layout.table}">`,
    `<caption class="visually-hidden">${escapeHtml(layout.caption)}</caption>`,
    colgroup(layout),
    ...(head.length > 0 ? ['<thead>', ...head.map((r) => renderRow(r, marks, sources, options)), '</thead>'] : []),
    ...bodies.flatMap((rows) => ['<tbody>', ...rows.map((r) => renderRow(r, marks, sources, options)), '</tbody>']),
    '</table>',
    '</div>',
  ];
  return lines.join('\n');
}
