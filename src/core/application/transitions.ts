/**
 * The case as a state machine. `decide` checks a command against the case and the statute and returns the event to
 * record (or coded problems, nothing changed); `applyEvent` folds an event into the case — the same function rebuilds a
 * case from its stored history. Refusals: a step the state does not allow → application.illegalTransition; 补正 asked
 * twice or after 7 working days → correctionOnce / correctionLate (第三十条); an extension twice or after the answer was
 * due → extensionOnce / extensionLate (第三十三条第二款); a step dated before the previous one or after today.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.ts';
import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import { CORRECTION_NOTICE, periodDue } from '../calendar/deadlines.ts';
import { notCoveredProblem } from '../calendar/working-days.ts';
import { problem, type Problem } from '../errors.ts';
import type { Case, CaseState } from './case.ts';
import { answerDeadlines, feePaymentDue } from './clock.ts';
import type { Command, CommandKind } from './commands.ts';
import type { Registration } from './input.ts';
import { WITHDRAWN_ROW } from './terms.ts';

/** One recorded step: the audit trail of the case (who, when recorded, legal date, why, from → to). */
export interface CaseEvent {
  readonly seq: number;
  /** register, a step, or a registry act: `correct` (更正) or `void` (作废) (./amend.ts). */
  readonly kind: 'register' | CommandKind | 'correct' | 'void';
  /** The legal date of the step. */
  readonly on: IsoDate;
  /** When it was recorded (ISO 8601 timestamp). */
  readonly recordedAt: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly from: CaseState | null;
  readonly to: CaseState;
  /** The command's own fields (register: the registration with id and number). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** From which states each step may be taken. */
export const ALLOWED_FROM: Readonly<Record<CommandKind, readonly CaseState[]>> = {
  requestCorrection: ['processing'],
  receiveCorrection: ['awaitingCorrection'],
  deemWithdrawn: ['awaitingCorrection'],
  startConsultation: ['processing'],
  endConsultation: ['consulting'],
  extend: ['processing', 'consulting'],
  issueFeeNotice: ['processing'],
  receivePayment: ['awaitingFee'],
  lapseFee: ['awaitingFee'],
  answer: ['processing'],
  deliver: ['answered'],
  withdraw: ['processing', 'awaitingCorrection', 'consulting', 'awaitingFee'],
};

const TARGET: Readonly<Record<CommandKind, CaseState | null>> = {
  requestCorrection: 'awaitingCorrection',
  receiveCorrection: 'processing',
  deemWithdrawn: 'deemedWithdrawn',
  startConsultation: 'consulting',
  endConsultation: 'processing',
  extend: null,
  issueFeeNotice: 'awaitingFee',
  receivePayment: 'processing',
  lapseFee: 'feeLapsed',
  answer: 'answered',
  deliver: 'delivered',
  withdraw: 'withdrawn',
};

/** The steps a case in `state` may take (for buttons and the API). */
export function availableCommands(c: Pick<Case, 'state' | 'correction' | 'extension'>): CommandKind[] {
  return (Object.keys(ALLOWED_FROM) as CommandKind[]).filter(
    (k) => ALLOWED_FROM[k].includes(c.state) && !(k === 'requestCorrection' && c.correction) && !(k === 'extend' && c.extension),
  );
}

export interface DecideContext {
  readonly calendar: WorkingDayCalendar;
  /** Today's date (the clock is injected). */
  readonly today: IsoDate;
  /** The recording timestamp. */
  readonly now: string;
}

export type Decision = { readonly ok: true; readonly event: CaseEvent; readonly case: Case } | { readonly ok: false; readonly problems: readonly Problem[] };

const refuse = (p: Problem): Decision => ({ ok: false, problems: [p] });

/** The event that registers a new application (登记), and the case it opens. */
export function register(reg: Registration, ids: { id: string; number: string }, actor: string, ctx: DecideContext): Decision {
  if (daysBetween(ctx.today, reg.receivedOn) > 0) return refuse(problem('application.futureDate', 'receivedOn', { zh: reg.receivedOn, en: reg.receivedOn }));
  const event: CaseEvent = {
    seq: 1,
    kind: 'register',
    on: reg.receivedOn,
    recordedAt: ctx.now,
    actor,
    reason: null,
    from: null,
    to: 'processing',
    data: { ...ids, ...reg },
  };
  return { ok: true, event, case: applyEvent(null, event) };
}

/** Check `cmd` against the case; the event and the new case, or the coded refusal. Pure. */
export function decide(c: Case, cmd: Command, ctx: DecideContext): Decision {
  if (!ALLOWED_FROM[cmd.kind].includes(c.state)) {
    return refuse(problem('application.illegalTransition', 'kind', { zh: `${c.state} → ${cmd.kind}`, en: `${c.state} → ${cmd.kind}` }, { state: c.state, command: cmd.kind, allowed: availableCommands(c) }));
  }
  if (daysBetween(c.lastStepOn, cmd.on) < 0) return refuse(problem('application.dateOrder', 'on', { zh: `${cmd.on} 早于 ${c.lastStepOn}`, en: `${cmd.on} is before ${c.lastStepOn}` }, { lastStepOn: c.lastStepOn }));
  if (daysBetween(ctx.today, cmd.on) > 0) return refuse(problem('application.futureDate', 'on', { zh: `${cmd.on} 晚于今天 ${ctx.today}`, en: `${cmd.on} is after today ${ctx.today}` }));
  const checked = check(c, cmd, ctx);
  if (checked) return refuse(checked);
  const to = TARGET[cmd.kind] ?? c.state;
  const { on, actor, reason, kind, ...data } = cmd;
  const event: CaseEvent = { seq: c.version + 1, kind, on, recordedAt: ctx.now, actor, reason, from: c.state, to, data };
  return { ok: true, event, case: applyEvent(c, event) };
}

function check(c: Case, cmd: Command, ctx: DecideContext): Problem | null {
  switch (cmd.kind) {
    case 'requestCorrection': {
      if (c.correction) return problem('application.correctionOnce', 'kind');
      const due = periodDue(ctx.calendar, c.receivedOn, CORRECTION_NOTICE);
      if (!due.ok) return notCoveredProblem(due, 'on');
      if (daysBetween(due.date, cmd.on) > 0) return problem('application.correctionLate', 'on', { zh: `期限为 ${due.date}`, en: `due ${due.date}` }, { due: due.date });
      if (daysBetween(cmd.on, cmd.replyBy) <= 0) return problem('application.invalid', 'replyBy', { zh: '补正期限应晚于告知之日', en: 'the correction period must end after the notice' });
      return null;
    }
    case 'deemWithdrawn':
      if (c.correction && daysBetween(c.correction.replyBy, cmd.on) <= 0) return problem('application.correctionNotDue', 'on', { zh: `补正期限为 ${c.correction.replyBy}`, en: `due ${c.correction.replyBy}` }, { replyBy: c.correction.replyBy });
      return null;
    case 'extend': {
      if (c.extension) return problem('application.extensionOnce', 'kind');
      const d = answerDeadlines(ctx.calendar, c, cmd.on);
      if (d && !d.ok) return d.problems[0] ?? null;
      if (d && !d.answerDue.ok) return notCoveredProblem(d.answerDue, 'on');
      if (d && d.answerDue.ok && daysBetween(d.answerDue.date, cmd.on) > 0) return problem('application.extensionLate', 'on', { zh: `答复期限为 ${d.answerDue.date}`, en: `answer was due ${d.answerDue.date}` }, { answerDue: d.answerDue.date });
      return null;
    }
    case 'lapseFee': {
      if (!c.fee) return null;
      const due = feePaymentDue(ctx.calendar, c.fee.noticeOn);
      if (!due.ok) return notCoveredProblem(due, 'on');
      if (daysBetween(due.date, cmd.on) <= 0) return problem('application.feeNotDue', 'on', { zh: `缴费期限为 ${due.date}`, en: `payment due ${due.date}` }, { due: due.date });
      return null;
    }
    case 'answer':
      if (cmd.category === 'unavailable.stillUnclear' && !c.correction?.receivedOn) return problem('application.needsCorrection', 'category');
      return null;
    default:
      return null;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Fold one event into the case (null before registration). Trusts the event: call `decide` first for new ones. */
export function applyEvent(c: Case | null, e: CaseEvent): Case {
  const d = e.data;
  if (e.kind === 'register' || c === null) {
    const reg = d as unknown as Registration & { id: string; number: string };
    return {
      id: reg.id,
      number: reg.number,
      organizationId: reg.organizationId,
      state: 'processing',
      channel: reg.channel,
      receivedOn: reg.receivedOn,
      clockStart: reg.receivedOn,
      applicant: reg.applicant,
      request: reg.request,
      correction: null,
      consultations: [],
      extension: null,
      fee: null,
      answer: null,
      delivery: null,
      closedOn: null,
      resultRow: null,
      lastStepOn: e.on,
      version: e.seq,
    };
  }
  const base: Case = { ...c, state: e.to, lastStepOn: e.on, version: e.seq };
  const close = (row: string): Case => ({ ...base, closedOn: e.on, resultRow: row });
  switch (e.kind) {
    case 'requestCorrection':
      return { ...base, correction: { requestedOn: e.on, items: str(d.items), replyBy: str(d.replyBy), receivedOn: null } };
    case 'receiveCorrection':
      return { ...base, clockStart: e.on, correction: c.correction ? { ...c.correction, receivedOn: e.on } : null };
    case 'deemWithdrawn':
      return close('otherHandling.noCorrection');
    case 'startConsultation':
      return { ...base, consultations: [...c.consultations, { kind: d.consultation === 'interAgency' ? 'interAgency' : 'thirdParty', party: str(d.party), sentOn: e.on, endedOn: null, outcome: null }] };
    case 'endConsultation': {
      const list = [...c.consultations];
      const last = list.pop();
      const outcome = d.outcome === 'agreed' || d.outcome === 'objected' ? d.outcome : 'noReply';
      return { ...base, consultations: last ? [...list, { ...last, endedOn: e.on, outcome }] : list };
    }
    case 'extend':
      return { ...base, extension: { on: e.on, days: num(d.days), approvedBy: str(d.approvedBy), reason: e.reason ?? '' } };
    case 'issueFeeNotice':
      return { ...base, fee: { noticeOn: e.on, amount: num(d.amount), basis: d.basis === 'perPage' ? 'perPage' : 'perApplication', paidOn: null, lapsedOn: null } };
    case 'receivePayment':
      return { ...base, fee: c.fee ? { ...c.fee, paidOn: e.on } : null };
    case 'lapseFee':
      return { ...close('otherHandling.unpaidFee'), fee: c.fee ? { ...c.fee, lapsedOn: e.on } : null };
    case 'answer':
      return { ...close(str(d.category)), answer: { on: e.on, category: str(d.category), text: str(d.text), approvedBy: typeof d.approvedBy === 'string' ? d.approvedBy : null } };
    case 'deliver':
      return { ...base, delivery: { on: e.on, route: d.route as NonNullable<Case['delivery']>['route'] } };
    case 'withdraw':
      return close(WITHDRAWN_ROW);
    case 'correct': {
      // The corrected registration (./amend.ts). `replay` applies it to the register event itself, so that every later
      // step is folded over it; here it only re-bases a case already folded that way (idempotent).
      const reg = d.registration as Registration;
      const lastStepOn = daysBetween(c.lastStepOn, reg.receivedOn) > 0 ? reg.receivedOn : c.lastStepOn;
      return { ...c, channel: reg.channel, receivedOn: reg.receivedOn, applicant: reg.applicant, request: reg.request, clockStart: c.correction?.receivedOn ?? reg.receivedOn, lastStepOn, version: e.seq };
    }
    case 'void':
      // 作废: the case stays readable but takes no step and is counted nowhere; its 申请编号 is never reused.
      return { ...c, state: 'voided', version: e.seq };
  }
}

/**
 * Rebuild a case from its whole history (oldest first). The latest correction (更正) replaces the registration the
 * history is folded over, so deadlines follow the corrected 收到申请之日; the register event itself stays as recorded.
 */
export function replay(events: readonly CaseEvent[]): Case | null {
  const corrected = events.filter((e) => e.kind === 'correct').at(-1)?.data.registration as Registration | undefined;
  return events.reduce<Case | null>((c, e) => applyEvent(c, e.kind === 'register' && corrected ? { ...e, on: corrected.receivedOn, data: { ...e.data, ...corrected } } : e), null);
}
