/**
 * Rules over the narrative sections: 信息处理费 stated in section 六 (text.fees; 2021 template, 国办函〔2020〕109号),
 * section 五 present (text.problems), numbers in the text agreeing with tables 三/四 (text.tables), the statistics
 * period being the calendar year (period.calendarYear), and sections copied from last year (text.sameAsLastYear).
 */
import { violation, type Finding } from '../findings.ts';
import { NARRATIVE_KEYS } from '../model.ts';
import type { Rule, RuleContext } from './context.ts';
import { findPeriods, findStatedCounts, similarity } from './text-scan.ts';

/** text.fees: a 2021-template report must say in section 六 whether 信息处理费 were collected. */
export const fees: Rule = (ctx) => {
  if (!ctx.template.traits.feesStatement) return [];
  const text = ctx.report.sections.otherMatters ?? '';
  // 行政事业性收费 is another matter: only the 信息处理费 (or a statement on fees collected) counts.
  if (/信息处理费|处理费|收取.{0,6}费用|收费情况/.test(text)) return [];
  return [violation('text.fees', ['sections.otherMatters'], null)];
};

/** text.problems: section 五 must not be missing or empty. */
export const problems: Rule = (ctx) =>
  (ctx.report.sections.problems ?? '').trim() === '' ? [violation('text.problems', ['sections.problems'], null)] : [];

const allText = (ctx: RuleContext): string => NARRATIVE_KEYS.map((k) => ctx.report.sections[k] ?? '').join('\n');

/** text.tables: counts stated in the narrative (收到申请N件, 行政复议N件…) must match the tables. */
export const tables: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const stated of findStatedCounts(allText(ctx))) {
    // A reading naming cells this template lacks (2019 vs 2021 rows) is not a reading of this report.
    const readings = stated.accepts.filter((paths) => paths.every((p) => ctx.value(p) !== undefined));
    if (readings.length === 0) continue;
    const accepted = readings.map((paths) => {
      const vals = paths.map((p) => ctx.value(p));
      return vals.some((v) => v === null || v === undefined) ? null : vals.reduce<number>((a, b) => a + (b ?? 0), 0);
    });
    if (accepted.some((v) => v === null) || accepted.includes(stated.value)) continue;
    const first = readings[0] ?? [];
    out.push(
      violation(
        'text.tables',
        first,
        {
          zh: `正文“${stated.quote}”为 ${stated.value}，表格为 ${accepted[0]}`,
          en: `the text says "${stated.quote}" (${stated.value}), the table says ${accepted[0]}`,
        },
        { expected: accepted[0] ?? '', actual: stated.value },
      ),
    );
  }
  return out;
};

/** period.calendarYear: a stated statistics period must be 1 January – 31 December of the report year. */
export const calendarYear: Rule = (ctx) =>
  ctx.report.year === null
    ? []
    : findPeriods(allText(ctx))
    .filter((p) => !(p.from === `${ctx.report.year}-01-01` && p.to === `${ctx.report.year}-12-31`))
    .map((p) =>
      violation(
        'period.calendarYear',
        ['sections.overview'],
        { zh: `正文所述统计期限“${p.quote}”`, en: `the text states the period "${p.quote}" (${p.from} – ${p.to})` },
        { expected: `${ctx.report.year}-01-01 – ${ctx.report.year}-12-31`, actual: `${p.from} – ${p.to}` },
      ),
    );

/** Threshold of text.sameAsLastYear (spec: >= 90 % the same). */
export const SAME_AS_LAST_YEAR = 0.9;

/** text.sameAsLastYear: a narrative section >= 90 % the same as last year's. */
export const sameAsLastYear: Rule = (ctx) => {
  if (!ctx.previous) return [];
  const previous = ctx.previous;
  return NARRATIVE_KEYS.flatMap((key): Finding[] => {
    const now = ctx.report.sections[key];
    const before = previous.sections[key];
    if (!now || !before || now.trim().length < 20) return [];
    const s = similarity(now, before);
    if (s < SAME_AS_LAST_YEAR) return [];
    const pct = Math.round(s * 100);
    return [violation('text.sameAsLastYear', [`sections.${key}`], { zh: `${key} 与上年相似度 ${pct}%`, en: `${key} is ${pct} % the same as last year` }, { expected: '< 90%', actual: `${pct}%` })];
  });
};

export const TEXT_RULES: readonly Rule[] = [fees, problems, tables, calendarYear, sameAsLastYear];
