/**
 * A first draft of the narrative from the tables (《中华人民共和国政府信息公开条例》第五十条: the report states 主动公开,
 * 依申请公开, 复议诉讼…): plain sentences filled from the cells, no language model. Every number the draft cites is
 * phrased as the text rules read it (rules/text-scan.ts), so text.tables checks each one against the tables — the
 * test proves it. A blank cell is not cited as a number: its sentence says 【待核实】 for the writer to fill.
 * What the tables cannot say (政府信息管理, 平台建设, 监督保障, 存在的问题) is left as bracketed prompts. Pure.
 */
import { cellValue, templateOf, type AnnualReport, type Sections } from './model.ts';
import { TEMPLATES, tableCells } from './templates/index.ts';

/** The prompt put where the writer must add what no table holds. */
export const DRAFT_PROMPT = '【请补充】';
/** Put where a cell the sentence needs is blank. */
export const DRAFT_BLANK = '【待核实】';

type Path = string;

function lookup(report: AnnualReport): (paths: readonly Path[]) => number | null | undefined {
  const index = new Map(['proactive', 'applications', 'reviewLitigation'].flatMap((t) => tableCells(templateOf(report), t as 'proactive').map((c) => [c.path, c] as const)));
  return (paths) => {
    let sum = 0;
    for (const p of paths) {
      const def = index.get(p);
      if (!def) return undefined;
      const v = cellValue(report, def);
      if (v === null) return null;
      sum += v;
    }
    return sum;
  };
}

const A = (row: string): Path => `applications.${row}.total`;
const rows = (group: string, keys: readonly string[]): Path[] => keys.map((k) => A(`${group}.${k}`));
const DENIED = rows('denied', ['stateSecret', 'prohibitedByLaw', 'endangersSafety', 'thirdPartyRights', 'internalAffairs', 'processInformation', 'enforcementFiles', 'inquiryMatters']);
const UNAVAILABLE = rows('unavailable', ['notHeld', 'needsCreation', 'stillUnclear']);
const NOT_PROCESSED = rows('notProcessed', ['complaints', 'repeated', 'publications', 'excessive', 'confirmation']);

/** The draft of 一、总体情况 (with its numbers) and a prompt for 五、存在的主要问题及改进情况. Never throws. */
export function draftNarrative(report: AnnualReport): Sections {
  const v = lookup(report);
  /** "subject N unit", or the subject with 【待核实】 when a cell is blank; nothing when the template lacks the cells. */
  const say = (subject: string, paths: readonly Path[], unit = '件'): string | null => {
    const n = v(paths);
    if (n === undefined) return null;
    return n === null ? `${subject}${DRAFT_BLANK}${unit}` : `${subject}${n}${unit}`;
  };
  const join = (parts: readonly (string | null)[]): string => parts.filter((p): p is string => p !== null).join('，');
  const org = report.organization ?? '本机关';
  const year = report.year === null ? '本' : `${report.year}`;

  const proactive =
    TEMPLATES[report.template].traits.documentColumns === 'issued'
      ? join([say('制发规章', ['proactive.rules.issued']), say('废止规章', ['proactive.rules.repealed']), say('现行有效规章', ['proactive.rules.inForce']), say('制发行政规范性文件', ['proactive.normativeDocuments.issued']), say('废止行政规范性文件', ['proactive.normativeDocuments.repealed']), say('现行有效行政规范性文件', ['proactive.normativeDocuments.inForce']), say('作出行政许可决定', ['proactive.licensing.decisions']), say('行政处罚决定', ['proactive.penalty.decisions']), say('行政强制决定', ['proactive.enforcement.decisions'])])
      : join([say('作出行政许可决定', ['proactive.licensing.decisions']), say('行政处罚决定', ['proactive.penalty.decisions']), say('行政强制决定', ['proactive.enforcement.decisions'])]);

  const otherHandling = v(rows('otherHandling', ['noCorrection', 'unpaidFee', 'other'])) === undefined ? [A('otherHandling')] : rows('otherHandling', ['noCorrection', 'unpaidFee', 'other']);
  const applications = join([
    say('新收到政府信息公开申请', [A('newReceived')]),
    say('上年结转政府信息公开申请', [A('carriedOver')]),
  ]);
  const results = join([
    say('予以公开', [A('granted')]),
    say('部分公开', [A('partiallyGranted')]),
    say('不予公开', DENIED),
    say('无法提供', UNAVAILABLE),
    say('不予处理', NOT_PROCESSED),
    say('其他处理', otherHandling),
  ]);
  const closing = join([say('办结政府信息公开申请', [A('total')]), say('结转下年度继续办理', [A('carriedForward')])]);
  const reviews = join([
    say('行政复议', ['reviewLitigation.review.total']),
    say('行政诉讼', ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total']),
  ]);
  const corrected = say('被依法纠错', ['reviewLitigation.review.corrected', 'reviewLitigation.litigationDirect.corrected', 'reviewLitigation.litigationAfterReview.corrected']);

  const overview = [
    `${year}年，${org}深入贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。`,
    `（一）主动公开。${proactive ? `本年度${proactive}。` : ''}${DRAFT_PROMPT}主动公开的重点领域和渠道。`,
    `（二）依申请公开。本年度${applications}。办理结果方面，${results}。全年${closing}。`,
    `（三）政府信息公开行政复议、行政诉讼。本年度因政府信息公开引起${reviews}${corrected ? `，${corrected}` : ''}。`,
    `（四）政府信息管理。${DRAFT_PROMPT}`,
    `（五）平台建设。${DRAFT_PROMPT}`,
    `（六）监督保障。${DRAFT_PROMPT}`,
  ].join('\n');
  return { overview, problems: `${DRAFT_PROMPT}存在的主要问题及改进情况。`, otherMatters: TEMPLATES[report.template].traits.feesStatement ? `${DRAFT_PROMPT}信息处理费收取情况。` : null };
}
