// Property tests: consistent reports give no error; any single changed cell of 三 or 四 gives an error naming it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generateConsistentReport, mulberry32 } from './generate.ts';
import { cellValue, withCell } from './model.ts';
import { TEMPLATES, TEMPLATE_IDS, tableCells, type TemplateId } from './templates/index.ts';
import { validateReport } from './validate.ts';

const templateArb = fc.constantFrom<TemplateId>(...TEMPLATE_IDS);
const yearOf = (t: TemplateId): number => (t === '2019' ? 2020 : 2023);
const report = (t: TemplateId, seed: number) => generateConsistentReport(mulberry32(seed), { template: t, year: yearOf(t) });

describe('validator properties', () => {
  it('random consistent reports of both templates give no error and no warning', () => {
    fc.assert(
      fc.property(templateArb, fc.integer(), (t, seed) => {
        const findings = validateReport(report(t, seed));
        assert.deepEqual(findings.filter((f) => f.severity !== 'info'), []);
      }),
      { numRuns: 300 },
    );
  });

  it('changing any single cell of 三 or 四 yields an error naming that cell', () => {
    fc.assert(
      fc.property(templateArb, fc.integer(), fc.nat(), fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0), (t, seed, pick, delta) => {
        const r = report(t, seed);
        const cells = [...tableCells(TEMPLATES[t], 'applications'), ...tableCells(TEMPLATES[t], 'reviewLitigation')];
        const cell = cells[pick % cells.length];
        assert.ok(cell);
        const changed = withCell(r, cell, (cellValue(r, cell) ?? 0) + delta);
        const errors = validateReport(changed).filter((f) => f.severity === 'error');
        assert.ok(errors.some((f) => f.cells.includes(cell.path)), `no error names ${cell.path}`);
      }),
      { numRuns: 500 },
    );
  });

  it('exhaustively: every cell of 三 and 四 of one report of each template', () => {
    for (const t of TEMPLATE_IDS) {
      const r = report(t, 20260131);
      const template = TEMPLATES[t];
      const cells = [...tableCells(template, 'applications'), ...tableCells(template, 'reviewLitigation')];
      assert.equal(cells.length, t === '2019' ? 23 * 7 + 15 : 25 * 7 + 15);
      for (const cell of cells) {
        const changed = withCell(r, cell, (cellValue(r, cell) ?? 0) + 1);
        assert.ok(validateReport(changed).some((f) => f.severity === 'error' && f.cells.includes(cell.path)), cell.path);
      }
    }
  });
});
