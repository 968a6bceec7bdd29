/**
 * Demo data for an empty database (`npm start`): a county government with its departments, a few hundred applications
 * over two years in every state — each history driven through the real state machine (core/application/simulate.ts)
 * and stored event by event, exactly as the desk would have recorded it — and review/litigation records on some
 * answers. Deterministic for a seed.
 */
import { mulberry32, type Rng } from '../../core/annual-report/generate.ts';
import { simulateCase, type Scenario, type SimulatedCase } from '../../core/application/simulate.ts';
import { applyEvent } from '../../core/application/transitions.ts';
import type { WorkingDayCalendar } from '../../core/calendar/calendar.ts';
import { addDays, daysBetween, yearOf, type IsoDate } from '../../core/calendar/dates.ts';
import { DomainError } from '../../core/errors.ts';
import { createOrganization } from '../organizations/create-organization.ts';
import type { Organization } from '../organizations/ports.ts';
import { loadCalendar, nextDueOf, type ApplicationDeps } from './cases.ts';

/** Store one simulated history: the registration, then each step with its event, as takeStep would. */
export async function storeSimulated(deps: Pick<ApplicationDeps, 'cases'>, cal: WorkingDayCalendar, today: IsoDate, make: (number: string) => SimulatedCase, year: number): Promise<SimulatedCase> {
  const held: { sim?: SimulatedCase } = {};
  const created = await deps.cases.create(year, (number) => {
    const sim = make(number);
    held.sim = sim;
    const first = sim.events[0];
    if (!first) throw new Error('a simulated case has no events');
    const c = applyEvent(null, first);
    return { case: c, event: first, next: nextDueOf(cal, c, today) };
  });
  if (!created.ok) throw new DomainError(created.problems);
  const story = held.sim as SimulatedCase;
  let c = created.case;
  for (const event of story.events.slice(1)) {
    const next = applyEvent(c, event);
    const written = await deps.cases.append(next, event, c.version, nextDueOf(cal, next, today), event.recordedAt);
    if (!written.ok) throw new DomainError(written.problems);
    c = next;
  }
  return story;
}

const withScenario = (s: Scenario | undefined): { scenario?: Scenario } => (s ? { scenario: s } : {});

/** The working day `n` working days before `date` (null when the calendar runs out). */
function workingDaysBefore(cal: WorkingDayCalendar, date: IsoDate, n: number): IsoDate | null {
  let d = date;
  for (let k = 0; k < n; ) {
    d = addDays(d, -1);
    const day = cal.isWorkingDay(d);
    if (!day.covered) return null;
    if (day.working) k += 1;
  }
  return d;
}

/** The demo organisation tree: 某县人民政府 and the bodies that answer most applications in a county. */
const TREE: readonly { name: string; kind: Organization['kind']; parent: number | null; weight: number }[] = [
  { name: '中原县人民政府', kind: 'government', parent: null, weight: 0 },
  { name: '中原县人民政府办公室', kind: 'office', parent: 0, weight: 3 },
  { name: '中原县自然资源局', kind: 'department', parent: 0, weight: 5 },
  { name: '中原县住房和城乡建设局', kind: 'department', parent: 0, weight: 4 },
  { name: '中原县生态环境分局', kind: 'department', parent: 0, weight: 1 },
  { name: '中原县人力资源和社会保障局', kind: 'department', parent: 0, weight: 2 },
  { name: '中原县市场监督管理局', kind: 'department', parent: 0, weight: 2 },
  { name: '中原县城关镇人民政府', kind: 'government', parent: 0, weight: 3 },
];

const HANDLERS = ['李明', '赵静', '孙磊', '周敏'];
const APPROVERS = ['张建国（政务公开办主任）', '王海燕（政务公开办副主任）'];

