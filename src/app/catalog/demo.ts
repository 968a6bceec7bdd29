/**
 * The demo county's catalog (npm start on an empty database): about 1,100 documents a year over two years for every
 * organisation of the demo tree — 规范性文件, 规章-free (a county makes no 规章: 立法法第八十二条), notices, plans,
 * statistics, budgets, licensing and penalty notices — with 文号, 成文日期 and 发布日期 (some published late under
 * 条例第二十六条), some repealed, expired or amended, 解读 for many policies (a few late), and the decisions table 二
 * counts. Deterministic (a seeded PRNG over the given `today`) and written in one bulk transaction, so start-up stays quick.
 */
import { mulberry32 } from '../../core/annual-report/generate.ts';
import { newDocument, type CatalogDocument } from '../../core/catalog/document.ts';
import { DEFAULT_INDEX_PATTERN, formatIndexNumber, indexCode } from '../../core/catalog/index-number.ts';
import type { DecisionKind } from '../../core/catalog/terms.ts';
import { publicationDelay } from '../../core/catalog/timeliness.ts';
import { addDays, isWeekend, type IsoDate } from '../../core/calendar/dates.ts';
import { addWorkingDays } from '../../core/calendar/working-days.ts';
import { loadCalendar } from '../applications/cases.ts';
import { catalogTree } from './decisions.ts';
import { searchDocOf, type CatalogDeps } from './documents.ts';
import type { CatalogSeed } from './ports.ts';
import { writeDecisions } from './decisions.ts';

const TOPICS = ['城市供水', '农村人居环境整治', '城乡居民医疗保险', '义务教育阶段学生资助', '耕地保护', '安全生产', '食品安全', '燃气安全', '养老服务', '就业创业补贴', '农村危房改造', '防汛抗旱', '秸秆综合利用', '集中式饮用水水源地保护', '公共租赁住房', '农村公路养护', '政府采购', '财政专项资金', '征地补偿', '老旧小区改造', '文明城市创建', '冬季清洁取暖', '城乡低保', '特困人员救助供养', '国有土地上房屋征收与补偿', '残疾人两项补贴', '城中村改造拆迁安置'];
/** What each kind of department writes about (by a word of its name); a government, its office and a town: anything. */
const DOMAIN_TOPICS: readonly (readonly [string, readonly string[]])[] = [
  ['人力资源和社会保障', ['就业创业补贴', '城乡居民养老保险', '根治欠薪', '职业技能提升行动', '工伤保险']],
  ['住房和城乡建设', ['城市供水', '燃气安全', '公共租赁住房', '老旧小区改造', '农村危房改造', '城中村改造拆迁安置', '国有土地上房屋征收与补偿', '冬季清洁取暖']],
  ['市场监督管理', ['食品安全', '特种设备安全', '价格监督检查', '药品零售监管', '小微企业质量提升']],
  ['生态环境', ['集中式饮用水水源地保护', '秸秆禁烧', '大气污染防治', '建设项目环境影响评价', '农村生活污水治理']],
  ['自然资源', ['耕地保护', '征地补偿', '不动产登记', '国土空间规划', '地质灾害防治']],
];
const topicsOf = (organization: string): readonly string[] => DOMAIN_TOPICS.find(([word]) => organization.includes(word))?.[1] ?? TOPICS;

const KINDS_OF_TEXT = [
  { t: (org: string, topic: string) => `${org}关于印发《中原县${topic}管理办法》的通知`, kind: 'normative', item: '1' },
  { t: (org: string, topic: string) => `${org}关于进一步加强${topic}工作的实施意见`, kind: 'normative', item: '1' },
  { t: (org: string, topic: string) => `${org}关于开展${topic}专项行动的通知`, kind: 'other', item: '15' },
  { t: (_org: string, topic: string, y: number) => `中原县${y}年${topic}工作要点`, kind: 'other', item: '3' },
  { t: (_org: string, topic: string, y: number) => `${y}年第${1 + (topic.length % 4)}季度${topic}统计信息`, kind: 'other', item: '4' },
  { t: (org: string, _topic: string, y: number) => `${org}${y}年部门预算公开`, kind: 'other', item: '7' },
  { t: (_org: string, topic: string) => `关于${topic}行政许可事项办理结果的公示`, kind: 'other', item: '5' },
  { t: (_org: string, topic: string) => `${topic}领域行政处罚决定公开`, kind: 'other', item: '6' },
  { t: (_org: string, topic: string) => `${topic}应急预案`, kind: 'other', item: '12' },
  { t: (_org: string, topic: string, y: number) => `${y}年${topic}监督检查情况通报`, kind: 'other', item: '13' },
] as const;
const PREFIX: Readonly<Record<string, string>> = { 中原县人民政府: '中政', 中原县人民政府办公室: '中政办', 中原县自然资源局: '中自然资', 中原县住房和城乡建设局: '中建', 中原县生态环境分局: '中环', 中原县人力资源和社会保障局: '中人社', 中原县市场监督管理局: '中市监', 中原县城关镇人民政府: '城政' };

