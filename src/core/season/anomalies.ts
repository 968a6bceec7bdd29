/**
 * Cross-year checks of one organisation over its consecutive years (spec/annual-report.md: crossYear.carry,
 * crossYear.items, T2.inForce, crossYear.jump — the validator's own rules, run here on every pair of consecutive years)
 * and the season's anomaly flags, which an area's 主管部门 reads across all its organisations:
 * - anomaly.jump: a headline figure (申请数, 复议数, 诉讼数, each table's sum) more than `factor` times last year's or
 *   less than 1/`factor` of it, both at least `minimum` — the factor is a setting, unlike crossYear.jump's fixed 5;
 * - anomaly.zeroAfterBusy: a table printed all zero after a year in which its counts summed to at least `busy`.
 * Blank cells are unknowns: a sum over a blank is not compared. Pure.
 */
import { violation, type Finding } from '../annual-report/findings.ts';
import { cellValue, templateOf, type AnnualReport } from '../annual-report/model.ts';
import { CROSS_YEAR_RULES } from '../annual-report/rules/cross-year.ts';
import { makeContext } from '../annual-report/rules/context.ts';
import { TABLE_KEYS, TABLE_NUMBER, tableCells, type TableKey } from '../annual-report/templates/index.ts';

export interface AnomalyOptions {
  /** A headline figure is flagged when it grows more than `factor`× or falls below 1/`factor` of last year's. */
  readonly factor: number;
  /** Both years' figures must be at least this for a jump to count (small numbers move a lot). */
  readonly minimum: number;
  /** A table all zero is flagged when last year's counts summed to at least this. */
  readonly busy: number;
}

/** Defaults: the spec's crossYear.jump thresholds (5×, both ≥ 10); a busy year is 10 or more. */
export const ANOMALY_DEFAULTS: AnomalyOptions = { factor: 5, minimum: 10, busy: 10 };

/** Headline figures compared year on year, in both templates (also the public column's comparison of years). */
export const HEADLINES: readonly { readonly path: string; readonly zh: string }[] = [
  { path: 'applications.newReceived.total', zh: '本年新收政府信息公开申请数量' },
  { path: 'applications.total.total', zh: '办理结果总计' },
  { path: 'reviewLitigation.review.total', zh: '行政复议总计' },
  { path: 'reviewLitigation.litigationDirect.total', zh: '未经复议直接起诉总计' },
  { path: 'reviewLitigation.litigationAfterReview.total', zh: '复议后起诉总计' },
];

/** The sum of a table's count cells (amounts and variant columns left out); null when a cell is blank or the table absent. */
export function tableCount(report: AnnualReport, table: TableKey): number | null {
  if (report[table] === null) return null;
  let sum = 0;
  for (const c of tableCells(templateOf(report), table)) {
    if (c.column.kind !== 'count' || c.column.variant) continue;
    const v = cellValue(report, c);
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** A headline figure's cell of the report (null: blank, or not in its template). */
export const headlineValue = (report: AnnualReport, path: string): number | null => {
  const def = tableCells(templateOf(report), path.split('.')[0] as TableKey).find((c) => c.path === path);
  return def ? cellValue(report, def) : null;
};

/** The anomaly flags of `current` against `previous` (its year − 1). Never throws. */
export function anomalies(current: AnnualReport, previous: AnnualReport, options: AnomalyOptions = ANOMALY_DEFAULTS): Finding[] {
  if (current.year === null || previous.year !== current.year - 1) return [];
  const out: Finding[] = [];
  const compare = (now: number | null, before: number | null, cells: readonly string[], zh: string, en: string): void => {
    if (now === null || before === null || now < options.minimum || before < options.minimum) return;
    if (now <= before * options.factor && now * options.factor >= before) return;
    out.push(violation('anomaly.jump', cells, { zh: `${zh}由 ${before} 变为 ${now}（设定倍数 ${options.factor}）`, en: `${en} went from ${before} to ${now} (factor ${options.factor})` }, { expected: before, actual: now }));
  };
  for (const h of HEADLINES) compare(headlineValue(current, h.path), headlineValue(previous, h.path), [h.path], h.zh, h.path);
  for (const t of TABLE_KEYS) {
    const now = tableCount(current, t);
    const before = tableCount(previous, t);
    if (current.template === previous.template) compare(now, before, [t], `表${TABLE_NUMBER[t]}各项数量之和`, `the counts of ${t}`);
    if (now === 0 && before !== null && before >= options.busy) {
      out.push(violation('anomaly.zeroAfterBusy', [t], { zh: `表${TABLE_NUMBER[t]}本年全部为 0，上一年度合计 ${before}`, en: `${t} is all zero; last year it summed to ${before}` }, { expected: `> 0`, actual: 0 }));
    }
  }
  return out;
}

/** One year of an organisation's findings over consecutive years. */
export interface YearChecks {
  readonly year: number;
  /** The year compared with (year − 1); null when that year's report is missing. */
  readonly previousYear: number | null;
  readonly findings: readonly Finding[];
}

/**
 * Every consecutive pair of an organisation's reports: the validator's cross-year rules and the anomaly flags.
 * `reports` may come in any order; a year without its predecessor is listed with no comparison. Never throws.
 */
export function crossYearChecks(reports: readonly AnnualReport[], options: AnomalyOptions = ANOMALY_DEFAULTS): YearChecks[] {
  const byYear = new Map<number, AnnualReport>();
  for (const r of reports) if (r.year !== null) byYear.set(r.year, r);
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const current = byYear.get(year) as AnnualReport;
      const previous = byYear.get(year - 1);
      if (!previous) return { year, previousYear: null, findings: [] };
      const ctx = makeContext(current, previous);
      return { year, previousYear: year - 1, findings: [...CROSS_YEAR_RULES.flatMap((rule) => rule(ctx)).filter((f) => f.outcome === 'violation'), ...anomalies(current, previous, options)] };
    });
}

/** Parse `factor` etc. from a query or a flag: a number above 1 for the factor, a non-negative integer otherwise; else the default. */
export function anomalyOptions(input: { factor?: string | null; minimum?: string | null; busy?: string | null }): AnomalyOptions {
  const num = (s: string | null | undefined, ok: (n: number) => boolean, fallback: number): number => {
    const n = s == null || s.trim() === '' ? NaN : Number(s);
    return Number.isFinite(n) && ok(n) ? n : fallback;
  };
  return {
    factor: num(input.factor, (n) => n > 1 && n <= 1000, ANOMALY_DEFAULTS.factor),
    minimum: num(input.minimum, (n) => Number.isInteger(n) && n >= 0, ANOMALY_DEFAULTS.minimum),
    busy: num(input.busy, (n) => Number.isInteger(n) && n >= 1, ANOMALY_DEFAULTS.busy),
  };
}
