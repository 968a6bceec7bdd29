/**
 * The season dashboard of a 主管部门 (条例第四十九条、第五十条): every organisation of its subtree with the state of its
 * report for the year, its due date and days late, the error and warning counts of its frozen report, the cross-year
 * checks and anomaly flags against its previous year (core/season/anomalies.ts), and the figures the charts draw
 * (application results, the year-over-year totals). One query reads the latest version of every (organisation, year);
 * a report's summary is memoised by (organisation, year, version, updatedAt) — a frozen version never changes in
 * place without its updatedAt changing — so a dashboard over thousands of organisations is parsed and validated once.
 */
import type { Finding } from '../../core/annual-report/findings.ts';
import { cellValue, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { tableCells } from '../../core/annual-report/templates/index.ts';
import { validateReport } from '../../core/annual-report/validate.ts';
import type { IsoDate } from '../../core/calendar/dates.ts';
import { ANOMALY_DEFAULTS, crossYearChecks, type AnomalyOptions, type YearChecks } from '../../core/season/anomalies.ts';
import { daysLate, reportDue, type ReportState } from '../../core/season/lifecycle.ts';
import type { Organization } from '../organizations/ports.ts';
import type { SeasonRecord, SeasonRepository } from './reports.ts';

/** The application results drawn across organisations (table 三's result rows, totals column). */
export const RESULT_GROUPS = [
  { key: 'granted', zh: '予以公开', rows: ['granted'] },
  { key: 'partiallyGranted', zh: '部分公开', rows: ['partiallyGranted'] },
  { key: 'denied', zh: '不予公开', rows: ['denied'] },
  { key: 'unavailable', zh: '无法提供', rows: ['unavailable'] },
  { key: 'notProcessed', zh: '不予处理', rows: ['notProcessed'] },
  { key: 'otherHandling', zh: '其他处理', rows: ['otherHandling'] },
] as const;
export type ResultKey = (typeof RESULT_GROUPS)[number]['key'];

/** What the dashboard keeps of one frozen report. */
export interface ReportSummary {
  readonly report: AnnualReport | null;
  readonly errors: number;
  readonly warnings: number;
  /** 本年新收政府信息公开申请数量 (total); null when blank or unreadable. */
  readonly newReceived: number | null;
  readonly results: Readonly<Record<ResultKey, number | null>> | null;
}

export interface DashboardRow {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly state: ReportState;
  readonly version: number;
  readonly due: IsoDate;
  readonly daysLate: number;
  readonly submittedAt: string | null;
  readonly publishedAt: string | null;
  /** Findings of the frozen report (null: no frozen report yet). */
  readonly errors: number | null;
  readonly warnings: number | null;
  /** crossYear.* / T2.inForce violations and anomaly flags against the previous year. */
  readonly crossYear: readonly Finding[];
  readonly results: Readonly<Record<ResultKey, number | null>> | null;
  /** 本年新收申请 for each year shown (oldest first), null where no frozen report or a blank cell. */
  readonly totals: readonly { readonly year: number; readonly value: number | null }[];
}

export interface DashboardDeps {
  readonly season: Pick<SeasonRepository, 'latest'>;
  /** Memo of report summaries and cross-year findings; give one Map per process (the server's), or none. */
  readonly cache?: Map<string, unknown>;
}

/** A version whose report the dashboard reads: not a draft, not a withdrawn import (taken down: it counts for nothing). */
const frozen = (r: SeasonRecord | undefined): r is SeasonRecord & { report: string } => r !== undefined && r.report !== null && r.state !== 'draft' && r.state !== 'withdrawn';
const CACHE_LIMIT = 50_000;
const summaryKey = (r: SeasonRecord): string => `s|${r.organizationId}|${r.year}|${r.version}|${r.updatedAt}`;

function memo<T>(cache: Map<string, unknown> | undefined, key: string, make: () => T): T {
  if (!cache) return make();
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Summarise one frozen report: parse, validate alone (the cross-year rules are counted separately), headline figures. */
export function summarise(json: string): ReportSummary {
  const parsed = parseReportJson(json);
  if (!parsed.ok) return { report: null, errors: 1, warnings: 0, newReceived: null, results: null };
  const report = parsed.report as AnnualReport;
  const findings = validateReport(report).filter((f) => f.outcome === 'violation');
  const cells = tableCells(templateOf(report), 'applications').filter((c) => c.column.key === 'total');
  const sum = (row: string): number | null => {
    let s = 0;
    for (const c of cells.filter((x) => x.row[0] === row)) {
      const v = cellValue(report, c);
      if (v === null) return null;
      s += v;
    }
    return s;
  };
  const results = report.applications === null ? null : (Object.fromEntries(RESULT_GROUPS.map((g) => [g.key, sum(g.rows[0])])) as Record<ResultKey, number | null>);
  return {
    report,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    newReceived: report.applications === null ? null : sum('newReceived'),
    results,
  };
}

/**
 * The dashboard rows of `organizations` (the caller's subtree, already scoped) for `year`, comparing with the
 * `history` years before it (2 by default: three years of totals). Never throws (but a database error).
 */
export async function seasonDashboard(
  deps: DashboardDeps,
  input: { organizations: readonly Organization[]; year: number; today: IsoDate; options?: AnomalyOptions; history?: number },
): Promise<DashboardRow[]> {
  const history = input.history ?? 2;
  const years = Array.from({ length: history + 1 }, (_, i) => input.year - history + i);
  const ids = input.organizations.map((o) => o.id);
  // Without a memo, read the texts at once; with one, read only the texts of versions not summarised yet.
  let records = await deps.season.latest(ids, years, deps.cache === undefined);
  if (deps.cache) {
    const missing = new Set(records.filter((r) => frozen(r) && !deps.cache?.has(summaryKey(r))).map((r) => r.organizationId));
    if (missing.size > 0) {
      const full = new Map((await deps.season.latest([...missing], years, true)).map((r) => [`${r.organizationId}|${r.year}`, r]));
      records = records.map((r) => full.get(`${r.organizationId}|${r.year}`) ?? r);
    }
  }
  const byKey = new Map(records.map((r) => [`${r.organizationId}|${r.year}`, r]));
  const options = input.options ?? ANOMALY_DEFAULTS;
  const summaryOf = (r: SeasonRecord | undefined): ReportSummary | null =>
    // '' is a text not read (its summary was memoised); should the memo have been emptied since, show no summary.
    frozen(r) && (r.report !== '' || deps.cache?.has(summaryKey(r))) ? memo(deps.cache, summaryKey(r), () => summarise(r.report)) : null;
  return input.organizations.map((o): DashboardRow => {
    const record = byKey.get(`${o.id}|${input.year}`);
    const state = record?.state ?? 'draft';
    const due = reportDue(input.year, o.kind);
    const current = summaryOf(record);
    const previousRecord = byKey.get(`${o.id}|${input.year - 1}`);
    const previous = summaryOf(previousRecord);
    const crossYear =
      current?.report && previous?.report && record && previousRecord
        ? memo(deps.cache, `x|${o.id}|${input.year}|${record.version}|${record.updatedAt}|${previousRecord.version}|${previousRecord.updatedAt}|${options.factor}|${options.minimum}|${options.busy}`, () =>
            crossYearChecks([previous.report as AnnualReport, current.report as AnnualReport], options).flatMap((c) => c.findings),
          )
        : [];
    return {
      id: o.id,
      name: o.name,
      parentId: o.parentId,
      state,
      version: record?.version ?? 1,
      due,
      daysLate: daysLate(due, input.today, state),
      submittedAt: record?.submittedAt ?? null,
      publishedAt: record?.publishedAt ?? null,
      errors: current ? current.errors : null,
      warnings: current ? current.warnings : null,
      crossYear,
      results: current?.results ?? null,
      totals: years.map((y) => ({ year: y, value: summaryOf(byKey.get(`${o.id}|${y}`))?.newReceived ?? null })),
    };
  });
}

/** The dashboard's filters (all optional): state, late only, with findings (errors, warnings or cross-year), a name. */
export interface DashboardFilter {
  readonly state?: ReportState | null;
  readonly late?: boolean;
  readonly flagged?: boolean;
  readonly q?: string | null;
}

/** Rows passing `filter`. Never throws. */
export function filterRows(rows: readonly DashboardRow[], filter: DashboardFilter): DashboardRow[] {
  const q = (filter.q ?? '').trim();
  return rows.filter(
    (r) =>
      (!filter.state || r.state === filter.state) &&
      (!filter.late || r.daysLate > 0) &&
      (!filter.flagged || (r.errors ?? 0) > 0 || (r.warnings ?? 0) > 0 || r.crossYear.length > 0) &&
      (q === '' || r.name.includes(q)),
  );
}

/** Cumulative submissions by day (the date part of submittedAt, in UTC+8 as the offices count days). Never throws. */
export function submissionsOverTime(rows: readonly DashboardRow[]): { date: IsoDate; count: number; cumulative: number }[] {
  const perDay = new Map<string, number>();
  for (const r of rows) {
    if (!r.submittedAt) continue;
    const t = Date.parse(r.submittedAt);
    if (Number.isNaN(t)) continue;
    const day = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  let cumulative = 0;
  return [...perDay.keys()].sort().map((date) => {
    const count = perDay.get(date) ?? 0;
    cumulative += count;
    return { date, count, cumulative };
  });
}

/**
 * Every year of one organisation compared with the year before (its latest frozen version of each year).
 * Never throws (but a database error).
 */
export async function organizationSeasonChecks(deps: DashboardDeps, organizationId: string, options: AnomalyOptions = ANOMALY_DEFAULTS): Promise<YearChecks[]> {
  const records = (await deps.season.latest([organizationId], null)).filter(frozen);
  const reports = records.map((r) => memo(deps.cache, `s|${r.organizationId}|${r.year}|${r.version}|${r.updatedAt}`, () => summarise(r.report)).report).filter((r): r is AnnualReport => r !== null);
  return crossYearChecks(reports, options);
}
