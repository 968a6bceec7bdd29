/**
 * Browser tests (playwright-core driving Debian's Chromium, never a downloaded browser): the real server on a free
 * port over a fresh SQLite database with demo data. An applicant applies online and tracks the case; every public and
 * console page passes axe-core with 0 violations and fits a 360 px wide screen. Chromium missing → a loud banner and
 * no browser suite (GONGKAI_REQUIRE_BROWSER=1, set by .ci/run, makes that a failure). GONGKAI_CHROMIUM overrides the
 * browser path (default /usr/bin/chromium).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoData } from '../app/applications/demo.ts';
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { reportingYear } from '../core/annual-report/season.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { seedDemoAccounts, type DemoAccount } from '../app/people/demo.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { seedDemoCatalog } from '../app/catalog/demo.ts';
import { searchDocuments } from '../storage/search.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { buildApp } from './app.ts';
import { kyselyReports } from '../storage/reports.ts';

const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRE = process.env.GONGKAI_REQUIRE_BROWSER === '1';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TODAY = '2025-11-21';

/** axe-core on the page: the violations (rule id, impact, first target). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

if (!existsSync(CHROMIUM)) {
  if (REQUIRE) test('Chromium is installed for the browser tests', () => assert.fail(`${CHROMIUM} not found; GONGKAI_REQUIRE_BROWSER=1 requires it (.ci/run installs chromium)`));
  else console.warn(`\n${'!'.repeat(100)}\n!! Chromium 不可用 / not found at ${CHROMIUM}: browser tests NOT run — apt-get install chromium\n${'!'.repeat(100)}\n`);
} else {
  describe('in the browser', () => {
    let dir = '';
    let opened: OpenedDatabase;
    let server: ServerType;
    let browser: Browser;
    let base = '';
    let accounts: DemoAccount[] = [];
    let orgId = '';
    let seasonOrg = '';
    let reportId = '';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gongkai-browser-'));
      opened = openDatabase({ dataDir: dir });
      await migrateToLatest(opened.db);
      const clock = { today: () => TODAY, now: () => new Date().toISOString() };
      const deps = portalDeps(opened.db, clock);
      const people = peopleDeps(opened.db, clock.now);
      const demo = await seedDemoData(deps, { today: TODAY, count: 60, seed: 5 });
      orgId = demo.rootId;
      accounts = await seedDemoAccounts(people, demo.rootId);
      // Published reports of three departments for this season and the last, so the dashboard draws its charts.
      const season = reportingYear(TODAY);
      const departments = (await deps.organizations.list()).filter((o) => o.parentId === orgId).slice(0, 3);
      for (const [i, o] of departments.entries()) {
        for (const y of [season - 1, season]) {
          const report = stringifyReport({ ...generateConsistentReport(mulberry32(i * 100 + y), { template: '2021', year: y, organization: o.name }), annotations: {} });
          assert.ok(await deps.season?.put({ organizationId: o.id, year: y, version: 1, state: 'published', report, comment: null, updatedAt: `${TODAY}T01:00:00.000Z`, updatedBy: 'test', publishedAt: `${TODAY}T01:00:00.000Z`, submittedAt: `${y + 1}-01-${10 + i}T01:00:00.000Z` }, null));
        }
      }
      seasonOrg = departments[0]?.id ?? '';
      const catalog = catalogRouteDeps(opened.db, clock, dir);
      await seedDemoCatalog(catalog, await deps.organizations.list(), { today: TODAY, perYear: 120, seed: 3 });
      const db = opened.db;
      const store = kyselyReports(opened.db);
      reportId = (await store.list({ limit: 1 })).items[0]?.id ?? '';
      const app = buildApp({ store, applications: deps, people, catalog, search: { search: (q) => searchDocuments(db, q) }, notifications: { outbox: kyselyOutbox(opened.db), channels: { email: false, sms: false } }, logError: () => {} });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    });
    after(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      await opened?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Log in through the login page in a fresh context; returns its page. */
    const staff = async (role: DemoAccount['role'], username?: string) => {
      const a = accounts.find((x) => x.role === role && (username === undefined || x.username === username));
      assert.ok(a, role);
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').fill(a.username);
      await page.getByLabel('密码').fill(a.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => u.pathname === '/applications');
      return page;
    };
    /** Open a step's form on the case page, fill it, confirm and submit; wait for the case page again. */
    const step = async (page: Page, label: string, fill: (form: import('playwright-core').Locator) => Promise<void>) => {
      const details = page.locator('details', { has: page.locator('summary', { hasText: label }) });
      await details.locator('summary').click();
      const form = details.locator('form');
      await fill(form);
      await form.getByLabel(`确认办理“${label}”`).check();
      await form.getByRole('button', { name: label }).click();
      await page.waitForLoadState('load');
      assert.doesNotMatch((await page.locator('.problems').allTextContents()).join(''), /./, `${label} was refused`);
    };
    const cell = async (page: Page, officeId: string) => {
      await page.goto(`${base}/organizations/${officeId}/tables/2025`);
      const link = page.locator(`a[href$="/cells/applications/partiallyGranted.natural"]`);
      return (await link.count()) > 0 ? Number(await link.textContent()) : 0;
    };

    test('an applicant applies and tracks; a handler asks a correction, records it, the approver extends, the handler answers 部分公开 and the approver approves it; tracking and table 三 show it', async () => {
      const page = await browser.newPage({ bypassCSP: true }); // axe-core is injected as a script: the pages' CSP forbids scripts
      await page.goto(`${base}/portal`);
      await page.getByRole('link', { name: '中原县人民政府办公室', exact: true }).click();
      const officeId = new URL(page.url()).pathname.split('/')[2] ?? '';
      await page.getByRole('link', { name: '在线提交申请' }).click();
      await page.getByLabel('申请人类型').selectOption('natural');
      await page.getByLabel('姓名或者名称').fill('陈秀兰');
      await page.getByLabel('身份证明（证件类型）').selectOption('residentId');
      await page.getByLabel('证件号码').fill('11010519491231002X');
      await page.getByLabel('联系电话').fill('13700001111');
      await page.getByLabel('电子邮箱').fill('chenxiulan@example.cn');
      await page.getByLabel('所需政府信息的名称或者特征性描述').fill('申请公开中原县2024年度城乡居民医疗救助资金使用情况');
      await page.getByLabel('获取信息的形式').selectOption('electronic');
      await page.getByLabel('获取信息的途径').selectOption('email');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByRole('heading', { name: '申请已提交' }).waitFor();
      const number = (await page.locator('.receipt .code').nth(0).textContent())?.trim() ?? '';
      const code = (await page.locator('.receipt .code').nth(1).textContent())?.trim() ?? '';
      assert.match(number, /^2025-\d{6}$/);
      const track = async () => {
        await page.goto(`${base}/portal/track`);
        await page.getByLabel('申请编号').fill(number);
        await page.getByLabel('查询码').fill(code);
        await page.getByRole('button', { name: '查询' }).click();
        await page.getByRole('heading', { name: `申请 ${number}` }).waitFor();
        return (await page.locator('.status').textContent()) ?? '';
      };
      assert.match(await track(), /办理中/);

      const handler = await staff('handler', 'handler');
      const before = await cell(handler, officeId);
      await handler.goto(`${base}/applications?organization=${officeId}&order=received`);
      await handler.getByRole('link', { name: number }).click();
      await step(handler, '告知补正', async (f) => {
        await f.getByLabel('需要补正的事项').fill('请写明所需信息的具体项目（如资金拨付明细或使用情况报告）');
        await f.getByLabel('补正期限（截止日期）').fill('2025-12-05');
      });
      assert.match(await handler.locator('h1').textContent() ?? '', /待补正/);
      await step(handler, '收到补正材料', async () => {});
      const caseUrl = handler.url();

      const approver = await staff('approver');
      await approver.goto(caseUrl);
      await step(approver, '延长答复期限', async (f) => {
        await f.getByLabel('延长的工作日数（1-20）').fill('15');
        await f.getByLabel('延期理由（必填）').fill('所需信息涉及多个年度的资金台账，需调阅核实');
      });
      assert.match((await approver.locator('section.card', { has: approver.getByRole('heading', { name: '期限', exact: true }) }).textContent()) ?? '', /延长 15/);

      await handler.goto(caseUrl);
      await step(handler, '作出答复', async (f) => {
        await f.getByLabel('答复类型（计入年度报告表三）').selectOption('partiallyGranted');
        await f.getByLabel('答复内容').fill('现提供2024年度医疗救助资金使用情况（已隐去救助对象的个人信息）。');
      });
      // The handler's answer waits for the approver, who approves it from the case page.
      assert.match(await handler.locator('h1').textContent() ?? '', /办理中/);
      assert.match((await handler.locator('section.approval').textContent()) ?? '', /待审核：作出答复/);
      await approver.goto(caseUrl);
      await approver.getByRole('button', { name: '批准：作出答复' }).click();
      await approver.waitForLoadState('load');
      assert.match(await approver.locator('h1').textContent() ?? '', /已答复/);
      assert.match((await approver.locator('section.card', { has: approver.getByRole('heading', { name: '申请内容' }) }).textContent()) ?? '', /审核人：/);

      const tracked = await track();
      assert.match(tracked, /已答复/);
      assert.match(tracked, /部分公开/);
      assert.equal(await cell(handler, officeId), before + 1, 'table 三 部分公开 / 自然人 counts the case');
      await page.close();
      await handler.context().close();
      await approver.context().close();
    });

    test('every page has 0 axe-core violations and fits a 360 px screen', async () => {
      const admin = accounts.find((a) => a.role === 'admin');
      assert.ok(admin);
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const check = async (path: string, label: string) => {
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 800 });
          const r = await page.goto(`${base}${path}`);
          assert.ok(r && r.status() < 500, `${label}: ${r?.status()}`);
          if (width === 1280) assert.deepEqual(await axeViolations(page), [], label);
          else {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 1, `${label} is ${overflow}px wider than a 360px screen`);
          }
        }
      };
      // The checker itself finds a planted violation (an image without alt text, a field without a label).
      await page.setContent('<!doctype html><html lang="zh-CN"><title>t</title><main><img src="data:,"><input type="text"></main></html>');
      const planted = await axeViolations(page);
      assert.ok(planted.some((v) => v.startsWith('image-alt')) && planted.some((v) => v.startsWith('label')), planted.join('; '));
      await check('/portal', '门户首页');
      await check(`/portal/${orgId}`, '公开指南');
      await check(`/portal/${orgId}/apply`, '申请表');
      await check('/portal/track', '查询');
      await check('/login', '登录');
      await check('/', '年度报告列表');
      await check(`/reports/${reportId}`, '年度报告（含校验结果）');
      await check('/import', '导入报告');
      await check('/nianbao', '年报专栏');
      await check(`/nianbao/${seasonOrg}`, '机关年度报告（逐年比较）');
      assert.equal(await page.locator('.chart[role="img"] svg').count(), 1, 'the comparison of years is drawn');
      await check(`/nianbao/${seasonOrg}/${reportingYear(TODAY)}`, '已公布的年度报告');
      await check(`/nianbao/${orgId}`, '本地区各机关年度报告');
      await page.goto(`${base}/portal/${orgId}/apply`);
      await page.getByRole('button', { name: '提交申请' }).click();
      assert.deepEqual(await axeViolations(page), [], '申请表（有错误）');
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').fill(admin.username);
      await page.getByLabel('密码').fill(admin.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await check('/console/audit', '审计日志');
      await check('/console/notifications', '通知发送');
      await check('/console/users', '账户管理');
      await check('/account', '我的账户');
      await check('/approvals', '待审核');
      await check('/console/calendar', '节假日安排');
      await check('/season', '报送情况');
      assert.equal(await page.locator('.chart[role="img"] svg').count(), 3, 'the three charts are drawn');
      await check(`/organizations/${seasonOrg}/season-checks`, '跨年度核对');
      await check('/season/import', '导入本地区年度报告');
      await check('/console/organizations', '机构设置');
      await check('/console/site', '网站信息');
      await check(`/console/guide/${orgId}`, '编辑指南');
      await check('/applications', '办理列表');
      await check('/applications?due=overdue', '办理列表（已超期）');
      await check('/applications/new', '登记申请');
      await page.goto(`${base}/applications?state=open`);
      const caseHref = await page.locator('td a[href^="/applications/"]').first().getAttribute('href');
      assert.ok(caseHref);
      await check(caseHref, '案件页');
      await check(`/organizations/${orgId}/tables/2025`, '表三、表四');
      await check(`/organizations/${orgId}/tables/2025/cells/applications/newReceived.total`, '单元格下钻');
      await check(`/organizations/${orgId}/tables/2025/cells/proactive/normativeDocuments.inForce`, '表二下钻（文件）');
      await check(`/organizations/${orgId}/tables/2025/cells/proactive/licensing.decisions`, '表二下钻（处理决定）');
      await check('/xxgk', '信息公开目录');
      await check(`/xxgk/${orgId}`, '机关公开目录');
      await check(`/xxgk/${orgId}?kind=normative&page=2`, '公开目录（筛选、第2页）');
      await page.goto(`${base}/xxgk/${orgId}?kind=normative`);
      const docHref = await page.locator('td a[href^="/xxgk/documents/"]').first().getAttribute('href');
      assert.ok(docHref);
      await check(docHref, '公开文件详情');
      await check('/xxgk/search', '全文检索');
      await check('/xxgk/search?q=%E9%80%9A%E7%9F%A5', '全文检索（结果）');
      await check('/console/catalog', '公开目录管理');
      await check('/console/catalog/new', '拟稿');
      await check('/console/catalog/import', '导入原网站公开目录');
      await page.goto(`${base}/console/catalog?state=published`);
      const staffDoc = await page.locator('td a[href^="/console/catalog/documents/"]').first().getAttribute('href');
      assert.ok(staffDoc);
      await check(staffDoc, '公开目录文件（工作人员）');
      await check(`${staffDoc}/edit`, '修改草稿');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${base}/applications/new`);
      await page.getByLabel('所需政府信息的名称或者特征性描述').fill('申请公开本县城乡低保标准的通知');
      await page.getByRole('button', { name: '查找已公开的相关文件' }).click();
      await page.waitForLoadState('load');
      assert.match((await page.locator('main').textContent()) ?? '', /已主动公开的相关文件/);
      assert.deepEqual(await axeViolations(page), [], '登记申请（查找已公开文件）');
      await check(`${caseHref}/notices/receipt.html`, '登记回执');
      // The applicant of the first test gave a mobile number and an e-mail address: their case lists its messages.
      await page.goto(`${base}/console/notifications`);
      const messaged = await page.locator('td a[href^="/applications/"]').first().getAttribute('href');
      assert.ok(messaged, 'the online application queued its notices');
      await check(messaged, '案件页（含发送给申请人的通知）');
      assert.match((await page.locator('#messages').textContent()) ?? '', /政府信息公开申请答复书/);
      await context.close();
    });
  });
}
