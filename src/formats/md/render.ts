/**
 * The annual report (条例 Art. 50) as GitHub-flavoured Markdown: title, sections 一 … 六, tables as pipe tables.
 * Pipe tables cannot merge cells, so each table is the grid of core/annual-report/layout.ts flattened: a row label
 * spanning several rows is repeated on each (every row reads on its own), the slots a cell spans to its right and
 * the slots under a spanning header are left blank; header rows after the first are set in bold.
 */
import { formatCell, placeCells, tableLayout, type TableLayout } from '../../core/annual-report/layout.ts';
import { templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import type { SectionDef, TableKey } from '../../core/annual-report/templates/index.ts';
import { EMPTY_SECTION_ZH, NO_ORGANIZATION_ZH, paragraphs, reportTitle } from '../report-text.ts';

/** Printed instead of a table the report lacks (null), never zeros. */
export const MISSING_TABLE_MD = '（本部分表格缺失）';

/** Backslash-escape Markdown/HTML punctuation in inline text (CommonMark lets any ASCII punctuation be escaped). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** Escape a paragraph: inline punctuation, and a leading list/heading/quote marker so it stays plain text. */
function escapeParagraph(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

interface Slot {
  readonly text: string;
  readonly header: boolean;
}

/** The layout as a full grid of texts (see the file comment for how merged cells are flattened). */
function flatten(layout: TableLayout): Slot[][] {
  const grid: Slot[][] = layout.rows.map(() =>
    Array.from({ length: layout.width }, () => ({ text: '', header: false })),
  );
  for (const { row, col, cell } of placeCells(layout)) {
    const text = cell.kind === 'value' ? formatCell(cell.value) : cell.text;
    const header = cell.kind === 'header';
    for (let dr = 0; dr < cell.rowSpan; dr += 1) {
      const line = grid[row + dr];
      if (!line) continue;
      for (let dc = 0; dc < cell.colSpan; dc += 1) {
        // Only the top-left slot holds the text, except row labels, repeated down their span.
        const shown = dc === 0 && (dr === 0 || cell.kind === 'label');
        line[col + dc] = { text: shown ? text : '', header };
      }
    }
  }
  return grid;
}

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One table as a pipe table; the first layout row is the Markdown header row. */
export function markdownTable(layout: TableLayout): string {
  const [first, ...rest] = flatten(layout);
  if (!first) return '';
  const cell = (s: Slot, bold: boolean): string =>
    s.text === '' ? '' : bold && s.header ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text);
  return [
    pipeRow(first.map((s) => cell(s, false))),
    pipeRow(first.map(() => '---')),
    ...rest.map((line) => pipeRow(line.map((s) => cell(s, true)))),
  ].join('\n');
}

function tableSection(report: AnnualReport, table: TableKey): string {
  if (report[table] === null) return MISSING_TABLE_MD;
  return markdownTable(tableLayout(report, table));
}

function narrativeSection(text: string | null): string {
  const ps = paragraphs(text);
  return ps.length === 0 ? EMPTY_SECTION_ZH : ps.map(escapeParagraph).join('\n\n');
}

function section(report: AnnualReport, s: SectionDef): string {
  const body =
    s.kind === 'table' ? tableSection(report, s.key as TableKey) : narrativeSection(report.sections[s.key as 'overview']);
  return `## ${escapeMarkdown(s.heading)}\n\n${body}`;
}

/** The whole report as Markdown (UTF-8 text ending in a newline). Never throws on report content. */
export function renderMarkdown(report: AnnualReport): string {
  const head = [`# ${escapeMarkdown(reportTitle(report))}`];
  if (!report.organization?.trim()) head.push(NO_ORGANIZATION_ZH);
  const body = templateOf(report).sections.map((s) => section(report, s));
  return `${[...head, ...body].join('\n\n')}\n`;
}
