/** The narrative sections of (organisation, year) reports in the database (migration 0005). */
import type { Kysely } from 'kysely';
import type { ReportDraftRepository } from '../app/applications/ports.ts';
import type { Sections } from '../core/annual-report/model.ts';
import type { Database } from './schema.ts';

export function kyselyReportDrafts(db: Kysely<Database>): ReportDraftRepository {
  return {
    async get(organizationId, year) {
      const r = await db.selectFrom('report_drafts').select('sections').where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
      return r ? (JSON.parse(r.sections) as Sections) : null;
    },
    async put(organizationId, year, sections, updatedAt, updatedBy) {
      const text = JSON.stringify(sections);
      await db
        .insertInto('report_drafts')
        .values({ organization_id: organizationId, year, sections: text, updated_at: updatedAt, updated_by: updatedBy })
        .onConflict((oc) => oc.columns(['organization_id', 'year']).doUpdateSet({ sections: text, updated_at: updatedAt, updated_by: updatedBy }))
        .execute();
    },
  };
}
