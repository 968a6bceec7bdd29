/**
 * Generated 政府信息公开目录 documents for the search tests and `npm run bench:search`: government titles
 * (关于印发《中原县城乡居民最低生活保障实施办法》的通知), 文号 (中政办〔2025〕12号), bodies of a few hundred characters of
 * policy prose, now and then an attachment. Pure and deterministic: the randomness is the `rng` passed in.
 */
import type { Rng } from '../annual-report/generate.ts';
import type { SearchDoc } from './types.ts';

const PLACES = ['中原县', '西山县', '东湖区', '南河市', '北岭镇', '青山乡', '临河县', '安平区'];
const BODIES = ['人民政府', '人民政府办公室', '民政局', '财政局', '自然资源局', '住房和城乡建设局', '教育局', '卫生健康委员会', '农业农村局', '生态环境局', '市场监督管理局', '人力资源和社会保障局', '交通运输局', '应急管理局'];
const ABBR = ['政', '政办', '民', '财', '自然资', '住建', '教', '卫健', '农', '环', '市监', '人社', '交', '应急'];
const TOPICS = [
  '城乡居民最低生活保障', '特困人员救助供养', '临时救助', '国有土地上房屋征收与补偿', '集体土地征收', '城镇老旧小区改造',
  '农村危房改造', '义务教育阶段学生资助', '学前教育发展', '基本公共卫生服务', '城乡居民基本医疗保险', '养老服务体系建设',
  '高标准农田建设', '农村人居环境整治', '大气污染防治', '河长制工作', '安全生产责任制', '优化营商环境', '政务公开工作',
  '财政预算公开', '政府采购管理', '行政执法公示', '重大行政决策程序', '突发事件应急预案', '防汛抗旱', '就业创业扶持',
  '高校毕业生就业', '残疾人两项补贴', '城市生活垃圾分类', '棚户区改造', '公共租赁住房保障', '农村饮水安全',
];
const FORMS = ['实施办法', '管理办法', '实施方案', '工作方案', '实施细则', '暂行规定', '工作要点', '考核办法', '补助标准', '资金管理办法'];
const WRAPS = [
  (o: string, t: string) => `关于印发《${o}${t}》的通知`,
  (o: string, t: string) => `${o}关于${t.replace(/(办法|方案|细则|规定|要点|标准)$/, '')}工作的通知`,
  (o: string, t: string) => `关于${t.replace(/(办法|方案|细则|规定|要点|标准)$/, '')}有关事项的公告`,
  (o: string, t: string) => `${o}关于进一步做好${t.replace(/(办法|方案|细则|规定|要点|标准)$/, '')}工作的意见`,
  (o: string, t: string) => `关于${t}拟定结果的公示`,
  (o: string, t: string) => `${o}${t}（试行）`,
  (o: string, t: string) => `关于废止《${t}》的决定`,
];
const SENTENCES = [
  '为深入贯彻落实党中央、国务院决策部署，进一步规范{T}工作，切实保障困难群众基本生活，结合本地实际，制定本办法。',
  '本办法所称{T}，是指对共同生活的家庭成员人均收入低于当地标准，且家庭财产状况符合规定条件的城乡居民给予物质帮助。',
  '各乡镇人民政府、街道办事处负责{T}申请的受理、调查、评议和公示等工作，村（居）民委员会协助做好相关工作。',
  '申请人对审核审批结果有异议的，可以自公示之日起七日内向县民政局提出，民政局应当及时复核并书面答复。',
  '县财政局应当将{T}资金纳入年度预算，实行专户管理、封闭运行，任何单位和个人不得截留、挤占、挪用。',
  '对在拆迁安置、补偿标准等方面存在的问题，应当依法依规妥善处理，维护被征收人的合法权益。',
  '审批机关应当在作出决定前，将拟批准的名单在申请人所在村（社区）公示，公示期为七天。',
  '各有关部门要加强协调配合，建立健全信息共享机制，确保低保、特困、临时救助等政策有效衔接。',
  '本办法自发布之日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。',
  '对违反本办法规定，滥用职权、玩忽职守、徇私舞弊的，依法依规追究相关人员责任；构成犯罪的，依法追究刑事责任。',
  '各地要加大政策宣传力度，通过政府网站、政务新媒体、公开栏等多种渠道，及时公开{T}政策和办理结果，接受社会监督。',
  '{T}标准实行动态调整，原则上每年调整一次，由县人民政府根据经济社会发展水平和物价变动情况确定并向社会公布。',
  '房屋征收部门应当对房屋征收范围内房屋的权属、区位、用途、建筑面积等情况组织调查登记，被征收人应当予以配合。',
  '建立健全考核评价机制，将{T}工作纳入年度目标责任考核，考核结果作为评先评优的重要依据。',
  '本方案所需经费由县级财政统筹安排，乡镇按照规定比例配套，确保资金足额及时到位。',
  '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众的获得感、幸福感、安全感。',
  '对符合条件的困难家庭，经本人申请，可按规定享受医疗救助、教育救助、住房救助和就业救助等专项救助。',
  '县应急管理局要会同有关部门制定完善应急预案，定期组织开展应急演练，提高突发事件处置能力。',
];
const VALIDITY = ['有效', '有效', '有效', '有效', '失效', '废止', '已修改'];
/** 条例第二十条 items (the codes the catalog uses are its own; here only their shape matters). */
export const GENERATED_ITEMS = ['art20-1', 'art20-2', 'art20-3', 'art20-4', 'art20-5', 'art20-6', 'art20-7', 'art20-8', 'art20-9', 'art20-10', 'art20-11', 'art20-12', 'art20-13', 'art20-14', 'art20-15'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const pad = (n: number) => String(n).padStart(2, '0');

/** A generated document: a SearchDoc as the catalog would give it to the index. */
export type GeneratedDoc = SearchDoc;

export interface GenerateDocOptions {
  /** Organisation ids to spread documents over. */
  readonly organizations: readonly string[];
  /** Publication years (inclusive). */
  readonly fromYear: number;
  readonly toYear: number;
  /** Share of documents that are not published (draft or review), 0-1. */
  readonly unpublished?: number;
}

/** Document number `n` (deterministic for a given rng state). Never throws. */
export function generateDoc(rng: Rng, n: number, options: GenerateDocOptions): GeneratedDoc {
  const o = Math.floor(rng() * BODIES.length);
  const place = pick(rng, PLACES);
  const issuer = `${place}${BODIES[o] as string}`;
  const topic = pick(rng, TOPICS);
  const form = pick(rng, FORMS);
  const title = (pick(rng, WRAPS) as (o: string, t: string) => string)(issuer, `${place}${topic}${form}`);
  const year = options.fromYear + Math.floor(rng() * (options.toYear - options.fromYear + 1));
  const date = `${year}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
  const docNumber = rng() < 0.8 ? `${place.slice(0, 1)}${ABBR[o] as string}${rng() < 0.5 ? '发' : ''}〔${year}〕${1 + Math.floor(rng() * 120)}号` : null;
  const sentences = 4 + Math.floor(rng() * 8);
  let body = '';
  for (let i = 0; i < sentences; i += 1) body += pick(rng, SENTENCES).replaceAll('{T}', rng() < 0.6 ? topic : pick(rng, TOPICS));
  const attachmentText = rng() < 0.1 ? `附件：${place}${pick(rng, TOPICS)}申请审批表 ${pick(rng, SENTENCES).replaceAll('{T}', pick(rng, TOPICS))}` : '';
  const unpublished = rng() < (options.unpublished ?? 0.05);
  return {
    id: `doc-${String(n).padStart(8, '0')}`,
    organizationId: pick(rng, options.organizations),
    title,
    body,
    attachmentText,
    docNumber,
    writtenOn: date,
    publishedOn: unpublished ? null : date,
    item: pick(rng, GENERATED_ITEMS),
    validity: pick(rng, VALIDITY),
    status: unpublished ? pick(rng, ['draft', 'review']) : title.startsWith('关于废止') ? 'repealed' : 'published',
    url: `/catalog/doc-${String(n).padStart(8, '0')}`,
  };
}
