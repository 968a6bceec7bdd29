/**
 * The printed layout of the template tables — header rows, merged cells, label columns — as a format-neutral grid
 * (spec/annual-report.md "Table layout"). HTML, Markdown, DOCX and XLSX all render from this one description, so the
 * merged cells of 国办公开办函〔2019〕60号/〔2021〕30号 are typed once.
 */
import { cellPresent, cellValue, templateOf, type AnnualReport, type Cell } from './model.ts';
import {
  TABLE_NUMBER,
  tableCells,
  type CellDef,
  type ColumnDef,
  type ReportTemplate,
  type TableKey,
} from './templates/index.ts';

/** A header or label cell. `scope` follows HTML table semantics. */
export interface TextCell {
  readonly kind: 'header' | 'label';
  readonly text: string;
  readonly colSpan: number;
  readonly rowSpan: number;
  readonly scope: 'col' | 'colgroup' | 'row' | 'rowgroup' | 'none';
}

/** A data cell of the report. */
export interface ValueCell {
  readonly kind: 'value';
  readonly cell: CellDef;
  readonly value: Cell;
  readonly colSpan: number;
  readonly rowSpan: 1;
}

export type LayoutCell = TextCell | ValueCell;

export interface LayoutRow {
  /** 'head': column headers; 'group': a table 二 group title or header row; 'data': a row of values. */
  readonly kind: 'head' | 'group' | 'data';
  readonly cells: readonly LayoutCell[];
  /** Key path of the data row (data rows only). */
  readonly row?: readonly string[];
}

export interface TableLayout {
  readonly table: TableKey;
  /** 二, 三, 四 */
  readonly number: string;
  /** The section heading (二、主动公开政府信息情况 …), used as the table caption. */
  readonly caption: string;
  /** Number of grid columns. */
  readonly width: number;
  readonly rows: readonly LayoutRow[];
}

const th = (text: string, colSpan = 1, rowSpan = 1, scope: TextCell['scope'] = 'col'): TextCell => ({
  kind: 'header',
  text,
  colSpan,
  rowSpan,
  scope,
});
const label = (text: string, colSpan = 1, rowSpan = 1, scope: TextCell['scope'] = 'row'): TextCell => ({
  kind: 'label',
  text,
  colSpan,
  rowSpan,
  scope,
});

function values(report: AnnualReport, cells: readonly CellDef[], spans?: readonly number[]): ValueCell[] {
  return cells.map((cell, i) => ({ kind: 'value', cell, value: cellValue(report, cell), colSpan: spans?.[i] ?? 1, rowSpan: 1 }));
}

/** Split `slots` grid columns over `n` cells as evenly as possible (the last ones get the remainder). */
function spread(slots: number, n: number): number[] {
  const base = Math.floor(slots / n);
  return Array.from({ length: n }, (_, i) => base + (i >= n - (slots % n) ? 1 : 0));
}

/** Columns of a table 二 group as printed for this report: template columns + variant columns the report carries. */
export function printedColumns(report: AnnualReport, table: TableKey, columns: readonly ColumnDef[], rowKey: readonly string[]): ColumnDef[] {
  const template = templateOf(report);
  return columns.filter((c) => {
    if (!c.variant) return true;
    const def = tableCells(template, table).find((d) => d.column.key === c.key && d.row.join('.') === rowKey.join('.'));
    return def !== undefined && cellPresent(report, def);
  });
}

function cellsOfRow(template: ReportTemplate, table: TableKey, row: readonly string[], columns: readonly ColumnDef[]): CellDef[] {
  const key = row.join('.');
  const all = tableCells(template, table).filter((c) => c.row.join('.') === key);
  return columns.map((col) => all.find((c) => c.column.key === col.key)).filter((c): c is CellDef => c !== undefined);
}

function proactiveLayout(report: AnnualReport, caption: string): TableLayout {
  const template = templateOf(report);
  const groups = template.proactive.groups.map((g) => ({
    group: g,
    columns: printedColumns(report, 'proactive', g.columns, [g.rows[0]?.key ?? '']),
  }));
  const slots = Math.max(...groups.map((g) => g.columns.length));
  const width = 1 + slots;
  const rows: LayoutRow[] = [];
  for (const { group, columns } of groups) {
    const spans = spread(slots, columns.length);
    rows.push({ kind: 'group', cells: [th(group.label, width, 1, 'colgroup')] });
    rows.push({ kind: 'group', cells: [th('信息内容'), ...columns.map((c, i) => th(c.label, spans[i]))] });
    for (const r of group.rows) {
      rows.push({
        kind: 'data',
        row: [r.key],
        cells: [label(r.label), ...values(report, cellsOfRow(template, 'proactive', [r.key], columns), spans)],
      });
    }
  }
  return { table: 'proactive', number: TABLE_NUMBER.proactive, caption, width, rows };
}

