/**
 * Canonical JSON (`gongkai.annual-report/1`) → model, with every problem located by its JSON path.
 * Negative counts are accepted here on purpose: a report read from a flawed source must load so that the validator
 * can report them (count.nonNegative); only values that are not numbers at all, or fractional counts, are refused.
 */
import { problem, type Problem } from '../errors.ts';
import { jsonErrorOffset, lineColumn } from '../json-locate.ts';
import {
  NARRATIVE_KEYS,
  REPORT_SCHEMA,
  type AnnualReport,
  type Cell,
  type Sections,
  type TableData,
} from './model.ts';
import {
  TABLE_KEYS,
  TEMPLATES,
  isTemplateId,
  tableRows,
  type ColumnDef,
  type ReportTemplate,
  type TableKey,
} from './templates/index.ts';

export type ParseResult = { ok: true; report: AnnualReport } | { ok: false; problems: readonly Problem[] };

const KNOWN_TOP = new Set(['schema', 'template', 'year', 'organization', ...TABLE_KEYS, 'sections']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): { zh: string; en: string } {
  const shown = JSON.stringify(v);
  const text = shown === undefined ? String(v) : shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return { zh: `实际为 ${text}`, en: `got ${text}` };
}

function parseCell(value: unknown, column: ColumnDef, at: string, problems: Problem[]): Cell {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(problem(column.kind === 'amount' ? 'report.cellAmount' : 'report.cellCount', at, describe(value)));
    return null;
  }
  if (column.kind !== 'amount' && !Number.isInteger(value)) {
    problems.push(problem('report.cellCount', at, describe(value)));
    return null;
  }
  return value;
}

/** Parse one table against the template; rows nest by their key path. */
function parseTable(template: ReportTemplate, table: TableKey, raw: unknown, problems: Problem[]): TableData | null {
  if (raw === null || raw === undefined) return null;
  if (!isObject(raw)) {
    problems.push(problem('report.table', table, describe(raw)));
    return null;
  }
  const rows = tableRows(template, table);
  const out: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const rowAt = [table, ...row.row].join('.');
    let node: unknown = raw;
    for (const key of row.row) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    seen.add(row.row[0] ?? '');
    if (!isObject(node)) {
      problems.push(problem(node === undefined ? 'report.missingRow' : 'report.row', rowAt, node === undefined ? undefined : describe(node)));
      continue;
    }
    const values: Record<string, Cell> = {};
    for (const column of row.columns) {
      const at = `${rowAt}.${column.key}`;
      if (!Object.hasOwn(node, column.key)) {
        if (!column.variant) problems.push(problem('report.missingCell', at));
        continue;
      }
      values[column.key] = parseCell(node[column.key], column, at, problems);
    }
    for (const key of Object.keys(node)) {
      if (!row.columns.some((c) => c.key === key)) problems.push(problem('report.unknownKey', `${rowAt}.${key}`));
    }
    // Nest the row under its group key (applications.denied.stateSecret).
    const [first, second] = row.row;
    if (first === undefined) continue;
    if (second === undefined) out[first] = values;
    else out[first] = { ...(out[first] ?? {}), [second]: values };
  }
  for (const key of Object.keys(raw)) {
    if (!seen.has(key)) problems.push(problem('report.unknownKey', `${table}.${key}`));
    else {
      // Group objects (denied, unavailable, …) must not carry unknown sub-rows either.
      const group = raw[key];
      const known = rows.filter((r) => r.row[0] === key && r.row.length > 1).map((r) => r.row[1]);
      if (known.length > 0 && isObject(group)) {
        for (const sub of Object.keys(group)) {
          if (!known.includes(sub)) problems.push(problem('report.unknownKey', `${table}.${key}.${sub}`));
        }
      }
    }
  }
  return out as TableData;
}

function parseSections(raw: unknown, problems: Problem[]): Sections {
  const empty: Sections = { overview: null, problems: null, otherMatters: null };
  if (raw === undefined || raw === null) return empty;
  if (!isObject(raw)) {
    problems.push(problem('report.sections', 'sections', describe(raw)));
    return empty;
  }
  const out: Record<string, string | null> = { ...empty };
  for (const [key, value] of Object.entries(raw)) {
    if (!(NARRATIVE_KEYS as readonly string[]).includes(key)) {
      problems.push(problem('report.unknownKey', `sections.${key}`));
    } else if (value !== null && typeof value !== 'string') {
      problems.push(problem('report.sections', `sections.${key}`, describe(value)));
    } else out[key] = value;
  }
  return out as Sections;
}

/** Validate a parsed JSON value as a canonical report. Returns every problem found, each located by path. */
export function parseReportValue(raw: unknown): ParseResult {
  if (!isObject(raw)) return { ok: false, problems: [problem('report.notObject', '', describe(raw))] };
  const problems: Problem[] = [];
  if (raw.schema !== REPORT_SCHEMA) problems.push(problem('report.schema', 'schema', describe(raw.schema)));
  if (!isTemplateId(raw.template)) {
    problems.push(problem('report.template', 'template', describe(raw.template)));
    return { ok: false, problems };
  }
  const template = TEMPLATES[raw.template];
  const year = raw.year;
  if (year !== null && (typeof year !== 'number' || !Number.isInteger(year) || year < 1990 || year > 2100)) {
    problems.push(problem('report.year', 'year', describe(year)));
  }
  const organization = raw.organization ?? null;
  if (organization !== null && typeof organization !== 'string') {
    problems.push(problem('report.organization', 'organization', describe(organization)));
  }
  const tables = {
    proactive: parseTable(template, 'proactive', raw.proactive, problems),
    applications: parseTable(template, 'applications', raw.applications, problems),
    reviewLitigation: parseTable(template, 'reviewLitigation', raw.reviewLitigation, problems),
  };
  const sections = parseSections(raw.sections, problems);
  const annotations: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!KNOWN_TOP.has(key)) annotations[key] = value;
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    report: {
      schema: REPORT_SCHEMA,
      template: template.id,
      year: year as number | null,
      organization: organization as string | null,
      ...tables,
      sections,
      annotations,
    },
  };
}

/** Parse canonical JSON text (a leading BOM is tolerated). */
export function parseReportJson(text: string): ParseResult {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(clean);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem('json.syntax', lineColumn(clean, jsonErrorOffset(clean) ?? 0), { zh: msg, en: msg })] };
  }
  return parseReportValue(raw);
}
