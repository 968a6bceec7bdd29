/**
 * XLSX workbook (as written by write.ts) → annual report. Cells are located through the same layout the writer drew
 * (core/annual-report/layout.ts + placeCells), never through fixed addresses, and the values go through
 * `parseReportValue`, so a workbook is checked exactly like canonical JSON. A blank cell reads as null (unknown),
 * never as zero; “/” or “—” typed by a user means not applicable and also reads as null (spec "Canonical JSON").
 */
import { Buffer } from 'node:buffer';
import ExcelJS from 'exceljs';
import { problem, type Problem } from '../../core/errors.ts';
import { placeCells, tableLayout, type TableLayout } from '../../core/annual-report/layout.ts';
import { NARRATIVE_KEYS, emptyReport, withCell } from '../../core/annual-report/model.ts';
import { parseReportValue, type ParseResult } from '../../core/annual-report/parse.ts';
import {
  TABLE_KEYS,
  TEMPLATES,
  isTemplateId,
  tableCells,
  type ReportTemplate,
  type TableKey,
} from '../../core/annual-report/templates/index.ts';
import { checkZip, zipTooLarge } from '../source/zip.ts';
import { CONTINUED, GRID_TOP, INFO_LABELS, INFO_SHEET, MISSING_NOTE, TABLE_SHEETS, address, gridToSheet } from './shape.ts';

type Plain = number | string | boolean | Date | { readonly error: string } | null;

/** The value a cell shows: formulas give their cached result, rich text its plain text. */
function plain(value: ExcelJS.CellValue | undefined): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value) return typeof value.text === 'string' ? value.text : plain(value.text as ExcelJS.CellValue);
  return null;
}

const norm = (s: string) => s.replace(/\s+/g, '');
const textOf = (v: Plain): string => (v === null ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? v.error : String(v));

/** “/”, “—” and the like: not applicable (spec), read as null like a blank. */
const NOT_APPLICABLE = new Set(['/', '／', '—', '——', '-', '--', '–', '－']);

