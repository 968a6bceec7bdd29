/**
 * Generated 政府信息公开目录 documents for the search tests and `npm run bench:search`: government titles
 * (关于印发《中原县城乡居民最低生活保障实施办法》的通知), 文号 (中政办〔2025〕12号), bodies of policy prose, now and then an
 * attachment. Pure and deterministic: the randomness is the `rng` passed in.
 *
 * Realistic on purpose (docs/decisions.md "Search at a million documents"): a county catalog is mostly short items
 * (工作动态, 通知, 公示, 公告) with a minority of long policy texts, so the body length is log-normal (median ≈ 10
 * sentences, ≈ 450 characters; one in ten over ≈ 1,000; at most ≈ 5,000); the subject of a document is drawn from a
 * Zipf-like list of government topics (weight 1/(rank+2)), and the specific vocabulary (低保, 拆迁, 征收, 预算, 公示…)
 * comes only with the topics and document kinds that use it, while most sentences are the boilerplate every document
 * shares. So common words (工作, 落实, 推进) are in most documents and the terms people search for are in a few per cent.
 */
import type { Rng } from '../annual-report/generate.ts';
import type { SearchDoc } from './types.ts';

const PLACES = ['中原县', '西山县', '东湖区', '南河市', '北岭镇', '青山乡', '临河县', '安平区'];
const BODIES = ['人民政府', '人民政府办公室', '民政局', '财政局', '自然资源局', '住房和城乡建设局', '教育局', '卫生健康委员会', '农业农村局', '生态环境局', '市场监督管理局', '人力资源和社会保障局', '交通运输局', '应急管理局'];
const ABBR = ['政', '政办', '民', '财', '自然资', '住建', '教', '卫健', '农', '环', '市监', '人社', '交', '应急'];

/** Domains: the body that usually issues, and the sentences only documents of the domain carry. */
interface Domain {
  readonly body: number;
  readonly sentences: readonly string[];
}
const DOMAINS: Readonly<Record<string, Domain>> = {
  civil: {
    body: 2,
    sentences: [
      '本办法所称最低生活保障，是指对共同生活的家庭成员人均收入低于当地低保标准，且家庭财产状况符合规定条件的城乡居民给予物质帮助。',
      '对符合条件的困难家庭，经本人申请，可按规定享受医疗救助、教育救助、住房救助和就业救助等专项救助。',
      '各有关部门要加强协调配合，确保低保、特困供养、临时救助等政策有效衔接，切实保障困难群众基本生活。',
      '乡镇人民政府负责低保申请的受理、调查和评议，村（居）民委员会协助做好入户调查和民主评议。',
      '对遭遇突发事件、意外伤害导致基本生活暂时出现严重困难的家庭，及时给予临时救助。',
    ],
  },
  housing: {
    body: 5,
    sentences: [
      '房屋征收部门应当对房屋征收范围内房屋的权属、区位、用途、建筑面积等情况组织调查登记，被征收人应当予以配合。',
      '对在拆迁安置、补偿标准等方面存在的问题，应当依法依规妥善处理，维护被征收人的合法权益。',
      '国有土地上房屋征收与补偿应当遵循决策民主、程序正当、结果公开的原则。',
      '改造范围内的居民可选择货币补偿或者产权调换，安置房源由县住房和城乡建设局统一调配。',
    ],
  },
  land: {
    body: 4,
    sentences: [
      '集体土地征收应当依法履行征地前期工作程序，土地征收补偿安置方案应当在拟征收土地所在的乡（镇）和村、村民小组范围内公告。',
      '严格落实耕地保护目标责任，坚决遏制耕地“非农化”，防止耕地“非粮化”。',
      '国土空间规划一经批复，任何单位和个人不得擅自修改。',
    ],
  },
  finance: {
    body: 3,
    sentences: [
      '县财政局应当将项目资金纳入年度预算，实行专户管理、封闭运行，任何单位和个人不得截留、挤占、挪用。',
      '根据《中华人民共和国预算法》及有关规定，现将本单位部门预算及“三公”经费预算情况公开如下。',
      '一般公共预算收入完成年度预算的百分之一百零二，同比增长百分之三点六。',
      '严格执行政府采购管理规定，采购项目应当编制采购预算，按程序公开采购意向。',
    ],
  },
  education: {
    body: 6,
    sentences: [
      '义务教育阶段家庭经济困难学生资助对象由学校组织认定，资助名单在校内公示。',
      '学前教育坚持公益普惠的基本方向，扩大普惠性学前教育资源供给。',
      '加强教师队伍建设，落实中小学教师平均工资收入水平不低于当地公务员平均工资收入水平。',
    ],
  },
  health: {
    body: 7,
    sentences: [
      '城乡居民基本医疗保险实行县级统筹，参保人员按规定享受门诊和住院待遇。',
      '基本公共卫生服务项目免费向城乡居民提供，所需资金由各级财政按规定比例分担。',
      '加强传染病疫情监测预警，做好重点人群健康管理。',
    ],
  },
  farm: {
    body: 8,
    sentences: [
      '高标准农田建设项目实行项目法人制、招标投标制、工程监理制和合同管理制。',
      '扎实推进农村人居环境整治，持续开展村庄清洁行动，推进农村厕所革命。',
      '巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线。',
    ],
  },
  environment: {
    body: 9,
    sentences: [
      '持续深入打好蓝天、碧水、净土保卫战，大气污染防治工作纳入年度考核。',
      '全面推行河长制，落实河道管理保护责任，开展河湖“清四乱”专项行动。',
      '城市生活垃圾分类工作按照政府推动、全民参与、城乡统筹的原则实施。',
    ],
  },
  market: {
    body: 10,
    sentences: [
      '持续优化营商环境，深化“放管服”改革，推行涉企经营许可事项告知承诺制。',
      '行政执法机关应当通过政府网站及时公示行政执法主体、权限、依据和结果。',
      '加强食品安全监督抽检，抽检结果依法向社会公布。',
    ],
  },
  labour: {
    body: 11,
    sentences: [
      '对符合条件的高校毕业生、就业困难人员给予社会保险补贴和岗位补贴。',
      '本次公开招聘工作人员的拟聘用人员名单予以公示，公示期为七天。',
      '扶持劳动者自主创业，按规定提供创业担保贷款及贴息。',
    ],
  },
  transport: {
    body: 12,
    sentences: ['农村公路建设养护实行县道县管、乡道乡管、村道村管。', '加强道路运输安全监管，开展客运车辆安全隐患排查整治。'],
  },
  safety: {
    body: 13,
    sentences: [
      '县应急管理局要会同有关部门修订完善突发事件应急预案，定期组织开展应急演练。',
      '压紧压实安全生产责任制，深入开展安全生产隐患排查整治。',
      '进入主汛期，各地要严格落实防汛值班制度，做好防汛抗旱物资储备。',
    ],
  },
  general: {
    body: 0,
    sentences: [
      '全年共办理人大代表建议{K}件、政协委员提案{M}件，办复率百分之百。',
      '深入推进党风廉政建设，严格落实全面从严治党主体责任。',
      '扎实推进乡村振兴，加快发展特色产业，壮大村级集体经济。',
      '加强文化旅游资源整合，打造一批精品旅游线路。',
      '依法做好信访工作，及时就地解决群众合理诉求。',
    ],
  },
  government: {
    body: 1,
    sentences: [
      '各地各部门要按照《中华人民共和国政府信息公开条例》要求，做好政府信息主动公开工作。',
      '重大行政决策应当履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。',
      '进一步规范行政规范性文件制定和备案审查工作，未经合法性审核的不得发布。',
    ],
  },
};

