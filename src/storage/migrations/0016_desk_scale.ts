/**
 * 0016: the desk at a province's volume (issue 14 item 5; docs/decisions.md "The desk at a province's volume").
 * - Indexes in the order the work queue and the drill-downs page through (keyset, ./cases.ts): the due order
 *   `coalesce(next_due, '9999-12-31'), received_on, number` and the received order `received_on, number`, each once
 *   alone (large scopes: read in order, filter) and once after organization_id (small scopes: read the scope, sort);
 *   `closed_on, number` for the result rows of table 三.
 * - `case_flows`: per organisation, year, applicant type and flow ('received', 'closed', or the result row of a case
 *   closed that year) the number of cases — tables 三 are read from it (../case-tallies.ts), not counted from the cases.
 * - `case_state_counts`: per organisation and state the number of cases — the queue's totals.
 * - `review_flows`: per organisation, year, group and flow ('filed', 'decided', or the outcome decided that year) the
 *   number of review and litigation records — table 四.
 * All three are maintained in the transaction of every write of a case or record, and filled here from what exists.
 */
import { sql, type Kysely } from 'kysely';
import { rebuildTallies } from '../case-tallies.ts';

/** The due-order key: a case without a running deadline (closed, or beyond the calendar) sorts last. */
export const DUE_KEY = "coalesce(next_due, '9999-12-31')";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`create index cases_due_order_idx on cases ((${DUE_KEY}), received_on, number)`).execute(db);
  await sql.raw(`create index cases_org_due_order_idx on cases (organization_id, (${DUE_KEY}), received_on, number)`).execute(db);
  await db.schema.createIndex('cases_received_order_idx').on('cases').columns(['received_on', 'number']).execute();
  await db.schema.createIndex('cases_org_received_order_idx').on('cases').columns(['organization_id', 'received_on', 'number']).execute();
  await db.schema.createIndex('cases_closed_order_idx').on('cases').columns(['closed_on', 'number']).execute();
  await db.schema
    .createTable('case_flows')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_flows_pk', ['organization_id', 'year', 'applicant_type', 'flow'])
    .execute();
  await db.schema
    .createTable('case_state_counts')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_state_counts_pk', ['organization_id', 'state'])
    .execute();
  await db.schema
    .createTable('review_flows')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('review_group', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_flows_pk', ['organization_id', 'year', 'review_group', 'flow'])
    .execute();
  await rebuildTallies(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['review_flows', 'case_state_counts', 'case_flows']) await db.schema.dropTable(t).execute();
  for (const i of ['cases_closed_order_idx', 'cases_org_received_order_idx', 'cases_received_order_idx', 'cases_org_due_order_idx', 'cases_due_order_idx']) await db.schema.dropIndex(i).execute();
}
