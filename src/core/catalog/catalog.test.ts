import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { calendarFromJson } from '../calendar/calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { applyDocumentStep, newDocument, parseDocumentFields, type CatalogDocument } from './document.ts';
import { checkIndexPattern, DEFAULT_INDEX_PATTERN, formatIndexNumber } from './index-number.ts';
import { decisionCounts, documentCounts, proactiveTable, type DecisionFacts, type DocumentFacts } from './table2.ts';
import { interpretationLate, isLate, publicationDelay } from './timeliness.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;
const ctx = { now: '2025-03-01T02:00:00.000Z', by: '审核人甲' };

const fields = (extra: Record<string, unknown> = {}) => {
  const r = parseDocumentFields(Object.assign(Object.create(null) as Record<string, unknown>, { title: '中原县关于印发某办法的通知', publisher: '中原县人民政府办公室', writtenOn: '2025-02-10', kind: 'normative', item: '1', ...extra }), '<p>正文</p>', '2025-03-01');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
};

describe('document fields', () => {
  it('locates every problem at its field with catalog.invalid', () => {
    const r = parseDocumentFields({ title: ' ', writtenOn: '2025-13-01', item: '16', kind: 'x', disclosure: 'withheld', mediaUrl: 'javascript:alert(1)' }, '', '2025-03-01');
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.at).sort(), ['disclosureReason', 'item', 'kind', 'mediaUrl', 'publisher', 'title', 'writtenOn']);
    assert.ok(r.problems.every((p) => p.code === 'catalog.invalid'));
  });
  it('a 解读 must name its policy; a future 成文日期 is refused', () => {
    const r = parseDocumentFields({ title: 'a', publisher: 'b', kind: 'interpretation', writtenOn: '2025-03-02' }, '', '2025-03-01');
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.at).sort(), ['interprets', 'writtenOn']);
  });
});

describe('workflow', () => {
  const draft = newDocument('d1', 'org', fields(), '正文', ctx.now);
  const step = (d: CatalogDocument, s: Parameters<typeof applyDocumentStep>[1]) => {
    const r = applyDocumentStep(d, s, ctx);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    return r.value;
  };
  it('draft → review → publish → repeal, each step bumping the version', () => {
    const inReview = step(draft, { kind: 'submit' });
    const cleared = step(inReview, { kind: 'review', conclusion: 'publish', opinion: '不涉密', reason: null });
    assert.equal(cleared.review?.by, '审核人甲');
    const published = step(cleared, { kind: 'publish', on: '2025-03-20', indexNo: 'X/2025-00001', publishWorkingDays: 25, interpretationLate: false });
    assert.equal(published.state, 'published');
    assert.equal(published.version, 4);
    const repealed = step(published, { kind: 'repeal', on: '2025-06-01', by: '中原政〔2025〕9号' });
    assert.equal(repealed.validity, 'repealed');
    assert.equal(repealed.repealedBy, '中原政〔2025〕9号');
    const again = applyDocumentStep(repealed, { kind: 'expire', on: '2025-07-01' }, ctx);
    assert.ok(!again.ok && again.problems[0]?.code === 'catalog.illegalTransition');
  });
  it('no publication without review; a review that withholds needs a reason and sets the disclosure', () => {
    const r = applyDocumentStep(draft, { kind: 'publish', on: '2025-03-01', indexNo: 'x', publishWorkingDays: null, interpretationLate: false }, ctx);
    assert.ok(!r.ok && r.problems[0]?.code === 'catalog.illegalTransition');
    const inReview = step(draft, { kind: 'submit' });
    const noReason = applyDocumentStep(inReview, { kind: 'review', conclusion: 'withhold', opinion: '涉密', reason: '' }, ctx);
    assert.ok(!noReason.ok && noReason.problems[0]?.at === 'reason');
    const withheld = step(inReview, { kind: 'review', conclusion: 'withhold', opinion: '涉密', reason: '属于国家秘密（条例第十四条）' });
    assert.equal(withheld.state, 'withheld');
    assert.equal(withheld.disclosure, 'withheld');
  });
});

