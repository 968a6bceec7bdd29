/**
 * What every rule sees: the report, its template, last year's report (if given) and cell lookups by path.
 * Also the one equation checker used by every arithmetic rule, so "a blank cell makes a rule uncheckable" is
 * implemented once.
 */
import { uncheckable, violation, type Finding, type RuleCode } from '../findings.ts';
import { cellValue, templateOf, type AnnualReport, type Cell } from '../model.ts';
import { TABLE_KEYS, tableCells, type CellDef, type ReportTemplate, type TableKey } from '../templates/index.ts';

export interface RuleContext {
  readonly report: AnnualReport;
  readonly template: ReportTemplate;
  /** Last year's report of the same organisation, only when its year is report.year − 1. */
  readonly previous: AnnualReport | null;
  /** Value of a cell by full path; undefined when the template has no such cell. */
  readonly value: (path: string) => Cell | undefined;
  /** Value of a cell of last year's report by full path (undefined without previous or cell). */
  readonly previousValue: (path: string) => Cell | undefined;
}

export type Rule = (ctx: RuleContext) => Finding[];

const indexCache = new WeakMap<ReportTemplate, Map<string, CellDef>>();

/** All cells of a template by full path. */
export function cellIndex(template: ReportTemplate): Map<string, CellDef> {
  let index = indexCache.get(template);
  if (!index) {
    index = new Map(TABLE_KEYS.flatMap((t) => tableCells(template, t).map((c) => [c.path, c] as const)));
    indexCache.set(template, index);
  }
  return index;
}

function valueLookup(report: AnnualReport | null): (path: string) => Cell | undefined {
  if (!report) return () => undefined;
  const index = cellIndex(templateOf(report));
  return (path) => {
    const def = index.get(path);
    return def ? cellValue(report, def) : undefined;
  };
}

export function makeContext(report: AnnualReport, previous: AnnualReport | null): RuleContext {
  const prev = previous && report.year !== null && previous.year === report.year - 1 ? previous : null;
  return {
    report,
    template: templateOf(report),
    previous: prev,
    value: valueLookup(report),
    previousValue: valueLookup(prev),
  };
}

export const tablePresent = (ctx: RuleContext, table: TableKey): boolean => ctx.report[table] !== null;

/** Render a sum's non-zero terms for messages: "13+1+2". */
const termsText = (values: readonly number[]): string => {
  const shown = values.filter((v) => v !== 0);
  return shown.length === 0 ? '0' : shown.join('+');
};

const sumText = (values: readonly number[], sum: number): string =>
  values.filter((v) => v !== 0).length <= 1 ? String(sum) : `${termsText(values)} = ${sum}`;

/**
 * Check Σ lhs = Σ rhs over full cell paths. Blank cells make it uncheckable (reported, never passed).
 * The first path of `rhs` (the total) is named first in the finding so renderers highlight it.
 */
export function checkEquation(
  ctx: RuleContext,
  code: RuleCode,
  lhs: readonly string[],
  rhs: readonly string[],
  where: { zh: string; en: string; rhsZh?: string; rhsEn?: string },
): Finding[] {
  const cells = [...rhs, ...lhs];
  const blank = cells.filter((p) => ctx.value(p) === null);
  if (blank.length > 0) return [uncheckable(code, cells, blank)];
  const num = (p: string): number => ctx.value(p) ?? 0;
  const left = lhs.map(num);
  const right = rhs.map(num);
  const l = left.reduce((a, b) => a + b, 0);
  const r = right.reduce((a, b) => a + b, 0);
  if (Math.abs(l - r) < 1e-9) return [];
  return [
    violation(
      code,
      cells,
      {
        zh: `${where.zh}为 ${sumText(left, l)}，但${where.rhsZh ?? '总计'}为 ${sumText(right, r)}`,
        en: `${where.en} is ${sumText(left, l)} but ${where.rhsEn ?? 'the total'} is ${sumText(right, r)}`,
      },
      { expected: l, actual: r },
    ),
  ];
}
