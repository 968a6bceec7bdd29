/**
 * Locating tables 二, 三 and 四 in a report's text and reading their rows, label by label, in template order.
 * A table is read only where its own labels are found: a table the text lost is absent (null), never zeros.
 */
import { tableEquations, type Equation } from '../equations.ts';
import { tableRows, type ColumnDef, type ReportTemplate, type TableKey } from '../templates/index.ts';
import { maskedBody, regionFields } from './fields.ts';
import { coreKey, NUMBERING, withNumbering, type Span, type TextIndex } from './locate.ts';
import { labelKey, normalizeText } from './normalize.ts';
import { placeByOrder, valueLines } from './order.ts';
import { rowReadings, type RowReadings } from './readings.ts';
import { resolveReadings, type CellResult } from './resolve.ts';
import { digitCount, runReadings, runTokens } from './runs.ts';
import { solveRuns, type RunRow } from './solve-runs.ts';

/** Other printed forms of a row label (2021 reports printing the 2019 wording and vice versa). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  行政规范性文件: ['规范性文件'],
  规范性文件: ['行政规范性文件'],
};

/** Section headings and table anchors, by the template's words (fallbacks without the numeral). */
export const HEADINGS = {
  overview: ['一、总体情况', '总体情况', '一、概述'],
  proactive: ['二、主动公开政府信息情况', '主动公开政府信息情况'],
  applications: ['三、收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请情况'],
  reviewLitigation: ['四、政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议、行政诉讼情况'],
  problems: ['五、存在的主要问题及改进情况', '存在的主要问题及改进情况', '存在的主要问题'],
  otherMatters: ['六、其他需要报告的事项', '其他需要报告的事项'],
} as const;

export type SectionKey = keyof typeof HEADINGS;

/**
 * Headings as offices reword them (四、因政府信息公开工作被申请行政复议、提起行政诉讼情况; 五、存在的问题及改进措施): the
 * section numeral, then the section's own words close by, on the search view. Used only when no template wording is
 * found. Digits may not come between (a table 三 row such as 四、结转下年度继续办理 followed by its values is no heading).
 */
const REWORDED: Readonly<Record<SectionKey, RegExp>> = {
  overview: /一、[^\d。，]{0,6}(总体|基本)情况/,
  proactive: /二、[^\d。，]{0,6}主动公开/,
  applications: /三、[^\d。，]{0,12}(收到|受理|办理)[^\d。，]{0,10}申请[^\d。，]{0,6}情况/,
  reviewLitigation: /四、[^\d。，]{0,16}行政复议[^\d。，]{0,10}行政诉讼[^\d。，]{0,6}情况/,
  problems: /五、[^\d。，]{0,8}问题/,
  otherMatters: /六、[^\d。，]{0,4}其他[^\d。，]{0,10}事项/,
};

export const headingKeys = (keys: readonly string[]): string[] => keys.map(labelKey);

/**
 * A section heading after `from`: the template's numbered wording first, then a reworded numbered heading, and only
 * then the wording without its numeral — which prose also uses (本报告由总体情况、主动公开政府信息情况、收到和处理…组成),
 * so a bare mention in a sentence never outranks the heading itself.
 */
export function findHeading(index: TextIndex, section: SectionKey, from = 0, to = index.text.length): Span | null {
  const keys = headingKeys(HEADINGS[section]);
  const numbered = keys.filter((k) => /^[一二三四五六]、/.test(k));
  return index.findFirst(numbered, from, to) ?? index.findPattern(REWORDED[section], from, to) ?? index.findFirst(keys.filter((k) => !numbered.includes(k)), from, to);
}

export interface TableReading {
  readonly table: TableKey;
  /** null when the table is not in the text. */
  readonly cells: Map<string, CellResult> | null;
  readonly span: Span | null;
  /** Variant columns the text prints (e.g. 2019 行政事业性收费 处理决定数量). */
  readonly variants: readonly string[];
}

interface RowSpec {
  readonly paths: readonly string[];
  readonly columns: readonly ColumnDef[];
  readonly keys: readonly string[];
  /** The label's numbering (2. / （三） / 四、) when the search keys leave it out. */
  readonly numbering?: string;
}

/**
 * How the text prints the cells of a row. `runs`: run together without separators (crawled page text), read by
 * cutting the digit runs (./runs.ts); `vanishing`: blank cells left no trace at all there.
 */
export interface RowLayout {
  readonly runs: boolean;
  readonly vanishing: boolean;
}

