import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { emptyReport } from './model.ts';
import { parseReportJson, parseReportValue } from './parse.ts';
import { reportToJson, stringifyReport } from './serialize.ts';

const demoDir = new URL('../../../demo/reports/', import.meta.url);

describe('canonical JSON', () => {
  it('parses every demo report and serialises it back to the same data', () => {
    for (const name of readdirSync(demoDir)) {
      const text = readFileSync(new URL(name, demoDir), 'utf8');
      const parsed = parseReportJson(text);
      assert.ok(parsed.ok, name);
      const original = JSON.parse(text);
      const round = reportToJson(parsed.report);
      for (const key of ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation']) {
        assert.deepEqual(round[key], original[key], `${name} ${key}`);
      }
      assert.deepEqual(round.sourceDefects, original.sourceDefects, 'annotations kept');
      const again = parseReportJson(stringifyReport(parsed.report));
      assert.ok(again.ok);
      assert.equal(stringifyReport(again.report), stringifyReport(parsed.report));
    }
  });

  it('keeps blank cells and missing tables as null, never 0', () => {
    const text = readFileSync(new URL('003_02af2ddfabc85d6c.json', demoDir), 'utf8');
    const parsed = parseReportJson(text);
    assert.ok(parsed.ok);
    assert.equal((parsed.report.proactive as any).otherServices.previous, null);
    const missing = parseReportJson(readFileSync(new URL('004_f368d5e4cb4d2e8e.json', demoDir), 'utf8'));
    assert.ok(missing.ok);
    assert.equal(missing.report.applications, null);
    assert.equal(missing.report.reviewLitigation, null);
  });

  it('locates a bad cell by its path, in Chinese and English', () => {
    const json = reportToJson(emptyReport('2019', 2020, '某县人民政府')) as any;
    json.applications.denied.stateSecret.natural = 'x';
    json.reviewLitigation.review.total = 1.5;
    const parsed = parseReportValue(json);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.at]), [
      ['report.cellCount', 'applications.denied.stateSecret.natural'],
      ['report.cellCount', 'reviewLitigation.review.total'],
    ]);
    assert.match(parsed.problems[0]?.messageZh ?? '', /^应为非负整数/);
    assert.match(parsed.problems[0]?.message ?? '', /^expected a non-negative integer/);
  });

  it('refuses unknown keys, missing cells, a wrong schema/template/year, and reports JSON syntax errors with line:column', () => {
    const json = reportToJson(emptyReport('2021', 2021, null)) as any;
    json.applications.granted.naturl = 1;
    delete json.reviewLitigation.review.pending;
    json.proactive.rules.made = 1; // not a 2021 column
    const parsed = parseReportValue(json);
    assert.ok(!parsed.ok);
    if (parsed.ok) return;
    assert.deepEqual(parsed.problems.map((p) => `${p.code} ${p.at}`).sort(), [
      'report.missingCell reviewLitigation.review.pending',
      'report.unknownKey applications.granted.naturl',
      'report.unknownKey proactive.rules.made',
    ]);
    const schema = parseReportValue({ ...json, schema: 'x', template: '2019' });
    assert.ok(!schema.ok && schema.problems.some((p) => p.code === 'report.schema'));
    const year = parseReportValue({ ...reportToJson(emptyReport('2019', 2020, null)), year: '2020' });
    assert.ok(!year.ok && year.problems.map((p) => p.code).join() === 'report.year');
    const template = parseReportValue({ ...json, template: 2021 });
    assert.ok(!template.ok && template.problems.some((p) => p.code === 'report.template'));
    const syntax = parseReportJson('{\n  "schema": "gongkai.annual-report/1",\n  "template": \n}');
    assert.ok(!syntax.ok);
    assert.equal(syntax.problems[0]?.code, 'json.syntax');
    assert.match(syntax.problems[0]?.at ?? '', /^4:1$/);
  });

  it('accepts a negative count (count.nonNegative reports it) and the 2019 fees variant column', () => {
    const json = reportToJson(emptyReport('2019', 2020, null)) as any;
    json.proactive.otherServices.previous = -2;
    json.proactive.fees.decisions = 0;
    const parsed = parseReportValue(json);
    assert.ok(parsed.ok);
    assert.equal((reportToJson(parsed.report).proactive as any).fees.decisions, 0);
  });
});
