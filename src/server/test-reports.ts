/**
 * Test support only (imported by *.test.ts files): the demo reports of demo/reports stored in a fresh SQLite report
 * store, each as the imported report of an organisation of its name (created at the top of a tree), under its file's
 * base name as id and published a day after the one before — as reports saved before the one store kept their ids.
 * (管委会 too: a root is a government.) A report naming no organisation (004) cannot be filed under one: it is not stored, as the store would refuse it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredReport } from '../app/annual-report/ports.ts';
import { createOrganization } from '../app/organizations/create-organization.ts';
import { loadDemoReports } from './demo.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { kyselyReports } from '../storage/reports.ts';

export interface StoredDemoReports {
  readonly opened: OpenedDatabase;
  readonly store: ReturnType<typeof kyselyReports>;
  /** The stored reports, in the order of their files (oldest publication first). */
  readonly reports: readonly StoredReport[];
  close(): Promise<void>;
}

export async function storedDemoReports(): Promise<StoredDemoReports> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-reports-'));
  const opened = openDatabase({ dataDir: dir });
  await migrateToLatest(opened.db);
  const organizations = kyselyOrganizations(opened.db);
  const store = kyselyReports(opened.db);
  const reports: StoredReport[] = [];
  for (const [i, demo] of (await loadDemoReports()).entries()) {
    const name = demo.report.organization;
    if (name === null) continue;
    const created = await createOrganization({ organizations, newId: randomUUID, now: () => '2021-01-01T00:00:00.000Z' }, { name, kind: 'government', parentId: null });
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const at = `2021-01-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`;
    const saved = await store.saveImported({ organizationId: created.organization.id, report: demo.report, provenance: null, by: 'test', at, note: `导入：${demo.id}.json`, id: demo.id });
    if (!saved.ok) throw new Error(`not stored: ${demo.id}`);
    const stored = await store.get(demo.id);
    if (stored) reports.push(stored);
  }
  return {
    opened,
    store,
    reports,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
