/**
 * The catalog's staff pages and the desk's links to it, on every engine: 拟稿 → 附件 → 送审 → 保密审查 → 发布 → 修改 /
 * 废止 through /console/catalog (roles, scope 404, CSRF 403, refused steps coded); the public search page (GET, marks,
 * filters, coded bad input); at intake and on the case page the published documents matching the request with their
 * 索引号 (条例第三十六条第一项); and 条例第四十四条: an answered case drafted into the catalog once, linked both ways,
 * audited, refused for a case that released nothing; the bulk import of an old site's catalog (all or nothing, every
 * bad row coded, 索引号 kept or assigned from the site's pattern).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { registerApplication, takeStep } from '../app/applications/index.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { searchDocuments } from '../storage/search.ts';
import { kyselySite } from '../storage/site.ts';
import JSZip from 'jszip';
import { enginesUnderTest } from '../storage/test-engines.ts';
import { buildApp } from './app.ts';

const engines = await enginesUnderTest();
const TODAY = '2025-11-20';
const clock = { today: () => TODAY, now: () => `${TODAY}T02:00:00.000Z` };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const APPLICANT = { type: 'natural', name: '刘桂英', idType: 'residentId', idNumber: '11010519491231002X', phone: '13912345678', address: '中原县城关镇建设路12号' };

for (const engine of engines) {
  describe(`catalog console and desk links: ${engine.name}`, () => {
    let opened: OpenedDatabase;
    let app: Hono;
    let dataDir = '';
    let root = '';
    let deps: ReturnType<typeof portalDeps>;
    let cat: ReturnType<typeof catalogRouteDeps>;
    const cookies: Record<string, string> = {};
    const csrf: Record<string, string> = {};
    const get = (path: string, who: string | null = 'handler') => app.request(path, { headers: { cookie: who ? (cookies[who] ?? '') : '' } });
    const post = (path: string, fields: Record<string, string>, who = 'handler', withCsrf = true) =>
      app.request(path, { method: 'POST', headers: { cookie: cookies[who] ?? '', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: csrf[who] ?? '' } : {}) }).toString() });
    const idFrom = (r: Response) => decodeURIComponent((r.headers.get('location') ?? '').split('/').pop() ?? '');

    before(async () => {
      opened = await engine.open();
      await migrateToLatest(opened.db);
      dataDir = mkdtempSync(join(tmpdir(), 'gongkai-catcon-'));
      deps = portalDeps(opened.db, clock, randomUUID);
      const people = peopleDeps(opened.db, clock.now, randomUUID);
      const orgDeps = { organizations: deps.organizations, newId: randomUUID, now: clock.now };
      const r = await createOrganization(orgDeps, { name: '中原县人民政府', kind: 'government', code: '11411000MB' });
      const w = await createOrganization(orgDeps, { name: '西山县人民政府', kind: 'government' });
      assert.ok(r.ok && w.ok);
      root = r.organization.id;
      const db = opened.db;
      cat = catalogRouteDeps(db, clock, dataDir);
      app = buildApp({ applications: deps, people, catalog: cat, search: { search: (q) => searchDocuments(db, q) }, logError: (e) => console.error(e) });
      for (const [username, role, org] of [['handler', 'handler', root], ['approver', 'approver', root], ['west', 'admin', w.organization.id]] as const) {
        assert.ok((await addUser(people, { username, displayName: `${username}用户`, password: `pass-${username}-2025`, organizationId: org, role }, { id: null, name: 'test' })).ok);
        const s = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password: `pass-${username}-2025`, next: '/console/catalog' }).toString() });
        cookies[username] = (s.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        csrf[username] = /name="_csrf" value="([^"]+)"/.exec(await (await get('/console/catalog', username)).text())?.[1] ?? '';
        assert.ok(csrf[username]);
      }
    });
    after(async () => {
      await opened?.close();
      await engine.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    let published = '';
    test('console workflow: draft, attach, submit, review, publish, amend, repeal — by role, in scope, with CSRF', async () => {
      assert.equal((await get('/console/catalog', null)).status, 303, 'login first');
      const list = await (await get('/console/catalog')).text();
      assert.match(list, /公开目录管理/);
      assert.match(list, /拟稿（新建文件）/);
      const bad = await post('/console/catalog/new', { organizationId: root, title: '', publisher: '中原县人民政府', kind: 'normative', disclosure: 'proactive', item: '99' });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /catalog\.invalid/);
      assert.equal((await post('/console/catalog/new', { organizationId: root, title: '标题', publisher: 'x', kind: 'other', disclosure: 'proactive' }, 'handler', false)).status, 403, 'CSRF');
      const made = await post('/console/catalog/new', { organizationId: root, title: '中原县城市供水管理办法', publisher: '中原县人民政府', writtenOn: '2025-11-03', docNumber: '中政〔2025〕21号', kind: 'normative', item: '1', disclosure: 'proactive', body: '<p>第一条 为加强城市供水管理，保障供水安全。</p><script>alert(1)</script>' });
      assert.equal(made.status, 303);
      const id = idFrom(made);
      const pageHtml = await (await get(`/console/catalog/documents/${id}`)).text();
      assert.match(pageHtml, /送保密审查/);
      assert.doesNotMatch(pageHtml, /<script>alert/, 'the body is sanitised');
      assert.equal((await get(`/console/catalog/documents/${id}`, 'west')).status, 404, 'outside the subtree');

      const form = new FormData();
      form.set('_csrf', csrf.handler ?? '');
      form.set('file', new File([PNG], '供水示意图.png', { type: 'image/png' }));
      const up = await app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.handler ?? '' }, body: form });
      assert.equal(up.status, 303);
      const bogus = new FormData();
      bogus.set('_csrf', csrf.handler ?? '');
      bogus.set('file', new File(['MZ not allowed'], 'x.exe'));
      const refused = await app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.handler ?? '' }, body: bogus });
      assert.equal(refused.status, 415);
      assert.match(await refused.text(), /catalog\.fileType/);
      assert.match(await (await get(`/console/catalog/documents/${id}`)).text(), /供水示意图\.png/);

      assert.equal((await post(`/console/catalog/documents/${id}/steps/submit`, { version: '1' })).status, 303);
      assert.equal((await post(`/console/catalog/documents/${id}/steps/review`, { conclusion: 'publish', opinion: '不涉密' })).status, 403, 'a handler does not review');
      const noOpinion = await post(`/console/catalog/documents/${id}/steps/review`, { conclusion: 'publish', opinion: '' }, 'approver');
      assert.equal(noOpinion.status, 400);
      assert.match(await noOpinion.text(), /请写明审查意见/);
      assert.equal((await post(`/console/catalog/documents/${id}/steps/review`, { conclusion: 'publish', opinion: '经审查不涉及国家秘密' }, 'approver')).status, 303);
      assert.equal((await post(`/console/catalog/documents/${id}/steps/publish`, { publishedOn: TODAY }, 'approver')).status, 303);
      const done = await (await get(`/console/catalog/documents/${id}`)).text();
      assert.match(done, /11411000MB\/2025-00001/);
      assert.match(done, /经审查不涉及国家秘密/);
      published = id;

      const amended = await post(`/console/catalog/documents/${id}/steps/amend`, {});
      assert.equal(amended.status, 303);
      const draft = idFrom(amended);
      assert.notEqual(draft, id);
      assert.match(await (await get(`/console/catalog/documents/${draft}`)).text(), /修改的文件/);
      assert.equal((await post(`/console/catalog/documents/${id}/steps/repeal`, { on: TODAY, by: '' }, 'approver')).status, 400, 'the repealing act is required');
    });

    test('an attachment streams to the file store: a chunked body past the limit is cut, coded, nothing kept; a streamed PDF is stored', async () => {
      const made = await post('/console/catalog/new', { organizationId: root, title: '中原县2025年度部门预算公开', publisher: '中原县人民政府', kind: 'other', item: '7', disclosure: 'proactive' });
      assert.equal(made.status, 303);
      const id = idFrom(made);
      const boundary = '----gongkai-test-boundary';
      const head = (name: string) => new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf.handler}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`);
      const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
      /** A multipart body sent chunked (no Content-Length): the head, `size` bytes of a PDF in 1 MB chunks, the tail. */
      const chunked = (name: string, size: number) => {
        let sent = 0;
        const chunk = new Uint8Array(1024 * 1024).fill(0x20);
        chunk.set(new TextEncoder().encode('%PDF-1.4\n'));
        return new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(head(name));
          },
          pull(c) {
            if (sent >= size) {
              c.enqueue(tail);
              c.close();
              return;
            }
            const n = Math.min(chunk.byteLength, size - sent);
            c.enqueue(chunk.slice(0, n));
            sent += n;
          },
        });
      };
      const send = (body: ReadableStream<Uint8Array>) =>
        app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.handler ?? '', 'content-type': `multipart/form-data; boundary=${boundary}` }, body, duplex: 'half' } as RequestInit);
      const filesIn = () => readdirSync(join(dataDir, 'files'), { recursive: true }).length;
      const before = existsSync(join(dataDir, 'files')) ? filesIn() : 0;
      // 60 MB > the 50 MB limit: cut while it streams, a coded refusal, no file and no temporary left behind.
      const big = await send(chunked('预算表.pdf', 60 * 1024 * 1024));
      assert.equal(big.status, 413);
      assert.match(await big.text(), /catalog\.fileTooLarge/);
      assert.equal(existsSync(join(dataDir, 'files')) ? filesIn() : 0, before, `nothing kept: ${existsSync(join(dataDir, 'files')) ? readdirSync(join(dataDir, 'files'), { recursive: true }).join(', ') : ''}`);
      assert.deepEqual(await cat.catalog.attachments(id), []);
      // 3 MB streams through and is stored under its hash.
      const ok = await send(chunked('预算表.pdf', 3 * 1024 * 1024));
      assert.equal(ok.status, 303, await ok.clone().text());
      const stored = await cat.catalog.attachments(id);
      assert.deepEqual(stored.map((a) => [a.name, a.size]), [['预算表.pdf', 3 * 1024 * 1024]]);
      // Without the session's token nothing is attached; a prototype key is refused.
      const noToken = new FormData();
      noToken.set('file', new File([PNG], 'x.png', { type: 'image/png' }));
      assert.equal((await app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.handler ?? '' }, body: noToken })).status, 403);
      const hostile = new FormData();
      hostile.set('_csrf', csrf.handler ?? '');
      hostile.set('__proto__.x', '1');
      hostile.set('file', new File([PNG], 'y.png', { type: 'image/png' }));
      assert.equal((await app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.handler ?? '' }, body: hostile })).status, 400);
      assert.equal((await cat.catalog.attachments(id)).length, 1);
      assert.equal((await app.request(`/console/catalog/documents/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.west ?? '' }, body: noToken })).status, 404, 'outside the subtree, before reading the body');
    });

    test('public search page: marks, filters, coded bad input; search box on /xxgk', async () => {
      assert.match(await (await get('/xxgk', null)).text(), /action="\/xxgk\/search"/);
      const r = await get('/xxgk/search?q=%E4%BE%9B%E6%B0%B4', null);
      assert.equal(r.status, 200);
      const html = await r.text();
      assert.match(html, /<mark>供水<\/mark>/);
      assert.match(html, /中原县城市/);
      assert.doesNotMatch(await (await get('/xxgk/search?q=%E4%BE%9B%E6%B0%B4&validity=repealed', null)).text(), /<mark>/);
      assert.equal((await get('/xxgk/search?q=%E4%BE%9B%E6%B0%B4&from=2025-13-01', null)).status, 400);
      assert.equal((await get('/xxgk/search', null)).status, 200);
    });

    test('at intake and on the case page: the published documents matching the request, with 索引号; 条例第四十四条 release once, linked both ways', async () => {
      const lookup = await post('/applications/new', { organizationId: root, channel: 'inPerson', receivedOn: TODAY, 'request.description': '申请公开本县城市供水管理的相关文件', lookup: '1' });
      assert.equal(lookup.status, 200);
      const intake = await lookup.text();
      assert.match(intake, /已主动公开的相关文件/);
      assert.match(intake, /11411000MB\/2025-00001/);
      assert.equal((await deps.cases.list({ organizationIds: [root], limit: 10 })).total, 0, 'a lookup registers nothing');

      const reg = await registerApplication(deps, { organizationId: root, channel: 'inPerson', receivedOn: TODAY, applicant: APPLICANT, request: { description: '城市供水管理办法', form: 'paper', delivery: 'pickUp' } }, '李明');
      assert.ok(reg.ok);
      const caseId = reg.value.id;
      const open = await (await get(`/applications/${caseId}`)).text();
      assert.match(open, /条例第三十六条第一项/);
      assert.match(open, new RegExp(`/xxgk/documents/${published}`));
      assert.match(open, /索引号：11411000MB\/2025-00001/, 'the citation for the answer');
      assert.doesNotMatch(open, /纳入主动公开（生成草稿）/, 'not answered yet');
      assert.equal((await post(`/applications/${caseId}/release`, {})).status, 409);

      assert.ok((await takeStep(deps, caseId, 'answer', { on: TODAY, category: 'granted', text: '经查，您申请的信息予以公开。\n供水价格表见附件。', approvedBy: '王审核' }, '李明')).ok);
      assert.match(await (await get(`/applications/${caseId}`)).text(), /纳入主动公开（生成草稿）/);
      assert.equal((await post(`/applications/${caseId}/release`, {}, 'west')).status, 404, 'outside the subtree');
      assert.equal((await post(`/applications/${caseId}/release`, {}, 'handler', false)).status, 403, 'CSRF');
      const released = await post(`/applications/${caseId}/release`, {});
      assert.equal(released.status, 303);
      const docId = idFrom(released);
      const draft = await (await get(`/console/catalog/documents/${docId}`)).text();
      assert.match(draft, /条例第四十四条/);
      assert.match(draft, new RegExp(`/applications/${caseId}`), 'the document links its case');
      assert.match(draft, /供水价格表见附件/);
      assert.doesNotMatch(draft, /刘桂英|11010519491231002X/, 'nothing of the applicant');
      assert.match(await (await get(`/applications/${caseId}`)).text(), new RegExp(`/console/catalog/documents/${docId}`), 'the case links its document');
      const again = await post(`/applications/${caseId}/release`, {});
      assert.equal(again.status, 409);
      assert.match(await again.text(), /catalog\.alreadyReleased/);
      const audit = await opened.db.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'catalog.release').execute();
      assert.deepEqual(audit.map((a) => a.subject), [`document:${docId}`]);
      const api = (path: string, method = 'GET', who = 'handler', body?: string) => app.request(path, { method, headers: { cookie: cookies[who] ?? '', 'x-csrf-token': csrf[who] ?? '', 'content-type': 'text/csv' }, ...(body !== undefined ? { body } : {}) });
      const matches = (await (await api(`/api/applications/${caseId}/published`)).json()) as { documents: { id: string; matchedTerms: string[] }[] };
      assert.ok(matches.documents.some((d) => d.id === published && d.matchedTerms.length > 0));
      assert.equal((await api(`/api/applications/${caseId}/published`, 'GET', 'west')).status, 404);
      const twice = await api(`/api/applications/${caseId}/release`, 'POST');
      assert.equal(twice.status, 409);
      assert.equal(((await twice.json()) as { error: string }).error, 'catalog.alreadyReleased');
      assert.equal((await api(`/api/catalog/organizations/${root}/import`, 'POST', 'handler', '标题,发布日期\n甲,2024-01-01\n')).status, 403, 'importing publishes: not a handler\'s');
      const badApi = await api(`/api/catalog/organizations/${root}/import`, 'POST', 'approver', '标题,发布日期\n,2024-01-01\n');
      assert.equal(badApi.status, 422);
    });

    test('the catalog tree page: rename, add, move, remove — an approver\'s, in scope, with CSRF, audited', async () => {
      assert.equal((await get('/console/catalog/tree')).status, 403, 'a handler does not shape the public tree');
      const page = await (await get(`/console/catalog/tree?organization=${root}`, 'approver')).text();
      assert.match(page, /编辑目录栏目/);
      assert.equal((await get(`/console/catalog/tree?organization=${root}`, 'west')).status, 404, 'outside the subtree');
      const nodes = await cat.catalog.nodes(root);
      const a20 = nodes.find((x) => x.code === 'A20-5');
      assert.ok(a20);
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'rename', id: a20.id, name: '行政许可' }, 'approver', false)).status, 403, 'CSRF');
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'rename', id: a20.id, name: '行政许可事项' }, 'approver')).status, 303);
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'add', parentId: a20.id, name: '食品经营许可', code: 'XK-1' }, 'approver')).status, 303);
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'add', parentId: a20.id, name: '药品零售许可', code: '' }, 'approver')).status, 303);
      let now = await cat.catalog.nodes(root);
      const added = now.find((x) => x.code === 'XK-1');
      assert.equal(added?.item, a20.item, 'filed under item 5');
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'down', id: added?.id ?? '' }, 'approver')).status, 303);
      now = await cat.catalog.nodes(root);
      assert.deepEqual(now.filter((x) => x.parentId === a20.id).sort((a, b) => a.position - b.position).map((x) => x.name), ['药品零售许可', '食品经营许可']);
      const refused = await post('/console/catalog/tree', { organizationId: root, edit: 'remove', id: a20.id }, 'approver');
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /第二十条规定的栏目不能删除[^<]*<br><span class="en">[^<]*catalog\.invalid/);
      const dup = await post('/console/catalog/tree', { organizationId: root, edit: 'add', parentId: '', name: '重复', code: 'XK-1' }, 'approver');
      assert.equal(dup.status, 400);
      // 文件移至: a node's documents move together, never into another 第二十条 item's node; then the node can go.
      const filedDoc = await post('/console/catalog/new', { organizationId: root, title: '中原县食品经营许可办理指南', publisher: '中原县人民政府', kind: 'other', item: '5', nodeId: added?.id ?? '', disclosure: 'proactive' });
      assert.equal(filedDoc.status, 303);
      const filedId = idFrom(filedDoc);
      assert.equal((await cat.catalog.get(filedId))?.nodeId, added?.id);
      assert.match(await (await get(`/console/catalog/tree?organization=${root}`, 'approver')).text(), /1 件文件移至/);
      const pharmacy = now.find((x) => x.name === '药品零售许可');
      const item1 = now.find((x) => x.code === 'A20-1');
      const misfiled = await post('/console/catalog/tree', { organizationId: root, edit: 'moveDocuments', id: added?.id ?? '', to: item1?.id ?? '' }, 'approver');
      assert.equal(misfiled.status, 400);
      assert.match(await misfiled.text(), /1 件文件不属于该项/);
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'moveDocuments', id: added?.id ?? '', to: pharmacy?.id ?? '' }, 'handler')).status, 403, 'a handler does not move');
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'moveDocuments', id: added?.id ?? '', to: pharmacy?.id ?? '' }, 'approver')).status, 303);
      assert.equal((await cat.catalog.get(filedId))?.nodeId, pharmacy?.id);
      const moveAudit = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'catalog.tree').execute();
      assert.ok(moveAudit.some((e) => /"edit":"moveDocuments"/.test(String(e.detail)) && /"documents":1/.test(String(e.detail))), 'audited with the count');
      assert.equal((await post('/console/catalog/tree', { organizationId: root, edit: 'remove', id: added?.id ?? '' }, 'approver')).status, 303);
      const final = await (await get(`/console/catalog/tree?organization=${root}`, 'approver')).text();
      assert.match(final, /行政许可事项/);
      assert.doesNotMatch(final, /食品经营许可/);
      const audit = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'catalog.tree').execute();
      assert.ok(audit.length >= 5, String(audit.length));
    });

    test('bulk import of an old site: all or nothing, every bad row coded; 索引号 kept or from the site\'s pattern; searchable, files served', async () => {
      assert.equal((await get('/console/catalog/import')).status, 403, 'a handler does not publish');
      assert.match(await (await get('/console/catalog/import', 'approver')).text(), /导入原网站公开目录/);
      const send = (csv: string, zip?: Uint8Array, withCsrf = true) => {
        const form = new FormData();
        if (withCsrf) form.set('_csrf', csrf.approver ?? '');
        form.set('organizationId', root);
        form.set('table', new File([csv], '原网站目录.csv', { type: 'text/csv' }));
        if (zip) form.set('attachments', new File([zip as Uint8Array<ArrayBuffer>], '附件.zip', { type: 'application/zip' }));
        return app.request('/console/catalog/import', { method: 'POST', headers: { cookie: cookies.approver ?? '' }, body: form });
      };
      const header = '索引号,标题,发布机构,成文日期,发布日期,文号,有效性,链接,正文,附件\n';
      const before = await cat.catalog.countDocuments([root]);
      const bad = await send(`${header}11411000MB/2025-00001,已有索引号的文件,,,2024-01-02,,,,,\nOLD/2023-9,缺附件的文件,,,2023-02-01,,,,,不存在.pdf\nOLD/2023-10,,,,2023-02-01,,,,,\n`);
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      for (const [line, why] of [[2, '已在公开目录中'], [3, '附件“不存在.pdf”未找到'], [4, '标题为空']] as const) assert.match(badHtml, new RegExp(`line ${line}：[^<]*${why}`));
      assert.equal(await cat.catalog.countDocuments([root]), before, 'nothing imported');
      assert.equal((await send(`${header}A,B,,,2024-01-01,,,,,\n`, undefined, false)).status, 403, 'CSRF');

      await kyselySite(opened.db).put({ siteName: '中原县政府信息公开', sponsor: '中原县人民政府办公室', siteCode: null, icp: null, publicSecurity: null, contact: null, indexPattern: 'ZY-{code}-{year}-{seq:3}' }, clock.now(), 'test');
      const zip = new JSZip();
      zip.file('files/供水价格调整方案.pdf', '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
      const good = await send(`${header}OLD/2023-00011,中原县供水价格调整方案,中原县发展和改革委员会,2023年5月4日,2023-05-10,中发改〔2023〕8号,有效,https://old.zhongyuan.gov.cn/art/11.html,"第一条 居民生活用水价格。\n第二条 阶梯水价。",供水价格调整方案.pdf\n,中原县2024年城乡低保标准公示,,,2024-03-01,,,,城乡低保标准,\n`, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
      assert.equal(good.status, 200);
      assert.match(await good.text(), /2 件文件、1 个附件/);
      const listed = await cat.catalog.list({ organizationIds: [root], states: ['published'], title: '中原县', limit: 10, offset: 0 });
      const water = listed?.items.find((d) => d.title === '中原县供水价格调整方案');
      const dibao = listed?.items.find((d) => d.title === '中原县2024年城乡低保标准公示');
      assert.equal(water?.indexNo, 'OLD/2023-00011', 'the old 索引号 kept');
      assert.equal(water?.sourceUrl, 'https://old.zhongyuan.gov.cn/art/11.html');
      assert.equal(dibao?.indexNo, 'ZY-11411000MB-2024-001', 'assigned from the site\'s pattern');
      assert.match(await (await get('/xxgk/search?q=%E9%98%B6%E6%A2%AF%E6%B0%B4%E4%BB%B7', null)).text(), /供水价格调整方案/);
      const files = await cat.catalog.attachments(water?.id ?? '');
      assert.equal(files?.length, 1);
      assert.equal((await get(`/xxgk/files/${files?.[0]?.id}`, null)).status, 200);
      const audit = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'catalog.import').execute();
      assert.equal(audit.length, 1);
    });
  });
}
