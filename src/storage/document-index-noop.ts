/**
 * The search index of catalog documents, as the catalog's transactions call it (app/catalog/ports.ts DocumentIndex).
 * This no-op is replaced by src/storage/search.ts at merge (`indexDocument(tx, doc)` / `removeDocument(tx, id)`,
 * built in parallel): the one place where the catalog is wired to search.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DocumentIndex } from '../app/catalog/ports.ts';
import type { Database } from './schema.ts';

/** The index inside a transaction (or on the database). Replaced by src/storage/search.ts at merge. */
export function documentIndexIn(db: Kysely<Database> | Transaction<Database>): DocumentIndex {
  void db;
  return { index: async () => {}, remove: async () => {} };
}
