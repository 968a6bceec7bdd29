/**
 * 0006: approvals (审核) of proposed steps (core/application/approval.ts) — a handler's answer or extension waits here
 * for an approver. At most one pending proposal per case (a partial unique index, on both engines).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('proposed_by_id', 'text')
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('approvals_case').on('approvals').columns(['case_id', 'proposed_at']).execute();
  await db.schema.createIndex('approvals_pending_org').on('approvals').columns(['organization_id', 'status']).execute();
  await db.schema.createIndex('approvals_one_pending').on('approvals').column('case_id').unique().where(sql.ref('status'), '=', 'pending').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('approvals').execute();
}