/**
 * Topics in rank order (the first is the most frequent: Zipf weight 1/(rank+2)). Everyday business (政务公开, 安全生产,
 * 招聘, 预决算) before the specific programmes people search for (低保 ranks 12th).
 */
const TOPICS: ReadonlyArray<readonly [string, keyof typeof DOMAINS]> = [
  ['政务公开工作', 'government'], ['人大代表建议和政协提案办理', 'general'], ['安全生产责任制', 'safety'], ['部门预算公开', 'finance'],
  ['乡村振兴', 'general'], ['党风廉政建设', 'general'], ['事业单位公开招聘', 'labour'], ['农村人居环境整治', 'farm'],
  ['优化营商环境', 'market'], ['文化旅游发展', 'general'], ['防汛抗旱', 'safety'], ['城乡居民最低生活保障', 'civil'],
  ['信访工作', 'general'], ['义务教育阶段学生资助', 'education'], ['基本公共卫生服务', 'health'], ['招商引资', 'general'],
  ['高标准农田建设', 'farm'], ['大气污染防治', 'environment'], ['文明城市创建', 'general'], ['行政执法公示', 'market'],
  ['城镇老旧小区改造', 'housing'], ['统计工作', 'general'], ['就业创业扶持', 'labour'], ['财政决算公开', 'finance'],
  ['双拥工作', 'general'], ['特困人员救助供养', 'civil'], ['重大行政决策程序', 'government'], ['城乡居民基本医疗保险', 'health'],
  ['河长制工作', 'environment'], ['机关事务管理', 'general'], ['国有土地上房屋征收与补偿', 'housing'], ['突发事件应急预案', 'safety'],
  ['农村公路建设', 'transport'], ['学前教育发展', 'education'], ['退役军人服务保障', 'general'], ['临时救助', 'civil'],
  ['食品安全监督抽检', 'market'], ['集体土地征收', 'land'], ['养老服务体系建设', 'civil'], ['林业有害生物防治', 'general'],
  ['高校毕业生就业', 'labour'], ['城市生活垃圾分类', 'environment'], ['政府采购管理', 'finance'], ['耕地保护', 'land'],
  ['水利工程建设', 'general'], ['残疾人两项补贴', 'civil'], ['棚户区改造', 'housing'], ['规范性文件备案审查', 'government'],
  ['巩固拓展脱贫攻坚成果', 'farm'], ['道路运输安全', 'transport'], ['消防安全', 'general'], ['公共租赁住房保障', 'housing'],
  ['传染病防控', 'health'], ['国土空间规划', 'land'], ['全民健身', 'general'], ['农村饮水安全', 'farm'],
  ['教师队伍建设', 'education'], ['自然灾害救助', 'civil'], ['征地拆迁安置', 'housing'], ['档案管理', 'general'], ['城乡低保提标', 'civil'],
];

