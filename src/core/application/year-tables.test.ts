import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '../annual-report/generate.ts';
import { cellValue, type AnnualReport } from '../annual-report/model.ts';
import { TEMPLATES, tableCells, templateForYear, type CellDef } from '../annual-report/templates/index.ts';
import { validateReport } from '../annual-report/validate.ts';
import { calendarFromJson } from '../calendar/calendar.ts';
import { addDays } from '../calendar/dates.ts';
import { simulateCase } from './simulate.ts';
import { APPLICANT_TYPES } from './terms.ts';
import {
  applicationsTable,
  caseRows,
  reportFromCases,
  reviewColumn,
  tallyCases,
  tallyReviews,
  type CaseFacts,
  type ReviewFacts,
} from './year-tables.ts';

const seeded = calendarFromJson(readFileSync(new URL('../../../seed/calendar/china.json', import.meta.url), 'utf8'));
assert.ok(seeded.ok);
const cal = seeded.calendar;

const facts = (receivedOn: string, closedOn: string | null, resultRow: string | null, applicantType: CaseFacts['applicantType'] = 'natural'): CaseFacts => ({ applicantType, receivedOn, closedOn, resultRow });

describe('table 三 from the cases', () => {
  it('counts a case as new, carried over, answered or carried forward by its dates', () => {
    assert.deepEqual(caseRows(facts('2024-03-01', '2024-03-20', 'granted'), 2024), ['newReceived', 'granted']);
    assert.deepEqual(caseRows(facts('2024-12-20', '2025-01-10', 'granted'), 2024), ['newReceived', 'carriedForward']);
    assert.deepEqual(caseRows(facts('2024-12-20', '2025-01-10', 'granted'), 2025), ['carriedOver', 'granted']);
    assert.deepEqual(caseRows(facts('2024-12-20', null, null), 2025), ['carriedOver', 'carriedForward']);
    assert.deepEqual(caseRows(facts('2024-03-01', '2024-03-20', 'granted'), 2025), []);
    assert.deepEqual(caseRows(facts('2026-01-02', null, null), 2025), []);
  });

  it('maps the three （六） rows of 2021 onto the one row of 2019', () => {
    const tallies = tallyCases([facts('2020-02-01', '2020-03-01', 'otherHandling.noCorrection'), facts('2020-02-01', '2020-03-01', 'otherHandling.other', 'commercial')], 2020);
    const t2019 = applicationsTable('2019', tallies) as Record<string, Record<string, number>>;
    assert.equal(t2019.otherHandling?.natural, 1);
    assert.equal(t2019.otherHandling?.total, 2);
    assert.equal(t2019.total?.total, 2);
    const t2021 = applicationsTable('2021', tallies) as Record<string, Record<string, Record<string, number>>>;
    assert.equal(t2021.otherHandling?.noCorrection?.natural, 1);
    assert.equal(t2021.otherHandling?.other?.commercial, 1);
    assert.equal(templateForYear(2020), '2019');
    assert.equal(templateForYear(2021), '2021');
  });

  it('property: random case histories give tables that pass every T3/T4 rule, and next year carries over what this year carried forward', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 20, max: 120 }), (seed, n) => {
        const rng = mulberry32(seed);
        const today = '2025-06-30';
        const cases: CaseFacts[] = [];
        const reviews: ReviewFacts[] = [];
        for (let i = 0; i < n; i += 1) {
          const receivedOn = addDays('2020-01-02', Math.floor(rng() * 2000));
          if (receivedOn > today) continue;
          const s = simulateCase(rng, cal, { id: `c${i}`, number: `N${i}`, organizationId: 'o', receivedOn, today, handler: '李明', approver: '张主任' });
          cases.push({ applicantType: s.case.applicant.type, receivedOn: s.case.receivedOn, closedOn: s.case.closedOn, resultRow: s.case.resultRow });
          if (s.case.answer && rng() < 0.2) {
            const decided = rng() < 0.7 ? addDays(s.case.answer.on, 30 + Math.floor(rng() * 200)) : null;
            reviews.push({ group: rng() < 0.6 ? 'review' : rng() < 0.5 ? 'litigationDirect' : 'litigationAfterReview', filedOn: addDays(s.case.answer.on, 10), decidedOn: decided, outcome: decided ? (['upheld', 'corrected', 'other'] as const)[Math.floor(rng() * 3)] ?? 'other' : null });
          }
        }
        let previous: AnnualReport | null = null;
        for (let year = 2020; year <= 2025; year += 1) {
          const report: AnnualReport = reportFromCases(year, '某县人民政府办公室', tallyCases(cases, year), tallyReviews(reviews, year));
          const bad: unknown[] = validateReport(report, { previous }).filter((f) => f.severity !== 'info' && /^(T3|T4|count|crossYear.carry)/.test(f.code));
          assert.deepEqual(bad, [], `year ${year}`);
          if (previous) {
            for (const cell of tableCells(TEMPLATES[report.template], 'applications').filter((c) => c.row[0] === 'carriedOver')) {
              const last: CellDef | undefined = tableCells(TEMPLATES[previous.template], 'applications').find((c) => c.row[0] === 'carriedForward' && c.column.key === cell.column.key);
              assert.ok(last);
              assert.equal(cellValue(report, cell), cellValue(previous, last), `${year} ${cell.column.key}`);
            }
          }
          previous = report;
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('table 四 from the review and litigation records', () => {
  const r = (filedOn: string, decidedOn: string | null, outcome: ReviewFacts['outcome']): ReviewFacts => ({ group: 'review', filedOn, decidedOn, outcome });
  it('counts an outcome in the year decided and a pending case as 尚未审结 at each year end', () => {
    assert.equal(reviewColumn(r('2024-05-01', '2024-08-01', 'upheld'), 2024), 'upheld');
    assert.equal(reviewColumn(r('2024-11-01', '2025-02-01', 'corrected'), 2024), 'pending');
    assert.equal(reviewColumn(r('2024-11-01', '2025-02-01', 'corrected'), 2025), 'corrected');
    assert.equal(reviewColumn(r('2024-11-01', null, null), 2025), 'pending');
    assert.equal(reviewColumn(r('2024-05-01', '2024-08-01', 'upheld'), 2025), null);
    assert.equal(reviewColumn(r('2025-05-01', null, null), 2024), null);
  });

  it('fills every column of every group with totals', () => {
    const report = reportFromCases(2024, '某县人民政府', [], tallyReviews([r('2024-01-05', '2024-03-01', 'upheld'), r('2024-02-05', null, null), { group: 'litigationAfterReview', filedOn: '2024-03-01', decidedOn: '2024-09-01', outcome: 'other' }], 2024));
    const t = report.reviewLitigation as Record<string, Record<string, number>>;
    assert.deepEqual(t.review, { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    assert.deepEqual(t.litigationAfterReview, { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
    assert.equal(APPLICANT_TYPES.length, 6);
  });
});
