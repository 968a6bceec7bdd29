/**
 * Live arithmetic checks written beside each table of the workbook (spec/annual-report.md "Arithmetic rules"), so a
 * cell edited in Excel or WPS re-checks itself: T3.columns, T3.results, T3.balance and T4.sum — read from
 * core/annual-report/equations.ts, the list the validator checks — and, for the 2019 table 二, T2.published.
 * Each check is an IF() formula that says “无法校验” when a cell it needs is blank or not a number (a blank is an
 * unknown, never a zero), with the same result computed here and cached in the file for viewers that do not
 * recalculate. The validator (core/annual-report/rules) stays the authority; these are an editing aid.
 */
import { tableEquations, type Equation } from '../../core/annual-report/equations.ts';
import { RULES, type RuleCode } from '../../core/annual-report/findings.ts';
import type { Cell } from '../../core/annual-report/model.ts';
import type { PlacedCell, TableLayout } from '../../core/annual-report/layout.ts';
import type { ReportTemplate } from '../../core/annual-report/templates/index.ts';
import { address, gridToSheet } from './shape.ts';

/** What a check cell shows when its rule holds. */
export const CHECK_OK = '✓';
/** What a check cell shows when a cell its rule needs is blank or not a number. */
export const CHECK_UNKNOWN = '无法校验';
const FAIL = { eq: '✗ 不平衡', le: '✗ 大于总数' } as const;

/** A merged text cell of the check area (rule code + its Chinese meaning). 1-based, inclusive. */
export interface CheckLabel {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly text: string;
}

/** A formula cell (possibly merged over `left`…`right`) with the result computed in TS. */
export interface CheckCell {
  readonly row: number;
  readonly left: number;
  readonly right: number;
  readonly code: RuleCode;
  readonly formula: string;
  readonly result: string;
  /** Report paths of the cells the check reads (left-hand side first). */
  readonly paths: readonly string[];
}

export interface CheckPlan {
  readonly labels: readonly CheckLabel[];
  readonly cells: readonly CheckCell[];
}

interface Pos {
  readonly path: string;
  readonly row: number;
  readonly col: number;
  readonly value: Cell;
}

/** Header text of a rule: its code, then what it means in Chinese (from the one rule registry). */
export function ruleTitle(code: RuleCode): string {
  return `${code}\n${RULES[code].zh}`;
}

/** Compress sheet cells into A1 references, joining runs down a column or along a row into ranges. */
function refs(cells: readonly Pos[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < cells.length) {
    const start = cells[i] as Pos;
    const second = cells[i + 1];
    const dr = second ? second.row - start.row : 0;
    const dc = second ? second.col - start.col : 0;
    let j = i;
    if (dr + dc === 1 && dr * dc === 0) {
      const steps = (k: number): boolean => {
        const a = cells[k];
        const b = cells[k + 1];
        return a !== undefined && b !== undefined && b.row - a.row === dr && b.col - a.col === dc;
      };
      while (steps(j)) j += 1;
    }
    const end = cells[j] as Pos;
    out.push(j > i ? `${address(start.row, start.col)}:${address(end.row, end.col)}` : address(start.row, start.col));
    i = j + 1;
  }
  return out.join(',');
}

function sumExpr(cells: readonly Pos[]): string {
  const only = cells[0];
  return cells.length === 1 && only ? address(only.row, only.col) : `SUM(${refs(cells)})`;
}

function sum(cells: readonly Pos[]): number {
  return cells.reduce((s, c) => s + (c.value ?? 0), 0);
}

/** The check cell for `lhs (= or <=) rhs`, placed at row/left…right. */
function check(
  code: RuleCode,
  lhs: readonly Pos[],
  rhs: readonly Pos[],
  relation: 'eq' | 'le',
  at: { row: number; left: number; right?: number },
): CheckCell {
  const all = [...lhs, ...rhs];
  const op = relation === 'eq' ? '=' : '<=';
  const formula =
    `IF(COUNT(${refs(all)})<${all.length},"${CHECK_UNKNOWN}",` +
    `IF(${sumExpr(lhs)}${op}${sumExpr(rhs)},"${CHECK_OK}","${FAIL[relation]}"))`;
  let result: string;
  if (all.some((c) => c.value === null)) result = CHECK_UNKNOWN;
  else {
    // The validator's tolerance (rules/context.ts checkEquation), so both say the same of the same numbers.
    const holds = relation === 'eq' ? Math.abs(sum(lhs) - sum(rhs)) < 1e-9 : sum(lhs) <= sum(rhs);
    result = holds ? CHECK_OK : FAIL[relation];
  }
  return { row: at.row, left: at.left, right: at.right ?? at.left, code, formula, result, paths: all.map((c) => c.path) };
}

