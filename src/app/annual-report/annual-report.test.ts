import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { validateReport } from '../../core/annual-report/validate.ts';
import { DomainError, problem } from '../../core/errors.ts';
import { checkReport, loadReportFile, newReport, renderReport, type RendererRegistry, type TextFileReader } from './index.ts';

const DEMO = new URL('../../../demo/reports/', import.meta.url);
const demoText = (id: string) => readFile(new URL(`${id}.json`, DEMO), 'utf8');

/** A reader over an in-memory map; a missing path fails like node does. */
function memoryFiles(files: Record<string, string>): TextFileReader {
  return {
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
  };
}

test('loadReportFile: a demo report loads', async () => {
  const files = memoryFiles({ 'a.json': await demoText('002_b7b31fc9363d19c4') });
  const loaded = await loadReportFile({ files }, 'a.json');
  assert.ok(loaded.ok);
  assert.equal(loaded.report.organization, '平顶山市人民政府');
});

test('loadReportFile: an unreadable file is the problem input.unreadable, located at the path', async () => {
  const loaded = await loadReportFile({ files: memoryFiles({}) }, 'missing.json');
  assert.equal(loaded.ok, false);
  assert.ok(!loaded.ok);
  assert.equal(loaded.problems[0]?.code, 'input.unreadable');
  assert.equal(loaded.problems[0]?.at, 'missing.json');
  assert.match(loaded.problems[0]?.messageZh ?? '', /文件不存在（ENOENT）/);
});

test('loadReportFile: bad content comes back as located problems', async () => {
  const files = memoryFiles({ 'syntax.json': '{"schema": ', 'cell.json': (await demoText('002_b7b31fc9363d19c4')).replace('"research": 1,', '"research": "一",') });
  const syntax = await loadReportFile({ files }, 'syntax.json');
  assert.ok(!syntax.ok);
  assert.equal(syntax.problems[0]?.code, 'json.syntax');
  const cell = await loadReportFile({ files }, 'cell.json');
  assert.ok(!cell.ok);
  assert.deepEqual(cell.problems.map((p) => [p.code, p.at]), [['report.cellCount', 'applications.newReceived.research']]);
});

test('checkReport: findings sorted by severity, counts and hasErrors agree with validateReport', async () => {
  for (const id of ['000_df5a05609306c7aa', '003_02af2ddfabc85d6c', '004_f368d5e4cb4d2e8e']) {
    const loaded = await loadReportFile({ files: memoryFiles({ f: await demoText(id) }) }, 'f');
    assert.ok(loaded.ok);
    const result = checkReport({ report: loaded.report });
    const direct = validateReport(loaded.report);
    assert.equal(result.findings.length, direct.length);
    assert.equal(result.hasErrors, direct.some((f) => f.severity === 'error'));
    assert.equal(result.summary.error, direct.filter((f) => f.severity === 'error').length);
    assert.equal(result.summary.warning + result.summary.info + result.summary.error, direct.length);
    const order = result.findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  }
});

const fakeFormats: RendererRegistry = {
  txt: { ext: 'txt', contentType: 'text/plain; charset=utf-8', label: '文本', render: async (r, o) => new TextEncoder().encode(`${r.year} ${o?.findings?.length ?? 'none'}`) },
  pdf: {
    ext: 'pdf',
    contentType: 'application/pdf',
    label: 'PDF 文档',
    render: async () => {
      throw new DomainError([problem('pdf.unavailable', '', undefined, { command: 'apt-get install -y chromium' })]);
    },
  },
  broken: { ext: 'x', contentType: 'x/x', label: 'x', render: async () => { throw new TypeError('bug'); } },
};

test('renderReport: renders through the registry and passes findings on', async () => {
  const created = newReport({ template: '2019', year: 2020, organization: '某局' });
  assert.ok(created.ok);
  const out = await renderReport({ formats: fakeFormats }, { report: created.report, format: 'txt', findings: [] });
  assert.ok(out.ok);
  assert.equal(new TextDecoder().decode(out.bytes), '2020 0');
  assert.equal(out.ext, 'txt');
});

test('renderReport: unknown format → format.unknown listing the formats; renderer DomainError → problems; bugs reject', async () => {
  const created = newReport({ template: '2019', year: 2020, organization: null });
  assert.ok(created.ok);
  const unknown = await renderReport({ formats: fakeFormats }, { report: created.report, format: 'toString' });
  assert.ok(!unknown.ok);
  assert.equal(unknown.problems[0]?.code, 'format.unknown');
  assert.match(unknown.problems[0]?.messageZh ?? '', /txt、pdf、broken/);
  const pdf = await renderReport({ formats: fakeFormats }, { report: created.report, format: 'pdf' });
  assert.ok(!pdf.ok);
  assert.equal(pdf.problems[0]?.code, 'pdf.unavailable');
  await assert.rejects(renderReport({ formats: fakeFormats }, { report: created.report, format: 'broken' }), TypeError);
});

test('newReport: all-null report; template.year mismatch is a warning; bad input is a problem', () => {
  const ok = newReport({ template: '2021', year: 2023, organization: '某市人民政府' });
  assert.ok(ok.ok);
  assert.deepEqual(ok.warnings, []);
  assert.equal(ok.report.applications?.newReceived && (ok.report.applications.newReceived as Record<string, unknown>).natural, null);
  const mismatch = newReport({ template: '2021', year: 2020, organization: null });
  assert.ok(mismatch.ok);
  assert.deepEqual(mismatch.warnings.map((w) => w.code), ['template.year']);
  const bad = newReport({ template: '2020', year: 20, organization: null });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => p.code), ['report.template', 'report.year']);
});