describe('Art. 26 timeliness', () => {
  it('counts working days over the holiday calendar, flags more than 20', () => {
    // Over the Spring Festival 2025 (1-28..2-4 off, Sunday 1-26 and Saturday 2-8 worked): the 20th working day after
    // 1-20 is the last day on time: 2-21, a month later, where 20 weekdays would end on 2-17.
    const due = addWorkingDays(cal, '2025-01-20', 20);
    assert.ok(due.ok);
    assert.equal(due.date, '2025-02-21');
    assert.equal(publicationDelay(cal, '2025-01-20', due.date), 20);
    assert.equal(isLate(publicationDelay(cal, '2025-01-20', due.date)), false);
    assert.equal(isLate(publicationDelay(cal, '2025-01-20', '2025-02-24')), true);
    assert.equal(publicationDelay(cal, '2025-01-20', '2025-02-17'), 16);
    assert.equal(publicationDelay(cal, null, '2025-02-19'), null);
  });
  it('a 解读 after its policy is late', () => {
    assert.equal(interpretationLate('2025-02-02', '2025-02-01'), true);
    assert.equal(interpretationLate('2025-02-01', '2025-02-01'), false);
  });
});

describe('索引号', () => {
  it('formats the pattern and refuses one without {seq}', () => {
    assert.equal(formatIndexNumber(DEFAULT_INDEX_PATTERN, { code: '11410000', year: 2025, seq: 42 }), '11410000/2025-00042');
    assert.equal(checkIndexPattern('{code}-{year}').length, 1);
    assert.equal(checkIndexPattern('{code}/{nope}-{year}-{seq}').length, 1);
    assert.equal(checkIndexPattern('{year}-{seq:4}').length, 1, 'numbers run per organisation: {code} is required');
    assert.equal(checkIndexPattern(DEFAULT_INDEX_PATTERN).length, 0);
  });
});

describe('table 二', () => {
  const doc = (id: string, kind: DocumentFacts['kind'], writtenOn: string, publishedOn: string | null, validity: DocumentFacts['validity'] = 'valid', validityOn: string | null = null): DocumentFacts => ({ id, kind, state: publishedOn ? 'published' : 'draft', writtenOn, publishedOn, validity, validityOn });
  const docs = [
    doc('a', 'normative', '2024-12-20', '2025-01-05'),
    doc('b', 'normative', '2025-03-01', '2025-03-10', 'repealed', '2025-11-01'),
    doc('c', 'normative', '2023-05-01', '2023-05-10', 'amended', '2026-01-02'),
    doc('d', 'rule', '2025-06-01', null),
    doc('e', 'other', '2025-06-01', '2025-06-02'),
  ];
  const dec = (id: string, kind: DecisionFacts['kind'], matter: string, decidedOn: string, amountFen: number | null = null): DecisionFacts => ({ id, kind, matter, decidedOn, amountFen });
  const decisions = [dec('1', 'licensing', '食品经营许可', '2025-02-01'), dec('2', 'licensing', '食品经营许可', '2025-03-01'), dec('3', 'licensing', '药品零售许可', '2024-03-01'), dec('4', 'fees', '不动产登记费', '2025-04-01', 1234567), dec('5', 'fees', '不动产登记费', '2025-05-01', 100050)];
  it('2021: issued, repealed and in force from the documents; decisions and fee amounts from the records', () => {
    const t = proactiveTable('2021', 2025, docs, decisions) as Record<string, Record<string, number>>;
    assert.deepEqual(t.normativeDocuments, { issued: 1, repealed: 1, inForce: 2 });
    assert.deepEqual(t.rules, { issued: 0, repealed: 0, inForce: 0 });
    assert.equal(t.licensing?.decisions, 2);
    assert.equal(t.fees?.amount, 1.3346);
    for (const row of Object.values(t)) for (const v of Object.values(row)) assert.notEqual(v, null);
  });
  it('an end without its date (imported): never in force, in no year\'s repealed column', () => {
    const undated = [doc('u', 'normative', '2020-01-01', '2020-01-10', 'repealed', null), doc('v', 'normative', '2020-01-01', '2020-01-10', 'expired', null), doc('w', 'normative', '2020-01-01', '2020-01-10')];
    for (const year of [2020, 2025]) {
      const t = proactiveTable('2021', year, undated, []) as Record<string, Record<string, number>>;
      assert.deepEqual(t.normativeDocuments, { issued: year === 2020 ? 3 : 0, repealed: 0, inForce: 1 });
    }
  });
  it('2019: made, published, total; matters of the year before and the change', () => {
    const t = proactiveTable('2019', 2025, docs, decisions) as Record<string, Record<string, number>>;
    assert.deepEqual(t.normativeDocuments, { made: 1, published: 2, total: 3 });
    assert.deepEqual(t.rules, { made: 1, published: 0, total: 0 });
    assert.deepEqual(t.licensing, { previous: 1, change: 0, decisions: 2 });
    assert.deepEqual(t.procurement, { projects: 0, amount: 0 });
  });
  it('each count equals the number of records its drill-down predicate selects', () => {
    for (const tpl of ['2019', '2021'] as const) {
      const t = proactiveTable(tpl, 2025, docs, decisions) as Record<string, Record<string, number>>;
      for (const [row, cols] of Object.entries(t)) for (const [col, value] of Object.entries(cols)) {
        const d = docs.filter((x) => documentCounts(tpl, row, col, 2025, x) === true).length;
        if (documentCounts(tpl, row, col, 2025, docs[0] as DocumentFacts) !== null) assert.equal(d, value, `${tpl} ${row}.${col}`);
        else if (['decisions', 'projects'].includes(col)) assert.equal(decisions.filter((x) => decisionCounts(tpl, row, col, 2025, x) === true).length, value);
      }
    }
  });
});

