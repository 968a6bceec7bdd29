/** Organisations' 政府信息公开指南 in the database (migration 0004). */
import type { Kysely } from 'kysely';
import type { GuideRepository } from '../app/portal/portal.ts';
import type { Guide } from '../core/portal/guide.ts';
import type { Database } from './schema.ts';

export function kyselyGuides(db: Kysely<Database>): GuideRepository {
  return {
    async get(organizationId) {
      const r = await db.selectFrom('guides').select(['content', 'updated_at']).where('organization_id', '=', organizationId).executeTakeFirst();
      return r ? { guide: JSON.parse(r.content) as Guide, updatedAt: r.updated_at } : null;
    },
    async put(organizationId, guide, updatedAt, updatedBy) {
      const content = JSON.stringify(guide);
      await db
        .insertInto('guides')
        .values({ organization_id: organizationId, content, updated_at: updatedAt, updated_by: updatedBy })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet({ content, updated_at: updatedAt, updated_by: updatedBy }))
        .execute();
    },
  };
}
