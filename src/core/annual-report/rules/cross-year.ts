/**
 * Rules comparing a report with the same organisation's report on the previous year: carry-over (crossYear.carry),
 * 2019 item counts (crossYear.items), 2021 documents in force (T2.inForce) and implausible jumps (crossYear.jump).
 * They run only when last year's report is given and is on year − 1 (see makeContext).
 */
import { uncheckable, violation, type Finding, type RuleCode } from '../findings.ts';
import { TABLE_KEYS, tableCells } from '../templates/index.ts';
import type { Rule, RuleContext } from './context.ts';

/** Compare this year's cell with an expression over last year's cells (and optionally this year's). */
function compare(
  ctx: RuleContext,
  code: RuleCode,
  target: string,
  terms: readonly { path: string; sign: 1 | -1; previous: boolean }[],
  where: { zh: string; en: string },
): Finding[] {
  const actual = ctx.value(target);
  if (actual === undefined) return [];
  const vals = terms.map((t) => (t.previous ? ctx.previousValue(t.path) : ctx.value(t.path)));
  if (vals.some((v) => v === undefined)) return [];
  const involved = [target, ...terms.filter((t) => !t.previous).map((t) => t.path)];
  const blank = [
    ...(actual === null ? [target] : []),
    ...terms.filter((_, i) => vals[i] === null).map((t) => (t.previous ? `上年 ${t.path}` : t.path)),
  ];
  if (blank.length > 0 || actual === null) return [uncheckable(code, involved, blank)];
  const expected = terms.reduce((sum, t, i) => sum + t.sign * (vals[i] ?? 0), 0);
  if (expected === actual) return [];
  return [
    violation(
      code,
      involved,
      { zh: `${where.zh}：应为 ${expected}，实为 ${actual}`, en: `${where.en}: expected ${expected}, got ${actual}` },
      { expected, actual },
    ),
  ];
}

/** crossYear.carry: 上年结转 of year Y = 结转下年度 of year Y−1, per applicant column. */
export const carry: Rule = (ctx) => {
  if (!ctx.previous || ctx.report.applications === null || ctx.previous.applications === null) return [];
  return ctx.template.applications.columns.flatMap((c) =>
    compare(
      ctx,
      'crossYear.carry',
      `applications.carriedOver.${c.key}`,
      [{ path: `applications.carriedForward.${c.key}`, sign: 1, previous: true }],
      { zh: `“${c.label}”上年结转`, en: `carriedOver.${c.key}` },
    ),
  );
};

const ITEM_ROWS = ['licensing', 'otherServices', 'penalty', 'enforcement', 'fees'] as const;

/** crossYear.items (2019 template, both years): 上一年项目数量 of Y = 上一年项目数量 + 本年增/减 of Y−1. */
export const items: Rule = (ctx) => {
  if (!ctx.previous || !ctx.template.traits.itemCounts || ctx.previous.template !== ctx.template.id) return [];
  if (ctx.report.proactive === null || ctx.previous.proactive === null) return [];
  return ITEM_ROWS.flatMap((row) =>
    compare(
      ctx,
      'crossYear.items',
      `proactive.${row}.previous`,
      [
        { path: `proactive.${row}.previous`, sign: 1, previous: true },
        { path: `proactive.${row}.change`, sign: 1, previous: true },
      ],
      { zh: `${row} 上一年项目数量`, en: `${row}.previous` },
    ),
  );
};

/** T2.inForce (2021 template, both years): 现行有效 of Y = 现行有效 of Y−1 + 本年制发 − 本年废止. */
export const inForce: Rule = (ctx) => {
  if (!ctx.previous || ctx.template.traits.documentColumns !== 'issued' || ctx.previous.template !== ctx.template.id) return [];
  if (ctx.report.proactive === null || ctx.previous.proactive === null) return [];
  return (['rules', 'normativeDocuments'] as const).flatMap((row) =>
    compare(
      ctx,
      'T2.inForce',
      `proactive.${row}.inForce`,
      [
        { path: `proactive.${row}.inForce`, sign: 1, previous: true },
        { path: `proactive.${row}.issued`, sign: 1, previous: false },
        { path: `proactive.${row}.repealed`, sign: -1, previous: false },
      ],
      { zh: `${row === 'rules' ? '规章' : '行政规范性文件'}现行有效件数`, en: `${row}.inForce` },
    ),
  );
};

/** Thresholds of crossYear.jump (spec): both values >= 10 and a ratio above 5 or below 0.2. */
export const JUMP = { minimum: 10, factor: 5 } as const;

/** crossYear.jump: a table cell more than 5× or less than 1/5 of last year's (both >= 10). */
export const jump: Rule = (ctx) => {
  if (!ctx.previous) return [];
  return TABLE_KEYS.flatMap((table) =>
    tableCells(ctx.template, table).flatMap((c): Finding[] => {
      const now = ctx.value(c.path);
      const before = ctx.previousValue(c.path);
      if (now == null || before == null || now < JUMP.minimum || before < JUMP.minimum) return [];
      if (now <= before * JUMP.factor && now * JUMP.factor >= before) return [];
      return [
        violation(
          'crossYear.jump',
          [c.path],
          { zh: `${c.rowLabel}“${c.column.label}”由 ${before} 变为 ${now}`, en: `${c.path} went from ${before} to ${now}` },
          { expected: before, actual: now },
        ),
      ];
    }),
  );
};

export const CROSS_YEAR_RULES: readonly Rule[] = [carry, items, inForce, jump];
