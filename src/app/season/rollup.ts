/**
 * The area's roll-up from the platform (条例第五十条): the frozen reports (submitted, received or published — the latest
 * version of each) of every organisation below `organizationId`, summed by core/season/rollup.ts from the cells kept
 * beside each report. An organisation without a frozen report takes no part, and is named.
 */
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { templateForYear } from '../../core/annual-report/templates/index.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { rollUp, type Contributor, type RollUp } from '../../core/season/rollup.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';
import type { SeasonRecord, SeasonRepository } from './reports.ts';

export interface AreaRollUp extends RollUp {
  /** Organisations below with no frozen report for the year (still drafts). */
  readonly missing: readonly string[];
}

export async function rollUpArea(deps: { organizations: OrganizationRepository; season: SeasonRepository }, organizationId: string, year: number): Promise<{ ok: true; value: AreaRollUp } | { ok: false; problems: readonly Problem[] }> {
  const org = await deps.organizations.get(organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const ids = (await deps.organizations.subtreeIds(organizationId)).filter((id) => id !== organizationId);
  const names = new Map((await deps.organizations.list()).map((o) => [o.id, o.name]));
  const name = (id: string) => names.get(id) ?? id;
  const isFrozen = (v: SeasonRecord) => v.report !== null && v.state !== 'draft' && v.state !== 'returned';
  // One query for the latest version of all, with each report's cells as a vector (1 KB, not 20 KB of JSON to parse);
  // only a correction's open draft (version > 1) or a version stored before the vector was kept reads its report.
  const latest = new Map((await deps.season.latestCells(ids, year)).map((r) => [r.organizationId, r]));
  const contributors: Contributor[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const record = latest.get(id);
    if (record && isFrozen(record) && record.cells) {
      contributors.push({ name: name(id), source: `第 ${record.version} 版`, ...record.cells });
      continue;
    }
    const frozen = record && (record.version > 1 || isFrozen(record)) ? (await deps.season.versions(id, year)).find(isFrozen) : undefined;
    const parsed = frozen?.report ? parseReportJson(frozen.report) : null;
    if (parsed?.ok) contributors.push({ name: name(id), report: parsed.report as AnnualReport, source: `第 ${frozen?.version} 版` });
    else missing.push(name(id));
  }
  const up = rollUp(`${org.name}（汇总）`, year, templateForYear(year), contributors);
  return { ok: true, value: { ...up, missing } };
}