/** Document kinds with their share (weights sum to 100): how the title is built and the sentences the kind brings. */
interface Kind {
  readonly weight: number;
  readonly title: (issuer: string, place: string, topic: string, form: string) => string;
  readonly sentences?: readonly string[];
}
const FORMS = ['实施办法', '管理办法', '实施方案', '工作方案', '实施细则', '暂行规定', '工作要点', '考核办法', '补助标准', '资金管理办法'];
const stem = (topic: string) => topic.replace(/(工作)$/, '');
const KINDS: readonly Kind[] = [
  { weight: 26, title: (_i, p, t) => `${p}召开${stem(t)}工作推进会` },
  { weight: 16, title: (i, p, t, f) => `${i}关于印发《${p}${t}${f}》的通知` },
  { weight: 10, title: (i, _p, t) => `${i}关于做好${stem(t)}工作的通知` },
  { weight: 8, title: (i, _p, t) => `${i}关于${stem(t)}有关事项的公告` },
  {
    weight: 4,
    title: (_i, p, t) => `关于${p}${stem(t)}拟定结果的公示`,
    sentences: ['现将有关情况予以公示，公示期为七天。公示期间，任何单位和个人对公示内容有异议的，可以书面形式实名反映。', '公示期满无异议的，按程序报批。'],
  },
  { weight: 6, title: (i, p, t) => `${i}关于进一步做好${p}${stem(t)}工作的意见` },
  { weight: 6, title: (_i, p, t, f) => `${p}${t}${f}（试行）` },
  { weight: 6, title: (i, _p, t) => `${i}关于${stem(t)}工作情况的报告` },
  { weight: 5, title: (i, _p, t) => `${i}关于同意${stem(t)}项目实施的批复` },
  { weight: 5, title: (_i, p, t) => `《${p}${t}实施方案》政策解读` },
  { weight: 4, title: (i, p) => `${i}${p}2025年度政府信息公开工作年度报告` },
  { weight: 2, title: (_i, p, t, f) => `关于废止《${p}${t}${f}》的决定` },
  { weight: 2, title: (i, _p, t) => `${i}关于${stem(t)}专项检查情况的通报` },
];

/** Boilerplate every kind of document shares (none of the terms the benchmark asks for). */
const COMMON = [
  '为深入贯彻落实党中央、国务院决策部署，进一步规范{T}工作，结合本地实际，制定本方案。',
  '各乡镇人民政府、街道办事处，县直各有关单位：现将有关事项通知如下。',
  '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众的获得感、幸福感、安全感。',
  '各地各部门要高度重视，切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处。',
  '建立健全考核评价机制，将{T}工作纳入年度目标责任考核，考核结果作为评先评优的重要依据。',
  '本方案所需经费由县级财政统筹安排，乡镇按照规定比例配套，确保资金足额及时到位。',
  '各地要加大政策宣传力度，通过政府网站、政务新媒体、公开栏等多种渠道及时发布政策信息，接受社会监督。',
  '本办法自发布之日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。',
  '对违反本办法规定，滥用职权、玩忽职守、徇私舞弊的，依法依规追究相关人员责任；构成犯罪的，依法追究刑事责任。',
  '会议听取了{T}工作进展情况汇报，分析了当前存在的问题，研究部署了下一阶段重点工作。',
  '会议强调，要提高政治站位，压实工作责任，以钉钉子精神抓好各项工作落实。',
  '{N}年以来，全县累计投入资金{M}万元，惠及群众{K}人，各项工作取得明显成效。',
  '下一步，我们将持续深化改革创新，不断提升服务水平，推动{T}工作再上新台阶。',
  '各有关单位要于{N}年{D}月底前将工作开展情况报送县政府办公室，逾期未报的予以通报。',
  '联系人：县政府办公室综合股，联系电话：0371-{M}。',
  '要坚持问题导向和目标导向相结合，聚焦重点领域和关键环节，补短板、强弱项、固底板。',
  '强化督促检查，对工作推进不力、措施落实不到位的单位进行约谈，限期整改。',
  '加强统筹协调，形成部门联动、上下协同、齐抓共管的工作格局。',
  '县直有关部门主要负责同志，各乡镇分管负责同志参加会议。',
  '本通知由县人民政府办公室负责解释。',
  '全面落实“谁主管、谁负责”的要求，层层传导压力，确保责任到岗、任务到人。',
  '要注重总结经验做法，及时发现和推广典型，发挥示范引领作用。',
  '认真做好信息报送工作，重要情况及时报告，不得迟报、漏报、瞒报。',
  '严格落实中央八项规定及其实施细则精神，持续纠治形式主义、官僚主义。',
];

