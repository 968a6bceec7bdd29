/**
 * The aggregates tables 三 and 四 and the work queue's totals are read from (migration 0016), kept in the transaction of
 * every write of a case or review record, so a year's tables cost a few hundred aggregate rows, not a scan of the
 * year's cases.
 *
 * Every count is kept for each organisation's whole subtree (`organization_id` is the subtree's root: a write adds to
 * the case's organisation and each of its ancestors — organisations are never moved or deleted), so the tables of a
 * province read the province's rows, not those of its 500 offices. Any set S of organisations is read exactly as
 * Σ tree(x ∈ S whose parent ∉ S) − Σ tree(c ∉ S whose parent ∈ S): for a subtree, its root's rows alone.
 *
 * Table 三 is kept as flows, not as the table's cells: a case adds 1 to ('received', year received) and, once closed,
 * to ('closed', year closed) and (its result row, year closed) — per organisation and applicant type; a voided case
 * adds nothing. The cells of `year` follow (core/application/year-tables.ts caseRows, closed_on >= received_on by the
 * table's check):
 * - 本年新收 = received in year; 三 result rows = result flow in year;
 * - 上年结转 = received before year − closed before year;
 * - 结转下年度 = received by year − closed by year.
 * A step that changes the counted facts (close, correct, void, reopen…) subtracts the case's old flows and adds the
 * new ones. Table 四 likewise: a record adds 1 to ('filed', year filed); decided, to ('decided', the year it stops
 * being pending: the later of filed and decided) and (its outcome, year decided) when filed by then;
 * 尚未审结 = filed by year − decided by year (core reviewColumn).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ApplicantType } from '../core/application/terms.ts';
import { yearOf } from '../core/calendar/dates.ts';
import type { ApplicationTally, ReviewGroup, ReviewOutcome, ReviewTally } from '../core/application/year-tables.ts';
import { countOf, type Database } from './schema.ts';

/** The columns of a case the aggregates are computed from. */
export interface CaseTallyFacts {
  readonly organization_id: string;
  readonly state: string;
  readonly applicant_type: string;
  readonly received_on: string;
  readonly closed_on: string | null;
  readonly result_row: string | null;
}

/** The columns of a review record table 四 is computed from. */
export interface ReviewTallyFacts {
  readonly organization_id: string;
  readonly review_group: string;
  readonly filed_on: string;
  readonly decided_on: string | null;
  readonly outcome: string | null;
}

/** The result row of a closed case without one (as core caseRows). */
const OTHER = 'otherHandling.other';

type Db = Kysely<Database> | Transaction<Database>;

const year = (date: string): number => yearOf(date);

function caseFlows(c: CaseTallyFacts): [string, number, string, string][] {
  if (c.state === 'voided') return [];
  const out: [string, number, string, string][] = [[c.organization_id, year(c.received_on), c.applicant_type, 'received']];
  if (c.closed_on !== null) {
    out.push([c.organization_id, year(c.closed_on), c.applicant_type, 'closed']);
    out.push([c.organization_id, year(c.closed_on), c.applicant_type, c.result_row ?? OTHER]);
  }
  return out;
}

/** The state count of a case, as a pseudo-flow (kept in case_state_counts). */
const STATE = '\u0000state';
const stateFlow = (c: CaseTallyFacts): [string, number, string, string][] => [[c.organization_id, 0, c.state, STATE]];

function reviewFlows(r: ReviewTallyFacts): [string, number, string, string][] {
  const filed = year(r.filed_on);
  const out: [string, number, string, string][] = [[r.organization_id, filed, r.review_group, 'filed']];
  if (r.decided_on !== null) {
    const decided = year(r.decided_on);
    out.push([r.organization_id, Math.max(filed, decided), r.review_group, 'decided']);
    if (r.outcome !== null && filed <= decided) out.push([r.organization_id, decided, r.review_group, r.outcome]);
  }
  return out;
}

