/**
 * 0020: the queue filtered by a state at a province's volume (issue 14 item 5; docs/decisions.md "The desk at a
 * province's volume, continued"). The queue's two orders once more, after `state`: a state filter over a wide scope
 * (撤回 of a province: 1 % of the cases, all closed, so last in the due order) reads the state's own rows in order
 * instead of walking the whole order index past every other state. Several states (在办) are read one state at a
 * time and merged (../cases.ts).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_state_due_order_idx').on('cases').columns(['state', 'due_key', 'received_on', 'number']).execute();
  await db.schema.createIndex('cases_state_received_order_idx').on('cases').columns(['state', 'received_on', 'number']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['cases_state_received_order_idx', 'cases_state_due_order_idx']) await db.schema.dropIndex(i).execute();
}
