import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineRunCells } from './line-runs.ts';
import { normalizeText } from './normalize.ts';

/** A table as a crawler prints it: cells joined by `cell` breaks, rows by `row` breaks, blanks as empty cells. */
function crawl(rows: readonly (readonly string[])[], cell = '\r\r\r', row = '\r\r\r\r\r'): string {
  return rows.map((r) => r.join(cell)).join(row);
}

const rewrite = (text: string) => lineRunCells(text, normalizeText(text));
/** The rewritten rows, each split into its cells (trimmed), empty lines dropped. */
const cells = (text: string) =>
  rewrite(text)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t').map((c) => c.trim()));

const ROWS = Array.from({ length: 8 }, (_, i) => [`${i + 1}.第${i + 1}行`, '0', String(i), '0', '1', '0', '0', String(i + 1)]);

describe('cells separated by runs of line breaks', () => {
  it('becomes one tab-separated line per row, same length and offsets', () => {
    const text = crawl(ROWS);
    const out = rewrite(text);
    assert.equal(out.length, text.length);
    assert.deepEqual(cells(text), ROWS);
    assert.equal(out.indexOf('3.第3行'), text.indexOf('3.第3行'));
  });

  it('keeps a blank cell in its place: inside a row, at its end after a value, and a row of blanks after its label', () => {
    const rows = [...ROWS, ['二、上年结转', '0', '', '0', '0', '0', '0', ''], ['（二）部分公开', '', '', '', '', '', '', ''], ['（三）不予公开', '1', '0', '0', '0', '0', '0', '1']];
    const got = cells(crawl(rows));
    const n = (row: readonly string[]) => row.map(normalizeText);
    assert.deepEqual(got.at(-3), n(['二、上年结转', '0', '', '0', '0', '0', '0', '']));
    // Blanks right after a label open the next line: the label's row reads no value, and the next row is whole.
    assert.deepEqual(got.at(-2), n(['（二）部分公开']));
    assert.deepEqual(got.at(-1)?.slice(-8), n(['（三）不予公开', '1', '0', '0', '0', '0', '0', '1']));
  });

  it('leaves other layouts alone: one cell per line, space-separated rows, paragraphs', () => {
    const perLine = ROWS.map((r) => r.join('\n')).join('\n\n');
    assert.equal(rewrite(perLine), normalizeText(perLine));
    const spaced = ROWS.map((r) => `${r[0]} ${r.slice(1).join(' ')}`).join('\n\n\n');
    assert.equal(rewrite(spaced), normalizeText(spaced));
    const prose = Array.from({ length: 40 }, (_, i) => `第${i}段。`).join('\n\n\n');
    assert.equal(rewrite(prose), normalizeText(prose));
  });
});
