/**
 * Layout `cellPerLine` — Word text as in corpus 003 (a .doc saved as plain text, or copied out of Word): every table
 * cell on its own line behind a tab, a blank line after each row, a blank cell as a lone tab, each cell merged down
 * from above as a lone tab on the rows below (one per Word cell, whatever its width), header texts broken by manual
 * line breaks inside the cell (本年新 / 制作数量), the title sometimes broken in two.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, pickTextFile, textDoc, type PublishedDoc } from '../document.ts';
import { rowCover, splitLabel, type PrintedTable } from '../grid.ts';
import { chance } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly breakHeaders: boolean;
  /** Merged continuations print as a tab and a space, and a stray space line sits before some rows (003). */
  readonly strayspace: boolean;
  readonly indent: string;
}

function tableLines(t: PrintedTable, style: Style, rng: Rng): string[] {
  const lines: string[] = [];
  t.rowKinds.forEach((_, r) => {
    if (style.strayspace && chance(rng, 0.05)) lines.push(' ');
    for (const { cell, starts } of rowCover(t, r)) {
      if (!starts) {
        lines.push(style.strayspace ? '\t ' : '\t');
        continue;
      }
      let text = cell.text;
      if (cell.kind === 'header' && style.breakHeaders && text.length >= 5 && text.length <= 9 && chance(rng, 0.5)) {
        text = splitLabel(text, rng).join('\n');
      }
      lines.push(`\t${text}`);
    }
    lines.push('');
  });
  return lines;
}

/** Render a sample as Word text, one table cell per line. */
export function renderCellPerLine(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const style: Style = {
    breakHeaders: chance(rng, 0.5),
    strayspace: chance(rng, 0.15),
    indent: chance(rng, 0.5) ? '   ' : '',
  };
  const out: string[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') {
      const cut = block.text.lastIndexOf('年度报告');
      // 003 breaks its title before 年度报告.
      if (cut > 0 && chance(rng, 0.3)) out.push(block.text.slice(0, cut), '', block.text.slice(cut), '');
      else out.push(block.text, '');
    } else if (block.kind === 'heading') out.push(block.text);
    else if (block.kind === 'paragraph') out.push(`${chance(rng, 0.5) ? style.indent : ''}${block.text}`, '');
    else out.push(...tableLines(block.table, style, rng), '');
  }
  const features = featuresOf(sample, noise, { breakHeaders: style.breakHeaders, strayspace: style.strayspace }, false);
  return textDoc('cellPerLine', 'txt', `${out.join('\n')}\n`, sample, features, pickTextFile(rng));
}
