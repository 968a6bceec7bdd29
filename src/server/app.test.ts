import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { validateReport } from '../core/annual-report/validate.ts';
import { DomainError, problem } from '../core/errors.ts';
import { FORMATS, FORMAT_IDS } from '../formats/index.ts';
import { buildApp } from './app.ts';
import type { StoredReport } from '../app/annual-report/ports.ts';
import { storedDemoReports, type StoredDemoReports } from './test-reports.ts';

let fixture: StoredDemoReports;
let reports: readonly StoredReport[] = [];
let app: ReturnType<typeof buildApp>;
let store: StoredDemoReports['store'];
before(async () => {
  fixture = await storedDemoReports();
  ({ reports, store } = fixture);
  app = buildApp({ store, logError: () => {} });
});
after(() => fixture.close());

const rows = (html: string) => [...html.matchAll(/<tr data-report="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
const badge = (row: string, severity: string) => Number(new RegExp(`data-severity="${severity}">(\\d+)<`).exec(row)?.[1]);

test('the store holds the four demo reports that name their organisation (004 names none)', () => {
  assert.deepEqual(reports.map((r) => r.id), ['000_df5a05609306c7aa', '001_adfc45d447bb024f', '002_b7b31fc9363d19c4', '003_02af2ddfabc85d6c']);
});

test('/ lists every published report, newest publication first, with error and warning counts equal to validateReport', async () => {
  const res = await app.request('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const html = await res.text();
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /gongkai<small>政府信息公开<\/small>/);
  const listed = rows(html);
  assert.deepEqual(listed.map((m) => m[1]), reports.map((r) => r.id).reverse());
  for (const [, id, row] of listed) {
    const demo = reports.find((r) => r.id === id);
    assert.ok(demo && row);
    const findings = validateReport(demo.report);
    for (const severity of ['error', 'warning', 'info'] as const) {
      assert.equal(badge(row, severity), findings.filter((f) => f.severity === severity).length, `${id} ${severity}`);
    }
    assert.ok(row.includes(`href="/reports/${id}"`));
    assert.ok(row.includes(demo.report.organization ?? '（未署名机关）'));
    assert.ok(row.includes('国办公开办函〔2019〕60号'));
    assert.ok(row.includes(`>${demo.report.year}<`));
  }
});

test('/reports/:id shows the tables with data-cell attributes, the findings and every download link', async () => {
  for (const demo of reports) {
    const res = await app.request(`/reports/${demo.id}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    // Every table the report carries is printed with data-cell paths; a missing one is said to be missing (004).
    const tables = (['proactive', 'applications', 'reviewLitigation'] as const).filter((t) => demo.report[t] !== null);
    assert.equal((html.match(/<table/g) ?? []).length, tables.length, demo.id);
    for (const t of tables) assert.ok(html.includes(`data-cell="${t}.`), `${demo.id} ${t}`);
    if (tables.length < 3) assert.match(html, /本部分表格缺失/);
    assert.match(html, /三、收到和处理政府信息公开申请情况/);
    for (const format of FORMAT_IDS) assert.ok(html.includes(`href="/reports/${demo.id}/download/${format}"`), format);
    const findings = validateReport(demo.report);
    for (const f of findings.filter((x) => x.severity === 'error')) assert.ok(html.includes(f.code), `${demo.id} ${f.code}`);
  }
});

for (const format of FORMAT_IDS) {
  test(`download ${format}: 200 with its content type and a UTF-8 file name`, async () => {
    const demo = reports.find((r) => r.id === '002_b7b31fc9363d19c4');
    assert.ok(demo);
    const res = await app.request(`/reports/${demo.id}/download/${format}`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), FORMATS[format].contentType);
    const disposition = res.headers.get('content-disposition') ?? '';
    assert.ok(disposition.startsWith(`attachment; filename="${demo.id}.${format}"; filename*=UTF-8''`), disposition);
    assert.ok(disposition.includes(encodeURIComponent(`平顶山市人民政府2020年政府信息公开工作年度报告.${format}`)));
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.ok(bytes.length > 100);
    if (format === 'pdf') assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), '%PDF-');
    if (format === 'docx' || format === 'xlsx') assert.equal(new TextDecoder().decode(bytes.subarray(0, 2)), 'PK');
  });
}

