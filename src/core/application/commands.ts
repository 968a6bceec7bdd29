/**
 * The steps a case can take after registration, as commands (what a handler asks for) read from untrusted input.
 * Each carries the legal date it happened on (`on`), who did it (`actor`) and why (`reason`); the audit log keeps all
 * three. Articles: 补正 第三十条; 征求意见 第三十二条、第三十四条; 延期 第三十三条第二款; 收费 第四十二条; 答复 第三十六条
 * 至第三十九条.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { ConsultationKind, ConsultationOutcome, FeeBasis } from './case.ts';
import { Reader, type Parsed } from './input.ts';
import { COMMON_STEP_FIELDS, STEP_FIELDS, choiceValues, type StepField } from './step-fields.ts';
import { isMember, type DeliveryRoute } from './terms.ts';

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
  const common: Record<string, unknown> = {};
  for (const f of COMMON_STEP_FIELDS) common[f.key] = readField(r, f);
  const base: Base = { on: common.on as IsoDate, actor, reason: common.reason as string | null };
  // The step's own fields, read as STEP_FIELDS describes them (the same description draws the form and the OpenAPI body).
  const spec = STEP_FIELDS[kind];
  const fields: Record<string, unknown> = {};
  for (const f of spec.fields) fields[f.key] = readField(r, f);
  if (spec.reasonRequired !== undefined && base.reason === null) r.fail('reason', `请填写${spec.reasonRequired}`, `the reason of the step "${COMMANDS[kind].en}" is required`);
  // STEP_FIELDS[kind] lists exactly the fields of the `kind` variant of Command (tested: step-fields.test.ts).
  const command = { ...base, ...fields, kind } as Command;
  if (actor.trim() === '') r.fail('actor', '缺少经办人', 'the actor is required');
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value: command };
}

/** One field of a step, read from untrusted input as its description says; problems are collected in `r`. */
function readField(r: Reader, f: StepField): unknown {
  switch (f.kind) {
    case 'text':
      return f.required ? r.text(f.key, f.label, f.max) : r.optionalText(f.key, f.label, f.max);
    case 'date':
      return r.date(f.key, f.label);
    case 'integer':
      return r.integer(f.key, f.label, f.min, f.max);
    case 'amount': {
      const amount = r.amount(f.key, f.label);
      if (amount <= 0 && !r.problems.some((p) => p.at === f.key)) r.fail(f.key, `${f.label}应大于 0`, `${f.key} must be more than 0`);
      return amount;
    }
    case 'choice':
      return r.member(f.key, f.label, choiceValues(f));
  }
}
