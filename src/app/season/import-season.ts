/**
 * Importing a season (issue: 汇总 of an area whose organisations publish on their own sites): each published report
 * file is read by the importer, matched to an organisation below `parentId` by the name it states (exact, then
 * ignoring spaces and brackets; several or none → unmatched, with suggestions), and stored as that organisation's
 * report for the year, 已公布 (it was published), with the file named in its note. Unmatched names may create the
 * organisation under the parent when asked. One bad file never stops the rest. Nothing is overwritten: an
 * organisation that already has a report for the year is skipped with the reason.
 */
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
  | { readonly file: string; readonly status: 'stored'; readonly organization: string; readonly created: boolean }
  | { readonly file: string; readonly status: 'unmatched'; readonly name: string | null; readonly suggestions: readonly string[] }
  | { readonly file: string; readonly status: 'skipped'; readonly reason: string };

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

export async function importSeason(deps: SeasonImportDeps, input: { parentId: string; year: number; createOrgs: boolean; files: readonly { name: string; load: () => Promise<Uint8Array> }[]; actor: string }, progress?: (done: number, file: string) => void): Promise<SeasonImportOutcome[]> {
  const out: SeasonImportOutcome[] = [];
  const ids = new Set(await deps.organizations.subtreeIds(input.parentId));
  let orgs = (await deps.organizations.list()).filter((o) => ids.has(o.id) && o.id !== input.parentId);
  for (const [i, file] of input.files.entries()) {
    progress?.(i, file.name);
    try {
      const r = await importReport(deps, { bytes: await file.load(), name: file.name });
      if (!r.ok) {
        out.push({ file: file.name, status: 'skipped', reason: formatProblem(r.problem) });
        continue;
      }
      if (!hasAnyCell(r.report)) {
        out.push({ file: file.name, status: 'skipped', reason: '未能读出模板中的任何数据，不是年度报告 / nothing of the template was read: not an annual report' });
        continue;
      }
      const name = r.report.organization;
      // A report that states another year is not this season's; one that states none is taken as this year's.
      const stated = r.report.year;
      if (stated !== null && stated !== input.year) {
        out.push({ file: file.name, status: 'skipped', reason: `报告年度为 ${stated}，不是 ${input.year} / the report is for ${stated}, not ${input.year}` });
        continue;
      }
      const found = name ? matchOrganization(name, orgs) : { match: null, suggestions: [] };
      const suggestions = found.suggestions;
      let match = found.match;
      let created = false;
      if (!match && name && input.createOrgs) {
        const made = await createOrganization({ organizations: deps.organizations, newId: deps.newId, now: deps.now }, { name, kind: kindOf(name), parentId: input.parentId });
        if (made.ok) {
          match = made.organization;
          orgs = [...orgs, made.organization];
          created = true;
        }
      }
      if (!match) {
        out.push({ file: file.name, status: 'unmatched', name, suggestions });
        continue;
      }
      const report = stringifyReport({ ...r.report, organization: match.name, year: input.year });
      const now = deps.now();
      const stored = await deps.season.put({ organizationId: match.id, year: input.year, version: 1, state: 'published', report, comment: `导入：${file.name}`, updatedAt: now, updatedBy: input.actor, publishedAt: now, submittedAt: now }, null);
      if (!stored) {
        out.push({ file: file.name, status: 'skipped', reason: `${match.name} 已有 ${input.year} 年度报告，未覆盖 / ${match.name} already has a ${input.year} report: not overwritten` });
        continue;
      }
      await deps.audit.append({ at: now, actorId: null, actorName: input.actor, organizationId: match.id, action: 'report.season', subject: `report:${match.id}:${input.year}`, detail: { step: 'import', version: 1, state: 'published', file: file.name }, ip: null });
      out.push({ file: file.name, status: 'stored', organization: match.name, created });
    } catch (error) {
      out.push({ file: file.name, status: 'skipped', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
