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

/**
 * The national cells of a template in one fixed order (every table's tableCells in TABLE_KEYS order, local variant
 * columns left out: they do not add across organisations): a report as a vector.
 */
export function templateCellDefs(template: TemplateId): readonly CellDef[] {
  let defs = CELL_DEFS.get(template);
  if (!defs) {
    defs = TABLE_KEYS.flatMap((k) => tableCells(TEMPLATES[template], k)).filter((c) => !c.column.variant);
    CELL_DEFS.set(template, defs);
  }
  return defs;
}
const CELL_DEFS = new Map<TemplateId, readonly CellDef[]>();

/** A report's cells as a vector in templateCellDefs order (what the season stores beside each frozen report). */
export function cellVector(report: AnnualReport): Cell[] {
  return templateCellDefs(report.template).map((c) => cellValue(report, c));
}

/** One organisation's report taking part in the roll-up: the report, or its cells as a vector (cellVector). */
export type Contributor = {
  /** The organisation's name as the roll-up names it. */
  readonly name: string;
  /** Where the report came from (an imported file, the platform's cases), for the drill-down. */
  readonly source?: string;
} & ({ readonly report: AnnualReport } | { readonly year: number | null; readonly template: TemplateId; readonly cells: readonly Cell[] });

/** Each included contributor's value of one cell (null: blank in that report). */
export interface Contributions {
  get(path: string): readonly { readonly name: string; readonly value: Cell }[] | undefined;
}

export interface RollUp {
  readonly report: AnnualReport;
  /** Per cell path: each included contributor's value, computed when asked (an area may have 20,000). */
  readonly contributions: Contributions;
  /** rollup.blank per contributor with blank cells; rollup.excluded per report left out. */
  readonly findings: readonly Finding[];
  readonly included: readonly string[];
}

/** Amounts keep the template's four decimals; counts are integers already. */
const round = (v: number): number => Math.round(v * 10000) / 10000;

/** Roll up `contributors` into the report of `organization` for `year` in `template`. */
export function rollUp(organization: string, year: number, template: TemplateId, contributors: readonly Contributor[]): RollUp {
  const findings: Finding[] = [];
  const vectors = contributors.map((c) => ('report' in c ? { name: c.name, year: c.report.year, template: c.report.template, cells: cellVector(c.report) } : c));
  const included = vectors.filter((c) => {
    const why = c.year !== year ? { zh: `年度为 ${c.year ?? '未知'}，不是 ${year}`, en: `its year is ${c.year ?? 'unknown'}, not ${year}` } : c.template !== template ? { zh: `使用 ${c.template} 版模板，与 ${template} 版不能相加`, en: `template ${c.template} does not add to ${template}` } : null;
    if (why) findings.push(violation('rollup.excluded', [], { zh: `${c.name}：${why.zh}`, en: `${c.name}: ${why.en}` }));
    return why === null;
  });
  const defs = templateCellDefs(template);
  const index = new Map(defs.map((d, i) => [d.path, i]));
  const sums = defs.map((_, i) => {
    if (included.length === 0) return null;
    let sum = 0;
    for (const c of included) {
      const v = c.cells[i];
      if (v === null || v === undefined) return null;
      sum += v;
    }
    return round(sum);
  });
  for (const c of included) {
    if (c.cells.length >= defs.length && !c.cells.includes(null)) continue;
    const blank = defs.filter((_, i) => c.cells[i] === null || c.cells[i] === undefined).map((d) => d.path);
    if (blank.length > 0) findings.push(violation('rollup.blank', blank, { zh: `${c.name} 有 ${blank.length} 个单元格为空，这些单元格的合计为空`, en: `${c.name} leaves ${blank.length} cells blank; their totals are blank` }));
  }
  const fill = (cell: CellDef): Cell => sums[index.get(cell.path) ?? -1] ?? null;
  const t = TEMPLATES[template];
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, buildTable(t, k, fill)]));
  const contributions: Contributions = {
    get: (path) => {
      const i = index.get(path);
      return i === undefined ? undefined : included.map((c) => ({ name: c.name, value: c.cells[i] ?? null }));
    },
  };
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
  return { report, contributions, findings, included: included.map((c) => c.name) };
}
