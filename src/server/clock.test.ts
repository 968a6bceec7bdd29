import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beijingTime, systemClock } from './clock.ts';

describe('Beijing time', () => {
  it('shows a stored UTC instant as Beijing wall-clock time, across midnight and the new year', () => {
    assert.equal(beijingTime('2026-12-31T16:30:00.000Z'), '2027-01-01 00:30');
    assert.equal(beijingTime('2026-12-05T12:22:07Z', true), '2026-12-05 20:22:07');
    assert.equal(beijingTime('2026-12-05T20:22:07+08:00', true), '2026-12-05 20:22:07');
    assert.equal(beijingTime('2026-06-30T23:59:59.999Z', true), '2026-07-01 07:59:59', 'no daylight saving in summer');
  });

  it('returns a text that is not an instant as it is', () => {
    assert.equal(beijingTime('不详'), '不详');
    assert.equal(beijingTime(''), '');
  });

  it("the system clock's today is the Beijing date of now", () => {
    const before = beijingTime(systemClock.now()).slice(0, 10);
    const today = systemClock.today();
    const after = beijingTime(systemClock.now()).slice(0, 10);
    assert.ok(today === before || today === after, `${today} vs ${before}/${after}`);
  });
});
