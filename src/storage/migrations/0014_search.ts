/**
 * 0014: the full-text search index of the 政府信息公开目录 (src/storage/search.ts, docs/decisions.md "Search").
 * `search_docs` holds each indexed document's fields as shown and filtered, keyed by its sort key (core/fulltext/rank.ts:
 * publishedOn newest first); the tokens (core/fulltext/tokens.ts: Han bigrams, words) are indexed per field —
 * SQLite: a contentless FTS5 table `search_fts` (tokenizer ascii, rowid = key; columns title, body, attach);
 * PostgreSQL: a tsvector column `tsv` of field-tagged tokens (t…, b…, a…) with a GIN index.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('search_docs')
    .addColumn('key', sqlite ? 'integer' : 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachment_text', 'text', (c) => c.notNull())
    .addColumn('written_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('item', 'text')
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .execute();
  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, attach, tokenize = 'ascii', content = '', contentless_delete = 1, detail = 'column')`.execute(db);
  } else {
    await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector NOT NULL`.execute(db);
    await sql`CREATE INDEX search_docs_tsv_idx ON search_docs USING gin (tsv)`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable('search_docs').execute();
}
