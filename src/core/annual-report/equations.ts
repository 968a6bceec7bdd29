/**
 * The arithmetic of tables 三 and 四 as data: each equation says Σ lhs = Σ rhs over full cell paths. The validator's
 * T3.balance / T3.results / T3.columns / T4.sum rules, the importer's recovery of lost cells and the XLSX check
 * formulas all read this one list (spec/annual-report.md "Arithmetic rules").
 */
import type { RuleCode } from './findings.ts';
import type { ReportTemplate } from './templates/index.ts';

export interface Equation {
  readonly code: Extract<RuleCode, 'T3.balance' | 'T3.results' | 'T3.columns' | 'T4.sum'>;
  /** The parts (e.g. the applicant columns of a row). */
  readonly lhs: readonly string[];
  /** The total(s) the parts must equal; rhs[0] is the cell to name first. */
  readonly rhs: readonly string[];
  /** What the equation is about, for messages: a column label or a row label. */
  readonly where: { readonly zh: string; readonly en: string };
}

const app = (row: readonly string[], column: string): string => ['applications', ...row, column].join('.');

const cache = new WeakMap<ReportTemplate, readonly Equation[]>();

/** Every equation of tables 三 and 四 of the template, in rule order. */
export function tableEquations(template: ReportTemplate): readonly Equation[] {
  const hit = cache.get(template);
  if (hit) return hit;
  const { columns, rows } = template.applications;
  const results = rows.filter((r) => r.level === 'result' && !r.isTotal);
  const parts = columns.filter((c) => c.key !== 'total');
  const out: Equation[] = [
    ...columns.map((c) => ({
      code: 'T3.balance' as const,
      lhs: [app(['newReceived'], c.key), app(['carriedOver'], c.key)],
      rhs: [app(['total'], c.key), app(['carriedForward'], c.key)],
      where: { zh: `“${c.label}”列`, en: `column ${c.key}` },
    })),
    ...columns.map((c) => ({
      code: 'T3.results' as const,
      lhs: results.map((r) => app(r.path, c.key)),
      rhs: [app(['total'], c.key)],
      where: { zh: `“${c.label}”列`, en: `column ${c.key}` },
    })),
    ...rows.map((r) => ({
      code: 'T3.columns' as const,
      lhs: parts.map((c) => app(r.path, c.key)),
      rhs: [app(r.path, 'total')],
      where: { zh: `“${r.group ? r.group.label : ''}${r.label}”行`, en: `row ${r.path.join('.')}` },
    })),
  ];
  const { groups, columns: reviewColumns } = template.reviewLitigation;
  const outcomes = reviewColumns.filter((c) => c.key !== 'total');
  for (const g of groups) {
    out.push({
      code: 'T4.sum',
      lhs: outcomes.map((c) => `reviewLitigation.${g.key}.${c.key}`),
      rhs: [`reviewLitigation.${g.key}.total`],
      where: { zh: `“${g.parentLabel ?? ''}${g.label}”`, en: g.key },
    });
  }
  cache.set(template, out);
  return out;
}
