/**
 * Cell-level comparison of two reports: the metadata (template, year, organisation), every table cell (a missing
 * table compares as all-null cells, so "missing" and "blank" both show as null) and, on request, the narratives.
 * Used by `gongkai diff`, the importer tests and the import benchmark.
 */
import { NARRATIVE_KEYS, cellValue, type AnnualReport } from './model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells, type CellDef } from './templates/index.ts';

export interface CellDifference {
  /** A cell path (applications.total.natural), a metadata key (year) or sections.<key>. */
  readonly path: string;
  readonly a: number | string | null | undefined;
  readonly b: number | string | null | undefined;
}

export interface DiffOptions {
  /** Compare narrative sections too (default false: tables and metadata only). */
  readonly sections?: boolean;
}

function cellsOf(report: AnnualReport): Map<string, CellDef> {
  return new Map(TABLE_KEYS.flatMap((t) => tableCells(TEMPLATES[report.template], t).map((c) => [c.path, c] as const)));
}

/** Every difference between two reports, metadata first then cells in template order. Never throws. */
export function diffReports(a: AnnualReport, b: AnnualReport, options: DiffOptions = {}): CellDifference[] {
  const out: CellDifference[] = [];
  for (const key of ['template', 'year', 'organization'] as const) {
    if (a[key] !== b[key]) out.push({ path: key, a: a[key], b: b[key] });
  }
  const ca = cellsOf(a);
  const cb = cellsOf(b);
  for (const path of new Set([...ca.keys(), ...cb.keys()])) {
    const da = ca.get(path);
    const db = cb.get(path);
    // A variant column (2019 行政事业性收费 处理决定数量) is compared only when either report carries it.
    const va = da ? cellValue(a, da) : undefined;
    const vb = db ? cellValue(b, db) : undefined;
    if ((da?.column.variant || db?.column.variant) && (va ?? null) === null && (vb ?? null) === null) continue;
    if (va !== vb) out.push({ path, a: va, b: vb });
  }
  if (options.sections) {
    for (const key of NARRATIVE_KEYS) {
      if (a.sections[key] !== b.sections[key]) out.push({ path: `sections.${key}`, a: a.sections[key], b: b.sections[key] });
    }
  }
  return out;
}

/** Number of table cells compared (the denominator of an accuracy figure). */
export function comparedCells(a: AnnualReport, b: AnnualReport): number {
  return new Set([...cellsOf(a).keys(), ...cellsOf(b).keys()]).size;
}
