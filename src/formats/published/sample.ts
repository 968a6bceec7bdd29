/**
 * A "truth" report for the import benchmark: what one printed annual report says, cell by cell. Most are consistent
 * (core generateConsistentReport); some carry errors planted the way real reports carry them (a total that does not
 * match, a negative count, a row that does not add up — see the corpus' sourceDefects); some leave cells blank or
 * print "/" for "not applicable" (both null in the canonical JSON); a few print a sentence where a table should be
 * (the table is then absent: null, never zeros). Pure and seeded.
 */
import { generateConsistentReport, type Rng } from '../../core/annual-report/generate.ts';
import { cellValue, withCell, type AnnualReport, type Cell } from '../../core/annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells, type CellDef, type TableKey, type TemplateId } from '../../core/annual-report/templates/index.ts';
import { organizationName, below, chance, pick, type Organization } from './names.ts';
import { otherMattersParagraphs, overviewParagraphs, problemParagraphs } from './narrative.ts';

/** How a cell without a number is printed: nothing at all, or a "not applicable" mark ("/", "—"). */
export type EmptyKind = 'blank' | 'notApplicable';

export interface PlantedError {
  readonly kind: 'changedTotal' | 'negativeCount' | 'rowNotAddingUp';
  readonly path: string;
  readonly from: number;
  readonly to: number;
}

export interface PublishedSample {
  /** The truth: the report as printed (planted errors included, blank and "/" cells null). */
  readonly report: AnnualReport;
  readonly org: Organization;
  /** Errors planted in the printed numbers; empty for a consistent report. */
  readonly planted: readonly PlantedError[];
  /** Cells printed without a number, by full path. */
  readonly empty: ReadonlyMap<string, EmptyKind>;
  /** Tables printed as a sentence instead (the sentence), whose truth is null. */
  readonly absent: Readonly<Partial<Record<TableKey, string>>>;
  readonly narrative: { readonly overview: readonly string[]; readonly problems: readonly string[]; readonly otherMatters: readonly string[] };
}

export interface SampleOptions {
  readonly template: TemplateId;
  readonly year: number;
}

/** Probabilities of each departure from a clean, consistent report (per document). */
export const SAMPLE_ODDS = {
  planted: 0.25,
  blanks: 0.12,
  notApplicable: 0.08,
  feesDecisionsColumn: 0.15,
  absentReview: 0.03,
  absentApplications: 0.015,
} as const;

const ABSENT: Readonly<Record<TableKey, readonly string[]>> = {
  proactive: ['本年度无相关数据。'],
  applications: ['本年度未收到政府信息公开申请。', '本年度本机关未收到公民、法人或其他组织提出的政府信息公开申请。'],
  reviewLitigation: ['本年度未发生政府信息公开行政复议、行政诉讼案件。', '本年度无因政府信息公开引起的行政复议、行政诉讼。'],
};

function cellsOf(report: AnnualReport, table: TableKey): CellDef[] {
  return tableCells(TEMPLATES[report.template], table).filter((c) => !c.column.variant || cellValue(report, c) !== null);
}

/** The template cell at a full path. Throws on a path the template lacks (a bug in this module). */
function defAt(template: TemplateId, path: string): CellDef {
  const cell = TABLE_KEYS.flatMap((t) => tableCells(TEMPLATES[template], t)).find((c) => c.path === path);
  if (!cell) throw new Error(`no cell ${path}`);
  return cell;
}

const set = (report: AnnualReport, path: string, value: Cell): AnnualReport => withCell(report, defAt(report.template, path), value);

function plant(rng: Rng, report: AnnualReport): { report: AnnualReport; error: PlantedError } {
  const kind = pick(rng, ['changedTotal', 'negativeCount', 'rowNotAddingUp'] as const);
  const apps = cellsOf(report, 'applications');
  let cell: CellDef;
  let to: number;
  const from = (c: CellDef): number => cellValue(report, c) ?? 0;
  if (kind === 'changedTotal') {
    const totals = [...apps.filter((c) => c.row[0] === 'total' || c.column.key === 'total'), ...cellsOf(report, 'reviewLitigation').filter((c) => c.column.key === 'total')];
    cell = pick(rng, totals);
    const delta = 1 + below(rng, 5);
    to = from(cell) >= delta && chance(rng, 0.5) ? from(cell) - delta : from(cell) + delta;
  } else if (kind === 'negativeCount') {
    // 001 prints 上一年项目数量 -2 and -3: most negative counts in real reports sit in table 二.
    const pool = chance(rng, 0.6) ? cellsOf(report, 'proactive').filter((c) => c.column.kind === 'count') : apps;
    cell = pick(rng, pool.length > 0 ? pool : apps);
    to = -(1 + below(rng, 20));
  } else {
    cell = pick(rng, apps.filter((c) => c.column.key !== 'total' && c.row[0] !== 'total'));
    to = from(cell) + 1 + below(rng, 3);
  }
  return { report: withCell(report, cell, to), error: { kind, path: cell.path, from: from(cell), to } };
}