/** Net the −before / +after of a write per key (sorted, so concurrent writers lock the rows in one order). */
function net<T>(flows: (t: T) => [string, number, string, string][], before: T | null, after: T | null): [string, number, string, string, number][] {
  const m = new Map<string, [string, number, string, string, number]>();
  const add = (t: T | null, d: number) => {
    if (t === null) return;
    for (const k of flows(t)) {
      const key = k.join('\u0000');
      const cur = m.get(key) ?? [...k, 0];
      cur[4] += d;
      m.set(key, cur);
    }
  };
  add(before, -1);
  add(after, 1);
  return [...m].filter(([, v]) => v[4] !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** The organisation and its ancestors (the subtrees a case of it counts in). */
async function ancestors(db: Db, id: string, memo: Map<string, string[]>): Promise<string[]> {
  const known = memo.get(id);
  if (known) return known;
  const rows = await db
    .withRecursive('up(id, parent_id)', (q) =>
      q
        .selectFrom('organizations')
        .select(['id', 'parent_id'])
        .where('id', '=', id)
        .unionAll(q.selectFrom('organizations as o').innerJoin('up', 'up.parent_id', 'o.id').select(['o.id', 'o.parent_id'])),
    )
    .selectFrom('up')
    .select('id')
    .execute();
  const ids = rows.length > 0 ? rows.map((r) => r.id) : [id];
  memo.set(id, ids);
  return ids;
}

/** Each flow of the facts, once per subtree root it counts in. */
async function inSubtrees<T extends { organization_id: string }>(db: Db, flows: (t: T) => [string, number, string, string][], memo: Map<string, string[]>, t: T): Promise<[string, number, string, string][]> {
  const roots = await ancestors(db, t.organization_id, memo);
  return flows(t).flatMap(([, y, a, f]) => roots.map((root): [string, number, string, string] => [root, y, a, f]));
}

/** Apply a case's write (before: null → created) to the aggregates, inside the write's transaction. */
export async function tallyCaseWrite(tx: Db, before: CaseTallyFacts | null, after: CaseTallyFacts): Promise<void> {
  const memo = new Map<string, string[]>();
  const pre = new Map<CaseTallyFacts, [string, number, string, string][]>();
  for (const c of before ? [before, after] : [after]) pre.set(c, [...(await inSubtrees(tx, caseFlows, memo, c)), ...(await inSubtrees(tx, stateFlow, memo, c))]);
  const expanded = (c: CaseTallyFacts) => pre.get(c) ?? [];
  const all = net(expanded, before, after);
  const flows = all.filter(([, , , f]) => f !== STATE);
  const states = all.filter(([, , , f]) => f === STATE);
  if (flows.length > 0) {
    await tx
      .insertInto('case_flows')
      .values(flows.map(([organization_id, y, applicant_type, flow, count]) => ({ organization_id, year: y, applicant_type, flow, count })))
      .onConflict((oc) => oc.columns(['organization_id', 'year', 'applicant_type', 'flow']).doUpdateSet({ count: sql`case_flows.count + excluded.count` }))
      .execute();
  }
  if (states.length > 0) {
    await tx
      .insertInto('case_state_counts')
      .values(states.map(([organization_id, , state, , count]) => ({ organization_id, state, count })))
      .onConflict((oc) => oc.columns(['organization_id', 'state']).doUpdateSet({ count: sql`case_state_counts.count + excluded.count` }))
      .execute();
  }
}

/** Apply a review record's write (before: null → added) to table 四's aggregates, inside the write's transaction. */
export async function tallyReviewWrite(tx: Db, before: ReviewTallyFacts | null, after: ReviewTallyFacts): Promise<void> {
  const memo = new Map<string, string[]>();
  const pre = new Map<ReviewTallyFacts, [string, number, string, string][]>();
  for (const r of before ? [before, after] : [after]) pre.set(r, await inSubtrees(tx, reviewFlows, memo, r));
  const flows = net((r: ReviewTallyFacts) => pre.get(r) ?? [], before, after);
  if (flows.length === 0) return;
  await tx
    .insertInto('review_flows')
    .values(flows.map(([organization_id, y, review_group, flow, count]) => ({ organization_id, year: y, review_group, flow, count })))
    .onConflict((oc) => oc.columns(['organization_id', 'year', 'review_group', 'flow']).doUpdateSet({ count: sql`review_flows.count + excluded.count` }))
    .execute();
}

const yearSql = (column: string) => sql.raw(`cast(substr(${column}, 1, 4) as integer)`);

/**
 * Recount every aggregate from the cases and records (migration 0016, `gongkai db retally`-style repairs and the bulk
 * loads of the benchmarks). One transaction: readers see the old or the new aggregates, never a half.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rebuildTallies(db: Kysely<any>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = async (tx: Kysely<any>) => {
    for (const t of ['case_flows', 'case_state_counts', 'review_flows']) await tx.deleteFrom(t).execute();
    // Per organisation first, then summed into each ancestor's subtree (closure: every organisation × its ancestors).
    const closure = sql`with recursive closure(id, root) as (select id, id from organizations union all select c.id, o.parent_id from closure c join organizations o on o.id = c.root where o.parent_id is not null)`;
    const received = yearSql('received_on');
    const closed = yearSql('closed_on');
    const caseFlowsOwn = sql`select organization_id, ${received} as year, applicant_type, 'received' as flow, count(*) as n from cases where state <> 'voided' group by organization_id, ${received}, applicant_type
      union all
      select organization_id, ${closed}, applicant_type, 'closed', count(*) from cases where state <> 'voided' and closed_on is not null group by organization_id, ${closed}, applicant_type
      union all
      select organization_id, ${closed}, applicant_type, coalesce(result_row, ${sql.lit(OTHER)}), count(*) from cases where state <> 'voided' and closed_on is not null group by organization_id, ${closed}, applicant_type, coalesce(result_row, ${sql.lit(OTHER)})`;
    await sql`${closure} insert into case_flows (organization_id, year, applicant_type, flow, count)
      select closure.root, f.year, f.applicant_type, f.flow, sum(f.n) from (${caseFlowsOwn}) f join closure on closure.id = f.organization_id group by closure.root, f.year, f.applicant_type, f.flow`.execute(tx);
    await sql`${closure} insert into case_state_counts (organization_id, state, count)
      select closure.root, f.state, sum(f.n) from (select organization_id, state, count(*) as n from cases group by organization_id, state) f join closure on closure.id = f.organization_id group by closure.root, f.state`.execute(tx);
    const filed = yearSql('filed_on');
    const decided = yearSql('decided_on');
    const reviewFlowsOwn = sql`select organization_id, ${filed} as year, review_group, 'filed' as flow, count(*) as n from reviews group by organization_id, ${filed}, review_group
      union all
      select organization_id, y, review_group, 'decided', count(*) from (select organization_id, review_group, case when ${decided} > ${filed} then ${decided} else ${filed} end as y from reviews where decided_on is not null) d group by organization_id, y, review_group
      union all
      select organization_id, ${decided}, review_group, outcome, count(*) from reviews where decided_on is not null and outcome is not null and ${filed} <= ${decided} group by organization_id, ${decided}, review_group, outcome`;
    await sql`${closure} insert into review_flows (organization_id, year, review_group, flow, count)
      select closure.root, f.year, f.review_group, f.flow, sum(f.n) from (${reviewFlowsOwn}) f join closure on closure.id = f.organization_id group by closure.root, f.year, f.review_group, f.flow`.execute(tx);
  };
  // Inside a migration (PostgreSQL runs them in a transaction) or one of its own.
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/**
 * The subtree rows that sum to the set: +1 for a member whose parent is not a member, −1 for a non-member whose
 * parent is (for a whole subtree, its root alone).
 */
async function signedRoots(db: Db, organizationIds: readonly string[]): Promise<Map<string, number>> {
  const set = new Set(organizationIds);
  const orgs = await db.selectFrom('organizations').select(['id', 'parent_id']).execute();
  const out = new Map<string, number>();
  for (const o of orgs) {
    const parentIn = o.parent_id !== null && set.has(o.parent_id);
    if (set.has(o.id) && !parentIn) out.set(o.id, 1);
    else if (!set.has(o.id) && parentIn) out.set(o.id, -1);
  }
  return out;
}

/** Sum grouped aggregate rows of several subtree roots with their signs. */
function signed<R extends { organization_id: string }>(rows: readonly R[], signs: ReadonlyMap<string, number>, group: (r: R) => string, values: (r: R) => number[]): Map<string, { row: R; sums: number[] }> {
  const out = new Map<string, { row: R; sums: number[] }>();
  for (const r of rows) {
    const sign = signs.get(r.organization_id) ?? 0;
    const k = group(r);
    const cur = out.get(k) ?? { row: r, sums: [] };
    values(r).forEach((v, i) => (cur.sums[i] = (cur.sums[i] ?? 0) + sign * v));
    out.set(k, cur);
  }
  return out;
}

/** Table 三's tallies of `year` over the organisations, from case_flows (the rules above). */
export async function readApplicationTallies(db: Db, organizationIds: readonly string[], y: number): Promise<ApplicationTally[]> {
  if (organizationIds.length === 0) return [];
  const signs = await signedRoots(db, organizationIds);
  if (signs.size === 0) return [];
  const raw = await db
    .selectFrom('case_flows')
    .select(['organization_id', 'applicant_type', 'flow', sql<number>`sum(case when year = ${y} then count else 0 end)`.as('in_year'), sql<number>`sum(case when year < ${y} then count else 0 end)`.as('before')])
    .where('organization_id', 'in', [...signs.keys()])
    .where('year', '<=', y)
    .where((eb) => eb.or([eb('year', '=', y), eb('flow', 'in', ['received', 'closed'])]))
    .groupBy(['organization_id', 'applicant_type', 'flow'])
    .execute();
  const rows = [...signed(raw, signs, (r) => `${r.applicant_type}|${r.flow}`, (r) => [countOf(r.in_year), countOf(r.before)]).values()].map(({ row, sums }) => ({ applicant_type: row.applicant_type, flow: row.flow, in_year: sums[0] ?? 0, before: sums[1] ?? 0 }));
  const byType = new Map<string, { received: [number, number]; closed: [number, number] }>();
  const out: ApplicationTally[] = [];
  for (const r of rows) {
    const t = byType.get(r.applicant_type) ?? { received: [0, 0], closed: [0, 0] };
    byType.set(r.applicant_type, t);
    const pair: [number, number] = [countOf(r.before), countOf(r.in_year)];
    if (r.flow === 'received') t.received = pair;
    else if (r.flow === 'closed') t.closed = pair;
    else if (pair[1] > 0) out.push({ row: r.flow, applicantType: r.applicant_type as ApplicantType, count: pair[1] });
  }
  for (const [type, t] of byType) {
    const applicantType = type as ApplicantType;
    const cells: [string, number][] = [
      ['newReceived', t.received[1]],
      ['carriedOver', t.received[0] - t.closed[0]],
      ['carriedForward', t.received[0] + t.received[1] - t.closed[0] - t.closed[1]],
    ];
    for (const [row, count] of cells) if (count > 0) out.push({ row, applicantType, count });
  }
  return out;
}

/** Table 四's tallies of `year` over the organisations, from review_flows. */
export async function readReviewTallies(db: Db, organizationIds: readonly string[], y: number): Promise<ReviewTally[]> {
  if (organizationIds.length === 0) return [];
  const signs = await signedRoots(db, organizationIds);
  if (signs.size === 0) return [];
  const raw = await db
    .selectFrom('review_flows')
    .select(['organization_id', 'review_group', 'flow', sql<number>`sum(case when year = ${y} then count else 0 end)`.as('in_year'), sql<number>`sum(count)`.as('by_year')])
    .where('organization_id', 'in', [...signs.keys()])
    .where('year', '<=', y)
    .groupBy(['organization_id', 'review_group', 'flow'])
    .execute();
  const rows = [...signed(raw, signs, (r) => `${r.review_group}|${r.flow}`, (r) => [countOf(r.in_year), countOf(r.by_year)]).values()].map(({ row, sums }) => ({ review_group: row.review_group, flow: row.flow, in_year: sums[0] ?? 0, by_year: sums[1] ?? 0 }));
  const pending = new Map<string, number>();
  const out: ReviewTally[] = [];
  for (const r of rows) {
    const group = r.review_group as ReviewGroup;
    if (r.flow === 'filed') pending.set(group, (pending.get(group) ?? 0) + countOf(r.by_year));
    else if (r.flow === 'decided') pending.set(group, (pending.get(group) ?? 0) - countOf(r.by_year));
    else if (countOf(r.in_year) > 0) out.push({ group, column: r.flow as ReviewOutcome, count: countOf(r.in_year) });
  }
  for (const [group, count] of pending) if (count > 0) out.push({ group: group as ReviewGroup, column: 'pending', count });
  return out;
}

/** The number of cases of the organisations (in the states, when given), from case_state_counts. */
/**
 * For each of `states` with cases in the database: their number in the organisations (`scope`) and in the whole
 * database (`all`, the roots' subtrees), from case_state_counts.
 */
export async function readStateCounts(db: Db, organizationIds: readonly string[], states: readonly string[]): Promise<Map<string, { scope: number; all: number }>> {
  const out = new Map<string, { scope: number; all: number }>();
  if (organizationIds.length === 0 || states.length === 0) return out;
  const signs = await signedRoots(db, organizationIds);
  if (signs.size === 0) return out;
  const roots = (await db.selectFrom('organizations').select('id').where('parent_id', 'is', null).execute()).map((r) => r.id);
  const rows = await db.selectFrom('case_state_counts').select(['organization_id', 'state', 'count']).where('organization_id', 'in', [...new Set([...signs.keys(), ...roots])]).where('state', 'in', states).execute();
  const rootSet = new Set(roots);
  for (const r of rows) {
    const cur = out.get(r.state) ?? { scope: 0, all: 0 };
    cur.scope += (signs.get(r.organization_id) ?? 0) * countOf(r.count);
    if (rootSet.has(r.organization_id)) cur.all += countOf(r.count);
    out.set(r.state, cur);
  }
  return out;
}

export async function readStateCount(db: Db, organizationIds: readonly string[], states?: readonly string[]): Promise<number> {
  if (organizationIds.length === 0 || states?.length === 0) return 0;
  const signs = await signedRoots(db, organizationIds);
  if (signs.size === 0) return 0;
  let q = db.selectFrom('case_state_counts').select(['organization_id', sql<number>`sum(count)`.as('n')]).where('organization_id', 'in', [...signs.keys()]).groupBy('organization_id');
  if (states) q = q.where('state', 'in', states);
  return (await q.execute()).reduce((sum, r) => sum + (signs.get(r.organization_id) ?? 0) * countOf(r.n), 0);
}
