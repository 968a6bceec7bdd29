/**
 * Layout `html` — the report as a page of a government website: the CMS chrome (site name, breadcrumbs, publication
 * date and view count, footer with the ICP number), the article pasted from Word (paragraphs with inline styles,
 * bold headings) and the three tables as Word pastes them: rowspan/colspan exactly as the template merges cells
 * (core/annual-report/layout.ts), every cell a `<p><span>`, blank cells as `&nbsp;` or empty, sometimes header rows in
 * `<thead>`, labels broken by `<br>`, table 三 now and then cut into two tables (pasted page by page), and now and
 * then the whole article inside a layout table. The `chromiumPdf` layout prints this same page.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { escapeHtml } from '../../html/escape.ts';
import { documentBlocks, featuresOf, textDoc, titleOf, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCells, splitLabel, splitTable, type GridCell, type PrintedTable } from '../grid.ts';
import { below, chance, pick } from '../names.ts';
import { pickNoise, type Noise } from '../noise.ts';
import type { PublishedSample } from '../sample.ts';

export interface HtmlStyle {
  /** Header rows in <thead> with <th> (always when printing: Chromium repeats them on every page). */
  readonly thead: boolean;
  readonly nbspBlanks: boolean;
  readonly brLabels: boolean;
  readonly splitApplications: boolean;
  readonly layoutTable: boolean;
  readonly chrome: boolean;
  readonly headingTag: 'h3' | 'strong';
}

/** The style of a web page (random) or of a page made for printing. */
export function htmlStyle(rng: Rng, forPrint: boolean): HtmlStyle {
  return {
    thead: forPrint || chance(rng, 0.3),
    nbspBlanks: chance(rng, 0.6),
    brLabels: chance(rng, 0.25),
    splitApplications: chance(rng, 0.12),
    layoutTable: !forPrint && chance(rng, 0.15),
    chrome: !forPrint && chance(rng, 0.7),
    headingTag: chance(rng, 0.5) ? 'h3' : 'strong',
  };
}

function cellHtml(cell: GridCell, tag: 'td' | 'th', style: HtmlStyle, rng: Rng): string {
  const spans = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
  let inner: string;
  if (cell.text === '') inner = style.nbspBlanks ? '<p>&nbsp;</p>' : '';
  else if (cell.kind !== 'value' && style.brLabels && cell.text.length >= 8 && chance(rng, 0.4)) {
    inner = `<p>${splitLabel(cell.text, rng).map(escapeHtml).join('<br/>')}</p>`;
  } else {
    const pad = cell.kind === 'value' && chance(rng, 0.1) ? '&nbsp;' : '';
    inner = `<p align="center"><span style="font-family:仿宋_GB2312;font-size:14px">${pad}${escapeHtml(cell.text)}${pad}</span></p>`;
  }
  const cls = cell.kind === 'value' ? ' class="v"' : '';
  return `<${tag}${spans}${cls} valign="center">${inner}</${tag}>`;
}

function tableHtml(t: PrintedTable, style: HtmlStyle, rng: Rng): string {
  const heads = style.thead ? headRowCount(t) : 0;
  const row = (r: number, tag: 'td' | 'th') => `<tr>${rowCells(t, r).map((c) => cellHtml(c, tag, style, rng)).join('')}</tr>`;
  const rows = t.rowKinds.map((_, r) => r);
  const head = rows.slice(0, heads).map((r) => row(r, 'th'));
  const body = rows.slice(heads).map((r) => row(r, 'td'));
  return [
    '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">',
    ...(head.length > 0 ? ['<thead>', ...head, '</thead>'] : []),
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
  ].join('\n');
}

function tablesHtml(t: PrintedTable, style: HtmlStyle, noise: Noise, rng: Rng): string {
  if (t.table !== 'applications' || !style.splitApplications) return tableHtml(t, style, rng);
  const heads = headRowCount(t);
  const at = heads + 2 + below(rng, t.rowKinds.length - heads - 3);
  const [a, b] = splitTable(t, at, noise.repeatHeader);
  return `${tableHtml(a, style, rng)}\n<p>&nbsp;</p>\n${tableHtml(b, style, rng)}`;
}

