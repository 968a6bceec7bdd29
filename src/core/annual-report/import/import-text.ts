/**
 * Importing a published annual report from its text: the canonical report, every cell's provenance (where in the
 * source it was read, or how it was inferred, or why it is missing) and the importer's own findings. Pure: the
 * format adapters (txt, md, html, docx, pdf) turn files into text and call this.
 */
import { violation, type Finding } from '../findings.ts';
import { REPORT_SCHEMA, type AnnualReport, type Cell, type Sections, type TableData } from '../model.ts';
import { TABLE_KEYS, TEMPLATE_LIST, TEMPLATES, tableCells, templateForYear, type ReportTemplate, type TemplateId } from '../templates/index.ts';
import { detectMetadata, detectTemplate, type DetectHints } from './detect.ts';
import { TextIndex, type Span } from './locate.ts';
import { tableEquations } from '../equations.ts';
import { ocrEquationCheck, type OcrBox } from './ocr-check.ts';
import { findHeading, readTables, type SectionKey } from './tables.ts';

export interface CellProvenance {
  readonly path: string;
  readonly value: Cell;
  /** read: printed in the source; inferred: recovered by arithmetic; missing: blank, lost or unreadable. */
  readonly how: 'read' | 'inferred' | 'missing';
  /** The text it was read from, as printed. */
  readonly raw?: string;
  /** 1-based line and column, 0-based offset, 1-based page (form feeds) in the source text. */
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  readonly page?: number;
  /**
   * Why a cell is missing: blank, notFound (row label absent), ambiguous, lost, unconfirmed, overflow, tableMissing,
   * ocrUncertain (a scan's value read below the OCR confidence threshold);
   * or how an inferred cell was found: split (digits run together, cut by the equations); order: a read or inferred cell
   * of a value row printed apart from its label, placed by the template's row order (./order.ts).
   */
  readonly note?: string;
  /** An ambiguous cell's possible values (null: blank). */
  readonly candidates?: readonly (number | null)[];
  /** The equations (rule codes) that decided an inferred cell. */
  readonly equations?: readonly string[];
  /** A value read by OCR from a scan: the recogniser's confidence in it (its least sure character, 0–1). */
  readonly confidence?: number;
  /** …and where it is on the scanned page (./ocr-check.ts OcrBox). */
  readonly box?: OcrBox;
}

export interface ImportOptions {
  readonly template?: TemplateId;
  readonly year?: number;
  readonly organization?: string | null;
  /**
   * What the adapter knows besides the text, used to detect year and organisation when the text does not say: the
   * page title (HTML <title>/meta titles, one per line) and the file name. Weaker than the printed title.
   */
  readonly hints?: DetectHints;
  /**
   * The text was read by OCR from a scan (src/formats/ocr): a read value that breaks an equation the others satisfy
   * is not taken (./ocr-check.ts).
   */
  readonly ocr?: boolean;
}

export interface TextImport {
  readonly report: AnnualReport;
  readonly provenance: readonly CellProvenance[];
  /** The importer's findings (unreadable and inferred cells, what could not be detected). */
  readonly findings: readonly Finding[];
  readonly detected: {
    readonly template: { value: TemplateId; how: 'flag' | 'detected' | 'default'; evidence?: string };
    readonly year: { value: number | null; how: 'flag' | 'detected' | 'missing'; evidence?: string };
    readonly organization: { value: string | null; how: 'flag' | 'detected' | 'missing'; evidence?: string };
  };
}

function locator(text: string): (offset: number) => { line: number; column: number; page: number } {
  const lineStarts = [0];
  const pageStarts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\n') lineStarts.push(i + 1);
    if (text[i] === '\f') pageStarts.push(i + 1);
  }
  const last = (starts: number[], offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return (offset) => {
    const l = last(lineStarts, offset);
    return { line: l + 1, column: offset - (lineStarts[l] ?? 0) + 1, page: last(pageStarts, offset) + 1 };
  };
}

