/**
 * Putting right what a clerk typed wrongly: the plausibility of a legal date (a 收到申请之日 or 办理日期 far in the past
 * needs an explicit confirmation), the correction (更正) of a registered case's registration fields, and voiding (作废)
 * a case registered in error. Both are events of the case history (`correct`, `void`): the original registration is
 * never overwritten. A correction is re-validated by deciding every later step again over the corrected registration
 * (the statute's refusals included); if one becomes illegal, nothing is corrected. Pure.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';
import type { Case } from './case.ts';
import { COMMANDS, type Command } from './commands.ts';
import { parseRegistration, type Registration } from './input.ts';
import { applyEvent, decide, type CaseEvent, type DecideContext, type Decision } from './transitions.ts';

/** A legal date older than this many calendar days before today needs confirmation (确认日期无误). */
export const PLAUSIBLE_DAYS = 30;
/** 《中华人民共和国政府信息公开条例》(2019年修订) took effect: the deadlines computed here are its deadlines. */
export const STATUTE_IN_FORCE = '2019-05-15';

/**
 * Whether `date` (at field `at`) is plausible on `today`: before 2019-05-15 it is refused (the 2008 条例's periods are
 * not computed here); older than PLAUSIBLE_DAYS it needs `confirmed`. The note is for the audit entry.
 */
export function checkDate(date: IsoDate, at: string, today: IsoDate, confirmed: boolean): { readonly problem: Problem | null; readonly note: string | null } {
  if (daysBetween(STATUTE_IN_FORCE, date) < 0) {
    return { problem: problem('application.invalid', at, { zh: `${date} 早于2019年修订的《政府信息公开条例》施行之日（2019-05-15），本系统不按旧条例计算期限`, en: `${date} is before the 2019 regulations took effect (2019-05-15)` }), note: null };
  }
  const age = daysBetween(date, today);
  if (age <= PLAUSIBLE_DAYS) return { problem: null, note: null };
  if (!confirmed) return { problem: problem('application.oldDate', at, { zh: `${date} 早于今天 ${age} 天（超过 ${PLAUSIBLE_DAYS} 天）`, en: `${date} is ${age} days before today (more than ${PLAUSIBLE_DAYS})` }, { days: age, bound: addDays(today, -PLAUSIBLE_DAYS) }), note: null };
  return { problem: null, note: `${at} ${date} 早于今天 ${age} 天，经办人已确认日期无误` };
}

/** One changed registration field (dotted path), for the timeline and the audit entry. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Labels of the correctable fields (timeline). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  channel: '申请方式',
  receivedOn: '收到申请之日',
  'applicant.type': '申请人类型',
  'applicant.name': '申请人姓名或名称',
  'applicant.idType': '证件类型',
  'applicant.idNumber': '证件号码',
  'applicant.contactPerson': '联系人',
  'applicant.phone': '联系电话',
  'applicant.email': '电子邮箱',
  'applicant.address': '通信地址',
  'applicant.postcode': '邮政编码',
  'applicant.fax': '传真号码',
  'request.description': '所需政府信息的描述',
  'request.documentNumber': '文号',
  'request.purpose': '用途',
  'request.form': '获取信息的形式',
  'request.delivery': '获取信息的途径',
};

/** The registration a case stands on now: the latest correction's, or the register event's. */
export function registrationOf(events: readonly CaseEvent[]): Registration & { id: string; number: string } {
  const reg = events.find((e) => e.kind === 'register')?.data as unknown as Registration & { id: string; number: string };
  const corrected = events.filter((e) => e.kind === 'correct').at(-1)?.data.registration as Registration | undefined;
  return corrected ? { ...reg, ...corrected } : reg;
}

function diff(before: Registration, after: Registration): FieldChange[] {
  const out: FieldChange[] = [];
  const norm = (v: unknown) => (v === undefined ? null : v);
  if (before.channel !== after.channel) out.push({ field: 'channel', before: before.channel, after: after.channel });
  if (before.receivedOn !== after.receivedOn) out.push({ field: 'receivedOn', before: before.receivedOn, after: after.receivedOn });
  for (const [group, b, a] of [['applicant', before.applicant, after.applicant], ['request', before.request, after.request]] as const) {
    const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
    for (const k of keys) {
      const x = norm((b as unknown as Record<string, unknown>)[k]);
      const y = norm((a as unknown as Record<string, unknown>)[k]);
      if (x !== y) out.push({ field: `${group}.${k}`, before: x, after: y });
    }
  }
  return out;
}

const refuse = (problems: readonly Problem[]): Decision => ({ ok: false, problems });

/** What a correction asks: the changed fields (merged over the current registration), why, and the date confirmation. */
export interface CorrectionInput {
  readonly channel?: unknown;
  readonly receivedOn?: unknown;
  readonly applicant?: unknown;
  readonly request?: unknown;
  readonly reason?: unknown;
  readonly confirmDate?: unknown;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const confirmed = (v: unknown): boolean => v === true || v === 'true' || v === 'on' || v === '1';
const reasonOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 1000) : null);

/**
 * Correct the registration of `current` (history `events`): the new registration is read like a new one (located
 * problems), must change something, needs a reason, an old receipt date needs confirmation, and every later step must
 * still be legal over it (application.correctionBreaksHistory, located at the changed field, with the step in detail).
 * The event `correct` keeps before/after; the case returned is the history folded over the corrected registration.
 */
