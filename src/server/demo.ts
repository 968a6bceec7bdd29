/**
 * The demo reports (demo/reports/*.json): the five corpus reports in the canonical JSON, loaded once at start.
 * Read-only: the web app shows, checks and exports them; nothing writes them.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadReportFile } from '../app/annual-report/index.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { DomainError } from '../core/errors.ts';
import { nodeFiles } from '../storage/files.ts';
import { packagePath } from '../storage/package-root.ts';

export interface DemoReport {
  /** The file's base name, e.g. 002_b7b31fc9363d19c4. */
  readonly id: string;
  readonly report: AnnualReport;
}

export const DEMO_DIR = packagePath('demo', 'reports');

/** Load every *.json of `dir`, sorted by name. Rejects with DomainError (located problems) if one does not parse: demo data must be valid. */
export async function loadDemoReports(dir: string = DEMO_DIR): Promise<DemoReport[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: DemoReport[] = [];
  for (const name of names) {
    const loaded = await loadReportFile({ files: nodeFiles }, join(dir, name));
    if (!loaded.ok) throw new DomainError(loaded.problems.map((p) => ({ ...p, at: `${name}: ${p.at}` })));
    out.push({ id: basename(name, '.json'), report: loaded.report });
  }
  return out;
}
