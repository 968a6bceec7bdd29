/**
 * Model → canonical JSON value, with keys in template order (so two serialisations of one report are identical
 * byte for byte). Annotations are kept after the report data.
 */
import { cellPresent, cellValue, type AnnualReport, type TableData } from './model.ts';
import { TABLE_KEYS, tableCells } from './templates/index.ts';
import { templateOf } from './model.ts';

function tableJson(report: AnnualReport, table: (typeof TABLE_KEYS)[number]): TableData | null {
  if (report[table] === null) return null;
  const out: Record<string, unknown> = {};
  for (const cell of tableCells(templateOf(report), table)) {
    if (cell.column.variant && !cellPresent(report, cell)) continue;
    let node = out;
    for (const key of cell.row) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[cell.column.key] = cellValue(report, cell);
  }
  return out as TableData;
}

/** The canonical JSON value of a report. */
export function reportToJson(report: AnnualReport): Record<string, unknown> {
  return {
    schema: report.schema,
    template: report.template,
    year: report.year,
    organization: report.organization,
    proactive: tableJson(report, 'proactive'),
    applications: tableJson(report, 'applications'),
    reviewLitigation: tableJson(report, 'reviewLitigation'),
    sections: { ...report.sections },
    ...report.annotations,
  };
}

/** Canonical JSON text, two-space indented, ending with a newline. */
export function stringifyReport(report: AnnualReport): string {
  return `${JSON.stringify(reportToJson(report), null, 2)}\n`;
}
