/**
 * Use cases of the applications desk: register an application (登记), take a step on it, read it with its history,
 * its deadlines and the steps it may take, and list the work queue. Every state change is stored with its event in
 * one transaction (architecture rule 9); the calendar is read afresh for each call, never cached, so a year added by
 * `calendar add-year` counts at once.
 */
import type { Case } from '../../core/application/case.ts';
import { checkDate, confirmed } from '../../core/application/amend.ts';
import { caseClock, type CaseClock } from '../../core/application/clock.ts';
import { parseCommand, type CommandKind } from '../../core/application/commands.ts';
import { parseRegistration } from '../../core/application/input.ts';
import type { ReviewRecord } from '../../core/application/review.ts';
import { availableCommands, decide, register, type CaseEvent, type DecideContext } from '../../core/application/transitions.ts';
import { createCalendar, type WorkingDayCalendar } from '../../core/calendar/calendar.ts';
import { yearOf, type IsoDate } from '../../core/calendar/dates.ts';
import { DomainError, problem, type Problem } from '../../core/errors.ts';
import type { CalendarRepository } from '../calendar/ports.ts';
import { messagesFor, noticeMessenger } from '../notify/notify.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';
import type { CatalogRepository } from '../catalog/ports.ts';
import type { ApprovalRepository, CaseFilter, CaseRepository, CreateOptions, CaseSummary, Clock, IdSource, NextDue, ReviewRepository } from './ports.ts';

export interface ApplicationDeps {
  readonly cases: CaseRepository;
  readonly reviews: ReviewRepository;
  readonly approvals: ApprovalRepository;
  readonly organizations: OrganizationRepository;
  readonly calendar: CalendarRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The catalog table 二 is counted from (year-report.ts); optional so tests of the desk alone need none. */
  readonly catalog?: Pick<CatalogRepository, 'documentFacts' | 'decisionFacts'>;
}

/** Who acts: a logged-in user (id) or, until accounts are used everywhere, a name; and from where. */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
  readonly ip: string | null;
}

const field = (input: unknown, key: string): unknown => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined);

export const asActor = (a: Actor | string): Actor => (typeof a === 'string' ? { id: null, name: a, ip: null } : a);

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The working-day calendar as stored now, a year not loaded answered provisionally (暂定, 《全国年节及纪念日放假办法》
 * 第二条) so that deadlines, extensions and answers go on while the next year's notice is awaited.
 * Throws DomainError when the stored calendar is invalid (a bug or tampering).
 */
export async function loadCalendar(deps: Pick<ApplicationDeps, 'calendar'>): Promise<WorkingDayCalendar> {
  const [data, lunar] = await Promise.all([deps.calendar.load(), deps.calendar.lunarYears()]);
  const made = createCalendar(data, { lunar });
  if (!made.ok) throw new DomainError(made.problems);
  return made.calendar;
}

/** The running deadline to store with the case (for sorting and the overdue filter). */
export function nextDueOf(cal: WorkingDayCalendar, c: Case, today: IsoDate): NextDue {
  const next = caseClock(cal, c, today).next;
  return { kind: next?.kind ?? null, date: next?.due.ok ? next.due.date : null };
}

const context = (cal: WorkingDayCalendar, clock: Clock): DecideContext => ({ calendar: cal, today: clock.today(), now: clock.now() });

/**
 * Register a new application from untrusted input. Errors: application.invalid (located fields, nothing written),
 * application.futureDate; an unknown organisation → application.invalid at organizationId; with `options.submission`,
 * the same form submitted within the window → application.duplicate with the case it made (`duplicateOf`).
 */
export async function registerApplication(deps: ApplicationDeps, input: unknown, by: Actor | string, options: CreateOptions = {}): Promise<Outcome<Case> | { readonly ok: false; readonly duplicateOf: Case; readonly problems: readonly Problem[] }> {
  const actor = asActor(by);
  const parsed = parseRegistration(input);
  if (!parsed.ok) return parsed;
  const reg = parsed.value;
  // 收到申请之日 far in the past: a typing slip unless confirmed (core/application/amend.ts); the confirmation is audited.
  const plausible = checkDate(reg.receivedOn, 'receivedOn', deps.clock.today(), confirmed(field(input, 'confirmDate')));
  if (plausible.problem) return { ok: false, problems: [plausible.problem] };
  if (!(await deps.organizations.get(reg.organizationId))) {
    return { ok: false, problems: [problem('application.invalid', 'organizationId', { zh: `受理机关不存在：${reg.organizationId}`, en: `no such organisation: ${reg.organizationId}` })] };
  }
  const cal = await loadCalendar(deps);
  const ctx = context(cal, deps.clock);
  const id = deps.ids.newId();
  // The 登记回执 goes to an applicant who gave an e-mail address or a phone (messages built inside the transaction).
  const messenger = reg.applicant.email || reg.applicant.phone ? await noticeMessenger(deps, reg.organizationId) : null;
  const created = await deps.cases.create(yearOf(reg.receivedOn), (number) => {
    const d = register(reg, { id, number }, actor.name, ctx);
    return d.ok ? { case: d.case, event: d.event, next: nextDueOf(cal, d.case, ctx.today) } : { problems: d.problems };
  }, (c) => ({ at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: c.organizationId, action: 'case.register', subject: `case:${c.id}`, detail: { number: c.number, channel: c.channel, ...(plausible.note ? { dateConfirmed: plausible.note } : {}) }, ip: actor.ip }), options, (c) => messenger?.(c, 'register', cal, ctx.today, ctx.now) ?? []);
  return created.ok ? { ok: true, value: created.case } : created;
}

