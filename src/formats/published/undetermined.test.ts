import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { generateConsistentReport, mulberry32 } from '../../core/annual-report/generate.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { TEMPLATES, tableCells, type ColumnDef } from '../../core/annual-report/templates/index.ts';
import { runUndetermined, splitRun, undeterminedCells, type PrintedRun } from './undetermined.ts';

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

describe('runs of digits with nothing between the cells (crawled page text)', () => {
  const apps = (row: string) => ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].map((c) => `applications.${row}.${c}`);
  const columnsOf = (paths: readonly string[]) => {
    const defs = new Map(tableCells(TEMPLATES['2021'], 'applications').map((c) => [c.path, c.column]));
    return paths.map((p) => defs.get(p) as ColumnDef);
  };

  it('splits a run every way with no leading zero except 0 itself', () => {
    const cols = columnsOf(apps('granted')).slice(0, 3);
    assert.deepEqual(splitRun('1153', cols, false), [
      [1, 1, 53],
      [1, 15, 3],
      [11, 5, 3],
    ]);
    assert.deepEqual(splitRun('100', cols, false), [[1, 0, 0]]);
    assert.deepEqual(splitRun('12', cols, true)?.length, 6, 'with vanished blanks: 12 in one of 3 cells, or 1 and 2 in two of them');
    assert.equal(splitRun('1111111111', cols, true, 10), null, 'beyond the bound');
    assert.deepEqual(splitRun('11 5', cols, true), [
      [null, 11, 5],
      [11, null, 5],
      [11, 5, null],
    ], 'words separated by spaces are placed whole');
  });

  it('"170000017" over a row of 7 whose total must equal its parts: (17,0,0,0,0,0,17), determined', () => {
    const truth = truthWith('newReceived', [17, 0, 0, 0, 0, 0, 17]);
    // Keep T3.balance / T3.results out of the way: the row alone decides.
    const runs: PrintedRun[] = [{ paths: apps('newReceived'), text: '170000017', vanish: false }];
    const cols = columnsOf(apps('newReceived'));
    const splits = splitRun('170000017', cols, false) ?? [];
    const adding = splits.filter((s) => (s as number[]).slice(0, 6).reduce((a, b) => a + b, 0) === s[6]);
    assert.deepEqual(adding, [[17, 0, 0, 0, 0, 0, 17]]);
    assert.equal(runUndetermined(truth, runs).size, 0);
    assert.equal(undeterminedCells(truth, apps('newReceived'), { kind: 'runs', runs }).size, 0);
  });

  it('"1153" over the three cells of a table 二 row (no equation): all three undetermined', () => {
    const json = reportToJson(generateConsistentReport(mulberry32(7), { template: '2021', year: 2024 })) as Record<string, any>;
    json.proactive.normativeDocuments = { issued: 1, repealed: 15, inForce: 3 };
    const paths = ['issued', 'repealed', 'inForce'].map((c) => `proactive.normativeDocuments.${c}`);
    const runs: PrintedRun[] = [{ paths, text: '1153', vanish: false }];
    assert.deepEqual([...runUndetermined(json, runs)].sort(), [...paths].sort());
    assert.deepEqual([...undeterminedCells(json, paths.slice(0, 2), { kind: 'runs', runs })].sort(), paths.slice(0, 2).sort(), 'only missed cells are reported');
  });

  it('vanished blanks: "22" in rows whose parts are blank puts the 2 in any part, the same in every row (hebei-gxt-2019)', () => {
    const json = reportToJson(generateConsistentReport(mulberry32(7), { template: '2021', year: 2024 })) as Record<string, any>;
    const a = json.applications;
    const blank = [null, null, null, null, null, null, null];
    for (const row of applicationRowPaths()) setRow(a, row, blank);
    for (const row of ['newReceived', 'granted', 'total']) setRow(a, [row], [2, null, null, null, null, null, 2]);
    const text = (row: readonly string[]) => (['newReceived', 'granted', 'total'].includes(row.join('.')) ? '22' : '');
    const runs: PrintedRun[] = applicationRowPaths().map((row) => ({ paths: apps(row.join('.')), text: text(row), vanish: true }));
    const undetermined = runUndetermined(json, runs);
    const parts = ['newReceived', 'granted', 'total'].flatMap((r) => apps(r).slice(0, 6));
    assert.deepEqual([...undetermined].sort(), parts.sort(), 'the six parts of the three rows, not their totals');
  });

  it('rows are solved jointly: the column equations tie the splits of different rows', () => {
    const json = reportToJson(generateConsistentReport(mulberry32(7), { template: '2021', year: 2024 })) as Record<string, any>;
    const a = json.applications;
    // Every row all zero except: newReceived and total (and granted) natural=1, commercial=11.
    for (const row of applicationRowPaths()) setRow(a, row, [0, 0, 0, 0, 0, 0, 0]);
    for (const row of ['newReceived', 'granted', 'total']) setRow(a, [row], [1, 11, 0, 0, 0, 0, 12]);
    const paths = (row: readonly string[]) => apps(row.join('.'));
    const text = (row: readonly string[]) => paths(row).map((p) => String(p.split('.').slice(1).reduce((n: any, k) => n[k], a))).join('');
    const runs: PrintedRun[] = applicationRowPaths().map((row) => ({ paths: paths(row), text: text(row), vanish: false }));
    // "111000012" is 1|11|… or 11|1|… (or 1|1|10|…); each keeps the row's own equation.
    const cols = columnsOf(paths(['newReceived']));
    const adding = (splitRun(text(['newReceived']), cols, false) ?? []).filter((x) => (x as number[]).slice(0, 6).reduce((p, q) => p + q, 0) === x[6]);
    assert.ok(adding.length >= 2, JSON.stringify(adding));
    // With every row a run, the same split in every row keeps every column equation too: still open —
    const joint = runUndetermined(json, runs);
    assert.ok(joint.has('applications.newReceived.natural'), [...joint].join(', '));
    assert.ok(joint.has('applications.total.commercial'), [...joint].join(', '));
    // — but a row printed apart (not a run: its cells known) pins the others through the column equations.
    const alone = runUndetermined(json, [runs[0] as PrintedRun]);
    assert.equal(alone.size, 0, [...alone].join(', '));
    // — unless another row pins it: granted printed with a separator (fixed), so 11|1 in newReceived/total breaks T3.results.
    const pinned = runUndetermined(json, runs.filter((r) => !r.paths[0]?.startsWith('applications.granted.')));
    assert.equal(pinned.size, 0, [...pinned].join(', '));
  });
});

function applicationRowPaths(): string[][] {
  return TEMPLATES['2021'].applications.rows.map((r) => [...r.path]);
}

function setRow(apps: Record<string, any>, row: readonly string[], values: readonly (number | null)[]): void {
  const target = row.reduce((n, k) => n[k], apps);
  ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].forEach((c, i) => {
    target[c] = values[i];
  });
}