const VALIDITY = ['有效', '有效', '有效', '有效', '失效', '废止', '已修改'];
/** 条例第二十条 items (the codes the catalog uses are its own; here only their shape matters). */
export const GENERATED_ITEMS = ['art20-1', 'art20-2', 'art20-3', 'art20-4', 'art20-5', 'art20-6', 'art20-7', 'art20-8', 'art20-9', 'art20-10', 'art20-11', 'art20-12', 'art20-13', 'art20-14', 'art20-15'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const pad = (n: number) => String(n).padStart(2, '0');

const TOPIC_CUMULATIVE = (() => {
  let s = 0;
  return TOPICS.map((_, r) => (s += 1 / (r + 3)));
})();
const KIND_CUMULATIVE = (() => {
  let s = 0;
  return KINDS.map((k) => (s += k.weight));
})();
function weighted(rng: Rng, cumulative: readonly number[]): number {
  const x = rng() * (cumulative[cumulative.length - 1] as number);
  let i = 0;
  while (i < cumulative.length - 1 && (cumulative[i] as number) <= x) i += 1;
  return i;
}

/** A topic's rank by the Zipf-like weights (exported for the tests of the distribution). */
export const pickTopic = (rng: Rng): number => weighted(rng, TOPIC_CUMULATIVE);

/** Log-normal sentence count: median 10, σ 0.7, 2 to 120. */
function sentenceCount(rng: Rng): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.max(2, Math.min(120, Math.round(Math.exp(Math.log(10) + 0.7 * z))));
}

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

function fill(rng: Rng, s: string, topic: string, year: number): string {
  return s
    .replaceAll('{T}', topic)
    .replaceAll('{N}', String(year))
    .replaceAll('{D}', String(1 + Math.floor(rng() * 12)))
    .replaceAll('{M}', String(10 + Math.floor(rng() * 99_990)))
    .replaceAll('{K}', String(100 + Math.floor(rng() * 50_000)));
}

/** Document number `n` (deterministic for a given rng state). Never throws. */
export function generateDoc(rng: Rng, n: number, options: GenerateDocOptions): GeneratedDoc {
  const [topic, domainName] = TOPICS[pickTopic(rng)] as (typeof TOPICS)[number];
  const domain = DOMAINS[domainName] as Domain;
  const o = rng() < 0.7 ? domain.body : Math.floor(rng() * BODIES.length);
  const place = pick(rng, PLACES);
  const issuer = `${place}${BODIES[o] as string}`;
  const kind = KINDS[weighted(rng, KIND_CUMULATIVE)] as Kind;
  const title = kind.title(issuer, place, topic, pick(rng, FORMS));
  const year = options.fromYear + Math.floor(rng() * (options.toYear - options.fromYear + 1));
  const date = `${year}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
  const docNumber = rng() < 0.6 ? `${place.slice(0, 1)}${ABBR[o] as string}${rng() < 0.5 ? '发' : ''}〔${year}〕${1 + Math.floor(rng() * 120)}号` : null;
  const count = sentenceCount(rng);
  let body = '';
  for (let i = 0; i < count; i += 1) {
    const x = rng();
    // One sentence in ten is the domain's own (its vocabulary), a few the kind's, the rest boilerplate.
    const s = x < 0.1 ? pick(rng, domain.sentences) : x < 0.16 && kind.sentences ? pick(rng, kind.sentences) : pick(rng, COMMON);
    body += fill(rng, s, topic, year);
    if (rng() < 0.2) body += '\n';
  }
  const attachmentText = rng() < 0.1 ? `附件：${place}${topic}申请审批表 ${fill(rng, pick(rng, domain.sentences), topic, year)}` : '';
  const unpublished = rng() < (options.unpublished ?? 0.05);
  const repeal = title.startsWith('关于废止');
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
    status: unpublished ? pick(rng, ['draft', 'review']) : repeal ? 'repealed' : 'published',
    url: `/catalog/doc-${String(n).padStart(8, '0')}`,
  };
}
