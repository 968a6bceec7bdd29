/**
 * Table 四 (政府信息公开行政复议、行政诉讼情况): for 行政复议 and both kinds of 行政诉讼,
 * 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计 (T4.sum).
 */
import { checkEquation, tablePresent, type Rule } from './context.ts';

/** T4.sum per group. */
export const sum: Rule = (ctx) => {
  if (!tablePresent(ctx, 'reviewLitigation')) return [];
  const { groups, columns } = ctx.template.reviewLitigation;
  const parts = columns.filter((c) => c.key !== 'total');
  return groups.flatMap((g) =>
    checkEquation(
      ctx,
      'T4.sum',
      parts.map((c) => `reviewLitigation.${g.key}.${c.key}`),
      [`reviewLitigation.${g.key}.total`],
      { zh: `“${g.parentLabel ?? ''}${g.label}”`, en: g.key },
    ),
  );
};

export const TABLE4_RULES: readonly Rule[] = [sum];
