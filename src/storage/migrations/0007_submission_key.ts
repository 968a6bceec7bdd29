/**
 * 0007: the fingerprint of an application submitted online (SHA-256 of the form as submitted), so that the same form
 * sent again within minutes (a double click, a reload) is recognised as the case it created, not registered twice.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('submission_key', 'text').execute();
  await db.schema.createIndex('cases_submission_key').on('cases').columns(['submission_key', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_submission_key').execute();
  await db.schema.alterTable('cases').dropColumn('submission_key').execute();
}
