/**
 * 0002: disclosure applications (cases), their event history (the audit trail of every step, written in the same
 * transaction as the case), the yearly numbering of 申请编号, and review/litigation records (table 四).
 * `cases` keeps the current case as JSON plus the columns the lists and the year tables query; the covering index
 * cases_tally_idx lets tables 三 be counted from the index alone.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('result_row', 'text')
    .addColumn('next_due', 'text')
    .addColumn('next_due_kind', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('cases_closed_after_received', sql`closed_on is null or closed_on >= received_on`)
    .execute();
  await db.schema
    .createIndex('cases_tally_idx')
    .on('cases')
    .columns(['organization_id', 'received_on', 'closed_on', 'applicant_type', 'result_row'])
    .execute();
  await db.schema.createIndex('cases_queue_idx').on('cases').columns(['organization_id', 'state', 'next_due']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('restrict'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('restrict'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('review_group', 'text', (c) => c.notNull().check(sql`review_group in ('review', 'litigationDirect', 'litigationAfterReview')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome is null or outcome in ('upheld', 'corrected', 'other')`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviews_org_idx').on('reviews').columns(['organization_id', 'filed_on']).execute();
  await db.schema.createIndex('reviews_case_idx').on('reviews').column('case_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reviews').execute();
  await db.schema.dropTable('case_events').execute();
  await db.schema.dropTable('cases').execute();
  await db.schema.dropTable('case_counters').execute();
}
