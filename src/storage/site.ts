/** The site's settings in the database (migration 0011): one record, id 1. */
import type { Kysely } from 'kysely';
import type { SiteRepository } from '../app/site/setup.ts';
import type { SiteSettings } from '../core/portal/site.ts';
import type { Database } from './schema.ts';

export function kyselySite(db: Kysely<Database>): SiteRepository {
  return {
    async get() {
      const r = await db.selectFrom('site_settings').select('content').where('id', '=', 1).executeTakeFirst();
      return r ? (JSON.parse(r.content) as SiteSettings) : null;
    },
    async put(settings, updatedAt, updatedBy) {
      const content = JSON.stringify(settings);
      await db
        .insertInto('site_settings')
        .values({ id: 1, content, updated_at: updatedAt, updated_by: updatedBy })
        .onConflict((oc) => oc.column('id').doUpdateSet({ content, updated_at: updatedAt, updated_by: updatedBy }))
        .execute();
    },
  };
}
