/**
 * The year's tables 三 and 四 for an organisation and everything below it (roll-up to the parent: a government's
 * tables count its departments' cases), the report JSON built from them, and the drill-down from any cell to the
 * cases (or review records) behind it.
 */
import type { ReviewRecord } from '../../core/application/review.ts';
import { APPLICANT_TYPES, isMember, type ApplicantType } from '../../core/application/terms.ts';
import { reportFromCases, tallyRowsOf, templateForYear, type ReviewGroup } from '../../core/application/year-tables.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { problem } from '../../core/errors.ts';
import type { Outcome } from './cases.ts';
import type { CaseRepository, CaseSummary, ReviewRepository } from './ports.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';

export interface YearReportDeps {
  readonly cases: CaseRepository;
  readonly reviews: ReviewRepository;
  readonly organizations: OrganizationRepository;
}

const MIN_YEAR = 2008; // 《政府信息公开条例》(2007) took effect on 2008-05-01.
const MAX_YEAR = 2100;

function checkYear(year: number): Outcome<number> {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
    ? { ok: true, value: year }
    : { ok: false, problems: [problem('application.invalid', 'year', { zh: `年度应为 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的整数`, en: `the year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}` })] };
}

async function subtree(deps: YearReportDeps, organizationId: string): Promise<Outcome<{ ids: string[]; name: string }>> {
  const org = await deps.organizations.get(organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId', { zh: `没有此机关：${organizationId}`, en: `no such organisation: ${organizationId}` })] };
  return { ok: true, value: { ids: await deps.organizations.subtreeIds(organizationId), name: org.name } };
}

/** The report of (organisation, year): tables 三 and 四 from the cases, table 二 and the narrative blank. */
export async function buildYearReport(deps: YearReportDeps, organizationId: string, year: number): Promise<Outcome<AnnualReport>> {
  const y = checkYear(year);
  if (!y.ok) return y;
  const org = await subtree(deps, organizationId);
  if (!org.ok) return org;
  const [applications, reviews] = await Promise.all([deps.cases.tallyApplications(org.value.ids, year), deps.reviews.tally(org.value.ids, year)]);
  return { ok: true, value: reportFromCases(year, org.value.name, applications, reviews) };
}

export type DrillDown =
  | { readonly table: 'applications'; readonly total: number; readonly cases: readonly CaseSummary[] }
  | { readonly table: 'reviewLitigation'; readonly total: number; readonly records: readonly ReviewRecord[] };

/**
 * The cases (table 三) or records (table 四) behind a cell, given as its canonical path without the table, e.g.
 * `denied.stateSecret.natural`, `total.total`, `review.pending`. Unknown cells → application.invalid at `cell`.
 */
export async function drillDown(deps: YearReportDeps, organizationId: string, year: number, table: string, cell: string, limit = 200): Promise<Outcome<DrillDown>> {
  const y = checkYear(year);
  if (!y.ok) return y;
  const org = await subtree(deps, organizationId);
  if (!org.ok) return org;
  const bad = { ok: false as const, problems: [problem('application.invalid', 'cell', { zh: `表中没有此单元格：${table}.${cell}`, en: `no such cell: ${table}.${cell}` })] };
  const parts = cell.split('.');
  const column = parts.pop() ?? '';
  if (table === 'applications') {
    const types: ApplicantType[] | null = column === 'total' ? [...APPLICANT_TYPES] : isMember(APPLICANT_TYPES, column) ? [column] : null;
    const rows = tallyRowsOf(templateForYear(year), parts.join('.'));
    if (!types || rows.length === 0) return bad;
    const found = await deps.cases.cellCases({ organizationIds: org.value.ids, year, rows, applicantTypes: types, limit });
    return { ok: true, value: { table: 'applications', total: found.total, cases: found.items } };
  }
  if (table === 'reviewLitigation') {
    const group = parts.join('.');
    if (!['review', 'litigationDirect', 'litigationAfterReview'].includes(group) || !['upheld', 'corrected', 'other', 'pending', 'total'].includes(column)) return bad;
    const records = await deps.reviews.cellRecords(org.value.ids, year, group as ReviewGroup, column);
    return { ok: true, value: { table: 'reviewLitigation', total: records.length, records } };
  }
  return bad;
}