function applicationsLayout(report: AnnualReport, caption: string): TableLayout {
  const template = templateOf(report);
  const t = template.applications;
  const cols = t.columns;
  const [natural, ...rest] = cols;
  const total = rest[rest.length - 1];
  const legal = rest.slice(0, -1);
  if (!natural || !total) throw new Error('table 三 needs its applicant columns');
  const rows: LayoutRow[] = [
    {
      kind: 'head',
      cells: [th(t.balanceNote, 3, 3, 'none'), th(t.applicantHeader, cols.length, 1, 'colgroup')],
    },
    {
      kind: 'head',
      cells: [th(natural.label, 1, 2), th(t.legalPersonHeader, legal.length, 1, 'colgroup'), th(total.label, 1, 2)],
    },
    { kind: 'head', cells: legal.map((c) => th(c.label)) },
  ];
  const resultCount = t.rows.filter((r) => r.level === 'result').length;
  let firstResult = true;
  const seenGroups = new Set<string>();
  for (const r of t.rows) {
    const labels: TextCell[] = [];
    if (r.level === 'top') labels.push(label(r.label, 3));
    else {
      if (firstResult) {
        labels.push(label(t.resultsLabel, 1, resultCount, 'rowgroup'));
        firstResult = false;
      }
      if (r.group) {
        if (!seenGroups.has(r.group.key)) {
          seenGroups.add(r.group.key);
          const size = t.rows.filter((x) => x.group?.key === r.group?.key).length;
          labels.push(label(r.group.label, 1, size, 'rowgroup'));
        }
        labels.push(label(r.label));
      } else labels.push(label(r.label, 2));
    }
    rows.push({ kind: 'data', row: r.path, cells: [...labels, ...values(report, cellsOfRow(template, 'applications', r.path, cols))] });
  }
  return { table: 'applications', number: TABLE_NUMBER.applications, caption, width: 3 + cols.length, rows };
}

function reviewLayout(report: AnnualReport, caption: string): TableLayout {
  const template = templateOf(report);
  const { groups, columns } = template.reviewLitigation;
  const [first, ...litigation] = groups;
  if (!first) throw new Error('table 四 needs its groups');
  const n = columns.length;
  const parent = litigation[0]?.parentLabel ?? '';
  const rows: LayoutRow[] = [
    { kind: 'head', cells: [th(first.label, n, 1, 'colgroup'), th(parent, n * litigation.length, 1, 'colgroup')] },
    {
      kind: 'head',
      cells: [...columns.map((c) => th(c.label, 1, 2)), ...litigation.map((g) => th(g.label, n, 1, 'colgroup'))],
    },
    { kind: 'head', cells: litigation.flatMap(() => columns.map((c) => th(c.label))) },
    {
      kind: 'data',
      row: [],
      cells: groups.flatMap((g) => values(report, cellsOfRow(template, 'reviewLitigation', [g.key], columns))),
    },
  ];
  return { table: 'reviewLitigation', number: TABLE_NUMBER.reviewLitigation, caption, width: n * groups.length, rows };
}

/** The printed layout of one table of the report (values filled in; null cells stay null). */
export function tableLayout(report: AnnualReport, table: TableKey): TableLayout {
  const caption = templateOf(report).sections.find((s) => s.key === table)?.heading ?? '';
  if (table === 'proactive') return proactiveLayout(report, caption);
  if (table === 'applications') return applicationsLayout(report, caption);
  return reviewLayout(report, caption);
}

/** A layout cell placed on the grid (0-based row/column of its top-left corner). */
export interface PlacedCell {
  readonly row: number;
  readonly col: number;
  readonly cell: LayoutCell;
}

/** Resolve row/column spans to grid positions, row by row, skipping slots covered by cells above. */
export function placeCells(layout: TableLayout): PlacedCell[] {
  const taken: boolean[][] = layout.rows.map(() => new Array<boolean>(layout.width).fill(false));
  const out: PlacedCell[] = [];
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < layout.width && taken[r]?.[c]) c += 1;
      out.push({ row: r, col: c, cell });
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const line = taken[r + dr];
          if (line) line[c + dc] = true;
        }
      }
      c += cell.colSpan;
    }
  });
  return out;
}

/** How a cell value is printed: blank for null, the number as given otherwise. */
export function formatCell(value: Cell): string {
  return value === null ? '' : String(value);
}
