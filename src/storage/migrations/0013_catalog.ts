/**
 * 0013: the proactive-disclosure catalog (政府信息公开目录, 条例第二十条至第二十六条): its documents (the current
 * version of each, the workflow state and validity, the Art. 26 delay), the yearly running number of 索引号 per
 * organisation, the catalog tree of each organisation, attachments (files in the content-addressed store of the data
 * folder, their extracted text here), and the decisions table 二 counts (行政许可, 行政处罚, 行政强制, 收费, 采购).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('index_no', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('written_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('topic', 'text')
    .addColumn('item', 'text')
    .addColumn('node_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('disclosure_reason', 'text')
    .addColumn('interprets', 'text')
    .addColumn('media_url', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('validity_on', 'text')
    .addColumn('amended_by', 'text')
    .addColumn('amends', 'text')
    .addColumn('repealed_by', 'text')
    .addColumn('publish_working_days', 'integer')
    .addColumn('interpretation_late', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_documents_list_idx').on('catalog_documents').columns(['organization_id', 'state', 'published_on']).execute();
  await db.schema.createIndex('catalog_documents_interprets_idx').on('catalog_documents').column('interprets').execute();

  await db.schema
    .createTable('catalog_index_counters')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_index_counters_pk', ['organization_id', 'year'])
    .execute();

  await db.schema
    .createTable('catalog_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('parent_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('item', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('catalog_nodes_code', ['organization_id', 'code'])
    .execute();

  await db.schema
    .createTable('catalog_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('catalog_documents.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_attachments_doc_idx').on('catalog_attachments').column('document_id').execute();

  await db.schema
    .createTable('catalog_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('ref', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_decisions_tally_idx').on('catalog_decisions').columns(['organization_id', 'kind', 'decided_on']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['catalog_decisions', 'catalog_attachments', 'catalog_nodes', 'catalog_index_counters', 'catalog_documents']) await db.schema.dropTable(t).execute();
}
