/**
 * The annual report model (政府信息公开工作年度报告, 条例 Art. 49-50), in the shape of the canonical JSON
 * `gongkai.annual-report/1`. A blank cell is `null`, a table the source lacks is `null`; neither is ever 0.
 */
import {
  TEMPLATES,
  type CellDef,
  type NarrativeKey,
  type ReportTemplate,
  type TableKey,
  type TemplateId,
  tableCells,
} from './templates/index.ts';

export const REPORT_SCHEMA = 'gongkai.annual-report/1';

export type Cell = number | null;
export interface TableData {
  readonly [key: string]: Cell | TableData;
}

export type Sections = Readonly<Record<NarrativeKey, string | null>>;

export interface AnnualReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly template: TemplateId;
  /** The year reported on; null when a source does not say (the importer never guesses it). */
  readonly year: number | null;
  readonly organization: string | null;
  readonly proactive: TableData | null;
  readonly applications: TableData | null;
  readonly reviewLitigation: TableData | null;
  readonly sections: Sections;
  /** Keys outside the schema (sourceDefects, expectedFindings, …): notes for humans, kept verbatim. */
  readonly annotations: Readonly<Record<string, unknown>>;
}

export const NARRATIVE_KEYS: readonly NarrativeKey[] = ['overview', 'problems', 'otherMatters'];

export function templateOf(report: Pick<AnnualReport, 'template'>): ReportTemplate {
  return TEMPLATES[report.template];
}

function lookup(table: TableData | null, keys: readonly string[]): Cell | TableData | undefined {
  let node: Cell | TableData | undefined = table ?? undefined;
  for (const key of keys) {
    if (node === null || node === undefined || typeof node === 'number') return undefined;
    node = Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return node;
}

/** The value of a cell: a number, or null when blank, absent or when its table is missing. */
export function cellValue(report: AnnualReport, cell: CellDef): Cell {
  const value = lookup(report[cell.table], [...cell.row, cell.column.key]);
  return typeof value === 'number' ? value : null;
}

/** Whether the report carries the cell at all (variant columns are carried only by some reports). */
export function cellPresent(report: AnnualReport, cell: CellDef): boolean {
  return lookup(report[cell.table], [...cell.row, cell.column.key]) !== undefined;
}

/** The values of a table keyed by full cell path; cells of a missing table are null. */
export function tableValues(report: AnnualReport, table: TableKey): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const cell of tableCells(templateOf(report), table)) out.set(cell.path, cellValue(report, cell));
  return out;
}

function setIn(node: TableData, keys: readonly string[], value: Cell): TableData {
  const [head, ...rest] = keys;
  if (head === undefined) return node;
  if (rest.length === 0) return { ...node, [head]: value };
  const child = node[head];
  const childTable: TableData = child !== null && typeof child === 'object' ? child : {};
  return { ...node, [head]: setIn(childTable, rest, value) };
}

/** A copy of the report with one cell changed (creating the table if it was missing). */
export function withCell(report: AnnualReport, cell: CellDef, value: Cell): AnnualReport {
  const table = report[cell.table] ?? {};
  return { ...report, [cell.table]: setIn(table, [...cell.row, cell.column.key], value) };
}

/** A table of the template with every (non-variant) cell set by `fill`. */
export function buildTable(
  template: ReportTemplate,
  table: TableKey,
  fill: (cell: CellDef) => Cell,
): TableData {
  let data: TableData = {};
  for (const cell of tableCells(template, table)) {
    if (cell.column.variant) continue;
    data = setIn(data, [...cell.row, cell.column.key], fill(cell));
  }
  return data;
}

/** An all-null report to fill in (`gongkai new`). */
export function emptyReport(templateId: TemplateId, year: number | null, organization: string | null): AnnualReport {
  const template = TEMPLATES[templateId];
  return {
    schema: REPORT_SCHEMA,
    template: templateId,
    year,
    organization,
    proactive: buildTable(template, 'proactive', () => null),
    applications: buildTable(template, 'applications', () => null),
    reviewLitigation: buildTable(template, 'reviewLitigation', () => null),
    sections: { overview: null, problems: null, otherMatters: null },
    annotations: {},
  };
}
