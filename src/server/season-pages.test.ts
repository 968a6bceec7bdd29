/** The season on the pages: a department submits from its year page, its government returns and receives, the dashboard lists them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { seedDemoData } from '../app/applications/demo.ts';
import { addUser } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';
import ExcelJS from 'exceljs';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';

const TODAY = '2026-02-03';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };

describe('the reporting season on the pages', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let app: Hono;
  let dept = '';
  let root = '';
  let season: NonNullable<ReturnType<typeof portalDeps>['season']>;
  const cookies: Record<string, string> = {};
  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who] ?? '' } });
  const csrfOf = async (path: string, who: string) => /name="_csrf" value="([^"]+)"/.exec(await (await get(path, who)).text())?.[1] ?? '';
  const post = async (path: string, who: string, fields: Record<string, string>, page: string) =>
    app.request(path, { method: 'POST', headers: { cookie: cookies[who] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: await csrfOf(page, who) }).toString() });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-season-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    const deps = portalDeps(opened.db, clock);
    assert.ok(deps.season);
    season = deps.season;
    const people = peopleDeps(opened.db, clock.now);
    root = (await seedDemoData(deps, { today: TODAY, count: 40, seed: 3 })).rootId;
    dept = (await deps.organizations.list()).find((o) => o.parentId === root)?.id ?? '';
    for (const [username, org, role] of [['dept.admin', dept, 'admin'], ['gov.admin', root, 'admin']] as const) {
      assert.ok((await addUser(people, { username, displayName: username, password: `pass-${username}-2026`, organizationId: org, role }, { id: null, name: 't' })).ok);
    }
    app = buildApp({ applications: deps, people, logError: () => {} });
    for (const u of ['dept.admin', 'gov.admin']) {
      const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: u, password: `pass-${u}-2026` }).toString() });
      cookies[u] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('submit, return with a comment, resubmit, receive, publish; late days counted; the dashboard lists every organisation', async () => {
    const page = `/organizations/${dept}/tables/2025`;
    const html = await (await get(page, 'dept.admin')).text();
    assert.match(html, /报送与公布[\s\S]*第 1 版，<strong>草稿<\/strong>。公布期限：2026-01-31，<strong>已逾期 3 天<\/strong>/);
    assert.match(html, /season\/submit[\s\S]*提交/);
    assert.doesNotMatch(html, /season\/publish/, 'a department does not publish before its report is received');
    assert.equal((await post(`${page}/season/submit`, 'dept.admin', {}, page)).status, 303);
    assert.match(await (await get(page, 'gov.admin')).text(), /season\/receive[\s\S]*season\/return/);
    assert.equal((await post(`${page}/season/return`, 'gov.admin', { comment: '' }, page)).status, 400);
    assert.equal((await post(`${page}/season/return`, 'gov.admin', { comment: '表四总计与各项之和不符' }, page)).status, 303);
    assert.match(await (await get(page, 'dept.admin')).text(), /已退回<\/strong>[\s\S]*退回意见：表四总计与各项之和不符/);
    assert.equal((await post(`${page}/season/submit`, 'dept.admin', {}, page)).status, 303);
    assert.equal((await post(`${page}/season/receive`, 'dept.admin', {}, page)).status, 403, 'nobody receives their own report');
    assert.equal((await post(`${page}/season/receive`, 'gov.admin', {}, page)).status, 303);
    assert.equal((await post(`${page}/season/publish`, 'dept.admin', {}, page)).status, 303);
    const board = await (await get('/season?year=2025', 'gov.admin')).text();
    assert.match(board, /已公布 1/);
    assert.match(board, new RegExp(`href="/organizations/${dept}/tables/2025#season-h">[^<]+</a></td><td>已公布`));
    // The area's roll-up: the published department counts, the others are named as not yet reported.
    const up = await (await get(`/organizations/${root}/rollup/2025`, 'gov.admin')).text();
    assert.match(up, /1 个机关计入；尚未报送 \d+ 个/);
    const cell = /href="([^"]*rollup\/2025\?cell=applications\.newReceived\.total[^"]*)"/.exec(up)?.[1]?.replace(/&amp;/g, '&') ?? '';
    assert.ok(cell, 'every cell links to its contributors');
    const drill = await (await get(cell, 'gov.admin')).text();
    assert.match(drill, /<h2 id="cell-h">表三一、本年新收政府信息公开申请数量·总计<\/h2>[\s\S]*<td class="num">\d+<\/td>/);
    assert.equal((await get(`/organizations/${root}/rollup/2025`, 'dept.admin')).status, 404, 'outside the department\'s scope');
  });

  test('the dashboard: findings and cross-year flags per organisation, filters, charts with their tables, the XLSX export, the checks page', async () => {
    // Last year's report of the department, stored as published, whose carried-forward disagrees with this year's carried-over.
    const [published] = await season.versions(dept, 2025);
    const parsed = parseReportJson(published?.report ?? '');
    assert.ok(parsed.ok);
    const now = parsed.report as AnnualReport;
    const cf = (now.applications as Record<string, Record<string, number | null>>).carriedOver ?? {};
    const lastYear: AnnualReport = { ...now, year: 2024, applications: { ...now.applications, carriedForward: { ...cf, natural: (cf.natural ?? 0) + 7, total: (cf.total ?? 0) + 7 } } };
    assert.ok(await season.put({ organizationId: dept, year: 2024, version: 1, state: 'published', report: stringifyReport(lastYear), comment: null, updatedAt: clock.now(), updatedBy: 't', publishedAt: clock.now(), submittedAt: '2025-01-20T02:00:00.000Z' }, null));

    const board = await (await get('/season?year=2025', 'gov.admin')).text();
    const row = new RegExp(`<tr><td><a href="/organizations/${dept}/tables/2025#season-h">[^<]+</a></td><td>已公布</td><td class="nowrap">2026-01-31</td><td class="num">—</td><td class="num">(\\d+)</td><td class="num">(\\d+)</td><td><a href="/organizations/${dept}/season-checks[^"]*">(\\d+) 项</a>`).exec(board);
    assert.ok(row, 'the published department shows its error and warning counts and its cross-year flags');
    assert.ok(Number(row[3]) >= 1);
    assert.match(board, /上年结转数应等于上一年度报告的结转下年度数/);
    assert.match(board, /跨年度核对有提示 1 个/);
    for (const id of ['chart-submissions', 'chart-results', 'chart-totals']) assert.match(board, new RegExp(`<h2 id="${id}">[^<]+</h2>\\s*<div class="chart" role="img" aria-label="[^"]+"><svg`), id);
    assert.match(board, /<details><summary>报送进度（累计已报送机关数）：数据表<\/summary>[\s\S]*<td>2026-02-03<\/td><td class="num">1<\/td><td class="num">1<\/td>/);
    assert.doesNotMatch(board, /<script/);

    const only = await (await get('/season?year=2025&state=published', 'gov.admin')).text();
    assert.match(only, /显示 1 个机关/);
    const flagged = await (await get('/season?year=2025&flagged=1&factor=oops', 'gov.admin')).text();
    assert.match(flagged, /name="factor" value="5"/, 'a bad factor falls back to the default');
    assert.match(await (await get('/season?year=2025&q=no-such-name', 'gov.admin')).text(), /显示 0 个机关/);

    const xlsx = await get('/season.xlsx?year=2025&state=published', 'gov.admin');
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get('content-type') ?? '', /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    assert.equal(ws?.rowCount, 2, 'the header and the one published organisation');
    assert.equal(ws?.getRow(2).getCell(2).value, '已公布');
    assert.match(String(ws?.getRow(2).getCell(9).value ?? ''), /上年结转/);

    const checks = await get(`/organizations/${dept}/season-checks`, 'gov.admin');
    assert.equal(checks.status, 200);
    const text = await checks.text();
    assert.match(text, /<h2 id="y2025">2025 年度<\/h2><ul><li><strong>crossYear\.carry<\/strong>/);
    assert.match(text, /2024 年度<\/h2><p>没有上一年度已报送的报告/);
    assert.equal((await get(`/organizations/${root}/season-checks`, 'dept.admin')).status, 404, 'outside the department\'s scope');
    const deptBoard = await (await get('/season?year=2025', 'dept.admin')).text();
    assert.match(deptBoard, /显示 1 个机关/, 'a department sees itself only');
  });

  test('the narrative drafted from the tables fills the empty sections of the form; saved, its numbers agree with the tables', async () => {
    const page = `/organizations/${dept}/tables/2026`;
    const plain = await (await get(page, 'dept.admin')).text();
    assert.match(plain, /<textarea id="s-overview" name="overview"[^>]*><\/textarea>/, 'nothing is drafted unless asked');
    const html = await (await get(`${page}?draft=1`, 'dept.admin')).text();
    const overview = /<textarea id="s-overview" name="overview"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? '';
    const received = /新收到政府信息公开申请(\d+)件/.exec(overview)?.[1];
    assert.ok(received !== undefined, overview);
    const tableValue = /一、本年新收政府信息公开申请数量[\s\S]*?<td[^>]*>(?:<a[^>]*>)?(\d+)/.exec(html);
    assert.ok(tableValue);
    const problems = /<textarea id="s-problems" name="problems"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? '';
    assert.equal((await post(`${page}/sections`, 'dept.admin', { overview: overview.replace(/&amp;/g, '&'), problems: problems.replace(/&amp;/g, '&'), otherMatters: '本年度未收取信息处理费。' }, page)).status, 303);
    const saved = await (await get(page, 'dept.admin')).text();
    assert.doesNotMatch(saved, /正文所述数字与表格不一致：/, /正文所述数字与表格不一致：[^<]*/.exec(saved)?.[0]);
    assert.match(saved, /新收到政府信息公开申请\d+件/);
    const changed = overview.replace(/&amp;/g, '&').replace(`新收到政府信息公开申请${received}件`, `新收到政府信息公开申请${Number(received) + 1}件`);
    assert.equal((await post(`${page}/sections`, 'dept.admin', { overview: changed, problems: '无', otherMatters: '本年度未收取信息处理费。' }, page)).status, 303);
    const wrong = await (await get(`${page}?draft=1`, 'dept.admin')).text();
    assert.match(wrong, new RegExp(`正文所述数字与表格不一致：正文“新收到政府信息公开申请${Number(received) + 1}件”为 ${Number(received) + 1}，表格为 ${received}`), 'a changed number is caught');
    assert.match(wrong, /<textarea id="s-problems" name="problems"[^>]*>无<\/textarea>/, 'a written section stays as written');
  });
});
