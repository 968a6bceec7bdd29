/**
 * The 2019 template: 国办公开办函〔2019〕60号 (reports on 2019 and 2020; some later reports still use it).
 * Table 二 reports Art. 20 items (一)(五)(六)(八)(九) of the 政府信息公开条例 (2019).
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

const MADE_COLUMNS: readonly ColumnDef[] = [
  { key: 'made', label: '本年新制作数量', kind: 'count' },
  { key: 'published', label: '本年新公开数量', kind: 'count' },
  { key: 'total', label: '对外公开总数量', kind: 'count' },
];

const ITEM_COLUMNS: readonly ColumnDef[] = [
  { key: 'previous', label: '上一年项目数量', kind: 'count' },
  { key: 'change', label: '本年增/减', kind: 'signedCount' },
  { key: 'decisions', label: '处理决定数量', kind: 'count' },
];

export const TEMPLATE_2019: ReportTemplate = {
  id: '2019',
  notice: '国办公开办函〔2019〕60号',
  label: '2019 年版',
  years: { from: 2019, to: 2020 },
  sections: SECTIONS_2019,
  proactive: {
    groups: [
      {
        label: '第二十条第（一）项',
        article20Item: 1,
        columns: MADE_COLUMNS,
        rows: [
          { key: 'rules', label: '规章' },
          { key: 'normativeDocuments', label: '规范性文件' },
        ],
      },
      {
        label: '第二十条第（五）项',
        article20Item: 5,
        columns: ITEM_COLUMNS,
        rows: [
          { key: 'licensing', label: '行政许可' },
          { key: 'otherServices', label: '其他对外管理服务事项' },
        ],
      },
      {
        label: '第二十条第（六）项',
        article20Item: 6,
        columns: ITEM_COLUMNS,
        rows: [
          { key: 'penalty', label: '行政处罚' },
          { key: 'enforcement', label: '行政强制' },
        ],
      },
      {
        label: '第二十条第（八）项',
        article20Item: 8,
        columns: [
          { key: 'previous', label: '上一年项目数量', kind: 'count' },
          { key: 'change', label: '本年增/减', kind: 'signedCount' },
          { key: 'decisions', label: '处理决定数量', kind: 'count', variant: true },
        ],
        rows: [{ key: 'fees', label: '行政事业性收费' }],
      },
      {
        label: '第二十条第（九）项',
        article20Item: 9,
        columns: [
          { key: 'projects', label: '采购项目数量', kind: 'count' },
          {
            key: 'amount',
            label: '采购总金额（单位：万元，保留4位小数）',
            kind: 'amount',
            unit: '万元',
            maxDecimals: 4,
          },
        ],
        rows: [{ key: 'procurement', label: '政府集中采购' }],
      },
    ],
  },
  applications: {
    ...APPLICATIONS_COMMON,
    rows: [
      ...APPLICATION_ROWS_HEAD,
      { path: ['otherHandling'], label: '（六）其他处理', level: 'result' },
      ...APPLICATION_ROWS_TAIL,
    ],
  },
  reviewLitigation: { groups: REVIEW_GROUPS, columns: REVIEW_COLUMNS },
  markers: ['本年新制作数量', '上一年项目数量'],
  traits: { documentColumns: 'made', itemCounts: true, feesStatement: false, otherHandlingSplit: false },
};
