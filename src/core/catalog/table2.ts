/**
 * Table 二 (主动公开政府信息情况) of the annual report counted from the catalog: 规章 and 规范性文件 from the documents
 * and their validity, the 第二十条第（五）（六）（八）（九）项 rows from the decisions entered or imported (双公示).
 * One predicate per cell (`documentCounts`, `decisionCounts`) serves both the tally and the drill-down, so a cell and
 * the list behind it cannot disagree. Definitions (docs/decisions.md "Table 二 from the catalog"):
 * - 2021 本年制发件数: 成文日期 in the year, published; 本年废止件数: 废止 or 失效 dated in the year; 现行有效件数: published by
 *   31 December and not repealed, expired or replaced by then.
 * - 2019 本年新制作数量: 成文日期 in the year (any state); 本年新公开数量: 发布日期 in the year; 对外公开总数量: published by
 *   31 December (cumulative, so 新公开 ≤ 总数 holds: rule T2.published).
 * - Decisions: 处理决定数量 the year's decisions; 上一年项目数量 the distinct 事项 (matters) of the year before; 本年增/减
 *   this year's distinct matters minus last year's; amounts are summed in 元 and shown in 万元 (4 decimals).
 */
import { buildTable, type Cell, type TableData } from '../annual-report/model.ts';
import { TEMPLATES, type TemplateId } from '../annual-report/templates/index.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { DecisionKind, DocumentKind, DocumentState, Validity } from './terms.ts';

export interface DocumentFacts {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly state: DocumentState;
  readonly writtenOn: IsoDate | null;
  readonly publishedOn: IsoDate | null;
  readonly validity: Validity;
  readonly validityOn: IsoDate | null;
}

export interface DecisionFacts {
  readonly id: string;
  readonly kind: DecisionKind;
  /** 事项名称 (the licensing matter, the fee item…). */
  readonly matter: string;
  readonly decidedOn: IsoDate;
  /** 金额 in 分 (fen), for fees and procurement. */
  readonly amountFen: number | null;
}

/** The document rows of table 二 and the kind each counts. */
export const DOCUMENT_ROWS: Readonly<Record<string, DocumentKind>> = { rules: 'rule', normativeDocuments: 'normative' };

const inYear = (date: IsoDate | null, year: number): boolean => date !== null && date.startsWith(`${year}-`);
const byEnd = (date: IsoDate | null, year: number): boolean => date !== null && date <= `${year}-12-31`;

/**
 * Whether document `d` counts in the (row, column) cell of table 二 for `year`, or null when the cell is not a
 * document cell of the template.
 */
export function documentCounts(templateId: TemplateId, row: string, column: string, year: number, d: DocumentFacts): boolean | null {
  const kind = DOCUMENT_ROWS[row];
  if (kind === undefined) return null;
  if (d.kind !== kind) return false;
  const published = d.state === 'published';
  // An end without its date (imported from an old site that did not say, catalog.validityDateMissing) is an end all the
  // same: never counted in force, and in no year's 本年废止 (docs/decisions.md "Imported repeals without a date").
  const ended = d.validity !== 'valid' && (d.validityOn === null || byEnd(d.validityOn, year));
  if (TEMPLATES[templateId].traits.documentColumns === 'issued') {
    if (column === 'issued') return published && inYear(d.writtenOn, year);
    if (column === 'repealed') return (d.validity === 'repealed' || d.validity === 'expired') && inYear(d.validityOn, year);
    if (column === 'inForce') return published && byEnd(d.publishedOn, year) && !ended;
    return null;
  }
  if (column === 'made') return inYear(d.writtenOn, year);
  if (column === 'published') return published && inYear(d.publishedOn, year);
  if (column === 'total') return published && byEnd(d.publishedOn, year);
  return null;
}

/** Whether decision `x` is among those behind the (row, column) cell; null when not a decision cell. */
export function decisionCounts(templateId: TemplateId, row: string, column: string, year: number, x: DecisionFacts): boolean | null {
  if (DOCUMENT_ROWS[row] !== undefined || !TEMPLATES[templateId].proactive.groups.some((g) => g.rows.some((r) => r.key === row))) return null;
  if (x.kind !== row) return false;
  if (column === 'previous') return inYear(x.decidedOn, year - 1);
  if (column === 'change') return inYear(x.decidedOn, year) || inYear(x.decidedOn, year - 1);
  if (['decisions', 'amount', 'projects'].includes(column)) return inYear(x.decidedOn, year);
  return null;
}

const distinct = (xs: readonly DecisionFacts[]): number => new Set(xs.map((x) => x.matter)).size;
/** 分 → 万元 with at most 4 decimals (1 元). */
export const fenToWanYuan = (fen: number): number => Math.round(fen / 100) / 10000;

/** Table 二 of `year` in the template of that year, every cell counted (none blank). */
export function proactiveTable(templateId: TemplateId, year: number, documents: readonly DocumentFacts[], decisions: readonly DecisionFacts[]): TableData {
  return buildTable(TEMPLATES[templateId], 'proactive', (cell): Cell => {
    const row = cell.row[0] ?? '';
    const column = cell.column.key;
    if (DOCUMENT_ROWS[row] !== undefined) return documents.filter((d) => documentCounts(templateId, row, column, year, d) === true).length;
    const mine = decisions.filter((x) => x.kind === row);
    const thisYear = mine.filter((x) => inYear(x.decidedOn, year));
    const lastYear = mine.filter((x) => inYear(x.decidedOn, year - 1));
    if (column === 'previous') return distinct(lastYear);
    if (column === 'change') return distinct(thisYear) - distinct(lastYear);
    if (column === 'amount') return fenToWanYuan(thisYear.reduce((s, x) => s + (x.amountFen ?? 0), 0));
    return thisYear.length; // decisions, projects
  });
}
