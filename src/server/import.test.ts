import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importReport, type ImportReportResult } from '../app/annual-report/index.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { sourceExtractor } from '../formats/source/extractor.ts';
import { kyselyReports } from '../storage/reports.ts';
import { kyselySeason } from '../storage/season.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { openDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { MAX_UPLOAD_BYTES } from './routes/import/schema.ts';

const FIXTURE = new URL('../../fixtures/corpus/001_adfc45d447bb024f.txt', import.meta.url);
const NAME = '001_adfc45d447bb024f.txt';
const root = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
const opens: OpenedDatabase[] = [];
after(async () => {
  for (const o of opens) await o.close();
  rmSync(root, { recursive: true, force: true });
});
let n = 0;
const freshDir = () => join(root, `data-${(n += 1)}`);
const CLOCK = { today: () => '2025-11-21', now: () => '2025-11-21T01:00:00.000Z' };

let expected: Extract<ImportReportResult, { ok: true }>;
before(async () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE));
  const result = await importReport({ extractor: sourceExtractor }, { bytes, name: NAME });
  assert.ok(result.ok);
  expected = result;
});

/**
 * An app on a fresh database with the report store and the organisation the fixture report names (no accounts: a
 * saved report is filed under the organisation of its name).
 */
async function appWithStore() {
  const opened = openDatabase({ dataDir: freshDir() });
  opens.push(opened);
  await migrateToLatest(opened.db);
  const deps = portalDeps(opened.db, CLOCK);
  const org = await createOrganization({ organizations: deps.organizations, newId: () => 'org-1', now: CLOCK.now }, { name: expected.report.organization ?? '', kind: 'government' });
  assert.ok(org.ok);
  const store = kyselyReports(opened.db);
  const published = async () => (await store.list({ limit: 100 })).items;
  return { store, published, app: buildApp({ store, applications: deps, logError: () => {} }) };
}

function upload(bytes: Uint8Array, name: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  for (const [k, v] of Object.entries({ template: '', year: '', organization: '', ...fields })) form.set(k, v);
  return form;
}

const fixtureForm = (fields?: Record<string, string>) => upload(new Uint8Array(readFileSync(FIXTURE)), NAME, fields);

const post = (app: ReturnType<typeof buildApp>, path: string, body: FormData | URLSearchParams) => app.request(path, { method: 'POST', body });

/** The opening tag of the value cell with this path. */
function cellTag(html: string, path: string): string {
  const m = new RegExp(`<td [^>]*data-cell="${path.replace(/\./g, '\\.')}"[^>]*>`).exec(html);
  assert.ok(m, `cell ${path}`);
  return m[0];
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The canonical JSON the result page carries in its save form. */
function savedJson(html: string): string {
  const m = /<input type="hidden" name="report" value="([^"]*)">/.exec(html);
  assert.ok(m, 'save form');
  return unescape(m[1] ?? '');
}

test('config: GONGKAI_DATA_DIR defaults to ./data; an empty value is the default', () => {
  const plain = readConfig({});
  assert.ok(plain.ok);
  assert.equal(plain.config.dataDir, './data');
  const set = readConfig({ GONGKAI_DATA_DIR: '/srv/gongkai', GONGKAI_UNUSED: 'x' });
  assert.ok(set.ok && set.config.dataDir === '/srv/gongkai');
  const empty = readConfig({ GONGKAI_DATA_DIR: '' });
  assert.ok(empty.ok && empty.config.dataDir === './data');
});

test('the layout links to 导入报告; GET /import is a labelled multipart form that needs no script', async () => {
  const { app } = await appWithStore();
  assert.match(await (await app.request('/')).text(), /<a href="\/import">导入报告<\/a>/);
  const res = await app.request('/import');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<a href="\/import" aria-current="page">导入报告<\/a>/);
  assert.match(html, /<form class="form" method="post" action="\/import" enctype="multipart\/form-data">/);
  assert.match(html, /<input type="file" id="file" name="file" accept="\.txt,\.md,\.html,\.htm,\.docx,\.pdf,\.ofd,\.xlsx,\.doc,\.wps,\.rtf,\.xls,\.et" required/);
  for (const id of ['file', 'template', 'year', 'organization']) assert.ok(html.includes(`<label for="${id}">`), id);
  assert.match(html, /<option value="" selected>自动识别/);
  assert.match(html, /<option value="2019">/);
  assert.match(html, /<option value="2021">/);
  assert.doesNotMatch(html, /<script/);
});

