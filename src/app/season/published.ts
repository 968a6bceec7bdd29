/**
 * The public 年报 column (条例第五十条: each body publishes its annual report; a government its area's): every
 * organisation's published reports by year, each version kept (a correction is a new version with its 更正说明, and
 * the first stays public), an organisation's years compared side by side, and for a government the reports of the
 * organisations of its area. Reads only published versions: a draft, a submission or a return is never public.
 */
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { parseProvenance } from '../../core/annual-report/import/provenance.ts';
import type { CellProvenance } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { HEADLINES, headlineValue, tableCount } from '../../core/season/anomalies.ts';
import { TABLE_KEYS, TABLE_NUMBER } from '../../core/annual-report/templates/index.ts';
import type { Organization, OrganizationRepository } from '../organizations/ports.ts';
import { inTreeOrder } from '../organizations/tree.ts';
import type { SeasonRecord, SeasonRepository } from './reports.ts';

export interface PublishedDeps {
  readonly organizations: Pick<OrganizationRepository, 'list' | 'get' | 'subtreeIds'>;
  readonly season: Pick<SeasonRepository, 'published'>;
}

/** One organisation of the column: where it sits in the tree and the years it published (newest first). */
export interface ColumnEntry {
  readonly organization: Organization;
  readonly depth: number;
  readonly years: readonly number[];
}

/** The column over `rootId`'s subtree (null: every organisation), in tree order. */
export async function publishedColumn(deps: PublishedDeps, rootId: string | null): Promise<ColumnEntry[]> {
  const all = await deps.organizations.list();
  const inTree = rootId === null ? null : new Set(await deps.organizations.subtreeIds(rootId));
  const orgs = inTree ? all.filter((o) => inTree.has(o.id)) : all;
  const years = new Map<string, Set<number>>();
  for (const r of await deps.season.published(orgs.map((o) => o.id), false)) years.set(r.organizationId, (years.get(r.organizationId) ?? new Set()).add(r.year));
  return inTreeOrder(orgs).map(({ organization, depth }) => ({ organization, depth, years: [...(years.get(organization.id) ?? [])].sort((a, b) => b - a) }));
}

/** A headline figure over the years (oldest first); null where blank or not published. */
export interface ComparisonRow {
  readonly zh: string;
  readonly values: readonly (number | null)[];
}

export interface OrganizationReports {
  readonly organization: Organization;
  /** Each year's published versions, newest year first, newest version first. */
  readonly years: readonly { readonly year: number; readonly versions: readonly SeasonRecord[] }[];
  /** The years compared (oldest first, each year's newest version) and the figures. */
  readonly comparison: { readonly years: readonly number[]; readonly rows: readonly ComparisonRow[] };
  /** For an organisation with others below it: their column entries (its area). */
  readonly area: readonly ColumnEntry[];
}

/** The headline figures and each table's sum of counts, for the comparison of years. */
export function comparisonRows(reports: readonly AnnualReport[]): ComparisonRow[] {
  return [
    ...HEADLINES.map((h) => ({ zh: h.zh, values: reports.map((r) => headlineValue(r, h.path)) })),
    ...TABLE_KEYS.map((t) => ({ zh: `表${TABLE_NUMBER[t]}各项数量之和`, values: reports.map((r) => tableCount(r, t)) })),
  ];
}

/** An organisation's published reports, or null when it does not exist. */
export async function organizationReports(deps: PublishedDeps, organizationId: string): Promise<OrganizationReports | null> {
  const organization = await deps.organizations.get(organizationId);
  if (!organization) return null;
  const records = await deps.season.published([organizationId], true);
  const byYear = new Map<number, SeasonRecord[]>();
  for (const r of records) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  const years = [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, versions]) => ({ year, versions }));
  const compared = [...years].reverse().flatMap(({ year, versions }) => {
    const parsed = parseReportJson(versions[0]?.report ?? '');
    return parsed.ok ? [{ year, report: parsed.report as AnnualReport }] : [];
  });
  const area = (await publishedColumn(deps, organizationId)).filter((e) => e.organization.id !== organizationId);
  return { organization, years, comparison: { years: compared.map((c) => c.year), rows: comparisonRows(compared.map((c) => c.report)) }, area };
}

export interface PublishedReport {
  readonly organization: Organization;
  readonly record: SeasonRecord;
  readonly report: AnnualReport;
  readonly provenance: readonly CellProvenance[] | null;
  /** Every published version of the year (newest first), for the version switch. */
  readonly versions: readonly SeasonRecord[];
}

/** One published version (the newest when `version` is null), or null when there is none. */
export async function publishedReport(deps: PublishedDeps, organizationId: string, year: number, version: number | null): Promise<PublishedReport | null> {
  const organization = await deps.organizations.get(organizationId);
  if (!organization) return null;
  const versions = (await deps.season.published([organizationId], true)).filter((r) => r.year === year);
  const record = version === null ? versions[0] : versions.find((r) => r.version === version);
  if (!record) return null;
  const parsed = parseReportJson(record.report ?? '');
  if (!parsed.ok) return null;
  const report = parsed.report as AnnualReport;
  return { organization, record, report, provenance: record.provenance ? parseProvenance(record.provenance, report) : null, versions };
}
