/**
 * The words of a disclosure application (依申请公开), 《中华人民共和国政府信息公开条例》(2019 修订), each once, with its
 * article: who applies (第二十七条; the applicant types are the columns of table 三), how the application arrives and
 * which day counts as its receipt (第三十一条), what it must contain (第二十九条), and the answers (第三十六条至第三十九条)
 * with the table-三 row each one is counted in.
 */

/** Table 三 columns (申请人情况) without 总计: 自然人, then 法人或其他组织 in five kinds. */
export const APPLICANT_TYPES = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, { zh: string; en: string }>> = {
  natural: { zh: '自然人', en: 'natural person' },
  commercial: { zh: '商业企业', en: 'commercial enterprise' },
  research: { zh: '科研机构', en: 'research institution' },
  publicInterest: { zh: '社会公益组织', en: 'public-interest organisation' },
  legalService: { zh: '法律服务机构', en: 'legal service provider' },
  other: { zh: '其他', en: 'other organisation' },
};

/** 第三十一条: how the application arrived, and which day counts as its receipt (the clock starts there). */
export const CHANNELS = ['inPerson', 'postSignedFor', 'postOrdinary', 'online', 'fax', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, { zh: string; en: string; receiptRule: string }>> = {
  inPerson: { zh: '当面提交', en: 'in person', receiptRule: '以提交之日为收到申请之日（条例第三十一条第一项）' },
  postSignedFor: { zh: '邮寄（需签收）', en: 'post, signed for', receiptRule: '以行政机关签收之日为收到申请之日（条例第三十一条第二项）' },
  postOrdinary: { zh: '平常信函', en: 'ordinary letter', receiptRule: '以行政机关与申请人确认之日为收到申请之日（条例第三十一条第二项）' },
  online: { zh: '互联网渠道', en: 'online', receiptRule: '以双方确认之日为收到申请之日（条例第三十一条第三项）' },
  fax: { zh: '传真', en: 'fax', receiptRule: '以双方确认之日为收到申请之日（条例第三十一条第三项）' },
  other: { zh: '其他', en: 'other', receiptRule: '以行政机关确认收到之日为收到申请之日（参照条例第三十一条）' },
};

/** 第二十九条第二款第三项: the form of the information wanted. */
export const INFORMATION_FORMS = ['paper', 'electronic', 'other'] as const;
export type InformationForm = (typeof INFORMATION_FORMS)[number];
export const INFORMATION_FORM_LABELS: Readonly<Record<InformationForm, string>> = { paper: '纸质文本', electronic: '电子数据', other: '其他形式' };

/** 第二十九条第二款第三项: the route by which the applicant receives it. */
export const DELIVERY_ROUTES = ['post', 'email', 'pickUp', 'online', 'fax'] as const;
export type DeliveryRoute = (typeof DELIVERY_ROUTES)[number];
export const DELIVERY_ROUTE_LABELS: Readonly<Record<DeliveryRoute, string>> = { post: '邮寄', email: '电子邮件', pickUp: '当面领取', online: '网上获取', fax: '传真' };

/** Identity documents (第二十九条第二款第一项: 身份证明). */
export const ID_TYPES = ['residentId', 'passport', 'otherPersonal', 'creditCode', 'otherOrganization'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Readonly<Record<IdType, string>> = {
  residentId: '居民身份证',
  passport: '护照',
  otherPersonal: '其他身份证件',
  creditCode: '统一社会信用代码',
  otherOrganization: '其他证照',
};

/** One answer (第三十六条至第三十九条): the table-三 row it is counted in (2021 key), its wording and its articles. */
export interface AnswerCategory {
  /** Dotted path of the 2021 table-三 row, e.g. `denied.stateSecret`. */
  readonly row: string;
  /** The 2019 row (（六）其他处理 is one row there). */
  readonly row2019: string;
  readonly zh: string;
  readonly en: string;
  /** The articles the answer notice (答复书) cites. */
  readonly articles: string;
  /** How the case gets this result: an answer (答复), or a closing event (not chosen in the answer form). */
  readonly by: 'answer' | 'deemedWithdrawn' | 'feeLapsed' | 'withdrawn';
}

const cat = (row: string, zh: string, en: string, articles: string, by: AnswerCategory['by'] = 'answer'): AnswerCategory => ({
  row,
  row2019: row.startsWith('otherHandling.') ? 'otherHandling' : row,
  zh,
  en,
  articles,
  by,
});

/**
 * Every result of a case, in table-三 order. An applicant's own withdrawal (撤回申请) is counted in （六）其他处理 — 3.其他
 * (2021) / （六）其他处理 (2019): the template has no row of its own for it (docs/decisions.md).
 */
export const ANSWER_CATEGORIES: readonly AnswerCategory[] = [
  cat('granted', '予以公开', 'granted', '条例第三十六条第一项、第二项'),
  cat('partiallyGranted', '部分公开', 'partially granted', '条例第三十七条'),
  cat('denied.stateSecret', '不予公开：属于国家秘密', 'denied: state secret', '条例第十四条、第三十六条第三项'),
  cat('denied.prohibitedByLaw', '不予公开：其他法律行政法规禁止公开', 'denied: prohibited by law', '条例第十四条、第三十六条第三项'),
  cat('denied.endangersSafety', '不予公开：危及“三安全一稳定”', 'denied: endangers security or stability', '条例第十四条、第三十六条第三项'),
  cat('denied.thirdPartyRights', '不予公开：保护第三方合法权益', 'denied: third-party rights', '条例第十五条、第三十二条、第三十六条第三项'),
  cat('denied.internalAffairs', '不予公开：属于三类内部事务信息', 'denied: internal affairs', '条例第十六条第一款、第三十六条第三项'),
  cat('denied.processInformation', '不予公开：属于四类过程性信息', 'denied: process information', '条例第十六条第二款、第三十六条第三项'),
  cat('denied.enforcementFiles', '不予公开：属于行政执法案卷', 'denied: law-enforcement files', '条例第十六条第二款、第三十六条第三项'),
  cat('denied.inquiryMatters', '不予公开：属于行政查询事项', 'denied: administrative inquiry matters', '条例第三十六条第三项'),
  cat('unavailable.notHeld', '无法提供：本机关不掌握相关政府信息', 'unavailable: not held', '条例第三十六条第四项、第五项'),
  cat('unavailable.needsCreation', '无法提供：没有现成信息需要另行制作', 'unavailable: would need creating', '条例第三十八条'),
  cat('unavailable.stillUnclear', '无法提供：补正后申请内容仍不明确', 'unavailable: still unclear after correction', '条例第三十条'),
  cat('notProcessed.complaints', '不予处理：信访举报投诉类申请', 'not processed: petition or complaint', '条例第三十九条第一款'),
  cat('notProcessed.repeated', '不予处理：重复申请', 'not processed: repeated application', '条例第三十六条第六项'),
  cat('notProcessed.publications', '不予处理：要求提供公开出版物', 'not processed: publication on sale', '条例第三十九条第二款'),
  cat('notProcessed.excessive', '不予处理：无正当理由大量反复申请', 'not processed: excessive without good reason', '条例第三十五条'),
  cat('notProcessed.confirmation', '不予处理：要求行政机关确认或重新出具已获取信息', 'not processed: confirm or re-issue information', '条例第三十九条第二款'),
  cat('otherHandling.noCorrection', '申请人无正当理由逾期不补正，不再处理', 'no correction in time: not processed further', '条例第三十条', 'deemedWithdrawn'),
  cat('otherHandling.unpaidFee', '申请人逾期未缴纳信息处理费，不再处理', 'fee unpaid in time: not processed further', '条例第四十二条；国办函〔2020〕109号', 'feeLapsed'),
  cat('otherHandling.other', '其他处理', 'other handling', '条例第三十六条第七项'),
];

/** The result an applicant's withdrawal is counted as (see ANSWER_CATEGORIES). */
export const WITHDRAWN_ROW = 'otherHandling.other';

const BY_ROW = new Map(ANSWER_CATEGORIES.map((c) => [c.row, c]));

/** The category of a 2021 row path, or undefined. */
export function answerCategory(row: string): AnswerCategory | undefined {
  return BY_ROW.get(row);
}

/** The categories a handler may choose when answering (the closing events have their own transitions). */
export const ANSWERABLE = ANSWER_CATEGORIES.filter((c) => c.by === 'answer');

export function isMember<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
