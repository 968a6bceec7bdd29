/**
 * The 2021 template: 国办公开办函〔2021〕30号 (reports on 2021 onward). Table 二 is reduced to Art. 20 items
 * (一)(五)(六)(八); table 三's （六）其他处理 is split into three rows. The three sub-row labels are corroborated by
 * independent implementations and many published reports (see spec/annual-report.md).
 */
import {
  APPLICATIONS_COMMON,
  APPLICATION_ROWS_HEAD,
  APPLICATION_ROWS_TAIL,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTIONS_2019,
} from './common.ts';
import type { ColumnDef, ReportTemplate } from './types.ts';

const DOCUMENT_COLUMNS: readonly ColumnDef[] = [
  { key: 'issued', label: '本年制发件数', kind: 'count' },
  { key: 'repealed', label: '本年废止件数', kind: 'count' },
  { key: 'inForce', label: '现行有效件数', kind: 'count' },
];

const DECISION_COLUMNS: readonly ColumnDef[] = [
  { key: 'decisions', label: '本年处理决定数量', kind: 'count' },
];

const OTHER_HANDLING = { key: 'otherHandling', label: '（六）其他处理' };

export const TEMPLATE_2021: ReportTemplate = {
  id: '2021',
  notice: '国办公开办函〔2021〕30号',
  label: '2021 年版',
  years: { from: 2021, to: null },
  sections: SECTIONS_2019,
  proactive: {
    groups: [
      {
        label: '第二十条第（一）项',
        article20Item: 1,
        columns: DOCUMENT_COLUMNS,
        rows: [
          { key: 'rules', label: '规章' },
          { key: 'normativeDocuments', label: '行政规范性文件' },
        ],
      },
      {
        label: '第二十条第（五）项',
        article20Item: 5,
        columns: DECISION_COLUMNS,
        rows: [{ key: 'licensing', label: '行政许可' }],
      },
      {
        label: '第二十条第（六）项',
        article20Item: 6,
        columns: DECISION_COLUMNS,
        rows: [
          { key: 'penalty', label: '行政处罚' },
          { key: 'enforcement', label: '行政强制' },
        ],
      },
      {
        label: '第二十条第（八）项',
        article20Item: 8,
        columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
        rows: [{ key: 'fees', label: '行政事业性收费' }],
      },
    ],
  },
  applications: {
    ...APPLICATIONS_COMMON,
    rows: [
      ...APPLICATION_ROWS_HEAD,
      {
        path: ['otherHandling', 'noCorrection'],
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        level: 'result',
        group: OTHER_HANDLING,
      },
      {
        path: ['otherHandling', 'unpaidFee'],
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        level: 'result',
        group: OTHER_HANDLING,
      },
      { path: ['otherHandling', 'other'], label: '3.其他', level: 'result', group: OTHER_HANDLING },
      ...APPLICATION_ROWS_TAIL,
    ],
  },
  reviewLitigation: { groups: REVIEW_GROUPS, columns: REVIEW_COLUMNS },
  markers: ['本年制发件数', '本年处理决定数量'],
  traits: { documentColumns: 'issued', itemCounts: false, feesStatement: true, otherHandlingSplit: true },
};