export interface DemoSummary {
  readonly organizations: number;
  readonly cases: number;
  readonly reviews: number;
  readonly rootId: string;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = rng() * total;
  for (let i = 0; i < weights.length; i += 1) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Create the demo tree and `count` cases received from 1 January of last year to `today`, plus a review or lawsuit on
 * about one answer in fifteen. Call only on an empty database.
 */
export async function seedDemoData(deps: ApplicationDeps, options: { today: IsoDate; count?: number; seed?: number }): Promise<DemoSummary> {
  const rng = mulberry32(options.seed ?? 20250101);
  const count = options.count ?? 320;
  const cal = await loadCalendar(deps);
  const orgs: Organization[] = [];
  for (const node of TREE) {
    const parentId = node.parent === null ? null : (orgs[node.parent]?.id ?? null);
    const r = await createOrganization({ organizations: deps.organizations, newId: () => deps.ids.newId(), now: () => deps.clock.now() }, { name: node.name, kind: node.kind, parentId });
    if (!r.ok) throw new DomainError(r.problems);
    orgs.push(r.organization);
  }
  const first = `${yearOf(options.today) - 1}-01-01`;
  const span = daysBetween(first, options.today) + 1;
  // Received dates: working days only (offices are closed on holidays), denser in recent months.
  // The most recent cases are steered so that every state shows: a fee awaited or lapsed, a correction awaited, a
  // consultation running, an answer late (overdue). Older dates go to the stories that take longer (fee lapse).
  // One case is received on each of those days; the rest on working days at random, denser in recent months.
  const SCRIPT: readonly (readonly [number, Scenario])[] = [[60, 'noCorrection'], [45, 'withdraw'], [40, 'feeLapse'], [36, 'feeLapse'], [30, 'late'], [26, 'late'], [22, 'late'], [12, 'fee'], [10, 'fee'], [8, 'consultation'], [6, 'correction'], [4, 'correction'], [3, 'consultation']];
  const scripted = new Map<IsoDate, Scenario>();
  for (const [wdAgo, scenario] of SCRIPT) {
    const d = workingDaysBefore(cal, options.today, wdAgo);
    if (d && daysBetween(first, d) >= 0) scripted.set(d, scenario);
  }
  const dates: IsoDate[] = [...scripted.keys()].slice(0, count);
  while (dates.length < count) {
    const d = addDays(first, Math.floor(Math.sqrt(rng()) * span));
    const day = cal.isWorkingDay(d);
    if (day.covered && day.working && daysBetween(d, options.today) >= 0 && !scripted.has(d)) dates.push(d);
  }
  dates.sort();
  const scenarioOf = (receivedOn: IsoDate): Scenario | undefined => scripted.get(receivedOn);
  let reviews = 0;
  for (const receivedOn of dates) {
    const org = orgs[weightedIndex(rng, TREE.map((t) => t.weight))] as Organization;
    const story = await storeSimulated(
      deps,
      cal,
      options.today,
      (number) => simulateCase(rng, cal, { id: deps.ids.newId(), number, organizationId: org.id, receivedOn, today: options.today, handler: HANDLERS[Math.floor(rng() * HANDLERS.length)] as string, approver: APPROVERS[Math.floor(rng() * APPROVERS.length)] as string, ...withScenario(scenarioOf(receivedOn)) }),
      yearOf(receivedOn),
    );
    const answer = story.case.answer;
    if (answer && answer.category !== 'granted' && rng() < 0.25) {
      const filedOn = addDays(answer.on, 20 + Math.floor(rng() * 40));
      if (daysBetween(filedOn, options.today) < 0) continue;
      const court = rng() < 0.3;
      const decidedOn = addDays(filedOn, 60 + Math.floor(rng() * 90));
      const decided = daysBetween(decidedOn, options.today) >= 0 && rng() < 0.8;
      await deps.reviews.add(
        {
          id: deps.ids.newId(),
          caseId: story.case.id,
          organizationId: org.id,
          group: court ? (rng() < 0.5 ? 'litigationDirect' : 'litigationAfterReview') : 'review',
          body: court ? '中原县人民法院' : '中原市人民政府',
          reference: court ? `（${yearOf(filedOn)}）豫0122行初${10 + Math.floor(rng() * 90)}号` : `中政复〔${yearOf(filedOn)}〕${1 + Math.floor(rng() * 200)}号`,
          filedOn,
          decidedOn: decided ? decidedOn : null,
          outcome: decided ? (rng() < 0.75 ? 'upheld' : rng() < 0.6 ? 'corrected' : 'other') : null,
          note: null,
        },
        deps.clock.now(),
      );
      reviews += 1;
    }
  }
  return { organizations: orgs.length, cases: dates.length, reviews, rootId: (orgs[0] as Organization).id };
}
