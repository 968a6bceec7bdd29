/**
 * The steps a case can take after registration, as commands (what a handler asks for) read from untrusted input.
 * Each carries the legal date it happened on (`on`), who did it (`actor`) and why (`reason`); the audit log keeps all
 * three. Articles: 补正 第三十条; 征求意见 第三十二条、第三十四条; 延期 第三十三条第二款; 收费 第四十二条; 答复 第三十六条
 * 至第三十九条.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { ConsultationKind, ConsultationOutcome, FeeBasis } from './case.ts';
import { Reader, type Parsed } from './input.ts';
import { ANSWERABLE, DELIVERY_ROUTES, isMember, type DeliveryRoute } from './terms.ts';

interface Base {
  readonly on: IsoDate;
  readonly actor: string;
  readonly reason: string | null;
}

export type Command =
  | (Base & { readonly kind: 'requestCorrection'; readonly items: string; readonly replyBy: IsoDate })
  | (Base & { readonly kind: 'receiveCorrection' })
  | (Base & { readonly kind: 'deemWithdrawn' })
  | (Base & { readonly kind: 'startConsultation'; readonly consultation: ConsultationKind; readonly party: string })
  | (Base & { readonly kind: 'endConsultation'; readonly outcome: ConsultationOutcome })
  | (Base & { readonly kind: 'extend'; readonly days: number; readonly approvedBy: string })
  | (Base & { readonly kind: 'issueFeeNotice'; readonly amount: number; readonly basis: FeeBasis })
  | (Base & { readonly kind: 'receivePayment' })
  | (Base & { readonly kind: 'lapseFee' })
  | (Base & { readonly kind: 'answer'; readonly category: string; readonly text: string; readonly approvedBy: string | null })
  | (Base & { readonly kind: 'deliver'; readonly route: DeliveryRoute })
  | (Base & { readonly kind: 'withdraw' });

export type CommandKind = Command['kind'];

/** Every step, in the order a handler meets them, with its name in Chinese (buttons, timeline) and English. */
export const COMMANDS: Readonly<Record<CommandKind, { zh: string; en: string }>> = {
  requestCorrection: { zh: '告知补正', en: 'request correction' },
  receiveCorrection: { zh: '收到补正材料', en: 'correction received' },
  deemWithdrawn: { zh: '逾期未补正，视为放弃申请', en: 'deem withdrawn (no correction)' },
  startConsultation: { zh: '征求意见', en: 'start consultation' },
  endConsultation: { zh: '征求意见结束', en: 'end consultation' },
  extend: { zh: '延长答复期限', en: 'extend the answer period' },
  issueFeeNotice: { zh: '发出收费通知', en: 'issue fee notice' },
  receivePayment: { zh: '已缴费', en: 'payment received' },
  lapseFee: { zh: '逾期未缴费，不再处理', en: 'fee lapsed' },
  answer: { zh: '作出答复', en: 'answer' },
  deliver: { zh: '送达答复', en: 'deliver the answer' },
  withdraw: { zh: '申请人撤回申请', en: 'applicant withdraws' },
};

export const COMMAND_KINDS = Object.keys(COMMANDS) as CommandKind[];

/** Read one step of `kind` from untrusted input; problems are `application.invalid`, located by field. */
export function parseCommand(kind: string, input: unknown, actor: string): Parsed<Command> {
  const r = new Reader(input);
  if (!isMember(COMMAND_KINDS, kind)) {
    r.fail('kind', `没有此办理步骤：${kind}`, `no such step: ${kind}`);
    return { ok: false, problems: r.problems };
  }
  const base: Base = { on: r.date('on', '日期'), actor, reason: r.optionalText('reason', '理由', 1000) };
  const command = ((): Command => {
    switch (kind) {
      case 'requestCorrection':
        return { ...base, kind, items: r.text('items', '需要补正的事项', 1000), replyBy: r.date('replyBy', '补正期限') };
      case 'startConsultation':
        return { ...base, kind, consultation: r.member('consultation', '征求意见对象类型', ['thirdParty', 'interAgency'] as const), party: r.text('party', '征求意见对象', 200) };
      case 'endConsultation':
        return { ...base, kind, outcome: r.member('outcome', '征求意见结果', ['agreed', 'objected', 'noReply'] as const) };
      case 'extend': {
        const cmd = { ...base, kind, days: r.integer('days', '延长的工作日数', 1, 20), approvedBy: r.text('approvedBy', '批准人（政府信息公开工作机构负责人）', 50) };
        if (base.reason === null) r.fail('reason', '请填写延长答复期限的理由', 'the reason of the extension is required');
        return cmd;
      }
      case 'issueFeeNotice': {
        const cmd = { ...base, kind, amount: r.amount('amount', '收费金额'), basis: r.member('basis', '计费方式', ['perApplication', 'perPage'] as const) };
        if (cmd.amount <= 0 && !r.problems.some((p) => p.at === 'amount')) r.fail('amount', '收费金额应大于 0', 'the fee must be more than 0');
        return cmd;
      }
      case 'answer': {
        const category = r.member('category', '答复类型', ANSWERABLE.map((c) => c.row));
        return { ...base, kind, category, text: r.text('text', '答复内容', 5000), approvedBy: r.optionalText('approvedBy', '审核人', 50) };
      }
      case 'deliver':
        return { ...base, kind, route: r.member('route', '送达方式', DELIVERY_ROUTES) };
      default:
        return { ...base, kind };
    }
  })();
  if (actor.trim() === '') r.fail('actor', '缺少经办人', 'the actor is required');
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value: command };
}