test('upload → the report with each cell marked by its source, what was detected and how, counts and findings', async () => {
  const { app } = await appWithStore();
  const res = await post(app, '/import', fixtureForm());
  assert.equal(res.status, 200);
  const html = await res.text();
  // Inferred cells carry cell-inferred; read cells quote their source text with its line in the title.
  const inferred = expected.provenance.filter((p) => p.how === 'inferred');
  assert.ok(inferred.length > 0);
  for (const p of inferred) assert.match(cellTag(html, p.path), /class="[^"]*\bcell-inferred\b/, p.path);
  const read = expected.provenance.filter((p) => p.how === 'read' && p.raw !== undefined);
  assert.ok(read.length > 100);
  for (const p of read.slice(0, 20)) {
    const tag = cellTag(html, p.path);
    assert.match(tag, /\bcell-read\b/);
    assert.ok(tag.includes(`title="原文：“${p.raw}”（第 ${p.line} 行）`), `${p.path}: ${tag}`);
    assert.match(tag, /tabindex="0"/);
  }
  // Every cell the importer accounts for is marked, and only those.
  assert.equal((html.match(/class="value[^"]*\bcell-(read|inferred|missing)\b/g) ?? []).length, expected.provenance.length);
  assert.match(html, /class="provenance-legend"/);
  // What was detected and how.
  assert.match(html, /2019 年版（国办公开办函〔2019〕60号）<\/span><span class="evidence">识别方式 <span class="en">how<\/span>：表头/);
  assert.match(html, /2020 年度<\/span><span class="evidence">识别方式 <span class="en">how<\/span>：标题/);
  assert.ok(html.includes(expected.report.organization ?? '?'));
  // Counts.
  for (const how of ['read', 'inferred', 'missing'] as const) assert.ok(html.includes(`data-count="${how}">${expected.counts[how]}<`), how);
  // Findings: every one listed, with its code.
  assert.match(html, new RegExp(`校验结果（${expected.findings.length}项）`));
  for (const f of expected.findings) assert.ok(html.includes(`<code class="finding-code">${f.code}</code>`), f.code);
  assert.ok(html.includes('import.inferred') && html.includes('count.nonNegative'));
  // 保存为报告 carries the canonical JSON.
  assert.match(html, /<form class="import-card save" method="post" action="\/import\/save"/);
  assert.equal(savedJson(html), stringifyReport(expected.report));
});

test('the overrides win and say so (参数)', async () => {
  const { app } = await appWithStore();
  const html = await (await post(app, '/import', fixtureForm({ template: '2021', year: '2021', organization: '某某县人民政府' }))).text();
  assert.match(html, /某某县人民政府2021年政府信息公开工作年度报告/);
  assert.equal((html.match(/识别方式 <span class="en">how<\/span>：参数/g) ?? []).length, 3);
  const json = JSON.parse(savedJson(html)) as { template: string; year: number; organization: string };
  assert.deepEqual([json.template, json.year, json.organization], ['2021', 2021, '某某县人民政府']);
});

test('a file that cannot be read → 422 with the coded problem in Chinese and English, the form kept', async () => {
  const { app } = await appWithStore();
  const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  const res = await post(app, '/import', upload(bytes, 'random.bin', { year: '2023', organization: '某某县<人民>政府' }));
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /<li data-code="import.unknownFormat" title="import.unknownFormat"><strong>无法识别的文件格式[^<]*<\/strong><br><span class="en">unrecognised file format/);
  assert.match(html, /<form class="form" method="post" action="\/import"/);
  assert.match(html, /name="year"[^>]*value="2023"/);
  assert.match(html, /name="organization"[^>]*value="某某县&lt;人民&gt;政府"/);
});

