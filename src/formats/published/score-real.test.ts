import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreReal } from './score-real.ts';

const row = (natural: number | null, total: number | null) => ({ natural, total });
const truth = {
  template: '2021',
  year: 2023,
  organization: '某市人民政府',
  proactive: { regulations: { issued: 1, repealed: null } },
  applications: { newReceived: row(3, 3), granted: row(null, null) },
  reviewLitigation: { review: { total: 2 } },
  undetermined: { 'applications.granted.natural': [0, 1], 'applications.granted.total': [1, 10] },
};

test('exact, invented, missed and wrong cells; null = null is exact; metadata compared', () => {
  const got = {
    year: 2023,
    organization: '某市 人民政府',
    proactive: { regulations: { issued: 1, repealed: 5 } },
    applications: { newReceived: row(null, 4), granted: row(null, null) },
    reviewLitigation: { review: { total: 2 } },
  };
  const s = scoreReal(truth, got);
  assert.deepEqual([s.cells, s.exact, s.invented, s.missed, s.wrong], [7, 4, 1, 1, 1]);
  assert.deepEqual(
    s.bad.map((c) => [c.path, c.outcome]),
    [
      ['proactive.regulations.repealed', 'invented'],
      ['applications.newReceived.natural', 'missed'],
      ['applications.newReceived.total', 'wrong'],
    ],
  );
  assert.equal(s.organization, true, 'white space aside, the same name');
  assert.equal(s.year, true);
  assert.equal(scoreReal(truth, { ...got, year: 2022, organization: '某市' }).year, false);
  assert.equal(scoreReal(truth, { ...got, year: 2022, organization: '某市' }).organization, false);
});

test('undetermined cells left null count as exact and as undetermined; flagged when an import.ambiguous finding names them', () => {
  const got = { ...truth, undetermined: undefined };
  const findings = [
    { code: 'import.ambiguous', cells: ['applications.granted.natural'] },
    { code: 'import.unreadable', cells: ['applications.granted.total'] },
  ];
  const s = scoreReal(truth, got, findings);
  assert.deepEqual([s.cells, s.exact, s.undetermined, s.undeterminedFlagged], [7, 7, 2, 1]);
  const picked = scoreReal(truth, { ...got, applications: { ...truth.applications, granted: row(1, null) } }, findings);
  assert.equal(picked.invented, 1, 'picking one reading of an undetermined cell is an invention');
  assert.equal(picked.undetermined, 1);
});

test('a whole table null in the truth is one cell: exact when the import has it null or all-null, else each value invented', () => {
  const t = { ...truth, reviewLitigation: null };
  assert.equal(scoreReal(t, { ...truth, reviewLitigation: null }).cells, 7);
  assert.equal(scoreReal(t, { ...truth, reviewLitigation: null }).exact, 7);
  assert.equal(scoreReal(t, { ...truth, reviewLitigation: { review: { total: null, other: null } } }).exact, 7);
  const s = scoreReal(t, { ...truth, reviewLitigation: { review: { total: 3, other: 0 } } });
  assert.deepEqual([s.cells, s.exact, s.invented], [7, 6, 2]);
  assert.deepEqual(s.bad.map((c) => c.path), ['reviewLitigation.review.total', 'reviewLitigation.review.other']);
});

test('a 2019-shaped 其他处理 truth: the 2021-shaped import is read from its `other` row when the other sub-rows are empty', () => {
  const t = { ...truth, applications: { otherHandling: row(2, 2) } };
  const oh2021 = (extra: number | null) => ({ otherHandling: { noCorrection: row(null, 0), unpaidFee: row(extra, null), other: row(2, 2) } });
  assert.equal(scoreReal(t, { ...truth, applications: oh2021(null) }).exact, 5);
  assert.equal(scoreReal(t, { ...truth, applications: oh2021(1) }).missed, 2, 'a non-empty sub-row: no mapping');
});

test('no output or junk scores every printed cell missed, never throws', () => {
  const s = scoreReal(truth, null);
  assert.deepEqual([s.cells, s.exact, s.missed], [7, 3, 4]);
  assert.equal(scoreReal(truth, { applications: { newReceived: { natural: { x: 1 }, total: '3' } } }).missed, 3, 'an object where a number is expected is null; a numeric string is a number');
  assert.doesNotThrow(() => scoreReal(JSON.parse('{"__proto__":{"x":1},"proactive":[1]}'), 7));
});

test('on every real annotated report, the truth scored against itself is all exact, its undetermined cells counted', async () => {
  const { readFile, readdir } = await import('node:fs/promises');
  const dir = new URL('../../../fixtures/real/', import.meta.url);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.expected.json'));
  assert.equal(names.length, 13);
  for (const name of names) {
    const truth = JSON.parse(await readFile(new URL(name, dir), 'utf8'));
    const s = scoreReal(truth, truth);
    assert.equal(s.exact, s.cells, name);
    assert.ok(s.organization && s.year, name);
    assert.equal(s.undetermined, Object.keys(truth.undetermined ?? {}).length, name);
  }
});
