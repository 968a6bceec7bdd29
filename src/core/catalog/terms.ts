/**
 * The words of proactive disclosure (主动公开, 《中华人民共和国政府信息公开条例》(2019 修订) 第十九条至第二十六条):
 * the fifteen items of 第二十条 a body publishes, how a document is disclosed (主动公开 / 依申请公开 / 不予公开,
 * 第十四条至第十六条), its validity (有效性), its kind (规章, 规范性文件: what table 二 counts), and the states of the
 * publication workflow (拟稿 → 保密审查 → 发布, 第十七条: 行政机关应当建立健全政府信息公开审查机制).
 * Every label is Chinese first. The period of 第二十六条 is in core/calendar/deadlines.ts (PROACTIVE_PUBLICATION).
 */

/** 条例第二十条 (一)-(十五): what every body publishes proactively. `code` is the item's number as text ('1'…'15'). */
export const ARTICLE_20_ITEMS = [
  { code: '1', zh: '行政法规、规章和规范性文件' },
  { code: '2', zh: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名' },
  { code: '3', zh: '国民经济和社会发展规划、专项规划、区域规划及相关政策' },
  { code: '4', zh: '国民经济和社会发展统计信息' },
  { code: '5', zh: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果' },
  { code: '6', zh: '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定' },
  { code: '7', zh: '财政预算、决算信息' },
  { code: '8', zh: '行政事业性收费项目及其依据、标准' },
  { code: '9', zh: '政府集中采购项目的目录、标准及实施情况' },
  { code: '10', zh: '重大建设项目的批准和实施情况' },
  { code: '11', zh: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况' },
  { code: '12', zh: '突发公共事件的应急预案、预警信息及应对情况' },
  { code: '13', zh: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况' },
  { code: '14', zh: '公务员招考的职位、名额、报考条件等事项以及录用结果' },
  { code: '15', zh: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息' },
] as const;
export type Article20Item = (typeof ARTICLE_20_ITEMS)[number]['code'];

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
/** 第二十条第（N）项, as the statute and table 二 print it. */
export const itemLabel = (code: string): string => `第二十条第（${NUMERALS[Number(code)] ?? code}）项`;
export const isArticle20Item = (code: string): code is Article20Item => ARTICLE_20_ITEMS.some((i) => i.code === code);

/** 公开方式: 第十三条 (公开为常态), 第十四条/第十五条/第十六条 (不予公开 and its reasons), 第二十七条 (依申请公开). */
export const DISCLOSURE_MODES = ['proactive', 'onRequest', 'withheld'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];
export const DISCLOSURE_LABELS: Readonly<Record<DisclosureMode, { zh: string; en: string }>> = {
  proactive: { zh: '主动公开', en: 'proactive' },
  onRequest: { zh: '依申请公开', en: 'on request' },
  withheld: { zh: '不予公开', en: 'not disclosed' },
};

/** 有效性. 已修改: amended, the new version linked; 废止: repealed by an act; 失效: expired (a term ended). */
export const VALIDITIES = ['valid', 'expired', 'repealed', 'amended'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Readonly<Record<Validity, { zh: string; en: string }>> = {
  valid: { zh: '有效', en: 'in force' },
  expired: { zh: '失效', en: 'expired' },
  repealed: { zh: '废止', en: 'repealed' },
  amended: { zh: '已修改', en: 'amended' },
};

/**
 * The kind of document, as far as table 二 counts it: 规章 (立法法第八十条、第八十二条), 行政规范性文件
 * (国办发〔2018〕37号), a 政策解读 (国办发〔2016〕80号: 解读 published with its policy), or anything else.
 */
export const DOCUMENT_KINDS = ['rule', 'normative', 'interpretation', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, { zh: string; en: string }>> = {
  rule: { zh: '规章', en: 'rule (规章)' },
  normative: { zh: '行政规范性文件', en: 'normative document' },
  interpretation: { zh: '政策解读', en: 'policy interpretation' },
  other: { zh: '其他文件', en: 'other document' },
};

/** The workflow: 拟稿 → 待保密审查 → 审查通过 (or 不予公开 after review) → 已发布. */
export const DOCUMENT_STATES = ['draft', 'inReview', 'cleared', 'withheld', 'published'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];
export const DOCUMENT_STATE_LABELS: Readonly<Record<DocumentState, { zh: string; en: string }>> = {
  draft: { zh: '拟稿', en: 'draft' },
  inReview: { zh: '待保密审查', en: 'awaiting security review' },
  cleared: { zh: '审查通过待发布', en: 'cleared, to publish' },
  withheld: { zh: '审查后不予主动公开', en: 'not published after review' },
  published: { zh: '已发布', en: 'published' },
};

/** 保密审查的结论 (条例第十七条; 《保守国家秘密法》): publish, disclose on request only, or not at all. */
export const REVIEW_CONCLUSIONS = ['publish', 'onRequest', 'withhold'] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];
export const REVIEW_CONCLUSION_LABELS: Readonly<Record<ReviewConclusion, { zh: string; en: string }>> = {
  publish: { zh: '同意主动公开', en: 'publish proactively' },
  onRequest: { zh: '依申请公开', en: 'disclose on request' },
  withhold: { zh: '不予公开', en: 'do not disclose' },
};

/**
 * The decisions table 二 counts besides documents (第二十条第（五）（六）（八）（九）项), entered or imported from the
 * 双公示 exports: 行政许可, 其他对外管理服务事项 (2019), 行政处罚, 行政强制, 行政事业性收费, 政府集中采购 (2019).
 */
export const DECISION_KINDS = ['licensing', 'otherServices', 'penalty', 'enforcement', 'fees', 'procurement'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_KIND_LABELS: Readonly<Record<DecisionKind, { zh: string; en: string }>> = {
  licensing: { zh: '行政许可', en: 'licensing' },
  otherServices: { zh: '其他对外管理服务事项', en: 'other services' },
  penalty: { zh: '行政处罚', en: 'penalty' },
  enforcement: { zh: '行政强制', en: 'enforcement' },
  fees: { zh: '行政事业性收费', en: 'fees' },
  procurement: { zh: '政府集中采购', en: 'procurement' },
};

export const isMemberOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
