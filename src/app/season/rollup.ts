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
import type { SeasonRepository } from './reports.ts';

export interface AreaRollUp extends RollUp {
  /** Organisations below with no frozen report for the year (still drafts). */
  readonly missing: readonly string[];
}

export async function rollUpArea(deps: { organizations: OrganizationRepository; season: SeasonRepository }, organizationId: string, year: number): Promise<{ ok: true; value: AreaRollUp } | { ok: false; problems: readonly Problem[] }> {
  const area = await deps.organizations.subtree(organizationId);
  const org = area.find((o) => o.id === organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const below = area.filter((o) => o.id !== organizationId);
  // One query for each organisation's latest frozen version with its cells as a vector (0.5 KB, not 20 KB of JSON to
  // parse); only a version stored before the vectors were kept reads its report.
  const frozen = new Map((await deps.season.frozenCells(below.map((o) => o.id), year)).map((r) => [r.organizationId, r]));
  const contributors: Contributor[] = [];
  const missing: string[] = [];
  for (const { id, name } of below) {
    const version = frozen.get(id);
    if (version?.cells) {
      contributors.push({ name, source: `第 ${version.version} 版`, ...version.cells });
      continue;
    }
    const report = version ? (await deps.season.versions(id, year)).find((v) => v.version === version.version)?.report : null;
    const parsed = report ? parseReportJson(report) : null;
    if (parsed?.ok) contributors.push({ name, report: parsed.report as AnnualReport, source: `第 ${version?.version} 版` });
    else missing.push(name);
  }
  const up = rollUp(`${org.name}（汇总）`, year, templateForYear(year), contributors);
  return { ok: true, value: { ...up, missing } };
}
