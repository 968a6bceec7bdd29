/**
 * Reports saved before the one report store (migration 0027) were files: `<dataDir>/reports/<id>.json` (canonical JSON)
 * and `<id>.provenance.json`. At start, `moveReportFiles` moves each into the store as its organisation's imported
 * report of its year, under the id it had (its links keep working), and the files into `reports/moved/`. A file that
 * cannot be filed — it does not parse, names no organisation the platform has (or several), has no year, or its
 * organisation's year already has a report — is left where it is and reported, never dropped: an admin can add the
 * organisation and restart, or import it again by hand. Files withdrawn before (`reports/withdrawn/`) stay there.
 */
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportStore } from '../app/annual-report/ports.ts';
import type { OrganizationRepository } from '../app/organizations/ports.ts';
import { parseProvenance } from '../core/annual-report/import/provenance.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { STORED_ID } from './report-id.ts';

export interface MovedReports {
  /** Ids moved into the store. */
  readonly moved: readonly string[];
  /** Files left in place, each with why (Chinese, for the start-up log). */
  readonly left: readonly { readonly file: string; readonly reason: string }[];
}

const isCode = (error: unknown, code: string): boolean => typeof error === 'object' && error !== null && 'code' in error && error.code === code;

/** Move the report files of `<dataDir>/reports` into the store (see the module comment). Rejects on an IO error. */
export async function moveReportFiles(dataDir: string, deps: { readonly store: ReportStore; readonly organizations: Pick<OrganizationRepository, 'byName'>; readonly now: () => string }): Promise<MovedReports> {
  const dir = join(dataDir, 'reports');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { moved: [], left: [] };
    throw error;
  }
  const moved: string[] = [];
  const left: { file: string; reason: string }[] = [];
  const ids = names.filter((n) => n.endsWith('.json') && !n.endsWith('.provenance.json')).map((n) => n.slice(0, -'.json'.length)).filter((id) => STORED_ID.test(id)).sort();
  for (const id of ids) {
    const file = `reports/${id}.json`;
    const parsed = parseReportJson(await readFile(join(dir, `${id}.json`), 'utf8'));
    if (!parsed.ok) {
      left.push({ file, reason: `不是有效的年度报告：${parsed.problems[0]?.messageZh ?? ''}` });
      continue;
    }
    const report = parsed.report as AnnualReport;
    const name = (report.organization ?? '').normalize('NFKC').replace(/\s+/g, '');
    const orgs = name === '' ? [] : await deps.organizations.byName(name);
    const org = orgs.length === 1 ? orgs[0] : undefined;
    if (!org) {
      left.push({ file, reason: orgs.length > 1 ? `有 ${orgs.length} 个机关名为“${name}”` : `平台上没有名为“${report.organization ?? ''}”的机关` });
      continue;
    }
    if (report.year === null) {
      left.push({ file, reason: '报告未写明年度' });
      continue;
    }
    if (await deps.store.current(org.id, report.year)) {
      left.push({ file, reason: `${org.name}${report.year} 年度已有报告` });
      continue;
    }
    let provenance = null;
    try {
      provenance = parseProvenance(await readFile(join(dir, `${id}.provenance.json`), 'utf8'), report);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    const saved = await deps.store.saveImported({ organizationId: org.id, report, provenance, by: '系统（迁入报告文件）', at: deps.now(), note: `导入：${file}`, id });
    if (!saved.ok) {
      left.push({ file, reason: `${org.name}${report.year} 年度已有报告` });
      continue;
    }
    await mkdir(join(dir, 'moved'), { recursive: true });
    await rename(join(dir, `${id}.json`), join(dir, 'moved', `${id}.json`));
    await rename(join(dir, `${id}.provenance.json`), join(dir, 'moved', `${id}.provenance.json`)).catch((error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw error;
    });
    moved.push(id);
  }
  return { moved, left };
}
