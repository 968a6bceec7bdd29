import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparedCells, diffReports } from './diff.ts';
import { emptyReport, withCell } from './model.ts';
import { TEMPLATE_2019, TEMPLATE_2021, tableCells } from './templates/index.ts';

describe('diffReports', () => {
  const a = emptyReport('2019', 2020, '某县人民政府');
  const cell = tableCells(TEMPLATE_2019, 'applications')[0];
  it('is empty for the same report and lists changed cells, nulls and metadata', () => {
    assert.deepEqual(diffReports(a, a), []);
    assert.ok(cell);
    const b = { ...withCell(a, cell, 3), year: 2021 };
    assert.deepEqual(diffReports(a, b), [
      { path: 'year', a: 2020, b: 2021 },
      { path: 'applications.newReceived.natural', a: null, b: 3 },
    ]);
  });
  it('compares a missing table as null cells, and sections only on request', () => {
    const b = { ...a, reviewLitigation: null, sections: { ...a.sections, problems: '无' } };
    assert.deepEqual(diffReports(a, b), []);
    assert.deepEqual(diffReports(a, b, { sections: true }).map((d) => d.path), ['sections.problems']);
  });
  it('across templates, cells only one has are differences', () => {
    const b = emptyReport('2021', 2021, '某县人民政府');
    const only2021 = tableCells(TEMPLATE_2021, 'applications').find((c) => c.path === 'applications.otherHandling.noCorrection.natural');
    assert.ok(only2021);
    const d = diffReports(a, withCell(b, only2021, 1));
    assert.ok(d.some((x) => x.path === 'template'));
    assert.deepEqual(d.find((x) => x.path === only2021.path), { path: only2021.path, a: undefined, b: 1 });
    assert.ok(comparedCells(a, b) > 200);
  });
});