/** Cells left without a number, in the patterns seen in published tables. */
function empties(rng: Rng, report: AnnualReport, kind: EmptyKind, avoid: ReadonlySet<string>): string[] {
  const proactive = cellsOf(report, 'proactive');
  const all = [...proactive, ...cellsOf(report, 'applications'), ...cellsOf(report, 'reviewLitigation')];
  const mode = pick(rng, ['proactive', 'scattered', 'row', 'group'] as const);
  let chosen: CellDef[];
  if (mode === 'proactive') {
    // 003: 上一年项目数量 (and some 本年增/减) left blank in table 二.
    const column = TEMPLATES[report.template].traits.itemCounts ? pick(rng, ['previous', 'previous', 'change']) : pick(rng, ['decisions', 'amount', 'repealed']);
    chosen = proactive.filter((c) => c.column.key === column && chance(rng, 0.6));
  } else if (mode === 'row') {
    const rows = [...new Set(all.filter((c) => c.table !== 'reviewLitigation').map((c) => c.row.join('.')))];
    const row = pick(rng, rows);
    chosen = all.filter((c) => c.table !== 'reviewLitigation' && c.row.join('.') === row);
  } else if (mode === 'group') {
    // A table 四 group with no cases printed as blanks or "/" (e.g. no litigation at all).
    const group = pick(rng, ['litigationDirect', 'litigationAfterReview', 'review']);
    chosen = all.filter((c) => c.table === 'reviewLitigation' && c.row[0] === group);
  } else {
    const count = 1 + below(rng, 3);
    chosen = Array.from({ length: count }, () => pick(rng, all));
  }
  const paths = [...new Set(chosen.map((c) => c.path))].filter((p) => !avoid.has(p));
  return kind === 'notApplicable' || paths.length > 0 ? paths : [pick(rng, all).path];
}

/** A truth report of the given template and year; deterministic for the rng state. Never throws. */
export function sampleReport(rng: Rng, options: SampleOptions): PublishedSample {
  const org = organizationName(rng);
  let report = generateConsistentReport(rng, { template: options.template, year: options.year, organization: org.name });
  if (TEMPLATES[options.template].traits.itemCounts && chance(rng, SAMPLE_ODDS.feesDecisionsColumn)) {
    // A local variant prints 处理决定数量 for 行政事业性收费 too (001).
    report = set(report, 'proactive.fees.decisions', below(rng, 3) === 0 ? 0 : Math.floor(rng() ** 3 * 5000));
  }
  const planted: PlantedError[] = [];
  if (chance(rng, SAMPLE_ODDS.planted)) {
    for (let i = 0, k = chance(rng, 0.3) ? 2 : 1; i < k; i += 1) {
      const p = plant(rng, report);
      report = p.report;
      planted.push(p.error);
    }
  }
  const empty = new Map<string, EmptyKind>();
  const avoid = new Set(planted.map((p) => p.path));
  for (const kind of ['blank', 'notApplicable'] as const) {
    if (!chance(rng, kind === 'blank' ? SAMPLE_ODDS.blanks : SAMPLE_ODDS.notApplicable)) continue;
    for (const path of empties(rng, report, kind, avoid)) {
      empty.set(path, kind);
      report = set(report, path, null);
    }
  }
  const absent: Partial<Record<TableKey, string>> = {};
  if (chance(rng, SAMPLE_ODDS.absentReview)) absent.reviewLitigation = pick(rng, ABSENT.reviewLitigation);
  if (chance(rng, SAMPLE_ODDS.absentApplications)) absent.applications = pick(rng, ABSENT.applications);
  for (const t of Object.keys(absent) as TableKey[]) {
    report = { ...report, [t]: null };
    for (const p of [...empty.keys()]) if (p.startsWith(`${t}.`)) empty.delete(p);
  }
  const printed = planted.filter((p) => report[p.path.split('.')[0] as TableKey] !== null);
  const received = cellValue(report, defAt(report.template, 'applications.newReceived.total'));
  const input = { org, year: options.year, template: options.template, received };
  const narrative = {
    overview: overviewParagraphs(rng, input),
    problems: problemParagraphs(rng, input),
    otherMatters: otherMattersParagraphs(rng, input),
  };
  const sections = {
    overview: narrative.overview.join('\n'),
    problems: narrative.problems.join('\n'),
    otherMatters: narrative.otherMatters.join('\n'),
  };
  return { report: { ...report, sections }, org, planted: printed, empty, absent, narrative };
}
