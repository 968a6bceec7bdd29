/**
 * Table 三 (收到和处理政府信息公开申请情况) arithmetic: the 勾稽关系 printed in the table (T3.balance), results adding
 * up to （七）总计 (T3.results), applicant columns adding up to 总计 (T3.columns).
 */
import type { Finding } from '../findings.ts';
import { checkEquation, tablePresent, type Rule, type RuleContext } from './context.ts';

const path = (row: readonly string[], column: string): string => ['applications', ...row, column].join('.');

function rows(ctx: RuleContext) {
  return ctx.template.applications.rows;
}

/** T3.balance: per column, 一 + 二 = （七）总计 + 四. */
export const balance: Rule = (ctx) => {
  if (!tablePresent(ctx, 'applications')) return [];
  return ctx.template.applications.columns.flatMap((c) =>
    checkEquation(
      ctx,
      'T3.balance',
      [path(['newReceived'], c.key), path(['carriedOver'], c.key)],
      [path(['total'], c.key), path(['carriedForward'], c.key)],
      {
        zh: `“${c.label}”列 第一项加第二项`,
        en: `column ${c.key}: new + carried over`,
        rhsZh: '第三项（总计）加第四项（结转）',
        rhsEn: 'total + carried forward',
      },
    ),
  );
};

/** T3.results: per column, the result rows (（一）…（六）, 2021: three （六） rows) add up to （七）总计. */
export const results: Rule = (ctx) => {
  if (!tablePresent(ctx, 'applications')) return [];
  const resultRows = rows(ctx).filter((r) => r.level === 'result' && !r.isTotal);
  return ctx.template.applications.columns.flatMap((c) =>
    checkEquation(
      ctx,
      'T3.results',
      resultRows.map((r) => path(r.path, c.key)),
      [path(['total'], c.key)],
      { zh: `“${c.label}”列 办理结果之和`, en: `column ${c.key}: sum of results` },
    ),
  );
};

/** T3.columns: per row, 自然人 + five 法人或其他组织 columns = 总计. */
export const columns: Rule = (ctx) => {
  if (!tablePresent(ctx, 'applications')) return [];
  const cols = ctx.template.applications.columns;
  const parts = cols.filter((c) => c.key !== 'total');
  const out: Finding[] = [];
  for (const r of rows(ctx)) {
    const label = r.group ? `${r.group.label}${r.label}` : r.label;
    out.push(
      ...checkEquation(
        ctx,
        'T3.columns',
        parts.map((c) => path(r.path, c.key)),
        [path(r.path, 'total')],
        { zh: `“${label}”行 各类申请人之和`, en: `row ${r.path.join('.')}: sum of applicant columns` },
      ),
    );
  }
  return out;
};

export const TABLE3_RULES: readonly Rule[] = [balance, results, columns];
