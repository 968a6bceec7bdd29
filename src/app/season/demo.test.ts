/** The demo season: last season's reports published through the lifecycle with January's dates, one corrected; the year before imported. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { portalDeps } from '../../storage/application-deps.ts';
import { openDatabase } from '../../storage/db.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { seedDemoData } from '../applications/demo.ts';
import { seedDemoSeason } from './demo.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { validateReport } from '../../core/annual-report/validate.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';

test('the demo county publishes its 2025 reports through the season in January 2026, corrects one in March, and has its 2024 reports imported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-demo-season-'));
  const opened = openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(opened.db);
    const today = '2026-12-05';
    const deps = portalDeps(opened.db, { today: () => today, now: () => `${today}T02:00:00.000Z` });
    const { rootId } = await seedDemoData(deps, { today, count: 60, seed: 1 });
    const season = deps.season!;
    const orgs = await deps.organizations.list();
    const r = await seedDemoSeason({ ...deps, season }, { today });
    assert.deepEqual(r, { published: orgs.length, imported: orgs.length });
    const published = await season.published(orgs.map((o) => o.id), false);
    assert.equal(published.filter((p) => p.year === 2025 && p.version === 1).length, orgs.length);
    assert.ok(published.filter((p) => p.year === 2025).every((p) => (p.publishedAt ?? '').startsWith('2026-0')), 'published in the January (or March) of 2026');
    const dept = orgs.find((o) => o.name === '中原县自然资源局');
    const versions = await season.versions(dept?.id ?? '', 2025);
    assert.deepEqual(versions.map((v) => [v.version, v.state]), [[2, 'published'], [1, 'published']]);
    assert.match(versions[0]?.notice ?? '', /^更正表三/);
    const frozen = parseReportJson(versions[1]?.report ?? '');
    assert.ok(frozen.ok);
    assert.match(frozen.report.sections.overview ?? '', /本年度新收到政府信息公开申请\d+件/, 'the narrative is written from the tables');
    assert.doesNotMatch(JSON.stringify(frozen.report.sections), /【请补充】|【待核实】/);
    assert.deepEqual(validateReport(frozen.report as AnnualReport).filter((f) => f.code === 'text.tables' && f.outcome === 'violation'), [], 'every number the text cites is the table\'s');
    assert.equal((await season.versions(rootId, 2024))[0]?.comment, '导入：中原县人民政府2024年政府信息公开工作年度报告.pdf');
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
