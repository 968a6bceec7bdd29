import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateConsistentReport, mulberry32 } from '../../core/annual-report/generate.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { undeterminedCells } from './undetermined.ts';

const rowPaths = (row: string) => ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].map((c) => `applications.${row}.${c}`);

function truthWith(row: string, values: readonly (number | null)[]): Record<string, unknown> {
  const json = reportToJson(generateConsistentReport(mulberry32(7), { template: '2021', year: 2024 })) as Record<string, any>;
  const key = row.split('.');
  const target = key.reduce((node, k) => node[k], json.applications);
  ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].forEach((c, i) => {
    target[c] = values[i];
  });
  return json;
}

test('an all-zero row with one blank: the printed zeros fit any position, so the row is undetermined', () => {
  const truth = truthWith('denied.stateSecret', [0, 0, null, 0, 0, 0, 0]);
  const missed = rowPaths('denied.stateSecret').filter((p) => !p.endsWith('.research'));
  assert.deepEqual([...undeterminedCells(truth, missed)].sort(), [...missed].sort());
});

test('a row whose printed numbers fit one position only is determined (its misses are the importer\'s)', () => {
  // Keep table 三 consistent: move the numbers of a result row and its 总计 together.
  const json = reportToJson(generateConsistentReport(mulberry32(7), { template: '2021', year: 2024 })) as Record<string, any>;
  const granted = json.applications.granted;
  const cols = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other'];
  const nonZero = cols.filter((c) => granted[c] > 0);
  assert.ok(nonZero.length >= 2, 'the generated row has at least two non-zero cells');
  // Blank a zero cell if there is one, else the last column; the numbers around it then fit one way only when the
  // column sums (T3.results) pin them.
  const blank = cols.find((c) => granted[c] === 0 && cols.indexOf(c) < cols.indexOf(nonZero.at(-1) as string)) ;
  assert.ok(blank, 'the generated row has a zero cell before its last non-zero one');
  granted[blank] = null;
  const missed = rowPaths('granted').filter((p) => !p.endsWith(`.${blank}`));
  const undetermined = undeterminedCells(json, missed);
  // The placement that shifts a non-zero number into the blank's column breaks that column's sum elsewhere.
  assert.equal(undetermined.size, 0, [...undetermined].join(', '));
});

test('nothing missed, nothing undetermined', () => {
  assert.equal(undeterminedCells(truthWith('granted', [1, 0, 0, 0, 0, 0, 1]), []).size, 0);
});

test('table 四 prints as one row: a blank group among groups that each add up cannot be placed', () => {
  const json = reportToJson(generateConsistentReport(mulberry32(3), { template: '2021', year: 2024 })) as Record<string, any>;
  const t = json.reviewLitigation;
  t.review = { upheld: null, corrected: null, other: null, pending: null, total: null };
  t.litigationDirect = { upheld: 0, corrected: 0, other: 3, pending: 0, total: 3 };
  t.litigationAfterReview = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
  const missed = ['litigationDirect', 'litigationAfterReview'].flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `reviewLitigation.${g}.${c}`));
  const undetermined = undeterminedCells(json, missed);
  // The ten printed numbers fit the first two groups or the last two (or around a blank middle group) equally well.
  assert.ok(undetermined.has('reviewLitigation.litigationDirect.other'), [...undetermined].join(', '));
});
