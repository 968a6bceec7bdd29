import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEMPLATE_IDS, TEMPLATE_LIST, TEMPLATES, isTemplateId, tableCells, templateForYear } from './index.ts';

describe('the template registry', () => {
  it('chooses the template by year from each template\'s years', () => {
    assert.equal(templateForYear(2018), '2019', 'before the first template: the first');
    assert.equal(templateForYear(2019), '2019');
    assert.equal(templateForYear(2020), '2019');
    assert.equal(templateForYear(2021), '2021');
    assert.equal(templateForYear(2035), '2021');
    for (const t of TEMPLATE_LIST) {
      assert.equal(templateForYear(t.years.from), t.id, `${t.id} covers its first year`);
      if (t.years.to !== null) assert.notEqual(templateForYear(t.years.to + 1), t.id, `${t.id} ends after ${t.years.to}`);
    }
  });

  it('lists each template once, with the notice that issued it, in year order without gaps', () => {
    assert.deepEqual(TEMPLATE_IDS, Object.keys(TEMPLATES));
    assert.deepEqual(
      TEMPLATE_LIST.map((t) => [t.id, t.notice, t.label]),
      [
        ['2019', '国办公开办函〔2019〕60号', '2019 年版'],
        ['2021', '国办公开办函〔2021〕30号', '2021 年版'],
      ],
    );
    for (let i = 1; i < TEMPLATE_LIST.length; i++) {
      const before = TEMPLATE_LIST[i - 1];
      const t = TEMPLATE_LIST[i];
      assert.equal((before?.years.to ?? NaN) + 1, t?.years.from, `${t?.id} follows ${before?.id}`);
    }
    assert.equal(TEMPLATE_LIST.at(-1)?.years.to, null, 'the newest template is open-ended');
  });

  it('knows its ids and nothing else (no prototype names)', () => {
    for (const id of TEMPLATE_IDS) assert.ok(isTemplateId(id));
    for (const other of ['2020', '__proto__', 'toString', 2019, null, undefined]) assert.equal(isTemplateId(other), false, String(other));
  });

  it('states traits that agree with the template tables', () => {
    for (const t of TEMPLATE_LIST) {
      const columns = new Set(tableCells(t, 'proactive').map((c) => `${c.row.join('.')}.${c.column.key}`));
      assert.equal(t.traits.documentColumns === 'made', columns.has('rules.made'), `${t.id} documentColumns`);
      assert.equal(t.traits.documentColumns === 'issued', columns.has('rules.inForce'), `${t.id} documentColumns`);
      assert.equal(t.traits.itemCounts, columns.has('licensing.previous') && columns.has('licensing.change'), `${t.id} itemCounts`);
      const split = tableCells(t, 'applications').some((c) => c.row[0] === 'otherHandling' && c.row.length > 1);
      assert.equal(t.traits.otherHandlingSplit, split, `${t.id} otherHandlingSplit`);
    }
  });
});
