/**
 * Validator findings (core/annual-report/findings.ts) on the HTML page: the marks on the cells they name, and the list
 * that explains them. Cells and list items link both ways: a marked cell is described by its list items
 * (aria-describedby), and each list item links to its cells (`#cell-<path>`).
 */
import type { Finding, Severity } from '../../core/annual-report/findings.ts';
import { tableLayout } from '../../core/annual-report/layout.ts';
import { templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { TABLE_KEYS, tableCells } from '../../core/annual-report/templates/index.ts';
import { escapeHtml } from './escape.ts';

const SEVERITY_ZH: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The findings on one cell (or narrative section, path `sections.<key>`): the worst severity, whether it is the
 * first cell of a finding (the one to look at), the ids of their list items and their Chinese messages.
 */
export interface CellMark {
  readonly severity: Severity;
  readonly primary: boolean;
  readonly ids: readonly string[];
  readonly messages: readonly string[];
}

/** The id of a value cell: `cell-` + its full path (e.g. `cell-applications.total.natural`). */
export function cellId(path: string): string {
  return `cell-${path}`;
}

const SECTION_PREFIX = 'sections.';

/**
 * The anchor a finding links to: the value cell; or the section, for `sections.<key>` (a narrative: text.problems)
 * and for a bare table key (`applications`: missing.section).
 */
export function anchorId(path: string): string {
  if (path.startsWith(SECTION_PREFIX)) return `section-${path.slice(SECTION_PREFIX.length)}`;
  return path.includes('.') ? cellId(path) : `section-${path}`;
}

/** The path by which findings name a whole section: `sections.<key>` for narratives, the table key for tables. */
export function sectionPath(section: { readonly key: string; readonly kind: 'narrative' | 'table' }): string {
  return section.kind === 'narrative' ? `${SECTION_PREFIX}${section.key}` : section.key;
}

/** The id of the list item of the i-th finding (0-based), as rendered by renderFindingsList. */
export function findingId(index: number): string {
  return `finding-${index + 1}`;
}

/** Marks by cell path for every cell named in a finding's `cells`. */
export function cellMarks(findings: readonly Finding[]): Map<string, CellMark> {
  const marks = new Map<string, CellMark>();
  findings.forEach((f, i) => {
    [...new Set(f.cells)].forEach((path, n) => {
      const old = marks.get(path);
      marks.set(path, {
        severity: old && RANK[old.severity] <= RANK[f.severity] ? old.severity : f.severity,
        primary: (old?.primary ?? false) || n === 0,
        ids: [...(old?.ids ?? []), findingId(i)],
        messages: [...(old?.messages ?? []), f.messageZh],
      });
    });
  });
  return marks;
}

/** Classes of a cell or section named by findings: `finding finding-<severity>` (+ `finding-primary`). */
export function markClasses(mark: CellMark | undefined): string[] {
  if (!mark) return [];
  return ['finding', `finding-${mark.severity}`, ...(mark.primary ? ['finding-primary'] : [])];
}

/** aria-describedby (the findings list items) and title (their Chinese messages) of a marked element. */
export function markAttributes(mark: CellMark | undefined): string {
  if (!mark) return '';
  return ` aria-describedby="${escapeHtml(mark.ids.join(' '))}" title="${escapeHtml(mark.messages.join('\n'))}"`;
}

/** Paths the page prints (sections, cells of the tables present), with a label for people. */
function printedCells(report: AnnualReport): Map<string, string> {
  const template = templateOf(report);
  const labels = new Map<string, string>();
  for (const s of template.sections) labels.set(sectionPath(s), s.heading);
  for (const table of TABLE_KEYS) {
    if (report[table] === null) continue;
    const names = new Map(tableCells(template, table).map((c) => [c.path, `${c.rowLabel}·${c.column.label}`]));
    for (const row of tableLayout(report, table).rows) {
      for (const cell of row.cells) {
        if (cell.kind === 'value') labels.set(cell.cell.path, names.get(cell.cell.path) ?? cell.cell.path);
      }
    }
  }
  return labels;
}

/** Cells linked by name in a finding; the rest are counted (a column rule names twenty cells). */
const LINKED_CELLS = 3;

function cellLinks(paths: readonly string[], printed: Map<string, string> | null): string {
  const more = paths.length > LINKED_CELLS ? `等 ${paths.length} 个单元格` : '';
  return paths
    .slice(0, LINKED_CELLS)
    .map((path) => {
      const name = printed ? printed.get(path) : path;
      // A cell the page does not print (its table is missing) cannot be linked to: name its path.
      if (name === undefined) return `<code>${escapeHtml(path)}</code>`;
      return `<a href="#${escapeHtml(anchorId(path))}">${escapeHtml(name)}</a>`;
    })
    .join('、') + more;
}

/**
 * The findings as an ordered list (`<section class="findings">`), each item linking to its cells. Pass the report
 * to name the cells in words and link only cells the page prints. Never throws.
 */
export function renderFindingsList(findings: readonly Finding[], report?: AnnualReport): string {
  const printed = report ? printedCells(report) : null;
  const items = findings.map((f, i) => {
    const cells = f.cells.length > 0 ? `<span class="finding-cells">位置：${cellLinks(f.cells, printed)}</span>` : '';
    return (
      `<li id="${findingId(i)}" class="finding-${f.severity}">` +
      `<span class="finding-severity">${SEVERITY_ZH[f.severity]}</span> ` +
      `<code class="finding-code">${escapeHtml(f.code)}</code> ` +
      `<span class="finding-message">${escapeHtml(f.messageZh)}</span>${cells ? ` ${cells}` : ''}</li>`
    );
  });
  const body = items.length > 0 ? `<ol>\n${items.join('\n')}\n</ol>` : '<p>校验未发现问题。</p>';
  return (
    `<section class="findings" aria-labelledby="findings-heading">\n` +
    `<h2 id="findings-heading">校验结果（${findings.length}项）</h2>\n${body}\n</section>`
  );
}
