/**
 * The area's tables summed from its organisations' reports (条例第五十条: a government publishes its area's report;
 * seed 002 is such a report): each cell is the sum when every contributor prints it, otherwise null — with a finding
 * naming the organisation that leaves it blank, since a sum over an unknown is unknown. Every cell keeps each
 * contributor's value, so the roll-up drills down to who contributed what. Reports of another year or template are
 * left out with a finding (the 2019 and 2021 templates' tables do not add). Pure.
 */
import { violation, type Finding } from '../annual-report/findings.ts';
import { buildTable, cellValue, REPORT_SCHEMA, type AnnualReport, type Cell } from '../annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells, type CellDef, type TemplateId } from '../annual-report/templates/index.ts';

/** One organisation's report taking part in the roll-up. */
export interface Contributor {
  /** The organisation's name as the roll-up names it. */
  readonly name: string;
  readonly report: AnnualReport;
  /** Where the report came from (an imported file, the platform's cases), for the drill-down. */
  readonly source?: string;
}

export interface RollUp {
  readonly report: AnnualReport;
  /** Per cell path: each included contributor's value (null: blank in that report). */
  readonly contributions: ReadonlyMap<string, readonly { readonly name: string; readonly value: Cell }[]>;
  /** rollup.blank per contributor with blank cells; rollup.excluded per report left out. */
  readonly findings: readonly Finding[];
  readonly included: readonly string[];
}

/** Amounts keep the template's four decimals; counts are integers already. */
const round = (v: number): number => Math.round(v * 10000) / 10000;

/** Roll up `contributors` into the report of `organization` for `year` in `template`. */
export function rollUp(organization: string, year: number, template: TemplateId, contributors: readonly Contributor[]): RollUp {
  const findings: Finding[] = [];
  const included = contributors.filter((c) => {
    const why = c.report.year !== year ? { zh: `年度为 ${c.report.year ?? '未知'}，不是 ${year}`, en: `its year is ${c.report.year ?? 'unknown'}, not ${year}` } : c.report.template !== template ? { zh: `使用 ${c.report.template} 版模板，与 ${template} 版不能相加`, en: `template ${c.report.template} does not add to ${template}` } : null;
    if (why) findings.push(violation('rollup.excluded', [], { zh: `${c.name}：${why.zh}`, en: `${c.name}: ${why.en}` }));
    return why === null;
  });
  const contributions = new Map<string, { name: string; value: Cell }[]>();
  const blanks = new Map<string, string[]>();
  const t = TEMPLATES[template];
  const fill = (cell: CellDef): Cell => {
    const values = included.map((c) => ({ name: c.name, value: cellValue(c.report, cell) }));
    contributions.set(cell.path, values);
    for (const v of values) if (v.value === null) blanks.set(v.name, [...(blanks.get(v.name) ?? []), cell.path]);
    if (values.length === 0 || values.some((v) => v.value === null)) return null;
    return round(values.reduce((s, v) => s + (v.value as number), 0));
  };
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, buildTable(t, k, fill)]));
  for (const [name, cells] of blanks) {
    findings.push(violation('rollup.blank', cells, { zh: `${name} 有 ${cells.length} 个单元格为空，这些单元格的合计为空`, en: `${name} leaves ${cells.length} cells blank; their totals are blank` }));
  }
  const report: AnnualReport = {
    schema: REPORT_SCHEMA,
    template,
    year,
    organization,
    proactive: tables.proactive ?? null,
    applications: tables.applications ?? null,
    reviewLitigation: tables.reviewLitigation ?? null,
    sections: { overview: null, problems: null, otherMatters: null },
    annotations: {},
  };
  // Cells are variant columns only where the template has them; tableCells lists them for the contributions.
  for (const k of TABLE_KEYS) for (const cell of tableCells(t, k)) if (!contributions.has(cell.path)) contributions.set(cell.path, []);
  return { report, contributions, findings, included: included.map((c) => c.name) };
}
