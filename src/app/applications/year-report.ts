/**
 * The year's tables 三 and 四 for an organisation and everything below it (roll-up to the parent: a government's
 * tables count its departments' cases), the report JSON built from them with the narrative the office wrote, and the
 * drill-down from any cell to the cases (or review records) behind it.
 */
import type { ReviewRecord } from '../../core/application/review.ts';
import { APPLICANT_TYPES, isMember, type ApplicantType } from '../../core/application/terms.ts';
import { reportFromCases, tallyRowsOf, type ReviewGroup } from '../../core/application/year-tables.ts';
import { templateForYear } from '../../core/annual-report/templates/index.ts';
import { NARRATIVE_KEYS, type AnnualReport, type Sections } from '../../core/annual-report/model.ts';
import type { AuditLog } from '../people/ports.ts';
import { problem } from '../../core/errors.ts';
import type { Outcome } from './cases.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import type { CaseRepository, CaseSummary, ReportDraftRepository, ReviewRepository } from './ports.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';
import type { CatalogRepository, DecisionRow } from '../catalog/ports.ts';
import { decisionCounts, documentCounts, proactiveTable, type DocumentFacts } from '../../core/catalog/table2.ts';

export interface YearReportDeps {
  readonly cases: CaseRepository;
  readonly reviews: ReviewRepository;
  readonly organizations: OrganizationRepository;
  /** The narrative written for the year; without it the sections stay empty. */
  readonly drafts?: ReportDraftRepository;
  /** The catalog (documents and decisions) table 二 is counted from; without it table 二 stays blank. */
  readonly catalog?: Pick<CatalogRepository, 'documentFacts' | 'decisionFacts'>;
}

/** Longest narrative section accepted (characters). */
export const MAX_SECTION_CHARS = 20_000;

/**
 * Save the narrative sections of (organisation, year) from a form. Errors: notFound (organisation),
 * application.invalid (a section not text or longer than MAX_SECTION_CHARS, or no section sent at all). A section absent
 * from the input keeps its stored text. Audited as report.update.
 */
