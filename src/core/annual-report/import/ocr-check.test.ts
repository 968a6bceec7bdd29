import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Equation } from '../equations.ts';
import { OCR_UNCERTAIN } from './fields.ts';
import { importReportText, type CellProvenance } from './import-text.ts';
import { ocrEquationCheck } from './ocr-check.ts';

const eq = (lhs: string[], rhs: string[]): Equation => ({ code: 'T3.results', lhs, rhs, where: { zh: '', en: '' } });
const read = (path: string, value: number | null): CellProvenance => ({ path, value, how: value === null ? 'missing' : 'read' });

test('a read value in a failing equation that no holding equation vouches for is dropped; confirmed ones stay', () => {
  // a + b = t holds, b + c = u fails: c is the only value of the failing equation not confirmed by the other.
  const provenance = [read('a', 1), read('b', 2), read('t', 3), read('c', 8), read('u', 5)];
  assert.deepEqual(ocrEquationCheck(provenance, [eq(['a', 'b'], ['t']), eq(['b', 'c'], ['u'])]), ['c', 'u']);
  // All equations hold: nothing is dropped.
  assert.deepEqual(ocrEquationCheck([read('a', 1), read('b', 2), read('t', 3)], [eq(['a', 'b'], ['t'])]), []);
  // An equation with an unknown term says nothing.
  assert.deepEqual(ocrEquationCheck([read('a', 1), read('b', null), read('t', 9)], [eq(['a', 'b'], ['t'])]), []);
  // Inferred cells are not readings: only read ones are dropped.
  const inferred: CellProvenance = { path: 'b', value: 7, how: 'inferred' };
  assert.deepEqual(ocrEquationCheck([read('a', 1), inferred, read('t', 3)], [eq(['a', 'b'], ['t'])]), ['a', 't']);
});

/** A 2021 table 二 row of tab-separated cells, as the positional reader writes an OCR'd page. */
const TEXT = [
  '二、主动公开政府信息情况',
  '第二十条第（一）项',
  '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
  `规章\t1\t${OCR_UNCERTAIN}\t11`,
  '行政规范性文件\t8\t26\t66',
  '',
].join('\n');

test(`a value the OCR could not read surely (${OCR_UNCERTAIN}) is null with import.ocrUncertain, its neighbours read`, () => {
  const r = importReportText(TEXT, { template: '2021', year: 2024 });
  const rules = r.report.proactive?.rules as Record<string, unknown> | undefined;
  assert.deepEqual(rules, { issued: 1, repealed: null, inForce: 11 });
  const cell = r.provenance.find((p) => p.path === 'proactive.rules.repealed');
  assert.equal(cell?.note, 'ocrUncertain');
  assert.equal(cell?.raw, OCR_UNCERTAIN, 'its place in the source is kept');
  const finding = r.findings.find((f) => f.code === 'import.ocrUncertain');
  assert.deepEqual(finding?.cells, ['proactive.rules.repealed']);
});
