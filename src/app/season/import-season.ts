/**
 * Importing a season (issue: 汇总 of an area whose organisations publish on their own sites): each published report
 * file is read by the importer, matched to an organisation below `parentId` by the name it states (exact, then
 * ignoring spaces and brackets; several or none → unmatched, with suggestions), and stored as that organisation's
 * report for the year, 已公布 (it was published), with the file named in its note and each cell's provenance. Unmatched
 * names may create the organisation under the parent when asked; otherwise the report read stays with the outcome, so
 * someone can name its organisation later (the web's confirm screen, ./import-jobs.ts). One bad file never stops the
 * rest. Nothing is overwritten: an organisation that already has a report for the year is skipped with the reason.
 */
import type { AnnualReport } from '../../core/annual-report/model.ts';
import type { CellProvenance } from '../../core/annual-report/import/import-text.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import { formatProblem } from '../../core/errors.ts';
import { importReport, type ImportReportDeps } from '../annual-report/import-report.ts';
import { hasAnyCell } from '../annual-report/save-report.ts';
import { createOrganization } from '../organizations/index.ts';
import type { Organization, OrganizationKind, OrganizationRepository } from '../organizations/ports.ts';
import type { AuditLog } from '../people/ports.ts';
import type { SeasonRepository } from './reports.ts';

export interface SeasonImportDeps extends ImportReportDeps {
  readonly organizations: OrganizationRepository;
  readonly season: SeasonRepository;
  readonly audit: AuditLog;
  readonly now: () => string;
  readonly newId: () => string;
}

export type SeasonImportOutcome =
  | { readonly file: string; readonly status: 'stored'; readonly organization: string; readonly organizationId: string; readonly created: boolean }
  | {
      readonly file: string;
      readonly status: 'unmatched';
      readonly name: string | null;
      readonly suggestions: readonly string[];
      /** The report read (canonical JSON) and its provenance (JSON), kept until its organisation is named. */
      readonly report: string;
      readonly provenance: string;
    }
  | { readonly file: string; readonly status: 'skipped'; readonly reason: string };

/** Who imports, into which area and year. */
export interface SeasonImportInput {
  readonly parentId: string;
  readonly year: number;
  readonly createOrgs: boolean;
  /** The account's display name (or the CLI's), and its id when there is one: in the reports' notes and the audit. */
  readonly actor: string;
  readonly actorId?: string | null;
}

export interface SeasonFile {
  readonly name: string;
  readonly load: () => Promise<Uint8Array>;
}

/** A season's file finding the extraction queue full waits BUSY_WAIT_MS and tries again, up to two minutes. */
const BUSY_WAIT_MS = 2_000;
const BUSY_RETRIES = 60;

/** A name as compared: without spaces, brackets and their full-width forms. */
const bare = (name: string): string => name.normalize('NFKC').replace(/[\s()（）【】[\]·・]/g, '');

/** The organisation's kind guessed from its name when it is created: a 人民政府 is a government, the rest departments. */
const kindOf = (name: string): OrganizationKind => (/人民政府$/.test(name) ? 'government' : 'department');

/** Match a stated name among the organisations: one exact or bare match, else none with suggestions (shared stem). */
export function matchOrganization(name: string, orgs: readonly Organization[]): { match: Organization | null; suggestions: string[] } {
  const exact = orgs.filter((o) => o.name === name);
  if (exact.length === 1) return { match: exact[0] as Organization, suggestions: [] };
  const loose = orgs.filter((o) => bare(o.name) === bare(name));
  if (loose.length === 1) return { match: loose[0] as Organization, suggestions: [] };
  const b = bare(name);
  const suggestions = orgs.filter((o) => bare(o.name).includes(b) || b.includes(bare(o.name))).map((o) => o.name).slice(0, 5);
  return { match: null, suggestions };
}

/** The organisations an import may store into: those below the parent (not the parent itself). */
export async function seasonOrganizations(deps: Pick<SeasonImportDeps, 'organizations'>, parentId: string): Promise<Organization[]> {
  const ids = new Set(await deps.organizations.subtreeIds(parentId));
  return (await deps.organizations.list()).filter((o) => ids.has(o.id) && o.id !== parentId);
}

/** Create the organisation a report names, under the parent. */
export async function createSeasonOrganization(deps: SeasonImportDeps, parentId: string, name: string): Promise<Organization | null> {
  const made = await createOrganization({ organizations: deps.organizations, newId: deps.newId, now: deps.now }, { name, kind: kindOf(name), parentId });
  return made.ok ? made.organization : null;
}

