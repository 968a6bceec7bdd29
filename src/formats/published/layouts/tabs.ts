/**
 * Layout `tabs` — Markdown as in corpus 001 (a web page or Word file converted to Markdown): `#` headings, bold
 * lead-ins, and tables as one line per row with cells separated by tabs, or as pipe tables. Merged cells leave empty
 * fields: a cell spanning columns prints its text and then one empty field per extra column (or, in converters that
 * keep one field per cell, nothing), a cell merged down from above prints as empty field(s) on the rows below.
 * A blank value cell is an empty field; "/" is printed as is; rows sometimes end with a stray tab.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, textDoc, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCover, type PrintedTable } from '../grid.ts';
import { chance, pick } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly pipes: boolean;
  /** A cell spanning n columns prints n fields (text + n-1 empty) rather than one. */
  readonly padColspan: boolean;
  /** Cells merged from above print as empty fields (else they are left out). */
  readonly padRowspan: boolean;
  readonly trailingTab: boolean;
  readonly headingMarks: readonly string[];
}

function rowFields(t: PrintedTable, r: number, style: Style): string[] {
  const fields: string[] = [];
  for (const { cell, starts } of rowCover(t, r)) {
    if (!starts && !style.padRowspan) continue;
    const width = style.padColspan ? cell.colSpan : 1;
    fields.push(starts ? cell.text : '', ...new Array<string>(width - 1).fill(''));
  }
  return fields;
}

function tableLines(t: PrintedTable, style: Style): string[] {
  const lines: string[] = [];
  const heads = headRowCount(t);
  t.rowKinds.forEach((_, r) => {
    const fields = rowFields(t, r, style);
    if (style.pipes) {
      lines.push(`| ${fields.join(' | ')} |`);
      if (r === 0) lines.push(`|${fields.map(() => ' --- ').join('|')}|`);
    } else lines.push(`${fields.join('\t')}${style.trailingTab && r >= heads ? '\t' : ''}`);
  });
  return lines;
}

/** Bold the lead-in of a paragraph, as Markdown converters do with Word's bold runs: **（一）主动公开。** */
function boldLead(text: string, rng: Rng): string {
  const m = /^(（[一二三四五六七八九十]+）[^。：]{2,16}[。：])/.exec(text);
  return m?.[1] && chance(rng, 0.6) ? `**${m[1]}**${text.slice(m[1].length)}` : text;
}

/** Render a sample as Markdown with tab (or pipe) separated table rows. */
export function renderTabs(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const style: Style = {
    pipes: chance(rng, 0.35),
    padColspan: chance(rng, 0.6),
    padRowspan: chance(rng, 0.8),
    trailingTab: chance(rng, 0.5),
    headingMarks: [pick(rng, ['## ', '## ', '### ']), pick(rng, ['## ', '#### ', ''])],
  };
  const out: string[] = ['', ''];
  let headings = 0;
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') out.push(`# ${block.text}`, '');
    else if (block.kind === 'heading') {
      // 001 switches heading level halfway through (## … then #### …).
      out.push(`${headings++ < 3 ? style.headingMarks[0] : style.headingMarks[1]}${block.text}`, '');
    } else if (block.kind === 'paragraph') out.push(boldLead(block.text, rng), '');
    else out.push(...tableLines(block.table, style), '');
  }
  return textDoc('tabs', 'md', out.join('\n'), sample, featuresOf(sample, noise, style, false));
}
