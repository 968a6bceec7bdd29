/**
 * Table 二 (主动公开政府信息情况, 条例 Art. 20) consistency: 2019 本年新公开数量 <= 对外公开总数量 (T2.published), and
 * 规章 reported only by bodies that can make rules (T2.rulesAuthority, 立法法 Art. 91/93, formerly 80/82).
 */
import { uncheckable, violation, type Finding } from '../findings.ts';
import { canMakeRules } from './rule-making-power.ts';
import { tablePresent, type Rule } from './context.ts';

const DOCUMENT_ROWS = ['rules', 'normativeDocuments'] as const;

/** T2.published (2019 template): published this year cannot exceed the total published. */
export const published: Rule = (ctx) => {
  if (ctx.template.traits.documentColumns !== 'made' || !tablePresent(ctx, 'proactive')) return [];
  return DOCUMENT_ROWS.flatMap((row): Finding[] => {
    const p = `proactive.${row}.published`;
    const t = `proactive.${row}.total`;
    const pv = ctx.value(p);
    const tv = ctx.value(t);
    if (pv === null || tv === null || pv === undefined || tv === undefined) {
      return [uncheckable('T2.published', [p, t], [p, t].filter((x) => ctx.value(x) === null))];
    }
    if (pv <= tv) return [];
    return [violation('T2.published', [p, t], { zh: `${row === 'rules' ? '规章' : '规范性文件'}本年新公开 ${pv} 大于对外公开总数 ${tv}`, en: `${row}: published ${pv} > total ${tv}` }, { expected: `<= ${tv}`, actual: pv })];
  });
};

/** T2.rulesAuthority: 规章 counts > 0 from a body that cannot make rules. */
export const rulesAuthority: Rule = (ctx) => {
  if (!tablePresent(ctx, 'proactive')) return [];
  const paths = ctx.template.proactive.groups
    .flatMap((g) => g.columns.map((c) => `proactive.rules.${c.key}`))
    .filter((p, i, all) => all.indexOf(p) === i && ctx.value(p) !== undefined);
  const positive = paths.filter((p) => (ctx.value(p) ?? 0) > 0);
  if (positive.length === 0) return [];
  const power = canMakeRules(ctx.report.organization);
  if (power === true) return [];
  if (power === null) {
    return [
      {
        ...uncheckable('T2.rulesAuthority', positive, []),
        messageZh: `无法校验（${'规章制定权'}）：无法从机关名称“${ctx.report.organization ?? ''}”判断其是否有权制定规章`,
        message: `cannot check (rule-making power): the organisation name "${ctx.report.organization ?? ''}" does not tell whether it can make rules`,
      },
    ];
  }
  return [
    violation(
      'T2.rulesAuthority',
      positive,
      { zh: `“${ctx.report.organization ?? ''}”报告了规章 ${positive.map((p) => ctx.value(p)).join('/')}`, en: `"${ctx.report.organization ?? ''}" reports rules ${positive.map((p) => ctx.value(p)).join('/')}` },
      { expected: 0, actual: Math.max(...positive.map((p) => ctx.value(p) ?? 0)) },
    ),
  ];
};

export const TABLE2_RULES: readonly Rule[] = [published, rulesAuthority];