/**
 * Store a report read from `file` as `org`'s published report for the year (version 1 — or the next after a withdrawn
 * one —, 已公布, source import), audited. False when the organisation already has a report for the year: nothing is
 * overwritten.
 */
export async function storeSeasonReport(
  deps: SeasonImportDeps,
  input: SeasonImportInput,
  org: Organization,
  read: { report: AnnualReport; provenance: readonly CellProvenance[] | null },
  file: string,
): Promise<boolean> {
  const report = stringifyReport({ ...read.report, organization: org.name, year: input.year });
  const now = deps.now();
  const provenance = read.provenance ? JSON.stringify(read.provenance) : null;
  const [latest] = await deps.season.versions(org.id, input.year);
  if (latest && latest.state !== 'withdrawn') return false;
  const version = latest ? latest.version + 1 : 1;
  const stored = await deps.season.put({ organizationId: org.id, year: input.year, version, state: 'published', report, comment: `导入：${file}`, updatedAt: now, updatedBy: input.actor, publishedAt: now, submittedAt: now, provenance, source: 'import' }, latest ? { version: latest.version, state: latest.state } : null);
  if (!stored) return false;
  await deps.audit.append({ at: now, actorId: input.actorId ?? null, actorName: input.actor, organizationId: org.id, action: 'report.season', subject: `report:${org.id}:${input.year}`, detail: { step: 'import', version, state: 'published', file }, ip: null });
  return true;
}

export const alreadyReported = (org: Organization, year: number): string => `${org.name} 已有 ${year} 年度报告，未覆盖 / ${org.name} already has a ${year} report: not overwritten`;

/**
 * An importer of one season's files: each file read, matched and stored (or left unmatched / skipped with the reason).
 * The organisations are read once; those it creates join the list, so two files of a new organisation meet it once.
 */
export async function seasonImporter(deps: SeasonImportDeps, input: SeasonImportInput): Promise<(file: SeasonFile) => Promise<SeasonImportOutcome>> {
  let orgs = await seasonOrganizations(deps, input.parentId);
  return async (file) => {
    try {
      const bytes = await file.load();
      let r = await importReport(deps, { bytes, name: file.name });
      // A full extraction queue (other users' uploads) is a wait, not a bad file.
      for (let tries = 0; !r.ok && r.problem.code === 'import.busy' && tries < BUSY_RETRIES; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
        r = await importReport(deps, { bytes, name: file.name });
      }
      if (!r.ok) return { file: file.name, status: 'skipped', reason: formatProblem(r.problem) };
      if (!hasAnyCell(r.report)) return { file: file.name, status: 'skipped', reason: '未能读出模板中的任何数据，不是年度报告 / nothing of the template was read: not an annual report' };
      // A report that states another year is not this season's; one that states none is taken as this year's.
      const stated = r.report.year;
      if (stated !== null && stated !== input.year) return { file: file.name, status: 'skipped', reason: `报告年度为 ${stated}，不是 ${input.year} / the report is for ${stated}, not ${input.year}` };
      const name = r.report.organization;
      const found = name ? matchOrganization(name, orgs) : { match: null, suggestions: [] };
      let match = found.match;
      let created = false;
      if (!match && name && input.createOrgs) {
        match = await createSeasonOrganization(deps, input.parentId, name);
        if (match) {
          orgs = [...orgs, match];
          created = true;
        }
      }
      if (!match) return { file: file.name, status: 'unmatched', name, suggestions: found.suggestions, report: stringifyReport(r.report), provenance: JSON.stringify(r.provenance) };
      if (!(await storeSeasonReport(deps, input, match, { report: r.report, provenance: r.provenance }, file.name))) return { file: file.name, status: 'skipped', reason: alreadyReported(match, input.year) };
      return { file: file.name, status: 'stored', organization: match.name, organizationId: match.id, created };
    } catch (error) {
      return { file: file.name, status: 'skipped', reason: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Import every file in turn (the CLI): one outcome per file, in order; `progress` before each. */
export async function importSeason(deps: SeasonImportDeps, input: SeasonImportInput & { files: readonly SeasonFile[] }, progress?: (done: number, file: string) => void): Promise<SeasonImportOutcome[]> {
  const importFile = await seasonImporter(deps, input);
  const out: SeasonImportOutcome[] = [];
  for (const [i, file] of input.files.entries()) {
    progress?.(i, file.name);
    out.push(await importFile(file));
  }
  return out;
}
