import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysLate, nextState, reportDue } from './lifecycle.ts';

describe('an annual report through the season (条例第四十九条、第五十条)', () => {
  it('is due by 31 January for a department, 31 March for a government; a local date may only be earlier', () => {
    assert.equal(reportDue(2025, 'department'), '2026-01-31');
    assert.equal(reportDue(2025, 'office'), '2026-01-31');
    assert.equal(reportDue(2025, 'government'), '2026-03-31');
    assert.equal(reportDue(2025, 'department', '2026-01-20'), '2026-01-20');
    assert.equal(reportDue(2025, 'department', '2026-02-20'), '2026-01-31', 'never later than the statute');
  });

  it('goes draft → submitted → received → published when it has a parent; returned needs a comment and goes back to submitted', () => {
    const s = (state: Parameters<typeof nextState>[0]['state'], hasParent = true) => ({ state, version: 1, hasParent });
    assert.deepEqual(nextState(s('draft'), 'submit', null), { ok: true, state: 'submitted', version: 1 });
    const noComment = nextState(s('submitted'), 'return', ' ');
    assert.ok(!noComment.ok && noComment.problems[0]?.code === 'report.commentRequired');
    assert.deepEqual(nextState(s('submitted'), 'return', '表三（七）总计与各项之和不符'), { ok: true, state: 'returned', version: 1 });
    assert.deepEqual(nextState(s('returned'), 'submit', null), { ok: true, state: 'submitted', version: 1 });
    assert.deepEqual(nextState(s('submitted'), 'receive', null), { ok: true, state: 'received', version: 1 });
    assert.deepEqual(nextState(s('received'), 'publish', null), { ok: true, state: 'published', version: 1 });
    const early = nextState(s('draft'), 'publish', null);
    assert.ok(!early.ok && early.problems[0]?.code === 'report.transition', 'a department does not publish before its report is received');
    assert.deepEqual(nextState(s('draft', false), 'publish', null), { ok: true, state: 'published', version: 1 }, 'a top government publishes its own');
  });

  it('a correction after publication is a new version with its notice', () => {
    assert.ok(!nextState({ state: 'published', version: 1, hasParent: true }, 'correct', '').ok);
    assert.deepEqual(nextState({ state: 'published', version: 1, hasParent: true }, 'correct', '更正表二行政许可处理决定数量'), { ok: true, state: 'draft', version: 2 });
    assert.ok(!nextState({ state: 'submitted', version: 1, hasParent: true }, 'correct', 'x').ok);
  });

  it('counts the days late of an unpublished report', () => {
    assert.equal(daysLate('2026-01-31', '2026-02-03', 'submitted'), 3);
    assert.equal(daysLate('2026-01-31', '2026-02-03', 'published'), 0);
    assert.equal(daysLate('2026-01-31', '2026-01-31', 'draft'), 0);
  });
});
