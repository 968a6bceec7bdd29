// The import use case hands the importer what the adapter knows besides the text: the file name and a page's title.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importReport } from './import-report.ts';
import type { TextExtractor } from './ports.ts';

const BODY = '一、总体情况\n本年度主动公开信息120条。\n';
const extractor = (title?: string): TextExtractor => ({
  extract: async () => ({ ok: true, text: BODY, format: title ? 'html' : 'txt', ...(title ? { title } : {}) }),
});

test('a page title names year and organisation the body does not print', async () => {
  const r = await importReport({ extractor: extractor('东山县交通运输局2023年政府信息公开工作年度报告') }, { bytes: new Uint8Array([1]), name: 'page.html' });
  assert.ok(r.ok);
  assert.equal(r.report.organization, '东山县交通运输局');
  assert.equal(r.report.year, 2023);
});

test('the file name gives the year when nothing else does; flags still win', async () => {
  const r = await importReport({ extractor: extractor() }, { bytes: new Uint8Array([1]), name: 'dongshan-2022.txt' });
  assert.ok(r.ok);
  assert.equal(r.report.year, 2022);
  assert.match(r.detected.year.evidence ?? '', /^文件名：/);
  const flagged = await importReport({ extractor: extractor() }, { bytes: new Uint8Array([1]), name: 'dongshan-2022.txt', options: { year: 2020 } });
  assert.ok(flagged.ok);
  assert.equal(flagged.report.year, 2020);
});
