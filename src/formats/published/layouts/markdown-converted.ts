/**
 * Layout `markdownConverted` — a PDF report run through a PDF-to-Markdown converter: the table's words and numbers
 * come apart. Table 三 is cut into many small pipe tables of values with no labels (the rows still in the template's
 * order); its header words and row labels are printed elsewhere, as a block of lines before the values, some labels
 * broken one character per line (a narrow column read line by line); page footers (— 4 —) sit between the pieces.
 * Table 四's header words are a block of lines, its fifteen values one pipe row. Table 二 is spread across prose
 * lines (label and values on a line, separated by spaces, a blank cell printed as nothing): those rows are told to
 * undetermined.ts as runs of words; the pipe cells keep their places.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, textDoc, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCells, type PrintedTable } from '../grid.ts';
import { below, chance } from '../names.ts';
import { pageNumberText, pickNoise, type Noise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';
import type { PrintedRun } from '../undetermined.ts';

interface Style {
  /** Labels broken one character per line (some of them). */
  readonly verticalLabels: boolean;
  readonly footers: boolean;
  readonly headingMarks: boolean;
  /** Each piece of values printed right after its own rows' labels, not all labels first. */
  readonly interleaved: boolean;
  /** The label column kept as an empty first cell of each value row. */
  readonly labelColumn: boolean;
  /** Rows whose cells are all blank left out. */
  readonly dropEmptyRows: boolean;
}

const pipeRow = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** Text broken one character per line, as a converter reads a narrow column. */
const vertical = (text: string) => [...text].join('\n');

function labelLines(texts: readonly string[], style: Style, rng: Rng): string[] {
  return texts.map((t) => (style.verticalLabels && t.length >= 4 && chance(rng, 0.3) ? vertical(t) : t));
}

/** Table 二 as prose lines: each row's texts separated by spaces; its value rows are runs of words. */
function proseTable(t: PrintedTable, runs: PrintedRun[]): string[] {
  const lines: string[] = [];
  t.rowKinds.forEach((_, r) => {
    const cells = rowCells(t, r);
    lines.push(cells.map((c) => c.text).filter((x) => x !== '').join(' '));
    const values = cells.filter((c) => c.kind === 'value' && c.path !== undefined);
    if (values.length > 0) runs.push({ paths: values.map((c) => c.path as string), text: values.map((c) => c.text).filter((x) => x !== '').join(' '), vanish: true });
  });
  return lines;
}

/**
 * Tables 三 and 四: a block of header words and labels, then the value rows cut into small pipe tables. Some
 * converters print each piece's labels just before its values instead (interleaved), keep the label column as an
 * empty cell, or leave out a row whose cells are all blank.
 */
function detachedTable(t: PrintedTable, style: Style, noise: Noise, page: { n: number }, rng: Rng): string[] {
  const heads = headRowCount(t);
  const headWords: string[] = [];
  const rows: { labels: string[]; values: string[] }[] = [];
  let pending: string[] = []; // labels of rows without values (三、本年度办理结果), printed with the next row's
  t.rowKinds.forEach((_, r) => {
    const cells = rowCells(t, r);
    const words = cells.filter((c) => c.kind !== 'value' && c.text !== '').map((c) => c.text);
    const values = cells.filter((c) => c.kind === 'value');
    if (r < heads) headWords.push(...words);
    else if (values.length === 0) pending.push(...words);
    else {
      rows.push({ labels: [...pending, ...words], values: values.map((c) => c.text) });
      pending = [];
    }
  });
  const kept = style.dropEmptyRows ? rows.filter((row) => row.values.some((v) => v !== '')) : rows;
  const out = style.interleaved ? [...labelLines(headWords, style, rng), ''] : [...labelLines([...headWords, ...rows.flatMap((row) => row.labels)], style, rng), ''];
  const pipe = (values: readonly string[]) => pipeRow(style.labelColumn ? ['', ...values] : values);
  for (let i = 0; i < kept.length; ) {
    const size = Math.min(kept.length - i, 2 + below(rng, 6));
    const chunk = kept.slice(i, i + size);
    if (style.interleaved) {
      // The labels of the rows up to this piece's last row (a dropped row's label stays where the converter read it).
      const upTo = rows.indexOf(chunk[chunk.length - 1] as (typeof rows)[number]);
      const from = i === 0 ? 0 : rows.indexOf(kept[i - 1] as (typeof rows)[number]) + 1;
      out.push(...labelLines(rows.slice(from, upTo + 1).flatMap((row) => row.labels), style, rng), '');
    }
    const width = (chunk[0]?.values.length ?? 1) + (style.labelColumn ? 1 : 0);
    out.push(pipe(chunk[0]?.values ?? []), pipeRow(Array.from({ length: width }, () => '---')), ...chunk.slice(1).map((row) => pipe(row.values)), '');
    i += size;
    if (i < kept.length && style.footers && chance(rng, 0.35)) {
      page.n += 1;
      out.push(pageNumberText(page.n, 0, noise.pageNumber === 'diGong' || noise.pageNumber === 'slash' ? 'dash' : noise.pageNumber), '');
    }
  }
  return out;
}

/** Render a sample as the Markdown a PDF converter makes of it. */
export function renderMarkdownConverted(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const style: Style = {
    verticalLabels: chance(rng, 0.6),
    footers: chance(rng, 0.7),
    headingMarks: chance(rng, 0.5),
    interleaved: chance(rng, 0.3),
    labelColumn: chance(rng, 0.25),
    dropEmptyRows: chance(rng, 0.3),
  };
  const runs: PrintedRun[] = [];
  const page = { n: 1 + below(rng, 3) };
  const out: string[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') out.push(`# ${block.text}`, '');
    else if (block.kind === 'heading') out.push(style.headingMarks ? `## ${block.text}` : `**${block.text}**`, '');
    else if (block.kind === 'paragraph') out.push(block.text, '');
    else if (block.table.table === 'proactive') out.push(...proseTable(block.table, runs), '');
    else out.push(...detachedTable(block.table, style, noise, page, rng));
  }
  const features = featuresOf(sample, noise, style, false);
  return { ...textDoc('markdownConverted', 'md', `${out.join('\n')}\n`, sample, features), printing: { kind: 'runs', runs } };
}
