/** The web import's jobs of scans (migration 0019): progress while OCR reads, the result as JSON once ended. */
import type { Kysely, Selectable } from 'kysely';
import type { ImportJob, ImportJobState, ImportJobStore } from '../app/annual-report/import-jobs.ts';
import type { ImportReportResult } from '../app/annual-report/import-report.ts';
import type { Database, ImportJobsTable } from './schema.ts';

/** A finished job is kept this long after it ended (its page shows the result until then). */
export const IMPORT_JOB_KEEP_MS = 60 * 60 * 1000;

const jobOf = (r: Selectable<ImportJobsTable>): ImportJob => ({
  id: r.id,
  name: r.name,
  state: r.state as ImportJobState,
  done: Number(r.done),
  total: Number(r.total),
  // Written by finish() below from the import's own result: this installation's data, not input.
  result: r.result === null ? null : (JSON.parse(r.result) as ImportReportResult),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function kyselyImportJobs(db: Kysely<Database>, keepMs = IMPORT_JOB_KEEP_MS): ImportJobStore {
  return {
    async create(job) {
      // Ended jobs past their time go when a new one starts (timestamps are ISO strings: they sort as dates).
      const before = new Date(Date.parse(job.createdAt) - keepMs).toISOString();
      await db.deleteFrom('import_jobs').where('state', '!=', 'running').where('updated_at', '<', before).execute();
      await db
        .insertInto('import_jobs')
        .values({ id: job.id, name: job.name, state: job.state, done: job.done, total: job.total, result: job.result === null ? null : JSON.stringify(job.result), created_at: job.createdAt, updated_at: job.updatedAt })
        .execute();
    },
    async progress(id, done, total, at) {
      await db.updateTable('import_jobs').set({ done, total, updated_at: at }).where('id', '=', id).execute();
    },
    async finish(id, state, result, at) {
      await db.updateTable('import_jobs').set({ state, result: result === null ? null : JSON.stringify(result), updated_at: at }).where('id', '=', id).execute();
    },
    async get(id) {
      const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? jobOf(row) : null;
    },
  };
}
