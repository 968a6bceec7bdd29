/**
 * One row per imported report, one column per cell — the table researchers use to compare many agencies' reports
 * (`gongkai import DIR --csv/--xlsx`). Columns: file and metadata, import counts, then every cell of the 2019
 * template followed by the cells only the 2021 template has, each with its Chinese label.
 */
import { cellValue, type AnnualReport } from '../../core/annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, TEMPLATE_IDS, tableCells, type CellDef } from '../../core/annual-report/templates/index.ts';

export interface BatchRow {
  readonly file: string;
  /** null when the file could not be read at all. */
  readonly report: AnnualReport | null;
  readonly counts?: { readonly read: number; readonly inferred: number; readonly missing: number };
  readonly errors?: number;
  /** Why the file could not be read (Chinese first). */
  readonly problem?: string;
}

export interface BatchColumn {
  readonly key: string;
  readonly label: string;
  readonly value: (row: BatchRow) => string | number | null;
}

function cellColumns(): BatchColumn[] {
  const seen = new Map<string, CellDef>();
  for (const id of TEMPLATE_IDS) {
    for (const table of TABLE_KEYS) for (const c of tableCells(TEMPLATES[id], table)) if (!seen.has(c.path)) seen.set(c.path, c);
  }
  return [...seen.values()].map((def) => ({
    key: def.path,
    label: `${def.rowLabel} ${def.column.label}`,
    value: (row) => {
      if (!row.report) return null;
      const own = tableCells(TEMPLATES[row.report.template], def.table).find((c) => c.path === def.path);
      return own ? cellValue(row.report, own) : null;
    },
  }));
}

let columns: BatchColumn[] | null = null;

/** The columns of the batch table, in order. */
export function batchColumns(): readonly BatchColumn[] {
  columns ??= [
    { key: 'file', label: '文件', value: (r) => r.file },
    { key: 'organization', label: '机关', value: (r) => r.report?.organization ?? null },
    { key: 'year', label: '年度', value: (r) => r.report?.year ?? null },
    { key: 'template', label: '模板', value: (r) => r.report?.template ?? null },
    { key: 'cells.read', label: '读取单元格', value: (r) => r.counts?.read ?? null },
    { key: 'cells.inferred', label: '推算单元格', value: (r) => r.counts?.inferred ?? null },
    { key: 'cells.missing', label: '缺失单元格', value: (r) => r.counts?.missing ?? null },
    { key: 'errors', label: '错误数', value: (r) => r.errors ?? null },
    { key: 'problem', label: '无法读取原因', value: (r) => r.problem ?? null },
    ...cellColumns(),
  ];
  return columns;
}

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV (UTF-8 with BOM so Excel/WPS open Chinese correctly): a label row, a key row, then one row per report. */
export function batchCsv(rows: readonly BatchRow[]): string {
  const cols = batchColumns();
  const lines = [cols.map((c) => csvField(c.label)), cols.map((c) => csvField(c.key)), ...rows.map((r) => cols.map((c) => csvField(c.value(r))))];
  return `\ufeff${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** XLSX with the same two header rows, frozen, one row per report. */
export async function batchXlsx(rows: readonly BatchRow[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('年度报告汇总', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const cols = batchColumns();
  ws.addRow(cols.map((c) => c.label)).font = { bold: true };
  ws.addRow(cols.map((c) => c.key)).font = { italic: true, color: { argb: 'FF666666' } };
  for (const r of rows) ws.addRow(cols.map((c) => c.value(r)));
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 30;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
