/**
 * The public 年报 column: published versions only, each year with its versions and 更正说明, years compared side by
 * side, a government's area, one report rendered with its downloads; a draft or a submitted report is never public.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { seedDemoData } from '../app/applications/demo.ts';
import type { SeasonRecord } from '../app/season/reports.ts';
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { headlineValue } from '../core/season/anomalies.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';

const TODAY = '2026-02-10';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

describe('the public 年报 column', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let app: Hono;
  let root = '';
  let dept = '';
  let quiet = '';
  let newReceived2025 = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-nianbao-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    const deps = portalDeps(opened.db, clock);
    root = (await seedDemoData(deps, { today: TODAY, count: 10, seed: 6 })).rootId;
    const children = (await deps.organizations.list()).filter((o) => o.parentId === root);
    dept = children[0]?.id ?? '';
    quiet = children[1]?.id ?? '';
    const name = children[0]?.name ?? '';
    const put = (r: Partial<SeasonRecord> & Pick<SeasonRecord, 'organizationId' | 'year' | 'version' | 'state'>, expected: { version: number; state: SeasonRecord['state'] } | null) =>
      deps.season!.put({ report: null, comment: null, updatedAt: clock.now(), updatedBy: 't', publishedAt: null, submittedAt: null, ...r }, expected);
    const report = (year: number, seed: number) => generateConsistentReport(mulberry32(seed), { template: '2021', year, organization: name });
    const r2025 = report(2025, 2);
    newReceived2025 = headlineValue(r2025, 'applications.newReceived.total') ?? -1;
    assert.ok(await put({ organizationId: dept, year: 2024, version: 1, state: 'published', report: stringifyReport(report(2024, 1)), publishedAt: '2025-01-20T02:00:00.000Z' }, null));
    assert.ok(await put({ organizationId: dept, year: 2025, version: 1, state: 'published', report: stringifyReport(report(2025, 9)), publishedAt: '2026-01-25T02:00:00.000Z' }, null));
    assert.ok(await put({ organizationId: dept, year: 2025, version: 2, state: 'published', report: stringifyReport(r2025), publishedAt: '2026-02-05T02:00:00.000Z', notice: '更正表三新收申请数量' }, { version: 1, state: 'published' }));
    // Not public: a submitted report.
    assert.ok(await put({ organizationId: quiet, year: 2025, version: 1, state: 'submitted', report: stringifyReport(report(2025, 3)), submittedAt: clock.now() }, null));
    app = buildApp({ applications: deps, people: peopleDeps(opened.db, clock.now), logError: () => {} });
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the column lists every organisation with the years it published; nothing unpublished shows', async () => {
    const html = await (await app.request('/nianbao')).text();
    assert.match(html, new RegExp(`href="/nianbao/${dept}/2025">2025年</a> <a href="/nianbao/${dept}/2024">2024年</a>`));
    assert.doesNotMatch(html, new RegExp(`/nianbao/${quiet}/`), 'a submitted report is not public');
    assert.match(html, /尚未公布/);
    assert.match(html, /href="\/nianbao"[^>]*aria-current="page"/);
  });

  test('an organisation: each version with its 更正说明 and downloads, the years compared; a government: its area', async () => {
    const html = await (await app.request(`/nianbao/${dept}`)).text();
    assert.match(html, /2025年 <span class="muted">第 2 版（现行）<\/span><\/td><td class="nowrap">2026-02-05<\/td><td>更正表三新收申请数量<\/td>/);
    assert.match(html, /2025年 <span class="muted">第 1 版<\/span><\/td><td class="nowrap">2026-01-25<\/td><td>—<\/td>/);
    assert.match(html, new RegExp(`href="/nianbao/${dept}/2025/download/docx\\?v=2" download`));
    assert.match(html, new RegExp(`<td>本年新收政府信息公开申请数量</td><td class="num">\\d+</td><td class="num">${newReceived2025}</td>`), 'the comparison uses the current version');
    assert.match(html, /<div class="chart" role="img" aria-label="逐年比较（数据见下表）"><svg/);
    const area = await (await app.request(`/nianbao/${root}`)).text();
    assert.match(area, /本地区各机关年度报告/);
    assert.match(area, new RegExp(`href="/nianbao/${dept}/2025"`));
  });

  test('one report: the current version by default, an earlier one marked as corrected; downloads; anything else is 404', async () => {
    const current = await (await app.request(`/nianbao/${dept}/2025`)).text();
    assert.match(current, /第 2 版（现行）；更正说明：更正表三新收申请数量/);
    assert.match(current, new RegExp(`更正前的版本：<a href="/nianbao/${dept}/2025\\?v=1">第 1 版</a>`));
    assert.match(current, /<table/);
    const first = await (await app.request(`/nianbao/${dept}/2025?v=1`)).text();
    assert.match(first, /本版已被更正/);
    const docx = await app.request(`/nianbao/${dept}/2025/download/docx?v=1`);
    assert.equal(docx.status, 200);
    assert.match(docx.headers.get('content-disposition') ?? '', /attachment; filename="2025-1\.docx"/);
    assert.equal((await docx.arrayBuffer()).byteLength > 1000, true);
    for (const path of [`/nianbao/${quiet}/2025`, `/nianbao/${dept}/2023`, `/nianbao/${dept}/2025?v=3`, `/nianbao/${dept}/20x5`, `/nianbao/${dept}/2025?v=abc`, '/nianbao/no-such-org', `/nianbao/${dept}/2025/download/exe`]) {
      assert.equal((await app.request(path)).status, 404, path);
    }
  });
});