function sectionText(index: TextIndex, from: Span | null, to: number): string | null {
  if (!from) return null;
  const body = index.text
    .slice(from.end, to)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[#*\s]+$/.test(l))
    .join('\n')
    .replace(/^[#*]+\s*/gm, '')
    .trim();
  return body === '' ? null : body;
}

function readSections(index: TextIndex, tables: ReturnType<typeof readTables>): Sections {
  const end = index.text.length;
  const find = (section: SectionKey, from = 0) => findHeading(index, section, from, end);
  const h1 = find('overview');
  const h2 = find('proactive', h1?.end ?? 0);
  const tablesStart = Math.min(h2?.start ?? end, tables.proactive.span?.start ?? end, tables.applications.span?.start ?? end);
  const h5 = find('problems', tablesStart);
  const h6 = find('otherMatters', h5?.end ?? tablesStart);
  return {
    overview: sectionText(index, h1, tablesStart),
    problems: sectionText(index, h5, h6?.start ?? end),
    otherMatters: sectionText(index, h6, end),
  };
}

/** Import a report from its text. Never throws on content; what it cannot read is null with a finding. */
export function importReportText(source: string, options: ImportOptions = {}): TextImport {
  const index = new TextIndex(source);
  const where = locator(index.text);
  const foundTemplate = detectTemplate(index);
  const { year: foundYear, organization: foundOrg } = detectMetadata(index, options.hints);
  const year = options.year ?? foundYear?.value ?? null;
  const templateId: TemplateId = options.template ?? foundTemplate?.value ?? templateForYear(year ?? (TEMPLATE_LIST[0] as ReportTemplate).years.from);
  const template = TEMPLATES[templateId];
  const tables = readTables(index, template);
  const findings: Finding[] = [];
  const provenance: CellProvenance[] = [];
  const data: Record<string, TableData | null> = {};

  for (const table of TABLE_KEYS) {
    const reading = tables[table];
    if (reading.cells === null) {
      data[table] = null;
      for (const cell of tableCells(template, table)) {
        if (!cell.column.variant) provenance.push({ path: cell.path, value: null, how: 'missing', note: 'tableMissing' });
      }
      continue;
    }
    const rows: Record<string, Record<string, unknown>> = {};
    // One finding per table and kind (inferred; unreadable by reason) listing its cells, not one per cell: the
    // provenance marks every cell anyway.
    const inferred: string[] = [];
    const split: string[] = [];
    const ordered: string[] = [];
    const ambiguous: { path: string; candidates: readonly (number | null)[] }[] = [];
    const unreadable = new Map<string, string[]>();
    const uncertain: string[] = [];
    for (const cell of tableCells(template, table)) {
      if (cell.column.variant && !reading.variants.includes(cell.path)) continue;
      const result = reading.cells.get(cell.path);
      const value = result?.value ?? null;
      const field = result?.field;
      const at = field ? { raw: field.raw, offset: field.offset, ...where(field.offset) } : {};
      provenance.push({
        path: cell.path,
        value,
        how: result?.how ?? 'missing',
        ...at,
        ...(result?.note ? { note: result.note } : {}),
        ...(result?.candidates ? { candidates: result.candidates } : {}),
        ...(result?.equations ? { equations: result.equations } : {}),
      });
      if (result?.note === 'order' && result.how !== 'missing') ordered.push(cell.path);
      else if (result?.how === 'inferred' && result.note === 'split') split.push(cell.path);
      else if (result?.how === 'inferred') inferred.push(cell.path);
      else if (result?.how === 'missing' && result.candidates) ambiguous.push({ path: cell.path, candidates: result.candidates });
      else if (result?.how === 'missing' && result.note === 'ocrUncertain') uncertain.push(cell.path);
      else if (result?.how === 'missing' && result.note !== 'blank') unreadable.set(result.note ?? 'notFound', [...(unreadable.get(result.note ?? 'notFound') ?? []), cell.path]);
      let node = rows as Record<string, unknown>;
      for (const key of cell.row) node = (node[key] ??= {}) as Record<string, unknown>;
      node[cell.column.key] = value;
    }
    data[table] = rows as TableData;
    const count = (cells: readonly string[]) => (cells.length > 1 ? { zh: `共 ${cells.length} 个单元格`, en: `${cells.length} cells` } : null);
    if (inferred.length > 0) findings.push(violation('import.inferred', inferred, count(inferred)));
    if (split.length > 0) findings.push(violation('import.split', split, count(split)));
    if (ordered.length > 0) findings.push(violation('import.ordered', ordered, count(ordered)));
    if (uncertain.length > 0) findings.push(violation('import.ocrUncertain', uncertain, count(uncertain)));
    // One finding per ambiguous cell: each names its own candidates.
    for (const a of ambiguous) {
      const list = a.candidates.map((v) => (v === null ? '空白' : String(v))).join('、');
      const listEn = a.candidates.map((v) => (v === null ? 'blank' : String(v))).join(', ');
      findings.push(violation('import.ambiguous', [a.path], { zh: `候选值：${list}`, en: `candidates: ${listEn}` }));
    }
    for (const [reason, cells] of unreadable) {
      findings.push(violation('import.unreadable', cells, { zh: `原因：${reason}${cells.length > 1 ? `，共 ${cells.length} 个单元格` : ''}`, en: `reason: ${reason}${cells.length > 1 ? `, ${cells.length} cells` : ''}` }));
    }
  }

  if (options.ocr) {
    const dropped = ocrEquationCheck(provenance, tableEquations(template));
    for (const path of dropped) {
      const i = provenance.findIndex((p) => p.path === path);
      const p = provenance[i];
      if (!p) continue;
      provenance[i] = { ...p, value: null, how: 'missing', note: 'ocrUncertain' };
      const [table, ...keys] = path.split('.');
      let node = data[table ?? ''] as Record<string, unknown> | null | undefined;
      for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
      if (node) node[keys[keys.length - 1] ?? ''] = null;
    }
    if (dropped.length > 0) {
      findings.push(violation('import.ocrUncertain', dropped, { zh: `读数与表格勾稽关系不符，共 ${dropped.length} 个单元格`, en: `readings that break the table arithmetic, ${dropped.length} cells` }));
    }
  }

  const detection = (what: string, whatEn: string) => violation('import.detection', [what], { zh: whatEn === 'template' ? '模板（按年度推定）' : what === 'year' ? '报告年度' : '机关名称', en: whatEn });
  if (!options.template && !foundTemplate) findings.push(detection('template', 'template'));
  if (options.year === undefined && !foundYear) findings.push(detection('year', 'year'));
  if (options.organization === undefined && !foundOrg) findings.push(detection('organization', 'organization'));

  const report: AnnualReport = {
    schema: REPORT_SCHEMA,
    template: templateId,
    year,
    organization: options.organization !== undefined ? options.organization : (foundOrg?.value ?? null),
    proactive: data.proactive ?? null,
    applications: data.applications ?? null,
    reviewLitigation: data.reviewLitigation ?? null,
    sections: readSections(index, tables),
    annotations: {},
  };
  const how = <T,>(flag: T | undefined, found: { value: T; evidence: string } | null) =>
    flag !== undefined ? { value: flag, how: 'flag' as const } : found ? { value: found.value, how: 'detected' as const, evidence: found.evidence } : null;
  return {
    report,
    provenance,
    findings,
    detected: {
      template: how(options.template, foundTemplate) ?? { value: templateId, how: 'default' },
      year: how(options.year, foundYear) ?? { value: null, how: 'missing' },
      organization: how(options.organization ?? undefined, foundOrg) ?? { value: null, how: 'missing' },
    },
  };
}
