import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportingYear } from './season.ts';

describe('the reporting season (条例第四十九条、第五十条)', () => {
  it('works on the previous year until 31 March, then on the year under way', () => {
    assert.equal(reportingYear('2027-01-05'), 2026);
    assert.equal(reportingYear('2027-03-31'), 2026);
    assert.equal(reportingYear('2027-04-01'), 2027);
    assert.equal(reportingYear('2026-12-05'), 2026);
  });
});