/** Sheet positions of the value cells of a placed layout, keyed by full cell path. */
function positions(placed: readonly PlacedCell[]): Map<string, Pos> {
  const out = new Map<string, Pos>();
  for (const p of placed) {
    if (p.cell.kind !== 'value') continue;
    const { row, col } = gridToSheet(p.row, p.col);
    out.set(p.cell.cell.path, { path: p.cell.cell.path, row, col, value: p.cell.value });
  }
  return out;
}

function pick(pos: Map<string, Pos>, paths: readonly string[]): Pos[] {
  return paths.map((p) => pos.get(p)).filter((p): p is Pos => p !== undefined);
}

/** The equations of one rule, each with its parts and total(s) placed on the sheet. */
function placedEquations(template: ReportTemplate, pos: Map<string, Pos>, code: Equation['code']) {
  return tableEquations(template)
    .filter((e) => e.code === code)
    .map((e) => ({ lhs: pick(pos, e.lhs), rhs: pick(pos, e.rhs) }))
    .filter((e) => e.rhs[0] !== undefined);
}

function applicationsChecks(template: ReportTemplate, layout: TableLayout, pos: Map<string, Pos>): CheckPlan {
  const headRows = layout.rows.filter((r) => r.kind === 'head').length;
  // T3.columns: a check column right of the table (one spacer column between), one cell per row.
  const checkCol = gridToSheet(0, layout.width + 1).col;
  const below = (n: number) => gridToSheet(layout.rows.length + n, 0).row;
  const labelRight = gridToSheet(0, 2).col;
  const labels: CheckLabel[] = [
    { top: gridToSheet(0, 0).row, bottom: gridToSheet(headRows - 1, 0).row, left: checkCol, right: checkCol, text: ruleTitle('T3.columns') },
    // T3.results and T3.balance: one check row each below the table, one cell under each column.
    { top: below(1), bottom: below(1), left: 1, right: labelRight, text: ruleTitle('T3.results') },
    { top: below(2), bottom: below(2), left: 1, right: labelRight, text: ruleTitle('T3.balance') },
  ];
  const cells: CheckCell[] = [
    ...placedEquations(template, pos, 'T3.columns').map((e) => check('T3.columns', e.lhs, e.rhs, 'eq', { row: e.rhs[0]?.row ?? 0, left: checkCol })),
    ...placedEquations(template, pos, 'T3.results').map((e) => check('T3.results', e.lhs, e.rhs, 'eq', { row: below(1), left: e.rhs[0]?.col ?? 0 })),
    ...placedEquations(template, pos, 'T3.balance').map((e) => check('T3.balance', e.lhs, e.rhs, 'eq', { row: below(2), left: e.rhs[0]?.col ?? 0 })),
  ];
  return { labels, cells };
}

/** T4.sum: a labelled row below the table, then one check per group, merged across the group's five columns. */
function reviewChecks(template: ReportTemplate, layout: TableLayout, pos: Map<string, Pos>): CheckPlan {
  const labelRow = gridToSheet(layout.rows.length + 1, 0).row;
  const labels: CheckLabel[] = [{ top: labelRow, bottom: labelRow, left: 1, right: layout.width, text: ruleTitle('T4.sum') }];
  const cells = placedEquations(template, pos, 'T4.sum').map((e) => {
    const cols = [...e.lhs, ...e.rhs].map((p) => p.col);
    return check('T4.sum', e.lhs, e.rhs, 'eq', { row: labelRow + 1, left: Math.min(...cols), right: Math.max(...cols) });
  });
  return { labels, cells };
}

/** 2019 table 二 only: published this year cannot exceed the total published (rows that carry both columns). */
function proactiveChecks(layout: TableLayout, pos: Map<string, Pos>): CheckPlan {
  const checkCol = gridToSheet(0, layout.width + 1).col;
  const cells: CheckCell[] = [];
  for (const r of layout.rows) {
    if (r.kind !== 'data' || !r.row) continue;
    const base = ['proactive', ...r.row].join('.');
    const published = pick(pos, [`${base}.published`]);
    const total = pick(pos, [`${base}.total`]);
    const row = total[0]?.row;
    if (published.length === 1 && row !== undefined) cells.push(check('T2.published', published, total, 'le', { row, left: checkCol }));
  }
  const first = cells[0];
  if (!first) return { labels: [], cells };
  // The header sits on the group's title and column-header rows, just above the first checked row.
  return { labels: [{ top: first.row - 2, bottom: first.row - 1, left: checkCol, right: checkCol, text: ruleTitle('T2.published') }], cells };
}

/** The check area of one table: labels and formula cells, in worksheet coordinates. */
export function checkPlan(template: ReportTemplate, layout: TableLayout, placed: readonly PlacedCell[]): CheckPlan {
  const pos = positions(placed);
  if (layout.table === 'applications') return applicationsChecks(template, layout, pos);
  if (layout.table === 'reviewLitigation') return reviewChecks(template, layout, pos);
  return proactiveChecks(layout, pos);
}
