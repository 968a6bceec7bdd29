/**
 * Cell-level rules: counts are non-negative integers (count.nonNegative), amounts in 万元 are non-negative and keep
 * the template's decimals (amount.format), blank cells of 三/四 are counted (cells.blank — a blank is an unknown,
 * never a zero), and absent tables are reported (missing.section).
 */
import { uncheckable, violation, type Finding } from '../findings.ts';
import { cellValue } from '../model.ts';
import { TABLE_KEYS, TABLE_NUMBER, tableCells, type TableKey } from '../templates/index.ts';
import type { Rule } from './context.ts';

/** count.nonNegative: every count cell (本年增/减 excepted: it is signed) is an integer >= 0. */
export const nonNegative: Rule = (ctx) =>
  TABLE_KEYS.flatMap((table) =>
    tableCells(ctx.template, table)
      .filter((c) => c.column.kind === 'count')
      .flatMap((c): Finding[] => {
        const v = cellValue(ctx.report, c);
        if (v === null || (v >= 0 && Number.isInteger(v))) return [];
        return [
          violation(
            'count.nonNegative',
            [c.path],
            { zh: `${c.rowLabel}“${c.column.label}”为 ${v}`, en: `${c.path} is ${v}` },
            { expected: '>= 0', actual: v },
          ),
        ];
      }),
  );

/** Decimals printed in a number (1319.024 → 3). */
function decimals(v: number): number {
  const s = String(v);
  if (s.includes('e')) return Number.POSITIVE_INFINITY;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** amount.format: amounts (万元) are >= 0; 2019 采购总金额 has at most 4 decimals. */
export const amountFormat: Rule = (ctx) =>
  tableCells(ctx.template, 'proactive')
    .filter((c) => c.column.kind === 'amount')
    .flatMap((c): Finding[] => {
      const v = cellValue(ctx.report, c);
      if (v === null) return [];
      const out: Finding[] = [];
      if (v < 0) {
        out.push(violation('amount.format', [c.path], { zh: `${c.rowLabel}金额为负数 ${v}`, en: `${c.path} is negative (${v})` }, { expected: '>= 0', actual: v }));
      }
      const max = c.column.maxDecimals;
      if (max !== undefined && decimals(v) > max) {
        out.push(
          violation(
            'amount.format',
            [c.path],
            { zh: `${c.rowLabel}金额 ${v} 超过${max}位小数`, en: `${c.path} = ${v} has more than ${max} decimals` },
            { expected: `<= ${max} decimals`, actual: v },
          ),
        );
      }
      return out;
    });

const BLANK_TABLES: readonly TableKey[] = ['applications', 'reviewLitigation'];

/** cells.blank: one finding per table 三/四 listing its blank cells. */
export const blankCells: Rule = (ctx) =>
  BLANK_TABLES.flatMap((table): Finding[] => {
    if (ctx.report[table] === null) return [];
    const blank = tableCells(ctx.template, table)
      .filter((c) => cellValue(ctx.report, c) === null)
      .map((c) => c.path);
    if (blank.length === 0) return [];
    return [
      violation(
        'cells.blank',
        blank,
        { zh: `表${TABLE_NUMBER[table]}有 ${blank.length} 个空白单元格`, en: `table ${TABLE_NUMBER[table]} has ${blank.length} blank cells` },
        { actual: blank.length },
      ),
    ];
  });

/** missing.section: a table the report lacks is reported, never treated as zeros. */
export const missingSection: Rule = (ctx) =>
  TABLE_KEYS.filter((t) => ctx.report[t] === null).map((t) => {
    const heading = ctx.template.sections.find((s) => s.key === t)?.heading ?? t;
    return violation('missing.section', [t], { zh: `缺少“${heading}”表格`, en: `table ${TABLE_NUMBER[t]} (${t}) is missing` });
  });

/**
 * template.year (spec): a report on 2021 or later in the 2019 template, or on 2020 or earlier in the 2021 template.
 * So a template that was replaced is flagged after its last year, and the current one before its first year; a 2018
 * report in the 2019 template is not this rule's concern.
 */
export const templateYear: Rule = (ctx) => {
  const { from, to } = ctx.template.years;
  const year = ctx.report.year;
  if (year === null) return [uncheckable('template.year', ['year'], ['year'])];
  if (to !== null ? year <= to : year >= from) return [];
  return [
    violation(
      'template.year',
      ['template'],
      {
        zh: `${year}年度报告使用了${ctx.template.notice}模板（适用于${from}${to === null ? '年及以后' : `—${to}年`}）`,
        en: `a report on ${year} uses the ${ctx.template.id} template (${ctx.template.notice}, for ${from}${to === null ? ' onward' : `–${to}`})`,
      },
      { expected: to === null ? `>= ${from}` : `${from}-${to}`, actual: year },
    ),
  ];
};

export const CELL_RULES: readonly Rule[] = [nonNegative, amountFormat, blankCells, missingSection, templateYear];