export async function saveReportSections(deps: YearReportDeps & { drafts: ReportDraftRepository; audit: AuditLog; clock: { now(): string } }, organizationId: string, year: number, input: Readonly<Record<string, unknown>>, actor: { id: string; name: string; ip: string | null }): Promise<Outcome<Sections>> {
  const y = checkYear(year);
  if (!y.ok) return y;
  if (!(await deps.organizations.get(organizationId))) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const problems = NARRATIVE_KEYS.flatMap((k) => {
    const v = input[k];
    if (v !== undefined && v !== null && typeof v !== 'string') return [problem('application.invalid', k, { zh: '应为文字', en: 'must be text' })];
    if (typeof v === 'string' && v.length > MAX_SECTION_CHARS) return [problem('application.invalid', k, { zh: `不能超过 ${MAX_SECTION_CHARS} 字`, en: `longer than ${MAX_SECTION_CHARS} characters` })];
    return [];
  });
  // A form that names no section (a replayed token, a truncated post) changes nothing rather than wiping them all;
  // a section left out keeps what is stored, a section sent empty is cleared.
  if (problems.length === 0 && NARRATIVE_KEYS.every((k) => input[k] === undefined)) problems.push(problem('application.invalid', 'overview', { zh: '没有收到任何部分的内容', en: 'no section was sent' }));
  if (problems.length > 0) return { ok: false, problems };
  const stored = await deps.drafts.get(organizationId, year);
  const text = (k: (typeof NARRATIVE_KEYS)[number]) => {
    const v = input[k];
    if (v === undefined) return stored?.[k] ?? null;
    return typeof v === 'string' && v.trim() !== '' ? v.replace(/\r\n/g, '\n').trim() : null;
  };
  const sections: Sections = { overview: text('overview'), problems: text('problems'), otherMatters: text('otherMatters') };
  const now = deps.clock.now();
  await deps.drafts.put(organizationId, year, sections, now, actor.name);
  await deps.audit.append({ at: now, actorId: actor.id, actorName: actor.name, organizationId, action: 'report.update', subject: `report:${organizationId}:${year}`, detail: {}, ip: actor.ip });
  return { ok: true, value: sections };
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

/**
 * The report of (organisation, year): tables 三 and 四 from the cases, table 二 from the catalog (documents and
 * decisions of the subtree; core/catalog/table2.ts), the narrative as written. Errors: application.invalid (year), notFound.
 */
export async function buildYearReport(deps: YearReportDeps, organizationId: string, year: number): Promise<Outcome<AnnualReport>> {
  const y = checkYear(year);
  if (!y.ok) return y;
  const org = await subtree(deps, organizationId);
  if (!org.ok) return org;
  const [applications, reviews, sections, documents, decisions] = await Promise.all([
    deps.cases.tallyApplications(org.value.ids, year),
    deps.reviews.tally(org.value.ids, year),
    deps.drafts?.get(organizationId, year) ?? null,
    deps.catalog?.documentFacts(org.value.ids) ?? null,
    deps.catalog?.decisionFacts(org.value.ids, year - 1, year) ?? null,
  ]);
  const cases = reportFromCases(year, org.value.name, applications, reviews);
  const report = documents && decisions ? { ...cases, proactive: proactiveTable(cases.template, year, documents, decisions) } : cases;
  return { ok: true, value: sections ? { ...report, sections } : report };
}

export type DrillDown =
  | { readonly table: 'applications'; readonly total: number; readonly cases: readonly CaseSummary[]; readonly next: string | null }
  | { readonly table: 'reviewLitigation'; readonly total: number; readonly records: readonly ReviewRecord[]; readonly next: string | null }
  | { readonly table: 'proactive'; readonly total: number; readonly documents: readonly (DocumentFacts & { readonly title: string })[]; readonly next: string | null }
  | { readonly table: 'proactive'; readonly total: number; readonly decisions: readonly DecisionRow[]; readonly next: string | null };

/** Most cases one drill-down lists (its `total` counts them all). */
export const MAX_DRILL_DOWN = 1000;

/**
 * The documents or decisions (table 二), cases (table 三) or records (table 四) behind a cell, given as its canonical path without the table, e.g.
 * `denied.stateSecret.natural`, `total.total`, `review.pending`. Unknown cells → application.invalid at `cell`.
 */
export async function drillDown(deps: YearReportDeps, organizationId: string, year: number, table: string, cell: string, limit = 200, cursor?: string): Promise<Outcome<DrillDown>> {
  const y = checkYear(year);
  if (!y.ok) return y;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DRILL_DOWN) return { ok: false, problems: [problem('application.invalid', 'limit', { zh: `应为 1 至 ${MAX_DRILL_DOWN} 的整数`, en: `expected an integer from 1 to ${MAX_DRILL_DOWN}` })] };
  const org = await subtree(deps, organizationId);
  if (!org.ok) return org;
  const bad = { ok: false as const, problems: [problem('application.invalid', 'cell', { zh: `表中没有此单元格：${table}.${cell}`, en: `no such cell: ${table}.${cell}` })] };
  const parts = cell.split('.');
  const column = parts.pop() ?? '';
  if (table === 'applications') {
    const types: ApplicantType[] | null = column === 'total' ? [...APPLICANT_TYPES] : isMember(APPLICANT_TYPES, column) ? [column] : null;
    const rows = tallyRowsOf(templateForYear(year), parts.join('.'));
    if (!types || rows.length === 0) return bad;
    // Keyset pagination (table 三 only): `cursor` is the `next` of the previous page of the same cell.
    const list = `${year}.${table}.${cell}`;
    const after = cursor === undefined ? null : decodeCursor(cursor, list, 2);
    if (after && !after.ok) return after;
    const found = await deps.cases.cellCases({ organizationIds: org.value.ids, year, rows, applicantTypes: types, limit, ...(after ? { after: after.value.key } : {}) });
    return { ok: true, value: { table: 'applications', total: found.total, cases: found.items, next: found.next ? encodeCursor({ list, key: found.next }) : null } };
  }
  if (table === 'reviewLitigation') {
    const group = parts.join('.');
    if (!['review', 'litigationDirect', 'litigationAfterReview'].includes(group) || !['upheld', 'corrected', 'other', 'pending', 'total'].includes(column)) return bad;
    // Keyset pages by filing date and id, like table 三's.
    const list = `${year}.${table}.${cell}`;
    const after = cursor === undefined ? null : decodeCursor(cursor, list, 2);
    if (after && !after.ok) return after;
    const found = await deps.reviews.cellRecords(org.value.ids, year, group as ReviewGroup, column, { limit, ...(after ? { after: after.value.key } : {}) });
    return { ok: true, value: { table: 'reviewLitigation', total: found.total, records: found.items, next: found.next ? encodeCursor({ list, key: found.next }) : null } };
  }
  if (table === 'proactive' && deps.catalog && parts.length === 1) {
    const row = parts[0] ?? '';
    const template = templateForYear(year);
    // Keyset pages over the cell's rows in (date, id) order — the facts of the subtree are read whole (table 二 is
    // counted from them in memory), the page is what is sent.
    const list = `${year}.${table}.${cell}`;
    const after = cursor === undefined ? null : decodeCursor(cursor, list, 2);
    if (after && !after.ok) return after;
    const pageOf = <T extends { readonly id: string }>(rows: readonly T[], date: (r: T) => string) => {
      const keyed = rows.map((r) => ({ r, k: [date(r), r.id] as const })).sort((x, y) => (x.k[0] < y.k[0] ? -1 : x.k[0] > y.k[0] ? 1 : x.k[1] < y.k[1] ? -1 : x.k[1] > y.k[1] ? 1 : 0));
      const a = after?.value.key;
      const from = a ? keyed.findIndex(({ k }) => k[0] > (a[0] ?? '') || (k[0] === a[0] && k[1] > (a[1] ?? ''))) : 0;
      const start = from < 0 ? keyed.length : from;
      const items = keyed.slice(start, start + limit);
      const last = items.at(-1);
      return { items: items.map((x) => x.r), next: start + limit < keyed.length && last ? encodeCursor({ list, key: [...last.k] }) : null };
    };
    const probe = documentCounts(template, row, column, year, { id: '', kind: 'other', state: 'draft', writtenOn: null, publishedOn: null, validity: 'valid', validityOn: null });
    if (probe !== null) {
      const documents = (await deps.catalog.documentFacts(org.value.ids)).filter((d) => documentCounts(template, row, column, year, d) === true);
      const paged = pageOf(documents, (d) => d.publishedOn ?? d.writtenOn ?? '');
      return { ok: true, value: { table: 'proactive', total: documents.length, documents: paged.items, next: paged.next } };
    }
    if (decisionCounts(template, row, column, year, { id: '', kind: 'licensing', matter: '', decidedOn: `${year}-01-01`, amountFen: null }) !== null) {
      const decisions = (await deps.catalog.decisionFacts(org.value.ids, year - 1, year)).filter((x) => decisionCounts(template, row, column, year, x) === true);
      const paged = pageOf(decisions, (x) => x.decidedOn);
      return { ok: true, value: { table: 'proactive', total: decisions.length, decisions: paged.items, next: paged.next } };
    }
  }
  return bad;
}