const body = (title: string, topic: string): string =>
  [`<p>各乡镇人民政府、街道办事处，县政府各部门：</p>`, `<p>为深入贯彻落实党中央、国务院和省、市关于${topic}工作的决策部署，切实解决群众急难愁盼问题，结合我县实际，现就有关事项通知如下。</p>`, `<h2>一、总体要求</h2><p>坚持以人民为中心，依法依规、公开透明，建立健全${topic}长效机制。</p>`, `<h2>二、主要任务</h2><ol><li>摸清底数，建立台账，逐项明确责任单位和完成时限。</li><li>加强监管，开展“双随机、一公开”检查，检查结果按规定主动公开。</li><li>强化保障，所需经费纳入年度预算，资金使用情况接受社会监督。</li></ol>`, `<h2>三、工作要求</h2><p>各单位要高度重视，认真组织实施；执行中遇到的问题，请及时向县政府报告。《${title}》自发布之日起施行。</p>`].join('');
const plain = (html: string) => html.replace(/<[^>]+>/g, '\n').replace(/\n+/g, '\n').trim();

export interface DemoCatalogSummary {
  readonly documents: number;
  readonly decisions: number;
}

/** Seed the demo catalog for `organizations` (the demo tree). Throws DomainError only when the stored calendar is invalid. */
export async function seedDemoCatalog(deps: CatalogDeps & { seed: CatalogSeed }, organizations: readonly { id: string; name: string; code: string | null }[], options: { today: IsoDate; perYear?: number; seed?: number }): Promise<DemoCatalogSummary> {
  const rng = mulberry32(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const cal = await loadCalendar(deps);
  const thisYear = Number(options.today.slice(0, 4));
  const perYear = options.perYear ?? 1100;
  const docs: CatalogDocument[] = [];
  const counters = new Map<string, number>();
  const now = `${options.today}T00:00:00.000Z`;
  for (const org of organizations) await catalogTree(deps, org.id);
  for (const year of [thisYear - 1, thisYear]) {
    const last = year === thisYear ? addDays(options.today, -1) : `${year}-12-31`;
    const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(`${year}-01-01`)) / 86_400_000));
    const n = Math.round((perYear * span) / 365);
    const written: { date: IsoDate; i: number }[] = Array.from({ length: n }, (_, i) => ({ date: addDays(`${year}-01-01`, Math.floor(rng() * span)), i })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
    const numbers = new Map<string, number>();
    for (const { date } of written) {
      const writtenOn = isWeekend(date) ? addDays(date, 2) : date;
      const org = organizations[Math.floor(rng() ** 1.6 * organizations.length)] ?? organizations[0];
      if (!org) break;
      const shape = pick(KINDS_OF_TEXT);
      const topic = pick(topicsOf(org.name));
      const title = shape.t(org.name, topic, year);
      // Most are published within a few working days; about one in twelve later than 第二十六条 allows.
      const late = rng() < 0.08;
      const due = addWorkingDays(cal, writtenOn, late ? 21 + Math.floor(rng() * 15) : 1 + Math.floor(rng() * 12));
      const publishedOn = due.ok ? due.date : writtenOn;
      if (publishedOn >= options.today) continue;
      const prefix = PREFIX[org.name] ?? '中';
      const seq = (numbers.get(org.id) ?? 0) + 1;
      numbers.set(org.id, seq);
      const html = body(title, topic);
      const base = newDocument(`demo-doc-${year}-${docs.length + 1}`, org.id, { title, publisher: org.name, writtenOn, docNumber: shape.kind === 'normative' || rng() < 0.5 ? `${prefix}〔${year}〕${seq}号` : null, topic, item: shape.item, nodeId: null, kind: shape.kind, disclosure: 'proactive', disclosureReason: null, interprets: null, mediaUrl: null, bodyHtml: html }, plain(html), now);
      const counterKey = `${org.id}|${Number(publishedOn.slice(0, 4))}`;
      const idx = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, idx);
      const delay = publicationDelay(cal, writtenOn, publishedOn);
      docs.push({ ...base, state: 'published', publishedOn, indexNo: formatIndexNumber(deps.indexPattern ?? DEFAULT_INDEX_PATTERN, { code: indexCode(org), year: Number(publishedOn.slice(0, 4)), seq: idx }), review: { by: '王海燕（政务公开办副主任）', at: now, conclusion: 'publish', opinion: '经审查，不涉及国家秘密、工作秘密和个人隐私，同意主动公开。' }, publishWorkingDays: delay, version: 4 });
    }
  }
  // Validity: some normative documents of last year repealed or expired this year; a few amended by a new version.
  const policies = docs.filter((d) => d.kind === 'normative');
  const ended = new Map<string, CatalogDocument>();
  for (const d of policies) {
    const r = rng();
    if (d.publishedOn === null || d.publishedOn >= addDays(options.today, -30)) continue;
    const on = addDays(d.publishedOn, 30 + Math.floor(rng() * 200));
    if (on >= options.today) continue;
    if (r < 0.06) ended.set(d.id, { ...d, validity: 'repealed', validityOn: on, repealedBy: `${PREFIX[d.publisher] ?? '中'}〔${on.slice(0, 4)}〕${100 + Math.floor(rng() * 50)}号` });
    else if (r < 0.1) ended.set(d.id, { ...d, validity: 'expired', validityOn: on });
  }
  // 解读: about half the policies, published the same day, one in ten a few days later (同步发布 missed).
  const interpretations: CatalogDocument[] = [];
  for (const d of policies) {
    if (rng() > 0.5 || d.publishedOn === null) continue;
    const later = rng() < 0.1;
    const publishedOn = later ? addDays(d.publishedOn, 3 + Math.floor(rng() * 10)) : d.publishedOn;
    if (publishedOn >= options.today) continue;
    const html = `<p>一、出台背景</p><p>为贯彻落实上级部署，回应群众关切，制定《${d.title.replace(/^.*《|》.*$/g, '')}》。</p><p>二、主要内容</p><p>文件共分三部分，明确了总体要求、主要任务和保障措施。</p><p>三、解读机关及联系方式</p><p>${d.publisher}，联系电话：0371-6xxxxxxx。</p>`;
    const key = `${d.organizationId}|${publishedOn.slice(0, 4)}`;
    const idx = (counters.get(key) ?? 0) + 1;
    counters.set(key, idx);
    const org = organizations.find((o) => o.id === d.organizationId);
    interpretations.push({ ...newDocument(`${d.id}-jd`, d.organizationId, { title: `《${d.title}》政策解读`, publisher: d.publisher, writtenOn: d.writtenOn, docNumber: null, topic: d.topic, item: '1', nodeId: null, kind: 'interpretation', disclosure: 'proactive', disclosureReason: null, interprets: d.id, mediaUrl: rng() < 0.3 ? 'https://www.example.gov.cn/tujie/demo.html' : null, bodyHtml: html }, plain(html), now), state: 'published', publishedOn, indexNo: formatIndexNumber(deps.indexPattern ?? DEFAULT_INDEX_PATTERN, { code: indexCode(org ?? { id: d.organizationId, code: null }), year: Number(publishedOn.slice(0, 4)), seq: idx }), publishWorkingDays: publicationDelay(cal, d.writtenOn, publishedOn), interpretationLate: later, version: 4 });
  }
  const all = [...docs.map((d) => ended.get(d.id) ?? d), ...interpretations];
  await deps.catalog.bulkInsert(all, all.map((d) => searchDocOf(d, '')), [...counters].map(([k, last]) => ({ organizationId: k.split('|')[0] ?? '', year: Number(k.split('|')[1]), last })), { at: now, actorId: null, actorName: '演示数据', organizationId: organizations[0]?.id ?? null, action: 'catalog.create', subject: null, detail: { demo: true, documents: all.length }, ip: null });
  // Decisions of table 二 (双公示): licensing, penalties, enforcement, fees over both years.
  const MATTERS: Readonly<Record<DecisionKind, readonly string[]>> = { licensing: ['食品经营许可', '建筑工程施工许可', '取水许可', '排污许可', '户外广告设置许可'], otherServices: ['不动产登记'], penalty: ['未取得许可从事食品经营', '违法占用耕地', '未按规定排放污染物', '拖欠农民工工资'], enforcement: ['查封违法建设施工现场', '扣押不合格食品'], fees: ['不动产登记费', '土地复垦费', '污水处理费'], procurement: ['办公设备采购', '道路维修工程'] };
  let decisions = 0;
  for (const org of organizations.slice(0, 4)) {
    const rows = Array.from({ length: 80 + Math.floor(rng() * 60) }, () => {
      const kind = pick(['licensing', 'licensing', 'penalty', 'enforcement', 'fees', 'procurement'] as const);
      const decidedOn = addDays(`${thisYear - 1}-01-01`, Math.floor(rng() * Math.max(1, Math.round((Date.parse(options.today) - Date.parse(`${thisYear - 1}-01-01`)) / 86_400_000) - 1)));
      return { kind, matter: pick(MATTERS[kind]), decidedOn, amountFen: kind === 'fees' || kind === 'procurement' || kind === 'penalty' ? Math.round(rng() * 5_000_000) * 10 : null, ref: null };
    });
    decisions += rows.length;
    await writeDecisions(deps, org.id, rows, '演示数据', { id: null, name: '演示数据', ip: null });
  }
  return { documents: all.length, decisions };
}
