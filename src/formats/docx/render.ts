/**
 * Annual report → Word document (docx). Laid out like a Chinese government document (GB/T 9704-2012 党政机关公文格式):
 * A4, 版心 156 mm × 225 mm, title in 小标宋 二号, headings 一 … 六 in 黑体 三号, body in 仿宋_GB2312 三号 with a
 * two-character first-line indent, page numbers “— 1 —”. The three tables are real Word tables whose merged cells
 * come from core/annual-report/layout.ts (the one description of the template's printed layout). Blank cells stay
 * blank and a missing table is said to be missing: neither is ever printed as zero.
 */
import { reportTitle } from '../report-text.ts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatCell, placeCells, tableLayout, type PlacedCell, type TableLayout } from '../../core/annual-report/layout.ts';
import { templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import type { NarrativeKey, TableKey } from '../../core/annual-report/templates/index.ts';
import { A4_PAGE, BODY_SPACING, FONT, INDENT, SIZE, TEXT_WIDTH } from './gbt9704.ts';

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/** Printed in place of a table the report lacks (spec: an absent section is never zero). */
export const MISSING_TABLE = '本部分表格缺失（不得视为零）';
/** Printed for a narrative section that is null or empty. */
export const EMPTY_SECTION = '（未填写）';

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, ...options });

/** Characters of 二号 text on one line of the 156 mm 版心. */
const TITLE_LINE = 20;

function titleParagraph(report: AnnualReport): Paragraph {
  const org = report.organization ?? '';
  const rest = reportTitle({ organization: null, year: report.year });
  const style = { font: FONT.title, size: SIZE.title };
  // A title too long for one line breaks after the organisation's name, not in the middle of a word.
  const children =
    org !== '' && org.length + rest.length > TITLE_LINE
      ? [run(org, style), run(rest, { ...style, break: 1 })]
      : [run(`${org}${rest}`, style)];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 560, line: 700, lineRule: LineRuleType.EXACT },
    children,
  });
}

function heading(text: string, afterTable: boolean): Paragraph {
  return new Paragraph({
    keepNext: true,
    indent: INDENT,
    // Half a line of air below a table (Word drops it at the top of a page).
    spacing: { ...BODY_SPACING, before: afterTable ? 280 : 0 },
    children: [run(text, { font: FONT.heading, size: SIZE.body })],
  });
}

function bodyParagraph(text: string, options: Omit<IRunOptions, 'text'> = {}): Paragraph {
  return new Paragraph({
    indent: INDENT,
    spacing: BODY_SPACING,
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, { font: FONT.body, size: SIZE.body, ...options })],
  });
}

/** A narrative section: one paragraph per non-empty line (the indent replaces leading spaces), or （未填写）. */
function narrative(text: string | null): Paragraph[] {
  const lines = (text ?? '').split(/\r\n|\r|\n/).map((l) => l.replace(/^[\s\u3000]+/, '').trimEnd()).filter((l) => l !== '');
  return lines.length > 0 ? lines.map((l) => bodyParagraph(l)) : [bodyParagraph(EMPTY_SECTION)];
}

/**
 * Grid column widths in twips. The tables stay on the portrait page, as the template prints them: table 四's fifteen
 * columns get 10.4 mm each, which holds a two-character line of 五号 text, so 结果维持 wraps 结果/维持 as published;
 * a landscape section would turn one page of a bound report sideways for a single table.
 */
function columnWidths(table: TableKey, width: number): number[] {
  const even = (n: number, total: number) => {
    const each = Math.floor(total / n);
    return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - each * (n - 1) : each));
  };
  if (table === 'applications') {
    const values = 660; // five digits of 五号 Times New Roman
    const labels = TEXT_WIDTH - values * (width - 3);
    return [560, 1040, labels - 560 - 1040, ...new Array<number>(width - 3).fill(values)];
  }
  if (table === 'proactive') return [2244, ...even(width - 1, TEXT_WIDTH - 2244)];
  return even(width, TEXT_WIDTH);
}

function cellParagraph(text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false): Paragraph {
  return new Paragraph({
    alignment,
    spacing: { line: 260, lineRule: LineRuleType.AUTO },
    // The paragraph mark's size sets the height of an empty cell: keep blank rows as tall as filled ones.
    run: { size: SIZE.table },
    children: text === '' ? [] : [run(text, { font: FONT.body, size: SIZE.table, bold })],
  });
}

function layoutCell(p: PlacedCell, width: number): TableCell {
  const c = p.cell;
  const common = {
    columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
    // Vertical merges are written explicitly (restart here, continue below) rather than through docx's rowSpan.
    verticalMerge: c.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
  };
  if (c.kind === 'value') return new TableCell({ ...common, children: [cellParagraph(formatCell(c.value), AlignmentType.CENTER)] });
  const centered = c.kind === 'header' || c.rowSpan > 1;
  return new TableCell({ ...common, children: [cellParagraph(c.text, centered ? AlignmentType.CENTER : AlignmentType.LEFT)] });
}

function continuation(colSpan: number, width: number): TableCell {
  return new TableCell({
    columnSpan: colSpan > 1 ? colSpan : undefined,
    verticalMerge: VerticalMergeType.CONTINUE,
    width: { size: width, type: WidthType.DXA },
    children: [cellParagraph('', AlignmentType.LEFT)],
  });
}

/** A Word table from the layout: each grid row lists its own cells plus the continuations of cells merged from above. */
function wordTable(layout: TableLayout): Table {
  const widths = columnWidths(layout.table, layout.width);
  const span = (col: number, n: number) => widths.slice(col, col + n).reduce((a, b) => a + b, 0);
  const placed = placeCells(layout);
  const headRows = layout.rows.findIndex((r) => r.kind !== 'head');
  const rows = layout.rows.map((_, r) => {
    const here = placed
      .filter((p) => p.row <= r && r < p.row + p.cell.rowSpan)
      .sort((a, b) => a.col - b.col)
      .map((p) => {
        const width = span(p.col, p.cell.colSpan);
        return p.row === r ? layoutCell(p, width) : continuation(p.cell.colSpan, width);
      });
    // Header rows repeat on every page; no row breaks across pages.
    return new TableRow({ children: here, tableHeader: r < headRows, cantSplit: true });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
  });
}

function tableSection(report: AnnualReport, table: TableKey): (Paragraph | Table)[] {
  if (report[table] === null) return [bodyParagraph(MISSING_TABLE, { bold: true })];
  return [wordTable(tableLayout(report, table))];
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.pageNumber, size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** The report as a .docx file: title, sections 一 … 六, tables 二 三 四 with merged cells. Never rejects on report content. */
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  const template = templateOf(report);
  const children: (Paragraph | Table)[] = [titleParagraph(report)];
  template.sections.forEach((section, i) => {
    const previous = template.sections[i - 1];
    const afterTable = previous?.kind === 'table' && report[previous.key as TableKey] !== null;
    children.push(heading(section.heading, afterTable));
    if (section.kind === 'table') children.push(...tableSection(report, section.key as TableKey));
    else children.push(...narrative(report.sections[section.key as NarrativeKey]));
  });
  const doc = new Document({
    creator: 'gongkai',
    title: reportTitle(report),
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: A4_PAGE,
        },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
