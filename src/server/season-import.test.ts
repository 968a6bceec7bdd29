/**
 * Importing a season on the web: an admin uploads a ZIP (with a GBK-named entry, as Windows writes them, and macOS
 * clutter) and a loose file; the job page follows the progress, then lists every outcome; the unmatched are placed on
 * the confirm screen. Refused: other roles, other subtrees, a missing token, a ZIP bomb, a parent outside the scope.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import JSZip from 'jszip';
import { seedDemoData } from '../app/applications/demo.ts';
import { addUser } from '../app/people/index.ts';
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { FORMATS } from '../formats/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase, type OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';

const TODAY = '2025-01-20';
const clock = { today: () => TODAY, now: () => new Date().toISOString() };
const md = async (seed: number, organization: string, year = 2024) => FORMATS.md.render(generateConsistentReport(mulberry32(seed), { template: '2021', year, organization }), { findings: [] });

describe('importing a season on the web', () => {
  let dir = '';
  let opened: OpenedDatabase;
  let app: Hono;
  let deps: ReturnType<typeof portalDeps>;
  let root = '';
  let dept = '';
  const orgId = async (name: string) => (await deps.organizations.list()).find((o) => o.name === name)?.id ?? '';
  const cookies: Record<string, string> = {};
  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who] ?? '' } });
  const csrfOf = async (who: string) => /name="_csrf" value="([^"]+)"/.exec(await (await get('/season/import', who)).text())?.[1] ?? '';
  const upload = async (who: string, fields: Record<string, string>, files: readonly { name: string; bytes: Uint8Array | string }[], csrf = true) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...fields, ...(csrf ? { _csrf: await csrfOf(who) } : {}) })) form.append(k, v);
    for (const f of files) form.append('files', new File([typeof f.bytes === 'string' ? f.bytes : Buffer.from(f.bytes)], f.name));
    return app.request('/season/import', { method: 'POST', headers: { cookie: cookies[who] ?? '' }, body: form });
  };
  /** Follow the job page until it stops refreshing itself; its final HTML. */
  const waitForJob = async (path: string, who: string): Promise<string> => {
    for (let i = 0; i < 600; i += 1) {
      const r = await get(path, who);
      assert.equal(r.status, 200);
      if (r.headers.get('refresh') === null) return r.text();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the job did not finish');
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-season-import-'));
    opened = openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    deps = portalDeps(opened.db, clock);
    const people = peopleDeps(opened.db, clock.now);
    root = (await seedDemoData(deps, { today: TODAY, count: 20, seed: 4 })).rootId;
    dept = await orgId('中原县自然资源局');
    for (const [username, org, role] of [['gov.admin', root, 'admin'], ['gov.approver', root, 'approver'], ['dept.admin', dept, 'admin']] as const) {
      assert.ok((await addUser(people, { username, displayName: username, password: `pass-${username}-2026`, organizationId: org, role }, { id: null, name: 't' })).ok);
    }
    app = buildApp({ applications: deps, people, logError: () => {} });
    for (const u of ['gov.admin', 'gov.approver', 'dept.admin']) {
      const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: u, password: `pass-${u}-2026` }).toString() });
      cookies[u] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }
  });
  after(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a ZIP and a loose file: matched, stored with provenance, the rest listed; the unmatched placed on the confirm screen', async () => {
    assert.equal((await get('/season/import', 'gov.approver')).status, 403, 'an approver does not import a season');
    const form = await (await get('/season/import', 'gov.admin')).text();
    assert.match(form, /导入本地区年度报告/);
    assert.match(await (await get('/season?year=2024', 'gov.admin')).text(), /href="\/season\/import"/);

    const zip = new JSZip();
    zip.file('县直部门/1.md', await md(51, '中原县自然资源局'));
    zip.file('县直部门/2.md', await md(52, '中原县 住房和城乡建设局'));
    zip.file('old.md', await md(53, '中原县市场监督管理局', 2023));
    zip.file('notice.txt', '关于做好冬季供暖工作的通知');
    zip.file('unknown.md', await md(54, '某某协会'));
    zip.file('__MACOSX/县直部门/._1.md', 'resource fork');
    // 水利局.md as a Chinese Windows names it: GBK bytes, no UTF-8 flag (the others: UTF-8 without the flag).
    zip.file('水利局.md', await md(55, '中原县水利局'));
    const gbk = Buffer.from([0xcb, 0xae, 0xc0, 0xfb, 0xbe, 0xd6, 0x2e, 0x6d, 0x64]);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', encodeFileName: (name: string) => (name === '水利局.md' ? gbk : Buffer.from(name, 'utf8')).toString('latin1') });

    const started = await upload('gov.admin', { parentId: root, year: '2024' }, [{ name: '县里汇总.zip', bytes }, { name: '3.md', bytes: await md(56, '中原县生态环境分局') }]);
    assert.equal(started.status, 303);
    const jobPath = started.headers.get('location') ?? '';
    assert.match(jobPath, /^\/season\/import\/[\w-]+$/);
    assert.equal((await get(jobPath, 'dept.admin')).status, 404, 'a job of a government is not shown to a department');

    const html = await waitForJob(jobPath, 'gov.admin');
    assert.match(html, /已完成：共 7 个文件，已导入 3 个，待确认 2 个，跳过 2 个/);
    assert.match(html, /县直部门\/1\.md<\/td><td><span class="outcome-stored">已导入<\/span>：<a[^>]+>中原县自然资源局/);
    assert.match(html, /县直部门\/2\.md<\/td><td><span class="outcome-stored">已导入<\/span>：<a[^>]+>中原县住房和城乡建设局/);
    assert.match(html, /3\.md<\/td><td><span class="outcome-stored">已导入<\/span>：<a[^>]+>中原县生态环境分局/);
    assert.match(html, /水利局\.md<\/td><td><span class="outcome-unmatched">待确认<\/span>：报告中的机关名称为“中原县水利局”/);
    assert.match(html, /old\.md<\/td><td><span class="outcome-skipped">跳过<\/span>：报告年度为 2023/);
    assert.doesNotMatch(html, /MACOSX/);

    const [stored] = await deps.season!.versions(dept, 2024);
    assert.equal(stored?.state, 'published');
    assert.match(stored?.comment ?? '', /导入：县直部门\/1\.md/);
    const provenance = JSON.parse(stored?.provenance ?? 'null') as unknown[];
    assert.ok(Array.isArray(provenance) && provenance.length > 100, 'each cell keeps where it was read');

    // The confirm screen: 水利局.md → a new organisation; unknown.md first to the parent itself (not below it), then skipped.
    const seqOf = (file: string) => new RegExp(`name="place\\.(\\d+)" aria-label="${file.replace('.', '\\.')} `).exec(html)?.[1] ?? '';
    const water = seqOf('水利局.md');
    const unknown = seqOf('unknown.md');
    assert.ok(water && unknown);
    const confirm = async (fields: Record<string, string>) =>
      app.request(`${jobPath}/confirm`, { method: 'POST', headers: { cookie: cookies['gov.admin'] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: await csrfOf('gov.admin') }).toString() });
    const wrong = await confirm({ [`place.${unknown}`]: root });
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /所选机关不在本次导入的范围内/);
    assert.equal((await confirm({ [`place.${water}`]: '__create', [`place.${unknown}`]: '__skip' })).status, 303);
    const after = await waitForJob(jobPath, 'gov.admin');
    assert.match(after, /已导入 4 个，待确认 0 个，跳过 3 个/);
    assert.match(after, /水利局\.md<\/td><td><span class="outcome-stored">已导入<\/span>：<a[^>]+>中原县水利局<\/a>（新建机关）/);
    const water2024 = await deps.season!.versions(await orgId('中原县水利局'), 2024);
    assert.equal(water2024[0]?.state, 'published');
    assert.equal((await deps.organizations.get(await orgId('中原县水利局')))?.parentId, root);

    // The same season again: nothing overwritten.
    const again = await upload('gov.admin', { parentId: root, year: '2024' }, [{ name: '3.md', bytes: await md(56, '中原县生态环境分局') }]);
    assert.match(await waitForJob(again.headers.get('location') ?? '', 'gov.admin'), /已有 2024 年度报告，未覆盖/);
    assert.match(await (await get('/season/import', 'gov.admin')).text(), /已完成/, 'the recent imports are listed');
  });

  test('refused before any job: no token, a parent outside the scope, no files, a ZIP bomb, a broken ZIP', async () => {
    const before = (await deps.seasonImports!.recent([root, dept], 100)).length;
    const file = [{ name: '1.md', bytes: await md(60, '中原县自然资源局') }];
    assert.equal((await upload('gov.admin', { parentId: root, year: '2024' }, file, false)).status, 403);
    const outside = await upload('dept.admin', { parentId: root, year: '2024' }, file);
    assert.equal(outside.status, 422);
    assert.match(await outside.text(), /data-code="season\.notBelowParent"/);
    assert.match(await (await upload('gov.admin', { parentId: root, year: '2024' }, [])).text(), /data-code="season\.noFiles"/);
    const bomb = new JSZip();
    bomb.file('bomb.md', new Uint8Array(40 * 1024 * 1024));
    const bombed = await upload('gov.admin', { parentId: root, year: '2024' }, [{ name: 'bomb.zip', bytes: await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) }]);
    assert.equal(bombed.status, 422);
    assert.match(await bombed.text(), /data-code="import\.tooLarge"/);
    const broken = await upload('gov.admin', { parentId: root, year: '2024' }, [{ name: 'broken.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }]);
    assert.match(await broken.text(), /data-code="import\.notZip"/);
    assert.equal((await deps.seasonImports!.recent([root, dept], 100)).length, before, 'no job was started');
  });
});
