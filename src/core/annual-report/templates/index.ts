/**
 * The registry of templates and the one enumeration of their cells. Everything that walks a report's cells
 * (parsing, validation, rendering, XLSX, the JSON schema) goes through `tableCells` so no label or key is re-typed.
 */
import { TEMPLATE_2019 } from './t2019.ts';
import { TEMPLATE_2021 } from './t2021.ts';
import type { ColumnDef, ReportTemplate, TableKey, TemplateId } from './types.ts';

export * from './types.ts';
export { TEMPLATE_2019, TEMPLATE_2021 };

/**
 * The one list of national templates, oldest first. Each carries the notice that issued it (国办公开办函〔2019〕60号,
 * 国办公开办函〔2021〕30号) and the report years it is for; everything that picks a template by year, offers a choice
 * of templates or names the notice reads it from here.
 */
export const TEMPLATE_LIST: readonly ReportTemplate[] = [TEMPLATE_2019, TEMPLATE_2021];

export const TEMPLATES: Readonly<Record<TemplateId, ReportTemplate>> = {
  [TEMPLATE_2019.id]: TEMPLATE_2019,
  [TEMPLATE_2021.id]: TEMPLATE_2021,
} as Record<TemplateId, ReportTemplate>;

export const TEMPLATE_IDS: readonly TemplateId[] = TEMPLATE_LIST.map((t) => t.id);

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

/**
 * The template a report on `year` is written in: the one whose years cover it (2019 template for 2019-2020, 2021
 * template from 2021). A year before the first template's → the first; after a closed range with no successor →
 * the newest. Never throws.
 */
export function templateForYear(year: number): TemplateId {
  const covering = TEMPLATE_LIST.find((t) => year >= t.years.from && (t.years.to === null || year <= t.years.to));
  if (covering) return covering.id;
  const first = TEMPLATE_LIST[0] as ReportTemplate;
  return year < first.years.from ? first.id : (TEMPLATE_LIST[TEMPLATE_LIST.length - 1] as ReportTemplate).id;
}

/** A cell of a template table. `path` is the full dotted path in the canonical JSON. */
export interface CellDef {
  readonly table: TableKey;
  /** Key path of the row inside its table, e.g. ['denied', 'stateSecret']. */
  readonly row: readonly string[];
  readonly column: ColumnDef;
  /** Full path, e.g. 'applications.denied.stateSecret.natural'. */
  readonly path: string;
  /** Human label of the row, e.g. '（三）不予公开 1.属于国家秘密'. */
  readonly rowLabel: string;
}

/** A row of any table: its key path, label and columns. */
export interface RowDef {
  readonly table: TableKey;
  readonly row: readonly string[];
  readonly label: string;
  readonly columns: readonly ColumnDef[];
}

const rowCache = new WeakMap<ReportTemplate, Record<TableKey, readonly RowDef[]>>();

/** Every row of a table in template order, with its columns (variant columns included). */
export function tableRows(template: ReportTemplate, table: TableKey): readonly RowDef[] {
  let cached = rowCache.get(template);
  if (!cached) {
    cached = {
      proactive: template.proactive.groups.flatMap((g) =>
        g.rows.map((r) => ({ table: 'proactive' as const, row: [r.key], label: r.label, columns: g.columns })),
      ),
      applications: template.applications.rows.map((r) => ({
        table: 'applications' as const,
        row: r.path,
        label: r.group ? `${r.group.label} ${r.label}` : r.label,
        columns: template.applications.columns,
      })),
      reviewLitigation: template.reviewLitigation.groups.map((g) => ({
        table: 'reviewLitigation' as const,
        row: [g.key],
        label: g.parentLabel ? `${g.parentLabel} ${g.label}` : g.label,
        columns: template.reviewLitigation.columns,
      })),
    };
    rowCache.set(template, cached);
  }
  return cached[table];
}

const cellCache = new WeakMap<ReportTemplate, Partial<Record<TableKey, readonly CellDef[]>>>();

/** Every cell of a table in template order (row by row). Computed once per template and table. */
export function tableCells(template: ReportTemplate, table: TableKey): readonly CellDef[] {
  let cached = cellCache.get(template);
  if (!cached) {
    cached = {};
    cellCache.set(template, cached);
  }
  const hit = cached[table];
  if (hit) return hit;
  const cells = tableRows(template, table).flatMap((r) =>
    r.columns.map((column) => ({
      table,
      row: r.row,
      column,
      path: [table, ...r.row, column.key].join('.'),
      rowLabel: r.label,
    })),
  );
  cached[table] = cells;
  return cells;
}

export const TABLE_KEYS: readonly TableKey[] = ['proactive', 'applications', 'reviewLitigation'];

/** Table number as printed (二, 三, 四). */
export const TABLE_NUMBER: Readonly<Record<TableKey, string>> = {
  proactive: '二',
  applications: '三',
  reviewLitigation: '四',
};
