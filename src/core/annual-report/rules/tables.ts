/**
 * Table 三 (收到和处理政府信息公开申请情况) and table 四 (行政复议、行政诉讼) arithmetic, from the equations of
 * ../equations.ts: the 勾稽关系 printed in table 三 (T3.balance), results adding up to （七）总计 (T3.results),
 * applicant columns adding up to 总计 (T3.columns), 结果维持 + 纠正 + 其他 + 尚未审结 = 总计 (T4.sum).
 */
import { tableEquations, type Equation } from '../equations.ts';
import { checkEquation, tablePresent, type Rule } from './context.ts';

const DETAIL: Record<Equation['code'], { zh: string; en: string; rhsZh?: string; rhsEn?: string }> = {
  'T3.balance': { zh: '第一项加第二项', en: 'new + carried over', rhsZh: '第三项（总计）加第四项（结转）', rhsEn: 'total + carried forward' },
  'T3.results': { zh: '办理结果之和', en: 'sum of results' },
  'T3.columns': { zh: '各类申请人之和', en: 'sum of applicant columns' },
  'T4.sum': { zh: '各结果之和', en: 'sum of outcomes' },
};

function equationRule(code: Equation['code']): Rule {
  const table = code === 'T4.sum' ? 'reviewLitigation' : 'applications';
  return (ctx) => {
    if (!tablePresent(ctx, table)) return [];
    return tableEquations(ctx.template)
      .filter((e) => e.code === code)
      .flatMap((e) => {
        const d = DETAIL[code];
        return checkEquation(ctx, code, e.lhs, e.rhs, { ...d, zh: `${e.where.zh} ${d.zh}`, en: `${e.where.en}: ${d.en}` });
      });
  };
}

export const TABLE3_RULES: readonly Rule[] = [equationRule('T3.balance'), equationRule('T3.results'), equationRule('T3.columns')];
export const TABLE4_RULES: readonly Rule[] = [equationRule('T4.sum')];
