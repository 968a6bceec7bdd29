/**
 * 0017: where a catalog document came from. `from_case`: the disclosure application whose released information it
 * publishes (条例第四十四条: 多个申请人就相同政府信息申请公开，且该信息属于可以公开的，可以纳入主动公开的范围), so a case
 * lists the documents it led to and a document links back to its case. `source_url`: the address of a document
 * imported from an existing site's catalog (链接), kept so the old address can be traced.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('catalog_documents').addColumn('from_case', 'text').execute();
  await db.schema.alterTable('catalog_documents').addColumn('source_url', 'text').execute();
  await db.schema.createIndex('catalog_documents_from_case_idx').on('catalog_documents').column('from_case').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('catalog_documents_from_case_idx').execute();
  await db.schema.alterTable('catalog_documents').dropColumn('source_url').execute();
  await db.schema.alterTable('catalog_documents').dropColumn('from_case').execute();
}
