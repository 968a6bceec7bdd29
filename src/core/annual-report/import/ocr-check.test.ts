import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, test } from 'node:test';
import { tableEquations, type Equation } from '../equations.ts';
import { TEMPLATES } from '../templates/index.ts';
import { OCR_UNCERTAIN } from './fields.ts';
import { importReportText, type CellProvenance } from './import-text.ts';
import { ocrEquationCheck, withOcrReadings } from './ocr-check.ts';
import { parseProvenance } from './provenance.ts';

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

test('each cell read from an OCR value keeps its confidence and page box; the ⍰ cell too; other cells get none', () => {
  // The text as the OCR adapter writes it: a first page of narrative, the table on page 2.
  const text = `总体情况\n\f${TEXT}\n\f`;
  const page2 = text.indexOf('\f') + 1;
  const at = (needle: string) => text.indexOf(needle) - page2;
  const row = at('规章\t');
  const reading = (start: number, end: number, confidence: number, x: number) => ({ start, end, confidence, box: { page: 2, x, y: 120.5, w: 8.2, h: 14 } });
  const readings = [reading(row + 3, row + 4, 0.97, 300), reading(row + 5, row + 6, 0.42, 380), reading(row + 7, row + 9, 0.99, 460)];
  const r = importReportText(text, { template: '2021', year: 2024, ocr: true });
  const cells = withOcrReadings(r.provenance, text, readings);
  const cell = (path: string) => cells.find((p) => p.path === path);
  assert.deepEqual([cell('proactive.rules.issued')?.confidence, cell('proactive.rules.issued')?.box], [0.97, { page: 2, x: 300, y: 120.5, w: 8.2, h: 14 }]);
  assert.equal(cell('proactive.rules.repealed')?.value, null);
  assert.equal(cell('proactive.rules.repealed')?.note, 'ocrUncertain');
  assert.equal(cell('proactive.rules.repealed')?.confidence, 0.42);
  assert.equal(cell('proactive.rules.inForce')?.box?.x, 460);
  // 行政规范性文件's values were not given readings: no confidence, no box.
  assert.equal(cell('proactive.normativeDocuments.issued')?.confidence, undefined);
  assert.equal(cells.filter((p) => p.box !== undefined).length, 3);
  // The provenance travels through a form and a database column: confidence and box survive parseProvenance, a
  // malformed box is dropped.
  const back = parseProvenance(JSON.stringify(cells), r.report);
  assert.deepEqual(back?.find((p) => p.path === 'proactive.rules.issued')?.box, { page: 2, x: 300, y: 120.5, w: 8.2, h: 14 });
  assert.equal(back?.find((p) => p.path === 'proactive.rules.issued')?.confidence, 0.97);
  const bad = cells.map((p) => (p.path === 'proactive.rules.issued' ? { ...p, box: { page: 0, x: -1, y: 'a' }, confidence: 7 } : p));
  const parsed = parseProvenance(JSON.stringify(bad), r.report)?.find((p) => p.path === 'proactive.rules.issued');
  assert.deepEqual([parsed?.box, parsed?.confidence, parsed?.value], [undefined, undefined, 1]);
});

/** The corpus report's text with the `k`-th number of its table 三 block changed by one digit. */
describe('a digit misread in table 三 of a whole report (corpus 000)', () => {
  const source = readFileSync(new URL('../../../../fixtures/corpus/000_df5a05609306c7aa.txt', import.meta.url), 'utf8');
  const clean = importReportText(source, { ocr: true });
  const truth = new Map(clean.provenance.map((p) => [p.path, p.value]));
  // Table 三's read cells that an equation holds over (else no arithmetic can catch a misreading).
  const equations = tableEquations(TEMPLATES[clean.report.template]);
  const inEquation = new Set(equations.flatMap((e) => [...e.lhs, ...e.rhs]));
  const targets = clean.provenance.filter((p) => p.path.startsWith('applications.') && p.how === 'read' && inEquation.has(p.path) && p.offset !== undefined && typeof p.value === 'number');

  it('the corpus report reads with every equation holding (nothing dropped by the check)', () => {
    assert.ok(targets.length > 50, String(targets.length));
    assert.equal(clean.findings.filter((f) => f.code === 'import.ocrUncertain').length, 0);
  });

  it('the misread cell is null with import.ocrUncertain and no cell is wrong — for every 7th cell of the table', () => {
    for (const target of targets.filter((_, i) => i % 7 === 0)) {
      const raw = target.raw ?? '';
      const digit = raw.search(/\d/);
      // 3 → 8, 8 → 3, 0 → 6, 6 → 0, … a look-alike digit, as a recogniser misreads.
      const swap: Record<string, string> = { '0': '6', '1': '7', '2': '7', '3': '8', '4': '1', '5': '6', '6': '0', '7': '1', '8': '3', '9': '8' };
      const at = (target.offset ?? 0) + digit;
      const misread = `${source.slice(0, at)}${swap[source[at] ?? '0']}${source.slice(at + 1)}`;
      const r = importReportText(misread, { ocr: true });
      const cell = r.provenance.find((p) => p.path === target.path);
      assert.equal(cell?.value, null, `${target.path} (${raw}) read as ${String(cell?.value)}`);
      assert.equal(cell?.note, 'ocrUncertain', target.path);
      assert.ok(r.findings.some((f) => f.code === 'import.ocrUncertain' && f.cells.includes(target.path)), target.path);
      const wrong = r.provenance.filter((p) => p.value !== null && p.value !== truth.get(p.path)).map((p) => `${p.path}: ${String(p.value)} ≠ ${String(truth.get(p.path))}`);
      assert.deepEqual(wrong, [], target.path);
      // Without the OCR check the same text gives the wrong number: the test's misreading is real.
      const plain = importReportText(misread).provenance.find((p) => p.path === target.path);
      assert.notEqual(plain?.value, target.value, target.path);
    }
  });
});
