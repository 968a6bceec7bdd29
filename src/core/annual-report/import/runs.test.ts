import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableEquations } from '../equations.ts';
import { TEMPLATES, type ColumnDef } from '../templates/index.ts';
import { importReportText } from './import-text.ts';
import { digitCount, MAX_RUN_READINGS, runReadings, runTokens } from './runs.ts';
import { solveRuns, type RunRow } from './solve-runs.ts';

/** U+3000, as crawled pages indent paragraphs and separate some cells. */
const IDEOGRAPHIC_SPACE = '\u3000';
const P = IDEOGRAPHIC_SPACE.repeat(2);
const count = (key: string): ColumnDef => ({ key, label: key, kind: 'count' });
const SEVEN = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other', 'total'].map(count);
const values = (readings: ReturnType<typeof runReadings>['readings']) => readings.map((r) => r.map((s) => s.value));

describe('cutting a run of digits into a row of cells', () => {
  it('finds the tokens of a run-together region: digits, signs before digits, dashes; text is skipped', () => {
    const t = runTokens('（区分处理的）170000017（三）不予公开', 100);
    assert.deepEqual(t, [{ kind: 'digits', text: '170000017', offset: 107 }]);
    assert.deepEqual(runTokens('156-5997', 0).map((x) => x.kind), ['digits', 'sign', 'digits']);
    assert.deepEqual(runTokens('304948.3955万元', 0), [{ kind: 'digits', text: '304948.3955', offset: 0, unit: '万元' }]);
    assert.equal(digitCount(runTokens('12 / 3', 0)), 4, 'a dash may fill a cell');
  });

  it('cuts every way the printing allows: no leading zero, every digit used once and in order', () => {
    assert.deepEqual(values(runReadings(SEVEN, runTokens('0000000', 0), false).readings), [[0, 0, 0, 0, 0, 0, 0]]);
    const r = runReadings(SEVEN, runTokens('170000017', 0), false).readings;
    // 9 digits into 7 cells; "00"/"01"-style cells are not numbers, so a zero is always a cell of its own.
    assert.ok(values(r).some((v) => v.join(',') === '17,0,0,0,0,0,17'));
    assert.ok(values(r).some((v) => v.join(',') === '170,0,0,0,0,1,7'));
    assert.ok(!values(r).some((v) => v.includes(1700)), 'four digits would leave five for six cells');
    assert.ok(values(r).every((v) => v.map(String).join('') === '170000017'));
    assert.equal(runReadings(SEVEN, runTokens('00000', 0), false).readings.length, 0, 'too few digits, nothing vanished: no reading');
  });

  it('never joins digits across white space, keeps decimals and units with the last cut, signs only in 本年增/减', () => {
    const three = [count('a'), count('b'), count('c')];
    assert.deepEqual(values(runReadings(three, runTokens(`13${IDEOGRAPHIC_SPACE}8${IDEOGRAPHIC_SPACE}49`, 0), false).readings), [[13, 8, 49]]);
    const procurement: ColumnDef[] = [count('projects'), { key: 'amount', label: '金额', kind: 'amount' }];
    const cuts = values(runReadings(procurement, runTokens('304948.3955万元', 0), false).readings);
    assert.deepEqual(cuts, [[30, 4948.3955], [304, 948.3955], [3049, 48.3955], [30494, 8.3955]], 'never an amount with a leading zero (3 | 04948.3955)');
    const items: ColumnDef[] = [count('previous'), { key: 'change', label: '本年增/减', kind: 'signedCount' }, count('decisions')];
    const signed = values(runReadings(items, runTokens('156-5997', 0), true).readings);
    assert.ok(signed.every((v) => v[0] === 156), 'digits before the sign can only be the first cell');
    assert.ok(signed.some((v) => v[1] === -59 && v[2] === 97));
    assert.ok(signed.some((v) => v[1] === null && v[2] === 5997), 'the "-" may be a dash meaning empty');
    assert.ok(!signed.some((v) => v[1] === -5997 && v[2] === 0));
  });

  it('with vanished blanks any cell may be empty; the work is bounded', () => {
    const r = values(runReadings(SEVEN, runTokens('22', 0), true).readings);
    assert.equal(r.length, 7 + 21, 'one cell of 22, or two cells of 2');
    const huge = runReadings(Array.from({ length: 15 }, (_, i) => count(`c${i}`)), runTokens('1'.repeat(40), 0), true);
    assert.ok(huge.overflow && huge.readings.length === 0, `more than ${MAX_RUN_READINGS} readings: unread`);
  });
});

