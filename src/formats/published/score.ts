/**
 * Scoring an import against the truth, cell by cell, on canonical JSON values (so it needs nothing from the importer).
 * Every cell of the truth's template counts — a table the truth lacks counts as all-null cells, which the import must
 * leave null too. A cell is exact when both agree (null = null included; amounts within 1e-9), invented when the
 * import gives a number the truth does not have (a different number, or a number for a blank/"/"/absent cell), missed
 * when the import gives null for a printed number. Invented values are the ones that matter most: a wrong number is
 * worse than a missing one.
 */
import type { Cell } from '../../core/annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, isTemplateId, tableCells } from '../../core/annual-report/templates/index.ts';

export type Outcome = 'exact' | 'invented' | 'missed';

export interface CellResult {
  readonly path: string;
  readonly truth: Cell;
  readonly got: Cell;
  readonly outcome: Outcome;
}

export interface Score {
  readonly cells: number;
  readonly exact: number;
  readonly invented: number;
  readonly missed: number;
  /** The cells that are not exact, in template order. */
  readonly wrong: readonly CellResult[];
  /** Metadata the import got wrong: template, year, organization. */
  readonly meta: readonly string[];
}

function at(value: unknown, path: string): Cell {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : null;
}

const has = (value: unknown, path: string): boolean => {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
};

/** How one cell was read: exact, invented or missed. */
export function outcomeOf(truth: Cell, got: Cell): Outcome {
  if (truth === null) return got === null ? 'exact' : 'invented';
  if (got === null) return 'missed';
  return Math.abs(truth - got) < 1e-9 ? 'exact' : 'invented';
}

/**
 * Score an imported report (canonical JSON) against the truth (canonical JSON). Variant columns (2019 行政事业性收费
 * 处理决定数量) count when either side carries them. Throws only when the truth has no valid template (a bug).
 */
export function scoreReport(truth: Record<string, unknown>, got: Record<string, unknown>): Score {
  if (!isTemplateId(truth.template)) throw new Error('truth without a template');
  const template = TEMPLATES[truth.template];
  const wrong: CellResult[] = [];
  let cells = 0;
  let exact = 0;
  let invented = 0;
  for (const table of TABLE_KEYS) {
    for (const cell of tableCells(template, table)) {
      if (cell.column.variant && !has(truth, cell.path) && at(got, cell.path) === null) continue;
      const t = at(truth, cell.path);
      const g = at(got, cell.path);
      const outcome = outcomeOf(t, g);
      cells += 1;
      if (outcome === 'exact') exact += 1;
      else {
        if (outcome === 'invented') invented += 1;
        wrong.push({ path: cell.path, truth: t, got: g, outcome });
      }
    }
  }
  const meta = (['template', 'year', 'organization'] as const).filter((k) => truth[k] !== got[k]);
  return { cells, exact, invented, missed: cells - exact - invented, wrong, meta };
}
