/**
 * A season import started from the web: the upload becomes a job that reads its files one after another in the
 * background, recording each file's outcome and the progress as it goes, so the request returns at once and the page
 * follows the job (any process can show it: everything is in the database). Files no name matched keep the report
 * read from them; on the confirm screen someone names the organisation (one of the suggestions or any below the
 * parent), creates it under the parent, or skips the file.
 */
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { parseProvenance } from '../../core/annual-report/import/provenance.ts';
import { problem, type Problem } from '../../core/errors.ts';
import {
  alreadyReported,
  createSeasonOrganization,
  seasonImporter,
  seasonOrganizations,
  storeSeasonReport,
  type SeasonFile,
  type SeasonImportDeps,
  type SeasonImportInput,
  type SeasonImportOutcome,
} from './import-season.ts';

export type SeasonJobState = 'running' | 'done' | 'failed';

export interface SeasonImportJob {
  readonly id: string;
  readonly parentId: string;
  readonly year: number;
  readonly createOrgs: boolean;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly state: SeasonJobState;
  readonly total: number;
  readonly done: number;
  /** The file being read now (null before the first and after the last). */
  readonly currentFile: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SeasonImportFileRecord {
  readonly seq: number;
  readonly outcome: SeasonImportOutcome;
}

export interface SeasonImportJobRepository {
  create(job: SeasonImportJob): Promise<void>;
  /** The file being read now (the progress page names it). */
  reading(jobId: string, currentFile: string, at: string): Promise<void>;
  /** A file's outcome and the job's count of files done, in one transaction. */
  record(jobId: string, file: SeasonImportFileRecord, done: number, at: string): Promise<void>;
  finish(jobId: string, state: Exclude<SeasonJobState, 'running'>, at: string): Promise<void>;
  get(jobId: string): Promise<{ job: SeasonImportJob; files: SeasonImportFileRecord[] } | null>;
  /** The newest jobs into these parents, newest first. */
  recent(parentIds: readonly string[], limit: number): Promise<SeasonImportJob[]>;
  /**
   * Replace file `seq`'s outcome if it is still `from` (else false: someone else placed it meanwhile). The confirm
   * screen claims an unmatched file with a `placing` mark first, so two officers never store it twice.
   */
  replace(jobId: string, seq: number, from: 'unmatched' | 'placing', to: SeasonImportOutcome | 'placing'): Promise<boolean>;
}

export interface SeasonJobDeps extends SeasonImportDeps {
  readonly jobs: SeasonImportJobRepository;
}

/**
 * A running job not updated for this long was interrupted (its process stopped): a file's extraction is bounded by the
 * worker pool's wall-clock limit, far below this.
 */
export const STALE_JOB_MS = 10 * 60 * 1000;

/** The job's state as shown: a running job whose process stopped long ago is 已中断. */
export function jobStatus(job: SeasonImportJob, now: string): SeasonJobState | 'interrupted' {
  if (job.state !== 'running') return job.state;
  return Date.parse(now) - Date.parse(job.updatedAt) > STALE_JOB_MS ? 'interrupted' : 'running';
}

/**
 * Start importing `files` into the area below `input.parentId`: the job is recorded, then read in the background.
 * Returns the job's id at once and the promise of its end (tests wait for it; the web does not). The promise never
 * rejects: a failure of the job itself (not of a file) ends it as failed.
 */
export async function startSeasonImport(deps: SeasonJobDeps, input: SeasonImportInput, files: readonly SeasonFile[]): Promise<{ id: string; finished: Promise<void> }> {
  const id = deps.newId();
  const at = deps.now();
  await deps.jobs.create({ id, parentId: input.parentId, year: input.year, createOrgs: input.createOrgs, actorId: input.actorId ?? null, actorName: input.actor, state: 'running', total: files.length, done: 0, currentFile: null, createdAt: at, updatedAt: at });
  const run = async (): Promise<void> => {
    const importFile = await seasonImporter(deps, input);
    for (const [seq, file] of files.entries()) {
      await deps.jobs.reading(id, file.name, deps.now());
      const outcome = await importFile(file);
      await deps.jobs.record(id, { seq, outcome }, seq + 1, deps.now());
    }
    await deps.jobs.finish(id, 'done', deps.now());
  };
  const finished = run().catch(async () => {
    await deps.jobs.finish(id, 'failed', deps.now()).catch(() => undefined);
  });
  return { id, finished };
}

/** What to do with an unmatched file: store it as this organisation's, create the organisation it names, or skip it. */
export type Placement = { readonly kind: 'organization'; readonly organizationId: string } | { readonly kind: 'create' } | { readonly kind: 'skip' };

/**
 * Place the unmatched files of a finished job as the confirm screen says. Each placement is checked (the organisation
 * below the parent, a name to create) and done on its own: one that cannot be done is reported and the rest go on.
 */
export async function placeUnmatched(
  deps: SeasonJobDeps,
  jobId: string,
  placements: ReadonlyMap<number, Placement>,
  actor: { name: string; id: string | null; mayCreate: boolean },
): Promise<{ ok: true; outcomes: SeasonImportFileRecord[]; problems: Problem[] } | { ok: false; problems: Problem[] }> {
  const found = await deps.jobs.get(jobId);
  if (!found) return { ok: false, problems: [problem('notFound', 'job')] };
  const { job, files } = found;
  if (jobStatus(job, deps.now()) === 'running') return { ok: false, problems: [problem('season.importRunning', 'job', { zh: '请在导入完成后再确认', en: 'confirm when it has finished' })] };
  const input: SeasonImportInput = { parentId: job.parentId, year: job.year, createOrgs: job.createOrgs, actor: actor.name, actorId: actor.id };
  const orgs = await seasonOrganizations(deps, job.parentId);
  const outcomes: SeasonImportFileRecord[] = [];
  const problems: Problem[] = [];
  for (const [seq, placement] of placements) {
    const record = files.find((f) => f.seq === seq);
    if (!record || record.outcome.status !== 'unmatched') continue;
    const unmatched = record.outcome;
    const at = `files.${seq}`;
    if (placement.kind === 'create' && (!actor.mayCreate || !unmatched.name)) {
      problems.push(problem(actor.mayCreate ? 'season.noName' : 'auth.forbidden', at, actor.mayCreate ? { zh: `${unmatched.file}（无法新建机关，请选择机关）`, en: `${unmatched.file} (nothing to create: choose an organisation)` } : { zh: unmatched.file, en: unmatched.file }));
      continue;
    }
    const target = placement.kind === 'organization' ? orgs.find((o) => o.id === placement.organizationId) : null;
    if (placement.kind === 'organization' && !target) {
      problems.push(problem('season.notBelowParent', at, { zh: unmatched.file, en: unmatched.file }));
      continue;
    }
    if (!(await deps.jobs.replace(jobId, seq, 'unmatched', 'placing'))) continue;
    let outcome: SeasonImportOutcome;
    if (placement.kind === 'skip') outcome = { file: unmatched.file, status: 'skipped', reason: `确认时跳过（${actor.name}） / skipped on confirmation` };
    else {
      const org = target ?? (await createSeasonOrganization(deps, job.parentId, unmatched.name ?? ''));
      const parsed = parseReportJson(unmatched.report);
      if (!org || !parsed.ok) {
        await deps.jobs.replace(jobId, seq, 'placing', unmatched);
        problems.push(problem('season.placeFailed', at, { zh: `${unmatched.file}，请重试`, en: `${unmatched.file}: try again` }));
        continue;
      }
      const provenance = parseProvenance(unmatched.provenance, parsed.report);
      outcome = (await storeSeasonReport(deps, input, org, { report: parsed.report, provenance }, unmatched.file))
        ? { file: unmatched.file, status: 'stored', organization: org.name, organizationId: org.id, created: target === null }
        : { file: unmatched.file, status: 'skipped', reason: alreadyReported(org, job.year) };
    }
    await deps.jobs.replace(jobId, seq, 'placing', outcome);
    outcomes.push({ seq, outcome });
  }
  return { ok: true, outcomes, problems };
}
