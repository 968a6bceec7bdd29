/**
 * Tables 三 and 四 of a year's annual report, counted from the cases instead of by hand (spec/applications.md "Year
 * end", "After the answer"):
 * - 一、本年新收: cases received (第三十一条) in the year, by applicant type;
 * - 二、上年结转: cases received before the year and still open on 31 December of the year before;
 * - 三、本年度办理结果: cases closed in the year, in the row of their result (answer category, 视为放弃, 未缴费, 撤回);
 * - 四、结转下年度继续办理: cases received by 31 December and still open then.
 * So 一 + 二 = 三（七）总计 + 四 for every column (T3.balance) by construction, and next year's 二 is this year's 四.
 * Table 四: a review or lawsuit decided in the year counts in its outcome's column; one filed by 31 December and not
 * decided then counts as 尚未审结.
 * The storage adapter runs the same counting in SQL (`CELL_RULES` below is what both follow); `tallyCases` is the
 * reference implementation the tests compare it with.
 */
import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import { buildTable, emptyReport, type AnnualReport, type TableData } from '../annual-report/model.ts';
import { TEMPLATES, templateForYear, type CellDef, type TemplateId } from '../annual-report/templates/index.ts';
import { ANSWER_CATEGORIES, answerCategory, type ApplicantType } from './terms.ts';

/** What the counting needs of a case. */
export interface CaseFacts {
  readonly applicantType: ApplicantType;
  readonly receivedOn: IsoDate;
  readonly closedOn: IsoDate | null;
  /** 2021 row path of the result, set when closed. */
  readonly resultRow: string | null;
  /** A case voided as registered in error (作废) is counted in no row. */
  readonly voided?: boolean;
}

export type TallyRow = 'newReceived' | 'carriedOver' | 'carriedForward' | string;

/** One count of table 三 before template mapping: a row (top row or 2021 result path) × applicant type. */
export interface ApplicationTally {
  readonly row: TallyRow;
  readonly applicantType: ApplicantType;
  readonly count: number;
}

export const yearStart = (year: number): IsoDate => `${year}-01-01`;
export const yearEnd = (year: number): IsoDate => `${year}-12-31`;


/** The top rows a case counts in for `year` (besides its result row): at most one of new/carriedOver, maybe carriedForward. */
export function caseRows(c: CaseFacts, year: number): TallyRow[] {
  const start = yearStart(year);
  const end = yearEnd(year);
  if (c.voided === true) return [];
  if (daysBetween(c.receivedOn, end) < 0) return [];
  if (c.closedOn !== null && daysBetween(start, c.closedOn) < 0) return [];
  const rows: TallyRow[] = [daysBetween(start, c.receivedOn) >= 0 ? 'newReceived' : 'carriedOver'];
  if (c.closedOn !== null && daysBetween(c.closedOn, end) >= 0) rows.push(c.resultRow ?? 'otherHandling.other');
  else rows.push('carriedForward');
  return rows;
}