const SEPARATED: RowLayout = { runs: false, vanishing: false };

const MIN_PREFIX = 5;

interface RowHit extends Span {
  /** Found only on the digit-free view: the row's values may sit inside its label, so read from its start. */
  readonly loose: boolean;
}

const inside = (hit: Span, masks: readonly Span[]): boolean => masks.some((m) => hit.start < m.end && hit.end > m.start);

/** The first occurrence of a row label after `from` that is not inside a masked header block. */
function findRow(index: TextIndex, keys: readonly string[], from: number, to: number, masks: readonly Span[] = []): RowHit | null {
  const attempt = (k: string, loose: boolean): RowHit | null => {
    let cursor = from;
    for (let guard = 0; guard < 50; guard += 1) {
      const hit = loose ? index.findLoose(k, cursor, to) : index.find(k, cursor, to);
      if (!hit) return null;
      if (!inside(hit, masks)) return { ...hit, loose };
      cursor = hit.end;
    }
    return null;
  };
  for (const loose of [false, true]) {
    for (const k of keys) {
      const hit = attempt(k, loose);
      if (hit) return hit;
    }
  }
  // PDF text read across the page can interleave a wrapped label's second half with the next column's words
  // (“没有现成信息需要另 0 0 3 …\n三、本年 提供 行制作”): the label's first words still find it — down to its first
  // half, or six characters for long labels, never fewer than five (enough to tell every row label apart).
  for (const k of keys) {
    const shortest = Math.max(MIN_PREFIX, Math.min(Math.ceil(k.length / 2), 6));
    for (let len = k.length - 1; len >= shortest; len -= 1) {
      const hit = attempt(k.slice(0, len), true);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * The length of a label's own numbering printed right before `at`, in any of its printed forms (2. 2、 2． · （三） (三) ·
 * 四、), or 0. Only the label's own number is taken: in “00000002、其他…” the 2 is the label's and the zeros are values.
 */
function printedNumbering(text: string, at: number, numbering: string): number {
  const core = normalizeText(numbering).replace(/[\s.、．()（）]/g, '');
  if (core === '') return 0;
  const pattern = /[(（]/.test(numbering) ? `[(（]\\s*${core}\\s*[)）]\\s*$` : `${core}\\s*[.、．]\\s*$`;
  const m = new RegExp(pattern).exec(text.slice(Math.max(0, at - 12), at));
  return m ? m[0].length : 0;
}

interface RowRegion {
  readonly hit: RowHit;
  readonly start: number;
  readonly end: number;
}

/**
 * Where each row's values lie: between its label and the next label found, inside [from, to). Where cells run
 * together the next label's own numbering is cut exactly (“00000002.其他…”: the 2 is the label's, the zeros are
 * values); elsewhere any numbering before it is.
 */
function rowRegions(index: TextIndex, specs: readonly RowSpec[], from: number, to: number, masks: readonly Span[], runs: boolean): (RowRegion | null)[] {
  const hits: (RowHit | null)[] = [];
  let cursor = from;
  for (const spec of specs) {
    const hit = findRow(index, spec.keys, cursor, to, masks);
    hits.push(hit);
    if (hit) cursor = hit.end;
  }
  return hits.map((hit, i) => {
    if (!hit) return null;
    const j = hits.findIndex((h, k) => k > i && h !== null);
    const next = j >= 0 ? (hits[j] as RowHit) : null;
    let end = to;
    if (next && runs) end = next.start - printedNumbering(index.text, next.start, specs[j]?.numbering ?? '');
    else if (next) end = withNumbering(index.text, next).start;
    return { hit, start: hit.loose ? hit.start : hit.end, end };
  });
}

/** Read rows of separated cells; each row's values lie between its label and the next label found. */
function readRows(index: TextIndex, specs: readonly RowSpec[], regions: readonly (RowRegion | null)[], masks: readonly Span[]): RowReadings[] {
  const ignore = [...masks, ...index.furniture].map((m) => [m.start, m.end] as const);
  const fields = withoutEmptyColumn(
    regions.map((r) => (r ? regionFields({ text: index.text, start: r.start, end: r.end, masks: ignore }) : null)),
    specs.map((s) => s.paths.length),
  );
  // Layout evidence: when some row prints all its values after empty cells, those empties are merged label cells
  // in this table (Word text pads merged cells), so they are dropped from every row. Without such evidence an empty
  // cell is a blank value (HTML, DOCX and Markdown tables do not pad merged cells).
  const structural = fields.some(
    (f, i) => f !== null && f.some((x) => x.optional) && f.filter((x) => x.kind !== 'blank').length >= (specs[i]?.paths.length ?? 0),
  );
  return specs.map((spec, i) => {
    const region = regions[i];
    const f = fields[i];
    if (!region || !f) return { paths: spec.paths, columns: spec.columns, readings: [], labelAt: null, overflow: false };
    return rowReadings(spec.paths, spec.columns, structural ? f.filter((x) => !x.optional) : f, region.hit.start);
  });
}

type RowFields = ReturnType<typeof regionFields>;

/** Rows that must show an empty column before it is taken for one: fewer is no evidence. */
const MIN_EMPTY_COLUMN_ROWS = 3;

/**
 * A column that every row leaves empty: a PDF table's positional text can print one more cell than the row has values
 * (a header cell spanning two columns leaves a gap under one of them). Counted from the right — values are
 * right-aligned in their rows, label cells and their padding sit on the left — among the rows that print exactly one
 * cell too many, all in positional layouts: when at least three such rows exist and exactly one position is empty in
 * all of them, that position is dropped from each. The cells left are then the row's cells exactly, so a blank first
 * cell is a blank value, no longer possible label padding. Otherwise the rows are left as they are.
 */
function withoutEmptyColumn(fields: readonly (RowFields | null)[], widths: readonly number[]): (RowFields | null)[] {
  const wide = fields.flatMap((f, i) => (f !== null && f.length === (widths[i] ?? 0) + 1 && f.every((x) => x.positional) ? [{ f, i }] : []));
  if (wide.length < MIN_EMPTY_COLUMN_ROWS) return [...fields];
  const width = wide[0]?.f.length ?? 0;
  if (wide.some((w) => w.f.length !== width)) return [...fields];
  const empty = Array.from({ length: width }, (_, j) => j).filter((j) => wide.every((w) => w.f[w.f.length - 1 - j]?.kind === 'blank'));
  // The leftmost position is label padding, which the merged-cell rule already handles.
  if (empty.length !== 1 || empty[0] === width - 1) return [...fields];
  const j = empty[0] as number;
  const rows = new Set(wide.map((w) => w.i));
  return fields.map((f, i) => (f && rows.has(i) ? f.filter((_, k) => k !== f.length - 1 - j).map((x) => ({ ...x, optional: false })) : f));
}

/** The whole lines of values (no label beside them) in each row's region; empty for a row not found. */
function regionLines(index: TextIndex, specs: readonly RowSpec[], regions: readonly (RowRegion | null)[], masks: readonly Span[]) {
  const ignore = [...masks, ...index.furniture].map((m) => [m.start, m.end] as const);
  return regions.map((r, i) => {
    if (!r) return [];
    const body = maskedBody({ text: index.text, start: r.start, end: r.end, masks: ignore });
    return valueLines(body, r.start, specs[i]?.columns.length ?? 0, r.start === 0 || index.text[r.start - 1] === '\n');
  });
}

/** The number tokens of each row's region, for rows whose cells run together. */
function regionTokens(index: TextIndex, regions: readonly (RowRegion | null)[], masks: readonly Span[]) {
  const ignore = [...masks, ...index.furniture].map((m) => [m.start, m.end] as const);
  return regions.map((r) => (r ? runTokens(maskedBody({ text: index.text, start: r.start, end: r.end, masks: ignore }), r.start) : null));
}

/** Rows whose cells run together, each with every cut of its digits into its cells. */
function readRunRows(index: TextIndex, specs: readonly RowSpec[], regions: readonly (RowRegion | null)[], masks: readonly Span[], layout: RowLayout): RunRow[] {
  const tokens = regionTokens(index, regions, masks);
  return specs.map((spec, i) => {
    const t = tokens[i];
    if (!t) return { paths: spec.paths, readings: [], note: 'notFound' };
    const { readings, overflow } = runReadings(spec.columns, t, layout.vanishing || digitCount(t) < spec.columns.length);
    return { paths: spec.paths, readings, ...(overflow ? { note: 'ambiguous' as const } : {}) };
  });
}

/** The cells of a table's rows, read as the layout prints them. */
function readCells(index: TextIndex, specs: readonly RowSpec[], from: number, to: number, masks: readonly Span[], layout: RowLayout, equations: readonly Equation[]): Map<string, CellResult> {
  const regions = rowRegions(index, specs, from, to, masks, layout.runs);
  if (layout.runs) return solveRuns(readRunRows(index, specs, regions, masks, layout), equations);
  const rows = readRows(index, specs, regions, masks);
  // Values printed apart from their labels (a converter's label-less pipe tables) are placed by the template's order.
  return placeByOrder(rows, regionLines(index, specs, regions, masks), equations) ?? resolveReadings(rows, equations);
}

/**
 * Search keys of a row label: its core words (without numbering or trailing note), plus aliases. A core of three
 * characters or fewer (其他, 总计) also names a column header, so such a row is found only with its numbering
 * (3.其他, （七）总计).
 */
const keysOf = (label: string): string[] => {
  const core = coreKey(label);
  if (core.length <= 3) return [labelKey(label)];
  return [core, ...(ALIASES[core] ?? []).map(labelKey)];
};

/** A row's search keys and the numbering they leave out. */
const labelSpec = (label: string): Pick<RowSpec, 'keys' | 'numbering'> => {
  const keys = keysOf(label);
  const numbering = NUMBERING.exec(label)?.[0];
  return numbering && !keys[0]?.startsWith(labelKey(numbering)) ? { keys, numbering } : { keys };
};

/** Table 二: groups 第二十条第（N）项, each with its header and rows. */
/**
 * Where table 二 starts: its first group label (第二十条第（一）项, also printed without brackets), or — on pages that
 * print no group labels — the first group's column headers (本年制发件数 …), words no prose uses.
 */
const proactiveStart = (index: TextIndex, template: ReportTemplate, from: number, to: number): Span | null => {
  const groups = template.proactive.groups.flatMap((g) => [labelKey(g.label), labelKey(g.label).replace(/[()]/g, '')]);
  return index.findFirst(groups, from, to) ?? index.findFirst((template.proactive.groups[0]?.columns ?? []).map((c) => labelKey(c.label)), from, to);
};

interface TableRows {
  readonly start: Span;
  readonly specs: readonly RowSpec[];
  readonly masks: readonly Span[];
  readonly variants: readonly string[];
}

/** Table 二's rows, group by group, with the columns each group prints and its header words masked. */
function proactiveRows(index: TextIndex, template: ReportTemplate, from: number, to: number): TableRows | null {
  const start = proactiveStart(index, template, from, to);
  if (!start) return null;
  const columnLabels = [...new Set(template.proactive.groups.flatMap((g) => g.columns.map((c) => c.label)))];
  // Header labels are masked so their digits are not read (保留4位小数); a wrapped header may survive only in pieces,
  // so each digit-bearing piece of a label is masked too.
  const pieces = columnLabels.flatMap((l) => [l, ...l.split(/[（）(),，：:]/).filter((p) => /\d/.test(p))]);
  const masks = pieces.flatMap((l) => index.findAll(labelKey(l), start.start, to));
  const variants: string[] = [];
  const specs: RowSpec[] = [];
  let cursor = start.start;
  for (const group of template.proactive.groups) {
    const title = index.find(labelKey(group.label), cursor, to);
    const firstRow = group.rows[0] ? findRow(index, keysOf(group.rows[0].label), title?.end ?? cursor, to) : null;
    const header = index.viewText(title?.end ?? cursor, firstRow?.start ?? cursor);
    // A variant column is printed when its header is; its words may be wrapped (处理决定数/量), so the stem suffices.
    const columns = group.columns.filter((c) => !c.variant || header.includes(labelKey(c.label).slice(0, 4)));
    for (const c of group.columns) if (c.variant && columns.includes(c)) variants.push(...group.rows.map((r) => `proactive.${r.key}.${c.key}`));
    for (const row of group.rows) {
      specs.push({ paths: columns.map((c) => `proactive.${row.key}.${c.key}`), columns, ...labelSpec(row.label) });
    }
    if (firstRow) cursor = firstRow.end;
  }
  return { start, specs, masks, variants };
}

function readProactive(index: TextIndex, template: ReportTemplate, from: number, to: number, layout: RowLayout): TableReading {
  const rows = proactiveRows(index, template, from, to);
  if (!rows) return { table: 'proactive', cells: null, span: null, variants: [] };
  const { start, specs, masks, variants } = rows;
  return { table: 'proactive', cells: readCells(index, specs, start.start, to, masks, layout, []), span: { start: start.start, end: to }, variants };
}

/**
 * Table 三's column headers repeated inside the table (a page break in Word/Chromium output, a table pasted in two
 * parts): from the first header word before 法律服务机构 to the 其他 after it. Row labels 其他 and （七）总计 must not be
 * found there.
 */
function headerBlocks(index: TextIndex, template: ReportTemplate, from: number, to: number): Span[] {
  const t = template.applications;
  const words = [t.balanceNote, t.applicantHeader, t.legalPersonHeader, ...t.columns.map((c) => c.label)].map(labelKey);
  const hits = words.flatMap((w) => index.findAll(w, from, to)).sort((a, b) => a.start - b.start);
  const anchor = labelKey(t.columns.find((c) => c.key === 'legalService')?.label ?? '');
  const other = labelKey(t.columns.find((c) => c.key === 'other')?.label ?? '');
  // Header words follow each other with nothing but other header text between them — never a value.
  const near = (a: Span, b: Span) => /^[^\d]{0,8}$/.test(index.viewText(a.end, b.start));
  return index.findAll(anchor, from, to).map((h) => {
    const after = index.find(other, h.end, to);
    let block: Span = { start: h.start, end: after && near(h, after) ? after.end : h.end };
    for (let i = hits.length - 1; i >= 0; i -= 1) {
      const w = hits[i] as Span;
      if (w.end <= block.start && near(w, block)) block = { start: w.start, end: block.end };
    }
    return block;
  });
}

/** Table 三's rows as the template lists them. */
function applicationSpecs(template: ReportTemplate): RowSpec[] {
  const rows = tableRows(template, 'applications');
  return template.applications.rows.map((r, i) => ({
    paths: (rows[i]?.columns ?? []).map((c) => ['applications', ...r.path, c.key].join('.')),
    columns: rows[i]?.columns ?? [],
    ...labelSpec(r.label),
  }));
}

const applicationsStart = (index: TextIndex, template: ReportTemplate, from: number, to: number): RowHit | null => {
  const first = template.applications.rows[0];
  return first ? findRow(index, [coreKey(first.label)], from, to) : null;
};

/** A digit printed right after a row label, without a space: the row's cells run together. */
const GLUED = /^[+-]?\d/;

/**
 * How a table prints its cells: run together when at least `min` of its row labels are followed directly by digits;
 * blank cells vanished when, run together, some row of several cells holds fewer digits than cells. Null without the
 * table.
 */
function rowsLayout(index: TextIndex, rows: TableRows | null, to: number, min: number): RowLayout | null {
  if (!rows) return null;
  const regions = rowRegions(index, rows.specs, rows.start.start, to, rows.masks, true);
  const glued = regions.filter((r) => r && GLUED.test(index.text.slice(r.hit.end, r.hit.end + 2))).length;
  if (glued < min) return SEPARATED;
  const tokens = regionTokens(index, regions, rows.masks);
  const vanishing = tokens.some((t, i) => t !== null && (rows.specs[i]?.columns.length ?? 0) > 1 && digitCount(t) < (rows.specs[i]?.columns.length ?? 0));
  return { runs: true, vanishing };
}

/**
 * How the report prints its cells, told by table 三 (its rows are many and fixed: three glued labels decide), or by
 * table 二 when the report has no table 三 (two glued labels).
 */
function reportLayout(index: TextIndex, template: ReportTemplate, two: readonly [number, number], three: readonly [number, number]): RowLayout {
  const start = applicationsStart(index, template, three[0], three[1]);
  const applications = start ? { start, specs: applicationSpecs(template), masks: headerBlocks(index, template, start.start, three[1]), variants: [] } : null;
  return rowsLayout(index, applications, three[1], 3) ?? rowsLayout(index, proactiveRows(index, template, two[0], two[1]), two[1], 2) ?? SEPARATED;
}

/** Table 三: from 一、本年新收… to 四、结转下年度继续办理. */
function readApplications(index: TextIndex, template: ReportTemplate, from: number, to: number, layout: RowLayout): TableReading {
  const start = applicationsStart(index, template, from, to);
  if (!start) return { table: 'applications', cells: null, span: null, variants: [] };
  const masks = headerBlocks(index, template, start.start, to);
  const cells = readCells(index, applicationSpecs(template), start.start, to, masks, layout, tableEquations(template));
  return { table: 'applications', cells, span: { start: start.start, end: to }, variants: [] };
}

/** Words of table 四's header, short enough to be found when narrow columns wrap them (结果/维持) or PDF text interleaves them. */
const REVIEW_HEADER_KEYS = ['维持', '纠正', '其他结果', '审结', '总计', '直接起诉', '复议后起诉', '行政诉讼', '行政复议'];

/**
 * Where table 四's values end: at the first line of words (Han characters) after a line of values — the prose of the
 * next section must never be read as cells, even when its heading is worded differently. A running page header right
 * after a page break is not prose.
 */
function valuesEnd(text: string, from: number, to: number): number {
  let seenValues = false;
  let pos = from;
  let sinceBreak = Number.POSITIVE_INFINITY;
  for (const line of text.slice(from, to).split('\n')) {
    sinceBreak = line.includes('\f') ? 0 : sinceBreak + 1;
    const words = /\p{Script=Han}/u.test(line);
    if (seenValues && words && sinceBreak > 1) return pos;
    if (/(^|\s)[+-]?\d/.test(line)) seenValues = true;
    pos += line.length + 1;
  }
  return to;
}

/** Table 四: a three-row header, then fifteen values. */
function readReviewLitigation(index: TextIndex, template: ReportTemplate, from: number, to: number, layout: RowLayout): TableReading {
  const start = index.find(labelKey('行政复议'), from, to);
  const missing: TableReading = { table: 'reviewLitigation', cells: null, span: null, variants: [] };
  if (!start || !index.find(labelKey('行政诉讼'), start.start, to)) return missing;
  // The table's own header must be there, not just the section heading (seed 004 kept only its heading).
  const headerWords = ['维持', '纠正', '审结', '总计'].filter((w) => index.find(labelKey(w), start.start, to));
  if (headerWords.length < 2) return missing;
  let headerEnd = start.end;
  for (const key of REVIEW_HEADER_KEYS) for (const hit of index.findAll(labelKey(key), start.start, to)) headerEnd = Math.max(headerEnd, hit.end);
  const { groups, columns } = template.reviewLitigation;
  const paths = groups.flatMap((g) => columns.map((c) => `reviewLitigation.${g.key}.${c.key}`));
  const cols = groups.flatMap(() => columns);
  const end = valuesEnd(index.text, headerEnd, to);
  const span = { start: start.start, end: to };
  const region = { text: index.text, start: headerEnd, end, masks: index.furniture.map((m) => [m.start, m.end] as const) };
  if (layout.runs) {
    const tokens = runTokens(maskedBody(region), headerEnd);
    const { readings, overflow } = runReadings(cols, tokens, layout.vanishing || digitCount(tokens) < cols.length);
    const row: RunRow = { paths, readings, ...(overflow ? { note: 'ambiguous' as const } : {}) };
    return { table: 'reviewLitigation', cells: solveRuns([row], tableEquations(template)), span, variants: [] };
  }
  const reading = rowReadings(paths, cols, regionFields(region), headerEnd);
  return { table: 'reviewLitigation', cells: resolveReadings([reading], tableEquations(template)), span, variants: [] };
}

/** Read the three tables of a report text in the given template. */
export function readTables(index: TextIndex, template: ReportTemplate): Record<TableKey, TableReading> {
  const end = index.text.length;
  const heading = (section: SectionKey, from = 0) => findHeading(index, section, from, end);
  const h2 = heading('proactive');
  const t2from = h2?.start ?? 0;
  const firstApplication = template.applications.rows[0];
  const t3 = firstApplication ? findRow(index, [coreKey(firstApplication.label)], t2from, end) : null;
  const h3 = heading('applications', t2from);
  const h4 = heading('reviewLitigation', t3?.end ?? t2from);
  const h5 = heading('problems', t3?.end ?? h4?.end ?? t2from);
  const h6 = heading('otherMatters', h5?.end ?? t3?.end ?? t2from);
  const stop = (...spans: (Span | null)[]) => Math.min(end, ...spans.filter((s): s is Span => s !== null).map((s) => s.start));
  const twoEnd = stop(h3, t3, h4, h5, h6);
  const threeFrom = proactiveStart(index, template, t2from, twoEnd)?.start ?? t2from;
  // Table 三 tells how the report prints its cells (table 二 when there is no table 三); the other tables follow it.
  const layout = reportLayout(index, template, [t2from, twoEnd], [threeFrom, stop(h4, h5, h6)]);
  const proactive = readProactive(index, template, t2from, twoEnd, layout);
  const applications = readApplications(index, template, threeFrom, stop(h4, h5, h6), layout);
  const fourFrom = h4?.start ?? t3?.end ?? proactive.span?.end ?? t2from;
  const reviewLitigation = readReviewLitigation(index, template, fourFrom, stop(h5, h6), layout);
  return { proactive, applications, reviewLitigation };
}