describe('choosing cuts with the equations, jointly', () => {
  const t = TEMPLATES['2021'];
  const equations = tableEquations(t);
  const row = (path: string, digits: string, vanishing = false): RunRow => {
    const paths = SEVEN.map((c) => `applications.${path}.${c.key}`);
    return { paths, readings: runReadings(SEVEN, runTokens(digits, 0), vanishing).readings };
  };

  it('keeps every cut a row sum allows; equations without the results rows cannot choose among them', () => {
    const cells = solveRuns([row('newReceived', '121010014'), row('carriedOver', '0000000'), row('granted', '3101005'), row('total', '121010014'), row('carriedForward', '0000000')], equations);
    // 121010014 adds up as (12,1,0,1,0,0,14), (1,2,10,1,0,0,14) and (1,2,1,0,10,0,14); T3.balance only ties 新收 to 总计.
    assert.deepEqual(cells.get('applications.newReceived.natural')?.candidates, [1, 12]);
    assert.deepEqual(cells.get('applications.total.research')?.candidates, [0, 1, 10]);
    assert.equal(cells.get('applications.newReceived.total')?.value, 14);
    assert.equal(cells.get('applications.newReceived.total')?.note, 'split');
    assert.equal(cells.get('applications.carriedOver.total')?.how, 'read');
  });

  it('an undecided cell is null with its candidates, never one of them', () => {
    const proactive = [count('issued'), count('repealed'), count('inForce')];
    const paths = proactive.map((c) => `proactive.normativeDocuments.${c.key}`);
    const cells = solveRuns([{ paths, readings: runReadings(proactive, runTokens('1153', 0), false).readings }], []);
    assert.deepEqual(cells.get(paths[0] as string), { path: paths[0], value: null, how: 'missing', note: 'ambiguous', candidates: [1, 11] });
    assert.deepEqual(cells.get(paths[2] as string)?.candidates, [3, 53]);
  });

  it('a printed row that adds up under no cut is no evidence: only what all its cuts share is read', () => {
    // 20000011: (2,0,0,0,0,0,11) and (20,0,0,0,0,1,1) — neither sums; the four middle columns are 0 in both.
    const cells = solveRuns([row('total', '20000011')], equations);
    assert.equal(cells.get('applications.total.commercial')?.value, 0);
    assert.deepEqual(cells.get('applications.total.natural')?.candidates, [2, 20]);
    assert.deepEqual(cells.get('applications.total.total')?.candidates, [1, 11]);
  });
});

describe('a crawled report whose cells run together', () => {
  // Built by hand in the shape crawlers leave (tags stripped, two ideographic spaces between paragraphs), not copied from a corpus file.
  const zeros = '0000000';
  const rows2021 = TEMPLATES['2021'].applications.rows;
  const table3 = rows2021
    .map((r) => {
      const label = r.label;
      // 121000013 cuts as (12,1,0,0,0,0,13) or (1,2,10,0,0,0,13): both add up; the results below tell them apart.
      if (r.path.join('.') === 'newReceived' || r.path.join('.') === 'total') return `${label}121000013`;
      if (r.path.join('.') === 'granted') return `${label}5100006`;
      if (r.path.join('.') === 'unavailable.notHeld') return `${label}7000007`;
      return `${label}${zeros}`;
    })
    .join('');
  const text = `某某市某某局2022年政府信息公开工作年度报...\n\n${P}一、总体情况${P}全年收到申请4件。${P}二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件2117第二十条第（五）项信息内容本年处理决定数量行政许可12${P}三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他${table3}${P}四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计100010000000000${P}五、存在的主要问题及改进情况${P}无。`;
  const result = importReportText(text);
  const cell = (path: string) => result.provenance.find((p) => p.path === path);

  it('reads every cell the equations determine, and only those', () => {
    assert.equal(cell('applications.newReceived.natural')?.value, 12);
    assert.equal(cell('applications.newReceived.natural')?.how, 'inferred');
    assert.ok(cell('applications.total.research')?.equations?.includes('T3.results'));
    assert.equal(cell('applications.newReceived.total')?.value, 13);
    assert.equal(cell('applications.granted.commercial')?.value, 1);
    assert.equal(cell('applications.granted.commercial')?.how, 'read');
    assert.equal(cell('applications.unavailable.stillUnclear.total')?.value, 0);
    assert.equal(cell('reviewLitigation.review.upheld')?.value, 1);
    assert.equal(cell('reviewLitigation.review.total')?.value, 1);
    assert.equal(cell('proactive.licensing.decisions')?.value, 12);
    assert.equal(cell('proactive.rules.inForce')?.value, 0);
    assert.equal(cell('proactive.normativeDocuments.issued')?.value, null, '2117 has several cuts and table 二 no equation');
  });

  it('says which cells are ambiguous and names their candidates', () => {
    const ambiguous = result.findings.filter((f) => f.code === 'import.ambiguous');
    assert.deepEqual(ambiguous.map((f) => f.cells[0]).sort(), ['proactive.normativeDocuments.inForce', 'proactive.normativeDocuments.issued', 'proactive.normativeDocuments.repealed']);
    assert.match(ambiguous.find((f) => f.cells[0] === 'proactive.normativeDocuments.issued')?.messageZh ?? '', /候选值：2、21/);
  });
});

describe('hostile runs', () => {
  it('a megabyte-long run or thousands of tokens in a row end at once, unread', () => {
    const long = runReadings(SEVEN, runTokens('7'.repeat(1_000_000), 0), false);
    assert.equal(long.readings.length, 0);
    const many = runReadings(SEVEN, runTokens('1 '.repeat(50_000), 0), true);
    assert.equal(many.readings.length, 0);
  });
});