describe('catalog tree seed', () => {
  it('the shipped 基层 seed parses, cites its source, and seeds 15 items plus its 领域', async () => {
    const { parseCatalogSeed, seedTree } = await import('./tree.ts');
    const r = parseCatalogSeed(readFileSync(new URL('../../../seed/catalog/jiceng-domains.json', import.meta.url), 'utf8'));
    assert.ok(r.ok);
    assert.match(r.source, /国办发〔2019〕54号/);
    let n = 0;
    const nodes = seedTree('org', r.domains, () => `n${(n += 1)}`);
    assert.equal(nodes.filter((x) => x.item !== null).length, 15);
    assert.equal(nodes.filter((x) => x.parentId !== null).length, r.domains.length);
    assert.ok(!parseCatalogSeed('{"schema":"x"}').ok);
  });
});

describe('decisions table (双公示 import)', () => {
  it('maps the usual headers, converts dates and 元 to 分, reports every bad row and takes none then', async () => {
    const { parseDecisionTable } = await import('./decisions.ts');
    const ok = parseDecisionTable([['类别', '事项名称', '决定日期', '金额（元）', '决定文号'], ['行政处罚', '未取得许可从事食品经营', '2025年3月1日', '5,000.5', '中市监罚〔2025〕1号'], ['', '', '', '', ''], ['fees', '不动产登记费', '2025/3/2', '80', '']], '2025-06-30');
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.map((r) => [r.kind, r.decidedOn, r.amountFen]), [['penalty', '2025-03-01', 500050], ['fees', '2025-03-02', 8000]]);
    const bad = parseDecisionTable([['类别', '事项名称', '决定日期', '金额'], ['行政许可', '食品经营许可', '2025-02-30', ''], ['罚没', 'x', '2025-01-01', '1.234'], ['行政许可', '药品', '2025-01-02', '']], '2025-06-30');
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => [p.code, p.at]), [['catalog.row', 'line 2'], ['catalog.row', 'line 3']]);
    const noColumn = parseDecisionTable([['事项名称', '金额']], '2025-06-30');
    assert.ok(!noColumn.ok && noColumn.problems.every((p) => p.code === 'table.noColumn'));
    assert.ok(parseDecisionTable([['事项名称', '决定日期'], ['食品经营许可', '2025-01-01']], '2025-06-30', 'licensing').ok, 'a 行政许可 export has no 类别 column');
  });
});
