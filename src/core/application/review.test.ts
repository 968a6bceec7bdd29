/** Review and lawsuit records (table 四): dates in order and never in the future. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNewReview, parseReviewDecision, type ReviewRecord } from './review.ts';

const TODAY = '2026-12-05';
const input = { group: 'review', body: '中原县人民政府', filedOn: '2026-11-20' };

test('a review filed after the case closed and not after today is taken', () => {
  const r = parseNewReview(input, '2026-11-02', TODAY);
  assert.ok(r.ok);
  assert.equal(r.value.filedOn, '2026-11-20');
});

test('a filing or decision date after today (2099, tomorrow) is refused with application.futureDate; before the case or the filing, review.invalid', () => {
  for (const filedOn of ['2099-01-01', '2026-12-06']) {
    const r = parseNewReview({ ...input, filedOn }, '2026-11-02', TODAY);
    assert.ok(!r.ok && r.problems[0]?.code === 'application.futureDate' && r.problems[0]?.at === 'filedOn', filedOn);
  }
  const early = parseNewReview({ ...input, filedOn: '2026-10-01' }, '2026-11-02', TODAY);
  assert.ok(!early.ok && early.problems[0]?.code === 'review.invalid');
  const record: ReviewRecord = { id: 'r1', caseId: 'c1', organizationId: 'o1', group: 'review', body: '中原县人民政府', reference: null, filedOn: '2026-11-20', note: null, decidedOn: null, outcome: null };
  const late = parseReviewDecision({ decidedOn: '2099-12-31', outcome: 'upheld' }, record, TODAY);
  assert.ok(!late.ok && late.problems[0]?.code === 'application.futureDate' && late.problems[0]?.at === 'decidedOn', JSON.stringify(late));
  const ok = parseReviewDecision({ decidedOn: '2026-12-01', outcome: 'upheld' }, record, TODAY);
  assert.ok(ok.ok && ok.value.decidedOn === '2026-12-01');
});
