/**
 * 0016: the desk at a province's volume (issue 14 item 5; docs/decisions.md "The desk at a province's volume").
 * - Indexes in the order the work queue and the drill-downs page through (keyset, ./cases.ts): the due order
 *   `due_key, received_on, number` (due_key: a generated column, next_due or '9999-12-31') and the received order `received_on, number`, each once
 *   alone (large scopes: read in order, filter) and once after organization_id (small scopes: read the scope, sort);
 *   `closed_on, number` for the result rows of table 三.
 * - `case_flows`: per organisation, year, applicant type and flow ('received', 'closed', or the result row of a case
 *   closed that year) the number of cases — tables 三 are read from it (../case-tallies.ts), not counted from the cases.
 * - `case_state_counts`: per organisation and state the number of cases — the queue's totals.
 * - `review_flows`: per organisation, year, group and flow ('filed', 'decided', or the outcome decided that year) the
 *   number of review and litigation records — table 四.
 * All three are maintained in the transaction of every write of a case or record, and filled here from what exists.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { rebuildTallies } from '../case-tallies.ts';

/** The due-order key: a case without a running deadline (closed, or beyond the calendar) sorts last. */
export const DUE_KEY = "coalesce(next_due, '9999-12-31')";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A generated column, not an index on the expression: SQLite seeks a row-value cursor `(due_key, received_on,
  // number) > (?, ?, ?)` only on plain columns (on an expression index it scans from the start: deep pages linear).
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await sql.raw(`alter table cases add column due_key text generated always as (${DUE_KEY}) ${sqlite ? 'virtual' : 'stored'}`).execute(db);
  await db.schema.createIndex('cases_due_order_idx').on('cases').columns(['due_key', 'received_on', 'number']).execute();
  await db.schema.createIndex('cases_org_due_order_idx').on('cases').columns(['organization_id', 'due_key', 'received_on', 'number']).execute();
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
  await db.schema.alterTable('cases').dropColumn('due_key').execute();
}
