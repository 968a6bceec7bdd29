// The validator on the five corpus reports (copied to demo/reports): what spec/annual-report.md and the issue require.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Finding } from './findings.ts';
import { parseReportJson } from './parse.ts';
import { validateReport } from './validate.ts';

function findingsOf(name: string): Finding[] {
  const parsed = parseReportJson(readFileSync(new URL(`../../../demo/reports/${name}.json`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, `demo report ${name} parses`);
  return validateReport(parsed.report);
}
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

describe('corpus', () => {
  it('000 and 002 give no error', () => {
    assert.deepEqual(errors(findingsOf('000_df5a05609306c7aa')), []);
    assert.deepEqual(errors(findingsOf('002_b7b31fc9363d19c4')), []);
  });

  it('001 gives count.nonNegative on the two negative 上一年项目数量, and nothing else', () => {
    const e = errors(findingsOf('001_adfc45d447bb024f'));
    assert.deepEqual(
      e.map((f) => [f.code, f.cells[0]]),
      [
        ['count.nonNegative', 'proactive.otherServices.previous'],
        ['count.nonNegative', 'proactive.enforcement.previous'],
      ],
    );
  });

  it('003 gives T3.columns on every non-zero row, and T3.results/T3.balance in the 自然人 column', () => {
    const e = errors(findingsOf('003_02af2ddfabc85d6c'));
    const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/003_02af2ddfabc85d6c.json', import.meta.url), 'utf8'));
    assert.ok(parsed.ok);
    // Rows with a non-zero applicant cell, computed from the report itself.
    const apps = JSON.stringify(parsed.report.applications);
    const nonZeroRows = [...apps.matchAll(/"(\w+)":\{"natural":(\d+)/g)].filter((m) => m[2] !== '0').map((m) => m[1]);
    const columnRows = e.filter((f) => f.code === 'T3.columns').map((f) => f.cells[0]?.split('.').slice(-2, -1)[0]);
    assert.deepEqual(columnRows, nonZeroRows);
    assert.equal(columnRows.length, 7);
    assert.deepEqual(e.filter((f) => f.code === 'T3.results').map((f) => f.cells[0]), ['applications.total.natural']);
    assert.deepEqual(e.filter((f) => f.code === 'T3.balance').map((f) => f.cells[0]), ['applications.total.natural']);
    assert.equal(e.length, 9);
  });

  it('004 gives missing.section for 三 and 四', () => {
    const e = errors(findingsOf('004_f368d5e4cb4d2e8e'));
    assert.deepEqual(e.map((f) => [f.code, f.cells[0]]), [
      ['missing.section', 'applications'],
      ['missing.section', 'reviewLitigation'],
    ]);
  });
});