/** A value cell as the canonical JSON would hold it; anything not a number is passed on for parse.ts to report. */
function valueOf(v: Plain): unknown {
  if (v === null || typeof v === 'number') return v;
  const text = textOf(v).trim();
  if (text === '' || NOT_APPLICABLE.has(text)) return null;
  if (typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

interface Reading {
  readonly problems: Problem[];
  /** JSON path → where it sits in the workbook (e.g. 三 申请办理!E7), to locate parse problems. */
  readonly located: Map<string, string>;
}

const unreadable = (at: string, zh: string, en: string): Problem => problem('xlsx.unreadable', at, { zh, en });

/** The rows of sheet 说明 by their column A label, each with its column B value and address. */
function infoRows(ws: ExcelJS.Worksheet): Map<string, { value: Plain; at: string }[]> {
  const out = new Map<string, { value: Plain; at: string }[]>();
  ws.eachRow((row, r) => {
    const label = norm(textOf(plain(row.getCell(1).value)));
    const key = label.endsWith(CONTINUED) ? label.slice(0, -CONTINUED.length) : label;
    if (key === '') return;
    out.set(key, [...(out.get(key) ?? []), { value: plain(row.getCell(2).value), at: `${INFO_SHEET}!${address(r, 2)}` }]);
  });
  return out;
}

function readInfo(ws: ExcelJS.Worksheet, reading: Reading): Record<string, unknown> | null {
  const rows = infoRows(ws);
  const one = (label: string, path: string): Plain | undefined => {
    const found = rows.get(norm(label))?.[0];
    if (found) reading.located.set(path, found.at);
    return found?.value;
  };
  const text = (label: string, path: string): string | null => {
    const parts = rows.get(norm(label)) ?? [];
    const first = parts[0];
    if (first) reading.located.set(path, first.at);
    if (!first || first.value === null) return null;
    return parts.map((p) => textOf(p.value)).join('');
  };
  const schema = one(INFO_LABELS.schema, 'schema');
  if (schema === undefined) return null;
  const template = textOf(one(INFO_LABELS.template, 'template') ?? null).trim();
  const yearCell = one(INFO_LABELS.year, 'year') ?? null;
  const year = valueOf(yearCell);
  const raw: Record<string, unknown> = {
    schema: textOf(schema).trim(),
    template,
    year,
    organization: text(INFO_LABELS.organization, 'organization'),
  };
  const sections: Record<string, string | null> = {};
  const headings = isTemplateId(template) ? TEMPLATES[template].sections : [];
  for (const key of NARRATIVE_KEYS) {
    const heading = headings.find((s) => s.key === key)?.heading;
    sections[key] = heading ? text(heading, `sections.${key}`) : null;
  }
  raw.sections = sections;
  const notes = text(INFO_LABELS.annotations, 'annotations');
  if (notes !== null && notes.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(notes);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      Object.assign(raw, parsed);
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      reading.problems.push(problem('json.syntax', reading.located.get('annotations') ?? INFO_SHEET, { zh: msg, en: msg }));
    }
  }
  return raw;
}

const bits = (n: number): number => (n === 0 ? 0 : (n & 1) + bits(n >> 1));

/**
 * Layouts the sheet may hold: the template's, with each combination of variant columns (e.g. 2019 收费 处理决定数量),
 * those with the most variant columns first — a layout without a column also matches a sheet that has it, since the
 * column it lacks sits where the narrower layout only widens a cell.
 */
function candidateLayouts(template: ReportTemplate, table: TableKey): TableLayout[] {
  const variants = tableCells(template, table).filter((c) => c.column.variant);
  const masks = Array.from({ length: 2 ** variants.length }, (_, i) => i).sort((a, b) => bits(b) - bits(a));
  const out: TableLayout[] = [];
  for (const mask of masks) {
    let report = emptyReport(template.id, template.years.from, null);
    variants.forEach((cell, i) => {
      if (mask & (2 ** i)) report = withCell(report, cell, null);
    });
    out.push(tableLayout(report, table));
  }
  return out;
}

/** The first header or label cell of the layout whose text differs from the sheet, or null when all match. */
function mismatch(ws: ExcelJS.Worksheet, layout: TableLayout): { at: string; want: string; got: string } | null {
  for (const p of placeCells(layout)) {
    if (p.cell.kind === 'value') continue;
    const { row, col } = gridToSheet(p.row, p.col);
    const got = textOf(plain(ws.getCell(row, col).value));
    if (norm(got) !== norm(p.cell.text)) return { at: address(row, col), want: p.cell.text, got };
  }
  return null;
}

function setPath(root: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = root;
  keys.slice(0, -1).forEach((k) => {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}

function readTable(wb: ExcelJS.Workbook, template: ReportTemplate, table: TableKey, reading: Reading): unknown {
  const name = TABLE_SHEETS[table];
  const ws = wb.getWorksheet(name);
  if (!ws) {
    reading.problems.push(unreadable(name, `缺少工作表「${name}」`, `sheet "${name}" is missing`));
    return null;
  }
  if (norm(textOf(plain(ws.getCell(GRID_TOP, 1).value))) === norm(MISSING_NOTE)) return null;
  const layouts = candidateLayouts(template, table);
  const layout = layouts.find((l) => mismatch(ws, l) === null);
  if (!layout) {
    const first = layouts[0] ? mismatch(ws, layouts[0]) : null;
    const where = first ? `${name}!${first.at}` : name;
    reading.problems.push(
      unreadable(where, `表格与${template.id}年模板不符：应为“${first?.want ?? ''}”，实际为“${first?.got ?? ''}”`,
        `the table does not match the ${template.id} template: expected "${first?.want ?? ''}", got "${first?.got ?? ''}"`),
    );
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const p of placeCells(layout)) {
    if (p.cell.kind !== 'value') continue;
    const { row, col } = gridToSheet(p.row, p.col);
    const def = p.cell.cell;
    setPath(out, [...def.row, def.column.key], valueOf(plain(ws.getCell(row, col).value)));
    reading.located.set(def.path, `${name}!${address(row, col)}`);
  }
  return out;
}

/** Point a parse problem at the workbook cell it came from, keeping the report path in the message and data. */
function relocate(p: Problem, located: Map<string, string>): Problem {
  const where = located.get(p.at);
  if (!where) return p;
  return {
    ...p,
    at: where,
    messageZh: `${p.messageZh}（${p.at}）`,
    message: `${p.message} (${p.at})`,
    data: { ...(p.data ?? {}), path: p.at },
  };
}

/**
 * Read a workbook written by `renderXlsx` back into a report. Never rejects: a file that is not XLSX or not ours gives
 * `xlsx.unreadable`, a ZIP that inflates past ZIP_LIMITS `import.tooLarge`; a bad cell gives the parse problem located as `三 申请办理!E7` with the report path in `data.path`.
 */
export async function readXlsx(bytes: Uint8Array): Promise<ParseResult> {
  // A decompression bomb is refused before exceljs inflates it (../source/zip.ts: the bytes really inflated).
  const zip = await checkZip(bytes);
  if (!zip.ok && zip.reason === 'tooLarge') return { ok: false, problems: [zipTooLarge(zip.detail, zip.data)] };
  if (!zip.ok) return { ok: false, problems: [unreadable('', `不是有效的 XLSX 文件（${zip.detail}）`, `not a valid XLSX file (${zip.detail})`)] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [unreadable('', `不是有效的 XLSX 文件（${msg}）`, `not a valid XLSX file (${msg})`)] };
  }
  const info = wb.getWorksheet(INFO_SHEET);
  const reading: Reading = { problems: [], located: new Map() };
  const raw = info ? readInfo(info, reading) : null;
  if (!raw) {
    const zh = `不是 gongkai 导出的年度报告工作簿（缺少「${INFO_SHEET}」工作表或其中的数据格式行）`;
    return { ok: false, problems: [unreadable('', zh, `not an annual-report workbook exported by gongkai (no "${INFO_SHEET}" sheet with a schema row)`)] };
  }
  if (isTemplateId(raw.template)) {
    const template = TEMPLATES[raw.template];
    for (const table of TABLE_KEYS) raw[table] = readTable(wb, template, table, reading);
  }
  const parsed = parseReportValue(raw);
  const problems = [...reading.problems, ...(parsed.ok ? [] : parsed.problems.map((p) => relocate(p, reading.located)))];
  return problems.length > 0 ? { ok: false, problems } : parsed;
}