/** Reference counting of table 三 for `year` (the SQL adapter must agree). */
export function tallyCases(cases: Iterable<CaseFacts>, year: number): ApplicationTally[] {
  const counts = new Map<string, number>();
  for (const c of cases) {
    for (const row of caseRows(c, year)) {
      const key = `${row}|${c.applicantType}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => {
    const [row, applicantType] = key.split('|') as [string, ApplicantType];
    return { row, applicantType, count };
  });
}

/** The template row a tally row is counted in: the 2019 template has one （六）其他处理 row. */
export function templateRow(templateId: TemplateId, row: TallyRow): string {
  return TEMPLATES[templateId].traits.otherHandlingSplit ? row : (answerCategory(row)?.row2019 ?? row);
}

/** Every row a case can be tallied in: the three top rows and every result. */
export const TALLY_ROWS: readonly TallyRow[] = ['newReceived', 'carriedOver', 'carriedForward', ...ANSWER_CATEGORIES.map((c) => c.row)];

/** The tally rows behind a template row (for drill-down); `total` (（七）总计) is every result row. */
export function tallyRowsOf(templateId: TemplateId, row: string): TallyRow[] {
  if (row === 'total') return ANSWER_CATEGORIES.map((c) => c.row);
  return TALLY_ROWS.filter((r) => templateRow(templateId, r) === row);
}

const TOP = new Set(['newReceived', 'carriedOver', 'carriedForward']);

/** Table 三 of the template from the tallies, every cell a number (totals summed). */
export function applicationsTable(templateId: TemplateId, tallies: readonly ApplicationTally[]): TableData {
  const sum = (rowMatch: (row: string) => boolean, typeMatch: (t: ApplicantType) => boolean): number =>
    tallies.reduce((s, t) => (rowMatch(templateRow(templateId, t.row)) && typeMatch(t.applicantType) ? s + t.count : s), 0);
  return buildTable(TEMPLATES[templateId], 'applications', (cell: CellDef) => {
    const row = cell.row.join('.');
    const rowMatch = row === 'total' ? (r: string) => !TOP.has(r) : (r: string) => r === row;
    const col = cell.column.key;
    const typeMatch = col === 'total' ? () => true : (t: ApplicantType) => t === col;
    return sum(rowMatch, typeMatch);
  });
}

export const REVIEW_OUTCOMES = ['upheld', 'corrected', 'other'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export type ReviewGroup = 'review' | 'litigationDirect' | 'litigationAfterReview';

/** What table 四 needs of a review (行政复议) or lawsuit (行政诉讼) record. */
export interface ReviewFacts {
  readonly group: ReviewGroup;
  readonly filedOn: IsoDate;
  readonly decidedOn: IsoDate | null;
  readonly outcome: ReviewOutcome | null;
}

export interface ReviewTally {
  readonly group: ReviewGroup;
  readonly column: ReviewOutcome | 'pending';
  readonly count: number;
}

/** The table-四 column a record counts in for `year`, or null. */
export function reviewColumn(r: ReviewFacts, year: number): ReviewOutcome | 'pending' | null {
  const start = yearStart(year);
  const end = yearEnd(year);
  if (daysBetween(r.filedOn, end) < 0) return null;
  if (r.decidedOn !== null && r.outcome !== null && daysBetween(start, r.decidedOn) >= 0 && daysBetween(r.decidedOn, end) >= 0) return r.outcome;
  if (r.decidedOn === null || daysBetween(r.decidedOn, end) < 0) return 'pending';
  return null;
}

/** Reference counting of table 四 for `year`. */
export function tallyReviews(records: Iterable<ReviewFacts>, year: number): ReviewTally[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const column = reviewColumn(r, year);
    if (column === null) continue;
    const key = `${r.group}|${column}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const [group, column] = key.split('|') as [ReviewGroup, ReviewOutcome | 'pending'];
    return { group, column, count };
  });
}

/** Table 四 of the template from the tallies. */
export function reviewTable(templateId: TemplateId, tallies: readonly ReviewTally[]): TableData {
  return buildTable(TEMPLATES[templateId], 'reviewLitigation', (cell: CellDef) => {
    const group = cell.row[0];
    const col = cell.column.key;
    return tallies.reduce((s, t) => (t.group === group && (col === 'total' || t.column === col) ? s + t.count : s), 0);
  });
}

/**
 * The year's report with tables 三 and 四 from the cases; table 二 blank (it will come from the proactive catalog) and
 * the narrative sections empty, for the office to write.
 */
export function reportFromCases(year: number, organization: string, applications: readonly ApplicationTally[], reviews: readonly ReviewTally[]): AnnualReport {
  const templateId = templateForYear(year);
  const empty = emptyReport(templateId, year, organization);
  return { ...empty, applications: applicationsTable(templateId, applications), reviewLitigation: reviewTable(templateId, reviews) };
}
