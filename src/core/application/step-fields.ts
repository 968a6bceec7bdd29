/**
 * The fields of each step (办理步骤), described once. This one description drives the parsing of a step from untrusted
 * input (commands.ts `parseCommand`), the step's HTML form on the case page (server/views/cases.ts) and its body in the
 * OpenAPI document (server/routes/applications/openapi.ts), so none of them can drift from the others. Articles: 补正
 * 第三十条; 征求意见 第三十二条、第三十四条; 延期 第三十三条第二款; 收费 第四十二条; 答复 第三十六条至第三十九条.
 *
 * Plain data, not a zod schema: the core imports no library (docs/architecture.md), and the three readers of it (the
 * core's Reader, an HTML form, a JSON Schema) each need only these few kinds.
 */
import { ANSWERABLE, DELIVERY_ROUTES, DELIVERY_ROUTE_LABELS } from './terms.ts';
import type { CommandKind } from './commands.ts';

interface FieldBase {
  /** The key in a JSON body and the name of the form's control. */
  readonly key: string;
  /** The field's name in Chinese, as problems say it (请填写… / …无效). */
  readonly label: string;
  /** Said after the label on the form, in brackets (截止日期, 元, 1-20). */
  readonly hint?: string;
  /** Set by the server from the acting account (批准人, 审核人), never typed: neither on the form nor in the API body. */
  readonly fromAccount?: true;
}

/** One field of a step: its kind says how it is read, drawn and described. */
export type StepField =
  | (FieldBase & { readonly kind: 'text'; readonly max: number; readonly required: boolean; readonly multiline?: true })
  | (FieldBase & { readonly kind: 'date' })
  | (FieldBase & { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly initial?: number })
  /** A fee in 元: more than 0, at most two decimals. */
  | (FieldBase & { readonly kind: 'amount' })
  | (FieldBase & { readonly kind: 'choice'; readonly options: readonly (readonly [value: string, label: string])[] });

export interface StepSpec {
  readonly fields: readonly StepField[];
  /** The step needs a reason, called this (延长答复期限: 条例第三十三条第二款 asks the reason to be told). */
  readonly reasonRequired?: string;
}

/** The fields every step has: the legal date it happened on and an optional reason. */
export const COMMON_STEP_FIELDS: readonly StepField[] = [
  { key: 'on', label: '日期', kind: 'date' },
  { key: 'reason', label: '理由', kind: 'text', max: 1000, required: false, multiline: true },
];

export const STEP_FIELDS: Readonly<Record<CommandKind, StepSpec>> = {
  requestCorrection: {
    fields: [
      { key: 'items', label: '需要补正的事项', kind: 'text', max: 1000, required: true, multiline: true },
      { key: 'replyBy', label: '补正期限', hint: '截止日期', kind: 'date' },
    ],
  },
  receiveCorrection: { fields: [] },
  deemWithdrawn: { fields: [] },
  startConsultation: {
    fields: [
      { key: 'consultation', label: '征求意见对象类型', kind: 'choice', options: [['thirdParty', '第三方（条例第三十二条）'], ['interAgency', '其他行政机关（条例第三十四条）']] },
      { key: 'party', label: '征求意见对象', hint: '名称', kind: 'text', max: 200, required: true },
    ],
  },
  endConsultation: {
    fields: [{ key: 'outcome', label: '征求意见结果', kind: 'choice', options: [['agreed', '同意公开'], ['objected', '不同意公开（说明理由）'], ['noReply', '逾期未答复']] }],
  },
  extend: {
    fields: [
      { key: 'days', label: '延长的工作日数', hint: '1-20', kind: 'integer', min: 1, max: 20, initial: 20 },
      { key: 'approvedBy', label: '批准人（政府信息公开工作机构负责人）', kind: 'text', max: 50, required: true, fromAccount: true },
    ],
    reasonRequired: '延期理由',
  },
  issueFeeNotice: {
    fields: [
      { key: 'amount', label: '收费金额', hint: '元', kind: 'amount' },
      { key: 'basis', label: '计费方式', kind: 'choice', options: [['perApplication', '按件计收'], ['perPage', '按量计收']] },
    ],
  },
  receivePayment: { fields: [] },
  lapseFee: { fields: [] },
  answer: {
    fields: [
      { key: 'category', label: '答复类型', hint: '计入年度报告表三', kind: 'choice', options: ANSWERABLE.map((c) => [c.row, `${c.zh}（${c.articles}）`] as const) },
      { key: 'text', label: '答复内容', kind: 'text', max: 5000, required: true, multiline: true },
      { key: 'approvedBy', label: '审核人', kind: 'text', max: 50, required: false, fromAccount: true },
    ],
  },
  deliver: { fields: [{ key: 'route', label: '送达方式', kind: 'choice', options: DELIVERY_ROUTES.map((d) => [d, DELIVERY_ROUTE_LABELS[d]] as const) }] },
  withdraw: { fields: [] },
};

/** The values a choice allows. */
export const choiceValues = (f: StepField): readonly string[] => (f.kind === 'choice' ? f.options.map(([v]) => v) : []);