/** The article: title, headings, paragraphs and tables. */
function articleHtml(sample: PublishedSample, style: HtmlStyle, noise: Noise, rng: Rng, info: string): string[] {
  const out: string[] = [];
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') out.push(`<h1 class="title">${escapeHtml(block.text)}</h1>`, info);
    else if (block.kind === 'heading') {
      out.push(style.headingTag === 'h3' ? `<h3>${escapeHtml(block.text)}</h3>` : `<p style="text-indent:2em"><strong>${escapeHtml(block.text)}</strong></p>`);
    } else if (block.kind === 'paragraph') out.push(`<p style="text-indent:2em;line-height:2">${escapeHtml(block.text)}</p>`);
    else out.push(tablesHtml(block.table, style, noise, rng));
  }
  return out;
}

const PRINT_CSS = `
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
td, th { border: 1px solid #000; padding: 2px; font-weight: normal; text-align: center; }
td.v { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
h1 { font-size: 18pt; text-align: center; }
`;

/** The page printed by Chromium: page numbers (and a running header) in the @page margin boxes. */
function printCss(sample: PublishedSample, noise: Noise): string {
  const number = {
    dash: '"— " counter(page) " —"',
    hyphen: '"- " counter(page) " -"',
    di: '"第 " counter(page) " 页"',
    diGong: '"第" counter(page) "页 共" counter(pages) "页"',
    slash: 'counter(page) "/" counter(pages)',
    bare: 'counter(page)',
  }[noise.pageNumber];
  const header = noise.pageHeader ? `@top-center { content: "${titleOf(sample)}"; font-size: 9pt; }` : '';
  return `@page { size: A4; margin: 20mm 15mm; @bottom-center { content: ${number}; font-size: 10pt; } ${header} }${PRINT_CSS}`;
}

/** The full HTML page of a sample (a web page, or with forPrint the page Chromium prints) and its features. */
export function htmlPage(sample: PublishedSample, rng: Rng, forPrint: boolean): { html: string; features: string[] } {
  const noise = pickNoise(rng);
  const style = htmlStyle(rng, forPrint);
  const title = titleOf(sample);
  const year = (sample.report.year ?? 2020) + 1;
  const info = style.chrome
    ? `<div class="info">发布时间：${year}-01-${String(10 + below(rng, 19))}\u3000来源：${escapeHtml(sample.org.name)}\u3000浏览次数：${below(rng, 5000)}</div>`
    : '';
  let body = articleHtml(sample, style, noise, rng, info).join('\n');
  if (style.layoutTable) body = `<table width="100%"><tr><td>\n${body}\n</td></tr></table>`;
  const top = style.chrome
    ? [`<div class="top">${escapeHtml(sample.org.place)}人民政府门户网站</div>`, '<div class="nav">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>']
    : [];
  const bottom = style.chrome
    ? [`<div class="footer">主办单位：${escapeHtml(sample.org.place)}人民政府办公室\u3000网站标识码：${4100000000 + below(rng, 99999999)}\u3000${pick(rng, ['豫', '湘', '赣', '皖'])}ICP备${10000000 + below(rng, 89999999)}号</div>`]
    : [];
  const html = [
    '<!DOCTYPE html>',
    '<html>',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${forPrint ? `<style>${printCss(sample, noise)}</style>` : ''}</head>`,
    '<body>',
    ...top,
    '<div class="article">',
    body,
    '</div>',
    ...bottom,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, features: featuresOf(sample, noise, style, forPrint) };
}

/** Render a sample as a page of a government website. */
export function renderHtml(sample: PublishedSample, rng: Rng): PublishedDoc {
  const page = htmlPage(sample, rng, false);
  return textDoc('html', 'html', page.html, sample, page.features);
}