export function correct(current: Case, events: readonly CaseEvent[], input: CorrectionInput, actor: string, ctx: DecideContext): Decision & { readonly note?: string | null; readonly changes?: readonly FieldChange[] } {
  if (current.state === 'voided') return refuse([problem('application.illegalTransition', 'kind', { zh: '已作废的申请不能更正', en: 'a voided case cannot be corrected' }, { state: current.state, command: 'correct', allowed: [] })]);
  const reg = registrationOf(events);
  const before: Registration = { organizationId: reg.organizationId, channel: reg.channel, receivedOn: reg.receivedOn, applicant: reg.applicant, request: reg.request };
  const parsed = parseRegistration({
    organizationId: reg.organizationId,
    channel: input.channel ?? before.channel,
    receivedOn: input.receivedOn ?? before.receivedOn,
    applicant: { ...before.applicant, ...obj(input.applicant) },
    request: { ...before.request, ...obj(input.request) },
  });
  const reason = reasonOf(input.reason);
  const problems: Problem[] = parsed.ok ? [] : [...parsed.problems];
  if (reason === null) problems.push(problem('application.invalid', 'reason', { zh: '请填写更正理由', en: 'the reason of the correction is required' }));
  if (!parsed.ok || problems.length > 0) return refuse(problems);
  const after = parsed.value;
  const changes = diff(before, after);
  if (changes.length === 0) return refuse([problem('application.nothingCorrected', 'form')]);
  let note: string | null = null;
  if (after.receivedOn !== before.receivedOn) {
    if (daysBetween(ctx.today, after.receivedOn) > 0) return refuse([problem('application.futureDate', 'receivedOn', { zh: after.receivedOn, en: after.receivedOn })]);
    const plausible = checkDate(after.receivedOn, 'receivedOn', ctx.today, confirmed(input.confirmDate));
    if (plausible.problem) return refuse([plausible.problem]);
    note = plausible.note;
  }
  // Re-decide the history over the corrected registration.
  const at = changes.some((c) => c.field === 'receivedOn') ? 'receivedOn' : (changes[0]?.field ?? 'form');
  let c: Case | null = null;
  for (const e of events) {
    if (e.kind === 'register') {
      c = applyEvent(null, { ...e, on: after.receivedOn, data: { ...e.data, ...after } });
      continue;
    }
    if (c === null) break;
    if (e.kind === 'correct') {
      c = { ...c, version: e.seq };
      continue;
    }
    if (e.kind === 'void') break;
    const cmd = { ...e.data, kind: e.kind, on: e.on, actor: e.actor, reason: e.reason } as unknown as Command;
    const d = decide(c, cmd, ctx);
    if (!d.ok) {
      const cause = d.problems[0];
      const label = COMMANDS[e.kind].zh;
      return refuse([problem('application.correctionBreaksHistory', at, { zh: `第 ${e.seq} 项办理步骤「${label}」（${e.on}）将不合法：${cause?.messageZh ?? ''}`, en: `step ${e.seq} (${e.kind}, ${e.on}) would be illegal: ${cause?.code ?? ''}` }, { seq: e.seq, step: e.kind, on: e.on, cause: cause?.code ?? null, causeAt: cause?.at ?? null })]);
    }
    c = { ...d.case, version: e.seq };
  }
  if (c === null) return refuse([problem('application.notFound', 'id')]);
  const event: CaseEvent = { seq: current.version + 1, kind: 'correct', on: ctx.today, recordedAt: ctx.now, actor, reason, from: current.state, to: current.state, data: { registration: after, changes, ...(note ? { dateConfirmed: note } : {}) } };
  return { ok: true, event, case: { ...c, version: event.seq }, note, changes };
}

/** Void (作废) a case registered in error (duplicate, test entry): reason required; a voided case cannot be voided again. */
export function voidCase(current: Case, input: { readonly reason?: unknown }, actor: string, ctx: DecideContext): Decision {
  if (current.state === 'voided') return refuse([problem('application.illegalTransition', 'kind', { zh: '该申请已作废', en: 'the case is already voided' }, { state: current.state, command: 'void', allowed: [] })]);
  const reason = reasonOf(input.reason);
  if (reason === null) return refuse([problem('application.invalid', 'reason', { zh: '请填写作废理由（如重复登记、测试数据）', en: 'the reason for voiding is required' })]);
  const event: CaseEvent = { seq: current.version + 1, kind: 'void', on: ctx.today, recordedAt: ctx.now, actor, reason, from: current.state, to: 'voided', data: {} };
  return { ok: true, event, case: applyEvent(current, event) };
}

/** The name of an event in the timeline (登记, a step, 更正, 作废). */
export const eventLabel = (kind: CaseEvent['kind']): string => (kind === 'register' ? '登记' : kind === 'correct' ? '更正' : kind === 'void' ? '作废' : COMMANDS[kind].zh);

const shown = (v: unknown): string => (v === null || v === undefined || v === '' ? '（空）' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What a correction changed, in words: 「收到申请之日 2019-01-01 → 2025-11-03」. Without `personal`, the applicant's
 * fields are named but their values hidden (个人信息).
 */
export function describeChanges(e: CaseEvent, personal: boolean): string {
  const changes = Array.isArray(e.data.changes) ? (e.data.changes as FieldChange[]) : [];
  return changes
    .map((c) => {
      const label = FIELD_LABELS[c.field] ?? c.field;
      if (!personal && c.field.startsWith('applicant.') && c.field !== 'applicant.type') return `${label}（已更正，个人信息已隐去）`;
      return `${label} ${shown(c.before)} → ${shown(c.after)}`;
    })
    .join('；');
}
