/**
 * Layout `space` — PDF text as in corpus 000 and 002 (a Word report printed to PDF, then pdftotext): one table row per
 * line, its values separated by spaces after the label, blank cells printed as nothing at all (so a row with a blank
 * shows fewer numbers), header cells one per line with some split mid-word (社会公益 / 组织), group labels such as
 * （三）不予公开 either before the row's label or on a line of their own, long labels sometimes split over two lines,
 * often a blank line between lines, sometimes page numbers and running headers between rows.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, pickTextFile, paginate, runningHeader, textDoc, wrapText, type PublishedDoc, type Unit } from '../document.ts';
import { headRowCount, rowCells, splitLabel, type PrintedTable } from '../grid.ts';
import { below, chance } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly blankLines: boolean;
  readonly headingFirst: boolean;
  readonly narrativeWidth: number;
  readonly splitLabels: boolean;
  readonly valuesFirst: boolean;
  readonly groupOwnLine: boolean;
  readonly headEach: boolean;
  readonly paginate: boolean;
  readonly trailingSpace: boolean;
}

function headUnit(t: PrintedTable, r: number, style: Style, rng: Rng): Unit {
  const texts = rowCells(t, r).map((c) => c.text);
  if (!style.headEach) return { lines: [texts.join(' ')], table: t.table, head: true };
  const lines: string[] = [];
  for (const text of texts) {
    // Narrow header cells wrap: 社会公益 / 组织, 法律服务 / 机构 (000, 002).
    if (text.length >= 5 && text.length <= 8 && chance(rng, 0.4)) lines.push(...splitLabel(text, rng));
    else lines.push(text);
  }
  return { lines, table: t.table, head: true };
}

function dataUnit(t: PrintedTable, r: number, style: Style, rng: Rng): Unit {
  const cells = rowCells(t, r);
  const labels = cells.filter((c) => c.kind !== 'value');
  const values = cells.filter((c) => c.kind === 'value' && c.text !== '').map((c) => c.text).join(' ');
  const own = labels[labels.length - 1];
  const before = labels.slice(0, -1).map((c) => c.text);
  const lines: string[] = [];
  let prefix = '';
  // Group labels (三、本年度办理结果, （三）不予公开) print before the row's own label or on their own line.
  if (before.length > 0 && style.groupOwnLine) lines.push(...before);
  else if (before.length > 0) prefix = `${before.join(' ')} `;
  if (!own) lines.push(`${chance(rng, 0.3) ? ' ' : ''}${values}`);
  else if (style.splitLabels && own.text.length >= 12 && chance(rng, 0.5)) {
    const [a, b] = splitLabel(own.text, rng);
    if (style.valuesFirst) lines.push(`${prefix}${a} ${values}`.trimEnd(), b);
    else lines.push(`${prefix}${a}`, `${b} ${values}`.trimEnd());
  } else lines.push(`${prefix}${own.text} ${values}`.trimEnd());
  return { lines, table: t.table };
}

function tableUnits(t: PrintedTable, style: Style, rng: Rng): Unit[] {
  const heads = headRowCount(t);
  return t.rowKinds.map((kind, r) => {
    if (r < heads) return headUnit(t, r, style, rng);
    if (kind === 'group') return { lines: [rowCells(t, r).map((c) => c.text).join(' ')], table: t.table };
    return dataUnit(t, r, style, rng);
  });
}

/** Render a sample as space-separated PDF text. */
export function renderSpace(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const splitLabels = chance(rng, 0.3);
  const style: Style = {
    blankLines: chance(rng, 0.5),
    headingFirst: chance(rng, 0.2),
    narrativeWidth: chance(rng, 0.5) ? 0 : 56 + below(rng, 10),
    splitLabels,
    // Values on the line of the label's first part: visual-order extraction of top-aligned cells.
    valuesFirst: splitLabels && chance(rng, 0.3),
    groupOwnLine: chance(rng, 0.5),
    headEach: chance(rng, 0.6),
    paginate: chance(rng, 0.3),
    trailingSpace: chance(rng, 0.2),
  };
  const blocks = documentBlocks(sample, noise, rng);
  const units: Unit[] = [];
  const [title, firstHeading, ...rest] = blocks;
  const ordered = style.headingFirst && firstHeading ? [firstHeading, title, ...rest] : blocks;
  for (const block of ordered) {
    if (!block) continue;
    if (block.kind === 'table') units.push(...tableUnits(block.table, style, rng));
    else if (block.kind === 'paragraph') {
      const text = `  ${block.text}`;
      units.push({ lines: style.narrativeWidth > 0 ? wrapText(text, style.narrativeWidth) : [text] });
    } else units.push({ lines: [block.kind === 'heading' && chance(rng, 0.3) ? ` ${block.text}` : block.text] });
  }
  const spaced = units.map((u) => ({
    ...u,
    lines: u.lines.flatMap((l) => {
      const line = style.trailingSpace ? `${l} ` : l;
      return style.blankLines ? [line, ''] : [line];
    }),
  }));
  const text = style.paginate
    ? paginate(spaced, noise, { linesPerPage: 38 + below(rng, 20), header: runningHeader(sample, noise, rng) })
    : `${spaced.flatMap((u) => u.lines).join('\n')}\n`;
  return textDoc('space', 'txt', text, sample, featuresOf(sample, noise, style, style.paginate), pickTextFile(rng));
}
