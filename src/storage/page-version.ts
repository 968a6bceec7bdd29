/**
 * The version of the public pages (migration 0022): a number that moves whenever a table the anonymous pages are
 * rendered from is written, in the writer's own transaction (triggers), whichever process or tool wrote it. The page
 * cache (src/server/page-cache.ts) compares it with the version its pages were rendered at.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Reads the current version (PostgreSQL's bigint arrives as a string: compared as text, never as a float). */
export function pageVersion(db: Kysely<Database>): () => Promise<string> {
  return async () => {
    const r = await db.selectFrom('page_version').select('version').where('id', '=', 1).executeTakeFirst();
    return String(r?.version ?? 0);
  };
}
