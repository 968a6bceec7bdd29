/**
 * Parts shared by both templates (国办公开办函〔2019〕60号 and 〔2021〕30号): the six sections, table 三 (收到和处理政府信息
 * 公开申请情况) except its （六）其他处理 rows, and table 四 (行政复议、行政诉讼). Labels are the template's exact wording.
 */
import type { ApplicationRowDef, ColumnDef, ReviewGroupDef, SectionDef } from './types.ts';

export const SECTIONS_2019: readonly SectionDef[] = [
  { key: 'overview', heading: '一、总体情况', kind: 'narrative' },
  { key: 'proactive', heading: '二、主动公开政府信息情况', kind: 'table' },
  { key: 'applications', heading: '三、收到和处理政府信息公开申请情况', kind: 'table' },
  { key: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况', kind: 'table' },
  { key: 'problems', heading: '五、存在的主要问题及改进情况', kind: 'narrative' },
  { key: 'otherMatters', heading: '六、其他需要报告的事项', kind: 'narrative' },
];

/** Table 三 columns (申请人情况). */
export const APPLICANT_COLUMNS: readonly ColumnDef[] = [
  { key: 'natural', label: '自然人', kind: 'count' },
  { key: 'commercial', label: '商业企业', kind: 'count' },
  { key: 'research', label: '科研机构', kind: 'count' },
  { key: 'publicInterest', label: '社会公益组织', kind: 'count' },
  { key: 'legalService', label: '法律服务机构', kind: 'count' },
  { key: 'other', label: '其他', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];

export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const DENIED = { key: 'denied', label: '（三）不予公开' };
const UNAVAILABLE = { key: 'unavailable', label: '（四）无法提供' };
const NOT_PROCESSED = { key: 'notProcessed', label: '（五）不予处理' };

/** Table 三 rows before （六）其他处理. */
export const APPLICATION_ROWS_HEAD: readonly ApplicationRowDef[] = [
  { path: ['newReceived'], label: '一、本年新收政府信息公开申请数量', level: 'top' },
  { path: ['carriedOver'], label: '二、上年结转政府信息公开申请数量', level: 'top' },
  { path: ['granted'], label: '（一）予以公开', level: 'result' },
  { path: ['partiallyGranted'], label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', level: 'result' },
  { path: ['denied', 'stateSecret'], label: '1.属于国家秘密', level: 'result', group: DENIED },
  { path: ['denied', 'prohibitedByLaw'], label: '2.其他法律行政法规禁止公开', level: 'result', group: DENIED },
  { path: ['denied', 'endangersSafety'], label: '3.危及“三安全一稳定”', level: 'result', group: DENIED },
  { path: ['denied', 'thirdPartyRights'], label: '4.保护第三方合法权益', level: 'result', group: DENIED },
  { path: ['denied', 'internalAffairs'], label: '5.属于三类内部事务信息', level: 'result', group: DENIED },
  { path: ['denied', 'processInformation'], label: '6.属于四类过程性信息', level: 'result', group: DENIED },
  { path: ['denied', 'enforcementFiles'], label: '7.属于行政执法案卷', level: 'result', group: DENIED },
  { path: ['denied', 'inquiryMatters'], label: '8.属于行政查询事项', level: 'result', group: DENIED },
  { path: ['unavailable', 'notHeld'], label: '1.本机关不掌握相关政府信息', level: 'result', group: UNAVAILABLE },
  { path: ['unavailable', 'needsCreation'], label: '2.没有现成信息需要另行制作', level: 'result', group: UNAVAILABLE },
  { path: ['unavailable', 'stillUnclear'], label: '3.补正后申请内容仍不明确', level: 'result', group: UNAVAILABLE },
  { path: ['notProcessed', 'complaints'], label: '1.信访举报投诉类申请', level: 'result', group: NOT_PROCESSED },
  { path: ['notProcessed', 'repeated'], label: '2.重复申请', level: 'result', group: NOT_PROCESSED },
  { path: ['notProcessed', 'publications'], label: '3.要求提供公开出版物', level: 'result', group: NOT_PROCESSED },
  { path: ['notProcessed', 'excessive'], label: '4.无正当理由大量反复申请', level: 'result', group: NOT_PROCESSED },
  { path: ['notProcessed', 'confirmation'], label: '5.要求行政机关确认或重新出具已获取信息', level: 'result', group: NOT_PROCESSED },
];

/** Table 三 rows after （六）其他处理. */
export const APPLICATION_ROWS_TAIL: readonly ApplicationRowDef[] = [
  { path: ['total'], label: '（七）总计', level: 'result', isTotal: true },
  { path: ['carriedForward'], label: '四、结转下年度继续办理', level: 'top' },
];

export const APPLICATIONS_COMMON = {
  balanceNote: BALANCE_NOTE,
  applicantHeader: '申请人情况',
  legalPersonHeader: '法人或其他组织',
  columns: APPLICANT_COLUMNS,
  resultsLabel: '三、本年度办理结果',
} as const;

/** Table 四 (行政复议、行政诉讼): three groups of five columns. */
export const REVIEW_GROUPS: readonly ReviewGroupDef[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉', parentLabel: '行政诉讼' },
  { key: 'litigationAfterReview', label: '复议后起诉', parentLabel: '行政诉讼' },
];

export const REVIEW_COLUMNS: readonly ColumnDef[] = [
  { key: 'upheld', label: '结果维持', kind: 'count' },
  { key: 'corrected', label: '结果纠正', kind: 'count' },
  { key: 'other', label: '其他结果', kind: 'count' },
  { key: 'pending', label: '尚未审结', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];