test('the form is validated: no file, a bad year, an unknown template, a file over 20 MB', async () => {
  const { app } = await appWithStore();
  const none = new FormData();
  none.set('file', new File([], ''));
  const noFile = await post(app, '/import', none);
  assert.equal(noFile.status, 400);
  assert.match(await noFile.text(), /请选择要导入的文件/);
  const year = await post(app, '/import', fixtureForm({ year: '1800' }));
  assert.equal(year.status, 422);
  const yearHtml = await year.text();
  assert.match(yearHtml, /年度应为 1990 至 2100 之间的整数[^<]*收到“1800”/);
  assert.match(yearHtml, /id="year"[^>]*aria-invalid="true"/);
  assert.equal((await post(app, '/import', fixtureForm({ year: '2020.5' }))).status, 422);
  assert.equal((await post(app, '/import', fixtureForm({ template: '2020' }))).status, 422);
  const big = await post(app, '/import', upload(new Uint8Array(MAX_UPLOAD_BYTES + 1), 'big.txt'));
  assert.equal(big.status, 413);
  assert.match(await big.text(), /文件不能超过 20\.0 MB（所选文件 20\.0 MB）/);
  const huge = await post(app, '/import', upload(new Uint8Array(MAX_UPLOAD_BYTES + 200 * 1024), 'huge.txt'));
  assert.equal(huge.status, 413);
  assert.match(await huge.text(), /输入文件过大：文件不能超过 20\.0 MB/);
  const notForm = await app.request('/import', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=zzz' } });
  assert.equal(notForm.status, 400);
});

test('save → 303 to /reports/:id; the saved report is its organisation\'s published report of the year (已导入), listed, rendered, in the API too', async () => {
  const { app, store, published } = await appWithStore();
  const json = savedJson(await (await post(app, '/import', fixtureForm())).text());
  const res = await post(app, '/import/save', new URLSearchParams({ report: json }));
  assert.equal(res.status, 303);
  const location = res.headers.get('location') ?? '';
  const id = /^\/reports\/(\d{4}-\d{2}-\d{2}-[a-z0-9]{6})$/.exec(location)?.[1];
  assert.ok(id, location);
  const stored = await store.get(id);
  assert.ok(stored);
  assert.equal(stringifyReport(stored.report), stringifyReport(expected.report));
  assert.deepEqual([stored.organizationId, stored.version, stored.imported, stored.latest], ['org-1', 1, true, true]);
  assert.deepEqual((await published()).map((r) => r.id), [id]);

  const list = await (await app.request('/')).text();
  const row = new RegExp(`<tr data-report="${id}" data-imported>([\\s\\S]*?)</tr>`).exec(list)?.[1] ?? '';
  assert.ok(row.includes(`href="/reports/${id}"`) && row.includes('已导入'), row);

  const page = await app.request(location);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /南阳高新技术产业开发区管理委员会2020年政府信息公开工作年度报告/);
  assert.match(html, /<span class="tag imported"/);
  assert.ok(html.includes(`data-cell="applications.granted.commercial"`));
  assert.ok(html.includes(`href="/reports/${id}/download/md"`));
  const md = await app.request(`/reports/${id}/download/md`);
  assert.equal(md.status, 200);

  const api = (await (await app.request('/api/reports')).json()) as { reports: { id: string; source: string }[]; next: string | null };
  assert.deepEqual(api.reports.map((r) => [r.id, r.source]), [[id, 'imported']]);
  assert.equal(api.next, null);
  const one = (await (await app.request(`/api/reports/${id}`)).json()) as { source: string; report: { organization: string } };
  assert.equal(one.source, 'imported');
  assert.equal(one.report.organization, expected.report.organization);
});

test('a saved import keeps its cells\' sources: the report page marks them as the import result did; bad provenance is dropped', async () => {
  const { app, store } = await appWithStore();
  const page = await (await post(app, '/import', fixtureForm())).text();
  const json = savedJson(page);
  const provenance = unescape(/<input type="hidden" name="provenance" value="([^"]*)">/.exec(page)?.[1] ?? '');
  assert.ok(provenance.startsWith('['), 'the save form carries the provenance');
  const res = await post(app, '/import/save', new URLSearchParams({ report: json, provenance }));
  assert.equal(res.status, 303);
  const id = (res.headers.get('location') ?? '').split('/').pop() ?? '';
  assert.ok((await store.get(id))?.provenance?.length, 'the provenance is stored with the report');
  const html = await (await app.request(`/reports/${id}`)).text();
  assert.match(cellTag(html, 'applications.granted.commercial'), /cell-(read|inferred)/);
  assert.match(html, /cell-inferred/, 'the cells 001 lost are marked inferred');
  // The same report saved again (a double click, the same PDF uploaded twice) is refused, naming the saved one.
  const twice = await post(app, '/import/save', new URLSearchParams({ report: json, provenance }));
  assert.equal(twice.status, 409);
  assert.match(await twice.text(), new RegExp(`同一机关、同一年度、内容相同的报告已经保存过[\\s\\S]*${id}`));
  // Another report of the same organisation and year is refused too: one report a year, corrected or withdrawn.
  const changed = JSON.parse(json) as { applications: { newReceived: { natural: number } } };
  changed.applications.newReceived.natural += 1;
  const otherReport = await post(app, '/import/save', new URLSearchParams({ report: JSON.stringify(changed) }));
  assert.equal(otherReport.status, 409);
  assert.match(await otherReport.text(), new RegExp(`年度已有报告（第 1 版，编号 ${id}）`));
  assert.equal((await store.list({ limit: 10 })).items.length, 1, 'nothing more written');
  // Provenance naming a cell the template does not have is not kept; the report still is.
  const other = await appWithStore();
  const bad = await post(other.app, '/import/save', new URLSearchParams({ report: json, provenance: JSON.stringify([{ path: 'applications.nope.natural', how: 'read', value: 1 }]) }));
  assert.equal(bad.status, 303);
  const badId = (bad.headers.get('location') ?? '').split('/').pop() ?? '';
  assert.equal((await other.store.get(badId))?.provenance, undefined);
  assert.doesNotMatch(await (await other.app.request(`/reports/${badId}`)).text(), /cell-inferred/);
});

