/** The annual reports' season records in the database (migration 0012). */
import type { Kysely, Selectable } from 'kysely';
import type { SeasonRecord, SeasonRepository } from '../app/season/reports.ts';
import type { ReportState } from '../core/season/lifecycle.ts';
import type { AnnualReportsTable, Database } from './schema.ts';

const recordOf = (r: Selectable<AnnualReportsTable>): SeasonRecord => ({
  organizationId: r.organization_id,
  year: Number(r.year),
  version: Number(r.version),
  state: r.state as ReportState,
  report: r.report,
  comment: r.comment,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  publishedAt: r.published_at,
});

export function kyselySeason(db: Kysely<Database>): SeasonRepository {
  return {
    async versions(organizationId, year) {
      return (await db.selectFrom('annual_reports').selectAll().where('organization_id', '=', organizationId).where('year', '=', year).orderBy('version', 'desc').execute()).map(recordOf);
    },
    async put(record, expected) {
      const row = { organization_id: record.organizationId, year: record.year, version: record.version, state: record.state, report: record.report, comment: record.comment, updated_at: record.updatedAt, updated_by: record.updatedBy, published_at: record.publishedAt };
      return db.transaction().execute(async (tx) => {
        const latest = await tx.selectFrom('annual_reports').select(['version', 'state']).where('organization_id', '=', record.organizationId).where('year', '=', record.year).orderBy('version', 'desc').executeTakeFirst();
        const matches = expected === null ? latest === undefined : latest !== undefined && Number(latest.version) === expected.version && latest.state === expected.state;
        if (!matches) return false;
        if (latest !== undefined && Number(latest.version) === record.version) {
          const updated = await tx.updateTable('annual_reports').set(row).where('organization_id', '=', record.organizationId).where('year', '=', record.year).where('version', '=', record.version).where('state', '=', latest.state).executeTakeFirst();
          return Number(updated.numUpdatedRows) === 1;
        }
        await tx.insertInto('annual_reports').values(row).execute();
        return true;
      }).catch((error: unknown) => {
        // Two first writes racing: the primary key refuses the second.
        if (/unique|duplicate|primary/i.test(String(error))) return false;
        throw error;
      });
    },
  };
}
