/**
 * Season import jobs on SQLite and PostgreSQL: the job records each file's outcome and its progress, a second
 * connection (another process) sees them, and two officers placing the same unmatched file at once store it once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { seedDemoData } from '../app/applications/demo.ts';
import { placeUnmatched, startSeasonImport, type SeasonJobDeps } from '../app/season/import-jobs.ts';
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { FORMATS } from '../formats/index.ts';
import { sourceExtractor } from '../formats/source/extractor.ts';
import { applicationDeps, peopleDeps } from './application-deps.ts';
import type { OpenedDatabase } from './db.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselySeasonImports } from './season-import.ts';
import { kyselySeason } from './season.ts';
import { enginesUnderTest } from './test-engines.ts';

const engines = await enginesUnderTest();
const clock = { today: () => '2025-01-20', now: () => new Date().toISOString() };
const file = (name: string, organization: string, seed: number) => ({
  name,
  load: async () => new Uint8Array(await FORMATS.md.render(generateConsistentReport(mulberry32(seed), { template: '2021', year: 2024, organization }), { findings: [] })),
});

for (const engine of engines) {
  describe(`season import jobs: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let other: OpenedDatabase;
    let deps: SeasonJobDeps;
    let root = '';

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      const app = applicationDeps(opened.db, clock, randomUUID);
      root = (await seedDemoData(app, { today: '2025-01-20', count: 10, seed: 2 })).rootId;
      other = await engine.connect();
      deps = { extractor: sourceExtractor, organizations: app.organizations, season: kyselySeason(opened.db), audit: peopleDeps(opened.db, clock.now).audit, now: clock.now, newId: randomUUID, jobs: kyselySeasonImports(opened.db) };
    });
    after(async () => {
      await other?.close();
      await opened?.close();
      await engine.cleanup();
    });

    test('outcomes and progress recorded as the files are read; a placement raced by two officers is stored once', async () => {
      const started = await startSeasonImport(deps, { parentId: root, year: 2024, createOrgs: false, actor: '县政府办', actorId: null }, [file('a.md', '中原县自然资源局', 1), file('b.md', '中原县档案馆', 2), { name: 'c.pdf', load: async () => new Uint8Array([1, 2, 3]) }]);
      await started.finished;
      const seen = await kyselySeasonImports(other.db).get(started.id);
      assert.ok(seen);
      assert.equal(seen.job.state, 'done');
      assert.equal(seen.job.done, 3);
      assert.deepEqual(seen.files.map((f) => f.outcome.status), ['stored', 'unmatched', 'skipped']);
      const unmatched = seen.files[1]?.outcome;
      assert.ok(unmatched?.status === 'unmatched' && unmatched.name === '中原县档案馆' && unmatched.report.includes('"applications"'));
      const target = (await deps.organizations.list()).find((o) => o.name === '中原县住房和城乡建设局');
      assert.ok(target);
      const officer = (name: string) => ({ name, id: null, mayCreate: true });
      const both = await Promise.all([
        placeUnmatched(deps, started.id, new Map([[1, { kind: 'organization', organizationId: target.id }]]), officer('甲')),
        placeUnmatched(deps, started.id, new Map([[1, { kind: 'create' }]]), officer('乙')),
      ]);
      assert.equal(both.reduce((n, r) => n + (r.ok ? r.outcomes.length : 0), 0), 1, 'one of the two placed it');
      const after = await deps.jobs.get(started.id);
      assert.equal(after?.files[1]?.outcome.status, 'stored');
      const created = (await deps.organizations.list()).filter((o) => o.name === '中原县档案馆').length;
      const placedOnTarget = (await deps.season.versions(target.id, 2024)).length;
      assert.equal(created + placedOnTarget, 1, 'stored once, in one place');
      assert.deepEqual((await deps.jobs.recent([root], 5)).map((j) => j.id), [started.id]);
    });
  });
}