test('a file that is not an annual report reads nothing: it is not offered for saving, and a forced save is refused', async () => {
  const { app, published } = await appWithStore();
  const form = new FormData();
  form.set('file', new File(['关于做好2025年冬季供暖工作的通知\n各乡镇人民政府：为切实做好今冬供暖保障工作，现将有关事项通知如下。'], 'notice.txt', { type: 'text/plain' }));
  const page = await (await app.request('/import', { method: 'POST', body: form })).text();
  assert.doesNotMatch(page, /保存为报告<\/button>/, 'no save button for a file that holds none of the template');
  assert.match(page, /未能从原文读出模板中的任何数据/);
  const empty = JSON.stringify({ schema: 'gongkai.annual-report/1', template: '2021', year: 2025, organization: '某县', proactive: null, applications: null, reviewLitigation: null, sections: {}, annotations: {} });
  const forced = await post(app, '/import/save', new URLSearchParams({ report: empty }));
  assert.equal(forced.status, 422);
  assert.match(await forced.text(), /不能保存为报告/);
  assert.deepEqual(await published(), []);
});

test('tampered JSON on save → 422 with the located problems, nothing written', async () => {
  const { app, published } = await appWithStore();
  const raw = JSON.parse(stringifyReport(expected.report)) as Record<string, any>;
  raw.year = 3000;
  raw.applications.granted.natural = '3';
  raw.applications.total.bogus = 1;
  const res = await post(app, '/import/save', new URLSearchParams({ report: JSON.stringify(raw) }));
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /无法保存报告/);
  // Where, in words (年度, 表三（一）予以公开·自然人); the JSON path only for developers (.dev, shown with the English switch).
  assert.match(html, /<span class="at-name">年度<\/span> <code class="at dev">year<\/code> <strong>年度应为 1990 至 2100 之间的整数/);
  assert.match(html, /<span class="at-name">表三（一）予以公开·自然人<\/span> <code class="at dev">applications\.granted\.natural<\/code>/);
  assert.match(html, /<code class="at">applications\.total\.bogus<\/code> <strong>模板中没有此项/);
  for (const body of [new URLSearchParams({ report: '{"schema":' }), new URLSearchParams({ report: '[]' }), new URLSearchParams({})]) {
    const r = await post(app, '/import/save', body);
    assert.ok(r.status === 400 || r.status === 422, String(r.status));
  }
  assert.deepEqual(await published(), []);
  assert.doesNotMatch(await (await app.request('/')).text(), /data-imported/);
});

test('without a store the import still shows the report, but nothing can be saved', async () => {
  const app = buildApp({ logError: () => {} });
  const html = await (await post(app, '/import', fixtureForm())).text();
  assert.match(html, /cell-inferred/);
  assert.doesNotMatch(html, /action="\/import\/save"/);
  assert.equal((await post(app, '/import/save', new URLSearchParams({ report: stringifyReport(expected.report) }))).status, 404);
});

