/**
 * Layout `crawlLines` — a report's web page as a crawler keeps it (the hebei-jyt crawls of fixtures/real): the title
 * field, a newline, then the text with the table cells separated by runs of line breaks — three after every cell, two
 * more at the end of a row (so five between rows), a blank cell an empty place of its own (a trailing blank gives
 * eight), a merged cell printed once where it starts; narrow header cells broken inside (商业\r企业). The line
 * breaks are old Mac CRs (\r) as in the crawl, or LFs. Every cell keeps its place: nothing is undetermined.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { documentBlocks, featuresOf, textDoc, type PublishedDoc } from '../document.ts';
import { rowCells, type PrintedTable } from '../grid.ts';
import { chance } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  readonly newline: 'cr' | 'lf';
  /** Narrow header cells broken in two (商业 / 企业). */
  readonly breakHeaders: boolean;
}

function tableText(t: PrintedTable, style: Style, nl: string, rng: Rng): string {
  let out = '';
  t.rowKinds.forEach((_, r) => {
    for (const c of rowCells(t, r)) {
      let text = c.text;
      if (c.kind === 'header' && style.breakHeaders && [...text].length === 4 && chance(rng, 0.5)) text = `${text.slice(0, 2)}${nl}${text.slice(2)}`;
      out += `${text}${nl.repeat(3)}`;
    }
    out += nl.repeat(2);
  });
  return out;
}

/** Render a sample as crawled page text with cells separated by runs of line breaks. */
export function renderCrawlLines(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = { ...pickNoise(rng), fullWidth: 0 };
  const style: Style = { newline: chance(rng, 0.6) ? 'cr' : 'lf', breakHeaders: chance(rng, 0.6) };
  const nl = style.newline === 'cr' ? '\r' : '\n';
  let title = '';
  let body = '';
  let table = false;
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') title = block.text;
    else if (block.kind === 'table') {
      body += `${nl.repeat(5)}${tableText(block.table, style, nl, rng)}${nl}`;
      table = true;
      continue;
    } else body += `${table ? '' : nl}${block.text}`;
    table = false;
  }
  const features = featuresOf(sample, noise, style, false);
  return { ...textDoc('crawlLines', 'txt', `${title}\n${body}`, sample, features), printing: { kind: 'positioned' } };
}
