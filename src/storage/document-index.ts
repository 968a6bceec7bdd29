/**
 * The search index of catalog documents, as the catalog's transactions call it (app/catalog/ports.ts DocumentIndex):
 * ./search.ts's indexDocument/removeDocument inside the same transaction as every document change, so the index
 * never disagrees with the catalog.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DocumentIndex } from '../app/catalog/ports.ts';
import type { Database } from './schema.ts';
import { indexDocument, removeDocument } from './search.ts';

/** The index inside a transaction (or on the database). */
export function documentIndexIn(db: Kysely<Database> | Transaction<Database>): DocumentIndex {
  return { index: (doc) => indexDocument(db, doc), remove: (id) => removeDocument(db, id) };
}