test('a cross-site form post is refused (403) and writes nothing; a same-origin one passes', async () => {
  const { app, published } = await appWithStore();
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = () => new URLSearchParams({ reportJson: '{}' });
  const cross = await app.request('http://localhost:3000/import/save', { method: 'POST', body: body(), headers: { ...form, origin: 'https://evil.example', host: 'localhost:3000' } });
  assert.equal(cross.status, 403);
  assert.match(await cross.text(), /其他网站/);
  const fetchSite = await app.request('http://localhost:3000/import/save', { method: 'POST', body: body(), headers: { ...form, 'sec-fetch-site': 'cross-site' } });
  assert.equal(fetchSite.status, 403);
  assert.deepEqual(await published(), []);
  const same = await app.request('http://localhost:3000/import/save', { method: 'POST', body: body(), headers: { ...form, origin: 'http://localhost:3000', host: 'localhost:3000' } });
  assert.notEqual(same.status, 403);
});

test('with accounts: anyone uploads and looks; saving needs a logged-in approver or admin and the CSRF token', async () => {
  const dir = freshDir();
  const opened = openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(opened.db);
    const clock = { today: () => '2025-11-21', now: () => '2025-11-21T01:00:00.000Z' };
    const deps = portalDeps(opened.db, clock);
    const people = peopleDeps(opened.db, clock.now);
    // The fixture report names its organisation: the staff here are of that organisation; another county's admin is not.
    const orgName = expected.report.organization ?? '';
    assert.ok(orgName !== '');
    const org = await createOrganization({ organizations: deps.organizations, newId: () => 'org-1', now: clock.now }, { name: orgName, kind: 'government' });
    assert.ok(org.ok);
    const other = await createOrganization({ organizations: deps.organizations, newId: () => 'org-2', now: clock.now }, { name: '西山县人民政府', kind: 'government' });
    assert.ok(other.ok);
    for (const [username, role, organizationId] of [['li.ming', 'handler', 'org-1'], ['wang.hy', 'approver', 'org-1'], ['zhang.jg', 'admin', 'org-1'], ['west.admin', 'admin', 'org-2']] as const) {
      assert.ok((await addUser(people, { username, displayName: username, password: `pass-${username}-2025`, organizationId, role }, { id: null, name: 't' })).ok);
    }
    const store = kyselyReports(opened.db);
    const app = buildApp({ store, applications: deps, people, logError: () => {} });
    const anonymous = await (await post(app, '/import', fixtureForm())).text();
    assert.match(anonymous, /登录<\/a>后可将导入的报告保存/);
    assert.doesNotMatch(anonymous, /action="\/import\/save"/);
    const json = stringifyReport(expected.report);
    // Without a session the login page comes back, keeping the posted report for after the login.
    const anonSave = await post(app, '/import/save', new URLSearchParams({ report: json }));
    assert.equal(anonSave.status, 401);
    assert.match(await anonSave.text(), /登录已过期，请重新登录[\s\S]*name="carry"/);
    const session = async (username: string) => {
      const r = await app.request('/login', { method: 'POST', body: new URLSearchParams({ username, password: `pass-${username}-2025` }) });
      assert.equal(r.status, 303);
      const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (await app.request('/import', { method: 'POST', body: fixtureForm(), headers: { cookie } })).text();
      return { cookie, page, csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' };
    };
    const li = await session('li.ming');
    // A handler is not offered a save button that would then refuse them.
    assert.doesNotMatch(li.page, /保存为报告<\/button>/);
    assert.match(li.page, /您的角色不能保存报告/);
    assert.equal((await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: json, _csrf: li.csrf }), headers: { cookie: li.cookie } })).status, 403);
    // Another county's admin may not save it in this organisation's name (it would be public at once), nor a forgery.
    const west = await session('west.admin');
    const outside = await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: json, _csrf: west.csrf }), headers: { cookie: west.cookie } });
    assert.equal(outside.status, 403);
    assert.match(await outside.text(), /不是本机关或下级机关/);
    const forged = stringifyReport({ ...expected.report, organization: `${orgName}（伪造）` });
    const forgedSave = await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: forged, _csrf: west.csrf }), headers: { cookie: west.cookie } });
    assert.equal(forgedSave.status, 422, 'a name no organisation carries files nowhere');
    assert.match(await forgedSave.text(), /平台上没有名为/);
    const wang = await session('wang.hy');
    assert.ok(wang.csrf, 'the save form carries the CSRF token');
    assert.equal((await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: json }), headers: { cookie: wang.cookie } })).status, 403, 'no token');
    const saved = await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: json, _csrf: wang.csrf }), headers: { cookie: wang.cookie } });
    assert.equal(saved.status, 303);
    assert.match(saved.headers.get('location') ?? '', /^\/reports\//);

    // An admin withdraws a saved report, with a reason: gone from the list and its page, kept aside, audited.
    const id = (saved.headers.get('location') ?? '').split('/').pop() ?? '';
    assert.doesNotMatch(await (await app.request(`/reports/${id}`, { headers: { cookie: wang.cookie } })).text(), /撤回此报告/, 'an approver may not withdraw');
    assert.equal((await app.request(`/reports/${id}/withdraw`, { method: 'POST', body: new URLSearchParams({ reason: 'x', _csrf: wang.csrf }), headers: { cookie: wang.cookie } })).status, 403);
    assert.doesNotMatch(await (await app.request(`/reports/${id}`, { headers: { cookie: west.cookie } })).text(), /撤回此报告/, "another county's admin is not offered the withdrawal");
    assert.equal((await app.request(`/reports/${id}/withdraw`, { method: 'POST', body: new URLSearchParams({ reason: 'x', _csrf: west.csrf }), headers: { cookie: west.cookie } })).status, 404, 'nor may do it (out of scope reads as not found, as every record does)');
    const zhang = await session('zhang.jg');
    const reportPage = await (await app.request(`/reports/${id}`, { headers: { cookie: zhang.cookie } })).text();
    assert.match(reportPage, /撤回此报告/);
    const csrf = /action="\/reports\/[^"]+\/withdraw">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(reportPage)?.[1] ?? '';
    assert.equal((await app.request(`/reports/${id}/withdraw`, { method: 'POST', body: new URLSearchParams({ reason: '', _csrf: csrf }), headers: { cookie: zhang.cookie } })).status, 400, 'a reason is required');
    // A report built on the platform is corrected, never withdrawn.
    const season = kyselySeason(opened.db);
    const built = stringifyReport({ ...expected.report, year: 2019 });
    assert.ok(await season.put({ organizationId: 'org-1', year: 2019, version: 1, state: 'published', report: built, comment: null, updatedAt: clock.now(), updatedBy: 't', publishedAt: clock.now(), submittedAt: clock.now() }, null));
    const builtId = (await store.list({ limit: 10 })).items.find((r) => r.report.year === 2019)?.id ?? '';
    assert.ok(builtId);
    assert.doesNotMatch(await (await app.request(`/reports/${builtId}`, { headers: { cookie: zhang.cookie } })).text(), /撤回此报告/);
    assert.equal((await app.request(`/reports/${builtId}/withdraw`, { method: 'POST', body: new URLSearchParams({ reason: '试图撤回', _csrf: csrf }), headers: { cookie: zhang.cookie } })).status, 409);
    const gone = await app.request(`/reports/${id}/withdraw`, { method: 'POST', body: new URLSearchParams({ reason: '误将他县报告保存', _csrf: csrf }), headers: { cookie: zhang.cookie } });
    assert.equal(gone.status, 303);
    assert.equal((await app.request(`/reports/${id}`)).status, 404);
    assert.doesNotMatch(await (await app.request('/')).text(), new RegExp(id));
    // Kept, not deleted: the version is 已撤回 with the reason, and the year is open again — a new import is version 2.
    const year = expected.report.year ?? 0;
    const [withdrawn] = await season.versions('org-1', year);
    assert.deepEqual([withdrawn?.version, withdrawn?.state, withdrawn?.comment, withdrawn?.reportId], [1, 'withdrawn', '误将他县报告保存', id]);
    const log = await people.audit.list({});
    assert.ok(log.some((e) => e.action === 'report.withdraw' && e.actorName === 'zhang.jg' && e.detail.withdrawReason === '误将他县报告保存'));
    assert.ok(log.some((e) => e.action === 'report.season' && e.actorName === 'wang.hy' && e.detail.step === 'import' && e.detail.reportId === id), 'the save is audited');
    const again = await app.request('/import/save', { method: 'POST', body: new URLSearchParams({ report: json, _csrf: wang.csrf }), headers: { cookie: wang.cookie } });
    assert.equal(again.status, 303);
    const againId = (again.headers.get('location') ?? '').split('/').pop() ?? '';
    assert.deepEqual([(await store.get(againId))?.version, againId === id], [2, false]);
    assert.equal((await app.request(`/reports/${id}`)).status, 404, 'the withdrawn version stays withdrawn');
  } finally {
    await opened.close();
  }
});
