/**
 * 0004: the public portal — each organisation's 政府信息公开指南 (guides, edited by its admin; 条例第十二条 requires
 * one), and the private tracking code of an application submitted online (only its SHA-256 is stored, on the case).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guides')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('cases').addColumn('tracking_hash', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('tracking_hash').execute();
  await db.schema.dropTable('guides').execute();
}
