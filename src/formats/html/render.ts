/**
 * The annual report (条例 Art. 50) as HTML: an `<article>` fragment for the web app, and a complete printable page
 * (A4) that the PDF renderer prints with Chromium. Tables come from core/annual-report/layout.ts; findings of the
 * validator, when given, highlight the cells they name and are listed at the end; cell sources of an imported report,
 * when given, mark every value as read, inferred or missing with its source text, explained by a legend.
 */
import type { Finding } from '../../core/annual-report/findings.ts';
import { tableLayout } from '../../core/annual-report/layout.ts';
import { templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import type { NarrativeKey, SectionDef, TableKey } from '../../core/annual-report/templates/index.ts';
import { EMPTY_SECTION_ZH, MISSING_TABLE_ZH, NO_ORGANIZATION_ZH, paragraphs, reportTitle } from '../report-text.ts';
import { escapeHtml } from './escape.ts';
import { cellMarks, markAttributes, markClasses, renderFindingsList, sectionPath, type CellMark } from './findings.ts';
import { PROVENANCE_CSS, renderProvenanceLegend, type CellSources } from './provenance.ts';
import { REPORT_CSS } from './style.ts';
import { renderTable } from './table.ts';

export { escapeHtml } from './escape.ts';
export { cellId, renderFindingsList } from './findings.ts';
export { PROVENANCE_CSS, sourceText, type CellSource, type CellSources } from './provenance.ts';
export { REPORT_CSS } from './style.ts';

export interface HtmlOptions {
  /** Validator findings: their cells are highlighted and the findings listed after section 六. */
  readonly findings?: readonly Finding[];
  /**
   * Where each value came from (an imported report), by cell path: value cells get `cell-read` / `cell-inferred` /
   * `cell-missing`, a title and a hidden description of their source, and are focusable; a legend follows the title.
   */
  readonly provenance?: CellSources;
}

function narrative(text: string | null): string {
  const ps = paragraphs(text);
  if (ps.length === 0) return `<p class="placeholder">${EMPTY_SECTION_ZH}</p>`;
  return ps.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

function table(report: AnnualReport, key: TableKey, marks: ReadonlyMap<string, CellMark>, sources: CellSources | undefined): string {
  // A missing table is not a table of zeros (spec: missing.section): say so instead of printing a grid.
  if (report[key] === null) return `<p class="missing-table" role="note">${MISSING_TABLE_ZH}</p>`;
  return renderTable(tableLayout(report, key), marks, sources);
}

function section(report: AnnualReport, s: SectionDef, marks: ReadonlyMap<string, CellMark>, sources: CellSources | undefined): string {
  const id = `section-${s.key}`;
  const body = s.kind === 'table' ? table(report, s.key as TableKey, marks, sources) : narrative(report.sections[s.key as NarrativeKey]);
  // Findings on a whole section (text.problems, missing.section…): mark the section.
  const mark = marks.get(sectionPath(s));
  const classes = markClasses(mark);
  const cls = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
  return `<section id="${id}"${cls} aria-labelledby="${id}-heading"${markAttributes(mark)}>\n<h2 id="${id}-heading">${escapeHtml(s.heading)}</h2>\n${body}\n</section>`;
}

/** The report as an `<article>` fragment (title, sections 一 … 六, then the findings list when findings are given). */
export function renderReportArticle(report: AnnualReport, options: HtmlOptions = {}): string {
  const marks = cellMarks(options.findings ?? []);
  const meta = report.organization?.trim() ? '' : `\n<p class="report-meta">${NO_ORGANIZATION_ZH}</p>`;
  const legend = options.provenance ? `\n${renderProvenanceLegend()}` : '';
  const parts = [
    `<article class="annual-report" lang="zh-CN">`,
    `<header>\n<h1>${escapeHtml(reportTitle(report))}</h1>${meta}${legend}\n</header>`,
    ...templateOf(report).sections.map((s) => section(report, s, marks, options.provenance)),
    ...(options.findings ? [renderFindingsList(options.findings, report)] : []),
    '</article>',
  ];
  return parts.join('\n');
}

/** A complete printable HTML page (A4, embedded CSS) of the report. Never throws on report content. */
export function renderHtmlDocument(report: AnnualReport, options: HtmlOptions = {}): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(reportTitle(report))}</title>`,
    `<style>${REPORT_CSS}${options.provenance ? PROVENANCE_CSS : ''}</style>`,
    '</head>',
    '<body class="report-page">',
    renderReportArticle(report, options),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
