/** Season imports started from the web (migration 0018): the job and each file's outcome. */
import type { Kysely, Selectable } from 'kysely';
import type { SeasonImportFileRecord, SeasonImportJob, SeasonImportJobRepository, SeasonJobState } from '../app/season/import-jobs.ts';
import type { SeasonImportOutcome } from '../app/season/import-season.ts';
import type { Database, SeasonImportFilesTable, SeasonImportJobsTable } from './schema.ts';

const jobOf = (r: Selectable<SeasonImportJobsTable>): SeasonImportJob => ({
  id: r.id,
  parentId: r.parent_id,
  year: Number(r.year),
  createOrgs: Number(r.create_orgs) === 1,
  actorId: r.actor_id,
  actorName: r.actor_name,
  state: r.state as SeasonJobState,
  total: Number(r.total),
  done: Number(r.done),
  currentFile: r.current_file,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type FileColumns = Omit<SeasonImportFilesTable, 'job_id' | 'seq'>;

/** An outcome as columns ('placing': claimed by a confirm in progress, shown as unmatched to others). */
function columnsOf(outcome: SeasonImportOutcome | 'placing'): Partial<FileColumns> & Pick<FileColumns, 'status'> {
  if (outcome === 'placing') return { status: 'placing' };
  const none = { organization_id: null, organization_name: null, stated_name: null, suggestions: null, reason: null, report: null, provenance: null };
  switch (outcome.status) {
    case 'stored':
      return { ...none, file: outcome.file, status: 'stored', organization_id: outcome.organizationId, organization_name: outcome.organization, reason: outcome.created ? 'created' : null };
    case 'unmatched':
      return { ...none, file: outcome.file, status: 'unmatched', stated_name: outcome.name, suggestions: JSON.stringify(outcome.suggestions), report: outcome.report, provenance: outcome.provenance };
    case 'skipped':
      return { ...none, file: outcome.file, status: 'skipped', reason: outcome.reason };
  }
}

function outcomeOf(r: Selectable<SeasonImportFilesTable>): SeasonImportOutcome {
  if (r.status === 'stored') return { file: r.file, status: 'stored', organization: r.organization_name ?? '', organizationId: r.organization_id ?? '', created: r.reason === 'created' };
  if (r.status === 'skipped') return { file: r.file, status: 'skipped', reason: r.reason ?? '' };
  const suggestions = JSON.parse(r.suggestions ?? '[]') as unknown;
  return { file: r.file, status: 'unmatched', name: r.stated_name, suggestions: Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [], report: r.report ?? '', provenance: r.provenance ?? '[]' };
}

export function kyselySeasonImports(db: Kysely<Database>): SeasonImportJobRepository {
  return {
    async create(job) {
      await db.insertInto('season_import_jobs').values({ id: job.id, parent_id: job.parentId, year: job.year, create_orgs: job.createOrgs ? 1 : 0, actor_id: job.actorId, actor_name: job.actorName, state: job.state, total: job.total, done: job.done, current_file: job.currentFile, created_at: job.createdAt, updated_at: job.updatedAt }).execute();
    },
    async reading(jobId, currentFile, at) {
      await db.updateTable('season_import_jobs').set({ current_file: currentFile, updated_at: at }).where('id', '=', jobId).execute();
    },
    async record(jobId, file: SeasonImportFileRecord, done, at) {
      const columns = columnsOf(file.outcome);
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('season_import_files').values({ job_id: jobId, seq: file.seq, file: file.outcome.file, ...columns }).execute();
        await tx.updateTable('season_import_jobs').set({ done, updated_at: at }).where('id', '=', jobId).execute();
      });
    },
    async finish(jobId, state, at) {
      await db.updateTable('season_import_jobs').set({ state, current_file: null, updated_at: at }).where('id', '=', jobId).execute();
    },
    async get(jobId) {
      const job = await db.selectFrom('season_import_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
      if (!job) return null;
      const rows = await db.selectFrom('season_import_files').selectAll().where('job_id', '=', jobId).orderBy('seq').execute();
      return { job: jobOf(job), files: rows.map((r) => ({ seq: Number(r.seq), outcome: outcomeOf(r) })) };
    },
    async recent(parentIds, limit) {
      if (parentIds.length === 0) return [];
      const rows = await db.selectFrom('season_import_jobs').selectAll().where('parent_id', 'in', [...parentIds].slice(0, 5000)).orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(jobOf);
    },
    async replace(jobId, seq, from, to) {
      const columns = to === 'placing' ? { status: 'placing' } : columnsOf(to);
      const r = await db.updateTable('season_import_files').set(columns).where('job_id', '=', jobId).where('seq', '=', seq).where('status', '=', from).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
