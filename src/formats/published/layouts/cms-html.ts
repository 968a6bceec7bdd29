/**
 * Layout `cmsHtml` — a report as a government CMS publishes it: the title only in <title> and/or
 * <meta name="ArticleTitle"> (not in the article body), section headings as bare text (a <p> or a text line with
 * <br>, never <h*>), tables with rowspan/colspan where header cells are split into several <p> (本年新 / 制作数量)
 * or broken by <br>, and a row label split across two <p> in one cell; the 2019 template prints 规范性文件 (not
 * 行政规范性文件), as its own wording has it. Every cell keeps its place: nothing is undetermined.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { escapeHtml } from '../../html/escape.ts';
import { documentBlocks, featuresOf, textDoc, titleOf, type PublishedDoc } from '../document.ts';
import { rowCells, splitLabel, type GridCell, type PrintedTable } from '../grid.ts';
import { below, chance } from '../names.ts';
import { pickNoise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

interface Style {
  /** Where the title is: <title>, <meta name="ArticleTitle">, or both. */
  readonly titleIn: 'title' | 'meta' | 'both';
  /** Headings as <p> (or as bare text ended by <br>). */
  readonly headingP: boolean;
  readonly splitHeaders: boolean;
  readonly brHeaders: boolean;
  readonly splitLabels: boolean;
}

const p = (text: string) => `<p style="text-align:center;line-height:150%"><span style="font-size:14px">${escapeHtml(text)}</span></p>`;

function cellInner(cell: GridCell, style: Style, rng: Rng): string {
  const text = cell.text;
  if (text === '') return chance(rng, 0.5) ? '<p>&nbsp;</p>' : '';
  if (cell.kind === 'header' && text.length >= 4) {
    if (style.splitHeaders && chance(rng, 0.5)) return splitLabel(text, rng).map(p).join('');
    if (style.brHeaders && chance(rng, 0.4)) return `<p>${splitLabel(text, rng).map(escapeHtml).join('<br/>')}</p>`;
  }
  if (cell.kind === 'label' && style.splitLabels && text.length >= 6 && chance(rng, 0.4)) return splitLabel(text, rng).map(p).join('');
  return p(text);
}

function tableHtml(t: PrintedTable, style: Style, rng: Rng): string {
  const rows = t.rowKinds.map((_, r) => {
    const cells = rowCells(t, r).map((c) => {
      const spans = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
      return `<td${spans} style="border:solid windowtext 1px;padding:0 5px">${cellInner(c, style, rng)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return ['<table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">', '<tbody>', ...rows, '</tbody>', '</table>'].join('\n');
}

/** Render a sample as a CMS article page. */
export function renderCmsHtml(sample: PublishedSample, rng: Rng): PublishedDoc {
  const noise = pickNoise(rng);
  const t = rng();
  const style: Style = {
    titleIn: t < 0.4 ? 'title' : t < 0.7 ? 'meta' : 'both',
    headingP: chance(rng, 0.6),
    splitHeaders: chance(rng, 0.6),
    brHeaders: chance(rng, 0.5),
    splitLabels: chance(rng, 0.5),
  };
  const title = escapeHtml(titleOf(sample));
  const body: string[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') continue;
    if (block.kind === 'heading') body.push(style.headingP ? `<p style="text-indent:2em">${escapeHtml(block.text)}</p>` : `${escapeHtml(block.text)}<br/>`);
    else if (block.kind === 'paragraph') body.push(`<p style="text-indent:2em;line-height:2">${escapeHtml(block.text)}</p>`);
    else body.push(tableHtml(block.table, style, rng));
  }
  const head = [
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    style.titleIn === 'meta' ? `<title>${escapeHtml(sample.org.place)}人民政府门户网站</title>` : `<title>${title}</title>`,
    style.titleIn === 'title' ? '' : `<meta name="ArticleTitle" content="${title}">`,
    `<meta name="PubDate" content="${(sample.report.year ?? 2020) + 1}-01-${String(10 + below(rng, 19))}">`,
  ].filter((x) => x !== '');
  const html = ['<!DOCTYPE html>', '<html>', '<head>', ...head, '</head>', '<body>', '<div class="TRS_Editor">', ...body, '</div>', '</body>', '</html>', ''].join('\n');
  return { ...textDoc('cmsHtml', 'html', html, sample, featuresOf(sample, noise, style, false)), printing: { kind: 'positioned' } };
}