test('PDF unavailable → 503 page naming the install command', async () => {
  const command = 'apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei';
  const formats = {
    ...FORMATS,
    pdf: { ...FORMATS.pdf, render: async () => { throw new DomainError([problem('pdf.unavailable', '', undefined, { command })]); } },
  };
  const res = await buildApp({ store, formats }).request(`/reports/${reports[0]?.id}/download/pdf`);
  assert.equal(res.status, 503);
  const html = await res.text();
  assert.match(html, /暂时无法生成 PDF/);
  assert.ok(html.includes(command));
});

test('unknown id and unknown format → Chinese 404 page; /api → the error shape', async () => {
  const page = await app.request('/reports/999_nope');
  assert.equal(page.status, 404);
  assert.match(await page.text(), /没有编号为“999_nope”的报告/);
  const fmt = await app.request(`/reports/${reports[0]?.id}/download/odt`);
  assert.equal(fmt.status, 404);
  assert.match(await fmt.text(), /不支持的格式/);
  const other = await app.request('/nowhere');
  assert.equal(other.status, 404);
  assert.match(await other.text(), /未找到页面/);
  for (const path of ['/api/reports/999_nope', '/api/reports/..%2Fetc', '/api/nowhere']) {
    const res = await app.request(path);
    assert.equal(res.status, 404, path);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['data', 'error', 'message', 'messageZh', 'ok']);
    assert.equal(body.ok, false);
    assert.equal(body.error, 'notFound');
  }
});

test('/api/reports and /api/reports/:id: report + findings', async () => {
  const list = (await (await app.request('/api/reports')).json()) as { ok: boolean; reports: { id: string; summary: { error: number } }[] };
  assert.equal(list.ok, true);
  assert.deepEqual(list.reports.map((r) => r.id), reports.map((r) => r.id).reverse());
  for (const demo of reports) {
    const res = await app.request(`/api/reports/${demo.id}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { id: string; report: { schema: string; organization: string | null }; findings: { code: string }[]; summary: { error: number } };
    const findings = validateReport(demo.report);
    assert.equal(body.report.schema, 'gongkai.annual-report/1');
    assert.equal(body.report.organization, demo.report.organization);
    assert.deepEqual(body.findings.map((f) => f.code).sort(), findings.map((f) => f.code).sort());
    assert.equal(list.reports.find((r) => r.id === demo.id)?.summary.error, findings.filter((f) => f.severity === 'error').length);
  }
});

test('an unexpected error → 500 page, logged', async () => {
  const logged: unknown[] = [];
  const formats = { ...FORMATS, md: { ...FORMATS.md, render: async () => { throw new TypeError('bug'); } } };
  const res = await buildApp({ store, formats, logError: (e) => logged.push(e) }).request(`/reports/${reports[0]?.id}/download/md`);
  assert.equal(res.status, 500);
  assert.match(await res.text(), /出错了/);
  assert.equal(logged.length, 1);
});

test("Content-Disposition encodes RFC 5987's excluded characters in filename*", async () => {
  const { contentDisposition } = await import('./routes/reports/presenter.ts');
  const { emptyReport } = await import('../core/annual-report/model.ts');
  const header = contentDisposition('x', emptyReport('2021', 2024, "某县(试点)局*'!"), 'pdf');
  const encoded = header.split("filename*=UTF-8''")[1] ?? '';
  assert.doesNotMatch(encoded, /['()*!]/);
  assert.equal(decodeURIComponent(encoded), "某县(试点)局*'!2024年政府信息公开工作年度报告.pdf".replace(/[*]/g, '_'));
});

test('the list pages with a cursor; a cursor it did not give is a coded 400, not the first page', async () => {
  const first = (await (await app.request('/api/reports')).json()) as { next: string | null };
  assert.equal(first.next, null, 'four reports fit one page');
  for (const bad of ['x', 'AAAA', Buffer.from('2021-01-10T02:00:00.000Z\u0000../etc').toString('base64url')]) {
    const api = await app.request(`/api/reports?after=${bad}`);
    assert.equal(api.status, 400, bad);
    assert.equal(((await api.json()) as { error: string }).error, 'page.cursor');
    assert.equal((await app.request(`/?after=${bad}`)).status, 400);
  }
  const one = await store.list({ limit: 1 });
  const next = await store.list({ limit: 1, after: one.next });
  assert.notEqual(next.items[0]?.id, one.items[0]?.id);
});
