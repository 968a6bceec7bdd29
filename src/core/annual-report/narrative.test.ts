import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateConsistentReport, mulberry32 } from './generate.ts';
import { withCell, type AnnualReport } from './model.ts';
import { DRAFT_BLANK, draftNarrative } from './narrative.ts';
import { cellIndex } from './rules/context.ts';
import { findStatedCounts } from './rules/text-scan.ts';
import { TEMPLATES, type TemplateId } from './templates/index.ts';
import { validateReport } from './validate.ts';

const report = (seed: number, template: TemplateId): AnnualReport => ({ ...generateConsistentReport(mulberry32(seed), { template, year: template === '2021' ? 2025 : 2020, organization: '中原县教育局' }), annotations: {} });
const textTables = (r: AnnualReport) => validateReport(r).filter((f) => f.code === 'text.tables' && f.outcome === 'violation');
/** Numbers in a text, years (2025年) left out. */
const numbers = (text: string) => [...text.matchAll(/\d+(?!\d|年)/g)].map((m) => ({ value: Number(m[0]), at: m.index }));

describe('the narrative drafted from the tables', () => {
  for (const template of ['2019', '2021'] as const) {
    it(`${template}: every number the draft cites is one the text rules read, and it agrees with the tables`, () => {
      for (let seed = 1; seed <= 25; seed += 1) {
        const r = report(seed * 31, template);
        const sections = draftNarrative(r);
        const text = sections.overview ?? '';
        const cited = numbers(text);
        const read = findStatedCounts(text);
        assert.ok(cited.length >= 10, `seed ${seed}: the draft cites the tables`);
        assert.deepEqual(read.map((s) => s.value).sort((a, b) => a - b), cited.map((c) => c.value).sort((a, b) => a - b), `seed ${seed}: every cited number is read by a text rule`);
        assert.deepEqual(textTables({ ...r, sections }), [], `seed ${seed}: the draft agrees with its tables`);
      }
    });
  }
  it('an auditor catches each number changed in the text: text.tables names the cell, the text and the table values', () => {
    const r = report(4242, '2021');
    const text = draftNarrative(r).overview ?? '';
    const cited = numbers(text);
    for (const c of cited) {
      const changed = `${text.slice(0, c.at)}${c.value + 1}${text.slice((c.at ?? 0) + String(c.value).length)}`;
      const found = textTables({ ...r, sections: { ...r.sections, overview: changed } });
      assert.equal(found.length, 1, `changing ${c.value} at ${c.at} is caught`);
      assert.equal(found[0]?.actual, c.value + 1);
      assert.equal(found[0]?.expected, c.value);
      assert.ok((found[0]?.cells.length ?? 0) > 0);
    }
  });
  it('a blank cell is not cited as a number: its sentence asks for checking', () => {
    const r = report(7, '2021');
    const def = cellIndex(TEMPLATES['2021']).get('applications.granted.total');
    assert.ok(def);
    const holed = withCell(r, def, null);
    const text = draftNarrative(holed).overview ?? '';
    assert.match(text, new RegExp(`予以公开${DRAFT_BLANK}件`));
    assert.ok(!/予以公开\d/.test(text));
  });
  it('the 2021 draft prompts for 信息处理费 (section 六), so text.fees is answered by the writer, not invented', () => {
    assert.match(draftNarrative(report(1, '2021')).otherMatters ?? '', /信息处理费/);
    assert.equal(draftNarrative(report(1, '2019')).otherMatters, null);
  });
});