/**
 * Take one step (`kind`) on a case. Errors: application.notFound; application.invalid (bad fields);
 * application.illegalTransition and the statute's refusals (correctionOnce, correctionLate, extensionLate…);
 * application.conflict when `expectedVersion` is given and stale, or someone wrote in between. Nothing is written on error.
 */
export async function takeStep(deps: ApplicationDeps, id: string, kind: string, input: unknown, by: Actor | string, expectedVersion?: number): Promise<Outcome<Case>> {
  const actor = asActor(by);
  const current = await deps.cases.get(id);
  if (!current) return { ok: false, problems: [problem('application.notFound', 'id', { zh: id, en: id })] };
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return { ok: false, problems: [problem('application.conflict', 'version', undefined, { expectedVersion, version: current.version })] };
  }
  const command = parseCommand(kind, input, actor.name);
  if (!command.ok) return command;
  const cal = await loadCalendar(deps);
  const ctx = context(cal, deps.clock);
  const d = decide(current, command.value, ctx);
  if (!d.ok) return d;
  // 办理日期 far in the past: refused unless confirmed (checked after decide, so a step the state forbids says so first).
  const plausible = checkDate(command.value.on, 'on', ctx.today, confirmed(field(input, 'confirmDate')));
  if (plausible.problem) return { ok: false, problems: [plausible.problem] };
  const audit = { at: ctx.now, actorId: actor.id, actorName: actor.name, organizationId: d.case.organizationId, action: 'case.step' as const, subject: `case:${d.case.id}`, detail: { step: d.event.kind, seq: d.event.seq, from: d.event.from, to: d.event.to, ...(plausible.note ? { dateConfirmed: plausible.note } : {}) }, ip: actor.ip };
  const messages = await messagesFor(deps, d.case, d.event.kind, cal, ctx.today, ctx.now);
  const written = await deps.cases.append(d.case, d.event, current.version, nextDueOf(cal, d.case, ctx.today), ctx.now, audit, messages);
  return written.ok ? { ok: true, value: d.case } : written;
}

/** One stored running deadline that changed when the calendar changed. */
export interface DeadlineChange {
  readonly id: string;
  readonly number: string;
  readonly from: NextDue;
  readonly to: NextDue;
}

/**
 * Recompute the stored running deadline (`next_due`, which the work queue sorts and filters by) of every open case on
 * the calendar as stored now — after `calendar add-year` has turned a provisional (暂定) year final, or loaded a year
 * that was missing. Each changed deadline is written with an audit entry `case.deadline` (from, to, and whether the
 * new one is still provisional). The deadlines on the case page are computed on read and need no refresh. A case changed
 * meanwhile by a step is skipped: that step stored a fresh deadline. Never throws on data; database errors reject.
 */
export async function refreshNextDue(deps: Pick<ApplicationDeps, 'cases' | 'calendar' | 'clock'>, by: Actor | string): Promise<{ checked: number; changed: DeadlineChange[] }> {
  const actor = asActor(by);
  const cal = await loadCalendar(deps);
  const today = deps.clock.today();
  const now = deps.clock.now();
  const changed: DeadlineChange[] = [];
  const open = await deps.cases.openWithNextDue();
  for (const { case: c, next: from } of open) {
    const running = caseClock(cal, c, today).next;
    const to: NextDue = { kind: running?.kind ?? null, date: running?.due.ok ? running.due.date : null };
    if (to.date === from.date && to.kind === from.kind) continue;
    const provisional = running?.due.ok === true && running.due.provisional === true;
    const detail = { number: c.number, kind: to.kind, from: from.date, to: to.date, provisional, coveredYears: `${cal.coveredYears[0]}-${cal.coveredYears.at(-1)}` };
    const written = await deps.cases.setNextDue(c, to, { at: now, actorId: actor.id, actorName: actor.name, organizationId: c.organizationId, action: 'case.deadline', subject: `case:${c.id}`, detail, ip: actor.ip });
    if (written.ok) changed.push({ id: c.id, number: c.number, from, to });
  }
  return { checked: open.length, changed };
}

export interface CaseView {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
  readonly clock: CaseClock;
  readonly available: readonly CommandKind[];
  readonly reviews: readonly ReviewRecord[];
  readonly today: IsoDate;
}

/** A case with its timeline, deadlines (with the deadline proof) and the steps it may take. application.notFound when unknown. */
export async function getCase(deps: ApplicationDeps, id: string): Promise<Outcome<CaseView>> {
  const c = await deps.cases.get(id);
  if (!c) return { ok: false, problems: [problem('application.notFound', 'id', { zh: id, en: id })] };
  const [events, reviews, cal] = await Promise.all([deps.cases.events(id), deps.reviews.forCase(id), loadCalendar(deps)]);
  const today = deps.clock.today();
  return { ok: true, value: { case: c, events, clock: caseClock(cal, c, today), available: availableCommands(c), reviews, today } };
}

/** The cases of an organisation's subtree matching the filter; the list says how many match in all. */
export async function listCases(deps: ApplicationDeps, organizationId: string, filter: Omit<CaseFilter, 'organizationIds'>): Promise<{ total: number; items: CaseSummary[] }> {
  const organizationIds = await deps.organizations.subtreeIds(organizationId);
  return deps.cases.list({ ...filter, organizationIds });
}
