/**
 * The narrative sections of a generated report (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项), in the
 * plain administrative Chinese of published reports: a few sentence templates per topic, chosen and filled at random.
 * The overview states some figures, as real reports do (受理申请N件, 发布信息N条): numbers outside the tables are
 * part of what an importer must not mistake for cells.
 */
import type { Rng } from '../../core/annual-report/generate.ts';
import { TEMPLATES, type TemplateId } from '../../core/annual-report/templates/index.ts';
import { chance, pick, type Organization } from './names.ts';

export interface NarrativeInput {
  readonly org: Organization;
  readonly year: number;
  readonly template: TemplateId;
  /** 本年新收 (总计) from table 三, when printed: the overview repeats it. */
  readonly received: number | null;
}

const n = (rng: Rng, max: number): number => 1 + Math.floor(rng() ** 2 * max);

function proactive(rng: Rng, s: string, year: number): string {
  return pick(rng, [
    `${year}年，${s}通过门户网站主动公开各类政府信息${n(rng, 3000)}条，其中政策文件${n(rng, 60)}件、政策解读${n(rng, 40)}篇，公开重点领域信息${n(rng, 900)}条。`,
    `${s}坚持以公开为常态、不公开为例外，全年在政府信息公开专栏发布信息${n(rng, 2000)}条，通过政务新媒体发布信息${n(rng, 1500)}条，及时回应社会关切。`,
    `围绕“放管服”改革、财政预决算、重大建设项目等重点领域，${s}全年主动公开政府信息${n(rng, 1200)}条，召开新闻发布会${n(rng, 12)}场。`,
  ]);
}

function onRequest(rng: Rng, s: string, received: number | null): string {
  const count = received === null ? '' : `共收到政府信息公开申请${received}件，`;
  return pick(rng, [
    `${s}严格执行依申请公开办理流程，${count}均在法定期限内予以答复，未发生因答复不当引起的行政复议、行政诉讼败诉情况。`,
    `${s}进一步规范依申请公开登记、审核、办理、答复、归档等环节，${count}答复率100%。`,
    `畅通网上申请、信函申请和当面申请渠道，${count}办理过程中加强与申请人沟通，提高答复质量。`,
  ]);
}

function management(rng: Rng, s: string): string {
  return pick(rng, [
    `${s}严格落实政府信息公开属性源头认定和保密审查制度，动态更新政府信息公开指南和主动公开目录，做好政府信息的规范管理。`,
    `建立健全政府信息公开审查机制，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。`,
  ]);
}

function platform(rng: Rng, s: string): string {
  return pick(rng, [
    `${s}持续加强政府网站和政务新媒体建设，优化政府信息公开专栏栏目设置，完善全文检索、无障碍浏览等功能。`,
    `依托政务服务大厅设置政府信息查阅点${n(rng, 5)}个，方便群众就近查阅政府信息。`,
  ]);
}

function oversight(rng: Rng, s: string): string {
  return pick(rng, [
    `将政务公开工作纳入年度绩效考核，分值权重为${n(rng, 6)}%；全年组织政务公开业务培训${n(rng, 6)}次，培训${n(rng, 200)}人次。`,
    `${s}明确分管领导和专职工作人员，加强对政务公开工作的督促检查，全年未发生政府信息公开工作责任追究情况。`,
  ]);
}

/** Section 一 as paragraphs, with its customary sub-headings. */
export function overviewParagraphs(rng: Rng, input: NarrativeInput): string[] {
  const s = input.org.self;
  const lead = pick(rng, [
    `${input.year}年，${input.org.name}深入贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕中心工作，扎实推进政务公开各项工作。现将有关情况报告如下。`,
    `本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限为${input.year}年1月1日至${input.year}年12月31日。`,
    `${input.year}年，在上级政务公开办公室的指导下，${s}以提升政务公开质量为目标，不断完善工作机制，全面提高政府透明度。`,
  ]);
  const parts = [
    `（一）主动公开。${proactive(rng, s, input.year)}`,
    `（二）依申请公开。${onRequest(rng, s, input.received)}`,
    `（三）政府信息管理。${management(rng, s)}`,
    `（四）政府信息公开平台建设。${platform(rng, s)}`,
    `（五）监督保障。${oversight(rng, s)}`,
  ];
  if (TEMPLATES[input.template].years.to === null) parts.push('（六）工作考核、社会评议和责任追究结果情况。本年度未发生政府信息公开工作责任追究情况。');
  return [lead, ...parts];
}

/** Section 五 as paragraphs: problems, then improvements. */
export function problemParagraphs(rng: Rng, input: NarrativeInput): string[] {
  const problems = pick(rng, [
    '一是主动公开的深度和广度有待进一步拓展；二是政策解读形式还不够丰富；三是工作人员业务能力仍需提升。',
    '一是部分信息发布不够及时；二是回应社会关切的针对性还不够强。',
    '政府信息公开工作虽取得一定成效，但仍存在公开内容不够全面、栏目更新不够及时等问题。',
  ]);
  const fixes = pick(rng, [
    `下一步，${input.org.self}将加强业务培训，完善公开目录，强化政策解读，不断提升政府信息公开工作水平。`,
    '针对上述问题，我们将进一步健全工作机制，加大督促检查力度，推动政务公开工作规范化、标准化。',
    '改进措施：一是加强组织领导；二是规范公开流程；三是丰富解读形式，提高公开质量。',
  ]);
  return chance(rng, 0.5) ? [`存在问题：${problems}`, `改进情况：${fixes}`] : [`${problems}${fixes}`];
}

/** Section 六: 2021 asks for the 信息处理费 collected (国办函〔2020〕109号) and often reports 建议提案. */
export function otherMattersParagraphs(rng: Rng, input: NarrativeInput): string[] {
  const fees = pick(rng, [
    `依据《政府信息公开信息处理费管理办法》，${input.year}年度${input.org.self}未收取信息处理费。`,
    '本年度未收取政府信息公开信息处理费。',
    '本机关本年度未向申请人收取信息处理费。',
  ]);
  const out = TEMPLATES[input.template].traits.feesStatement || chance(rng, 0.5) ? [fees] : ['无。'];
  if (TEMPLATES[input.template].traits.feesStatement && chance(rng, 0.5)) {
    out.push(`本年度共承办人大代表建议${n(rng, 40)}件、政协提案${n(rng, 40)}件，均已按期办结，办复率100%。`);
  }
  return out;
}
