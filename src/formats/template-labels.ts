/**
 * Every label a rendered annual report must print, walked from the template data (never re-typed), in the order a
 * reader meets them on the printed form: section headings 一 … 六, and inside each table its header cells row by row
 * (top to bottom, left to right) followed by its row labels. Shared by the format tests (Markdown, HTML, PDF, DOCX):
 * a renderer that drops or reorders a label fails them.
 */
import type { ReportTemplate } from '../core/annual-report/templates/index.ts';

function proactiveLabels(t: ReportTemplate): string[] {
  // Variant columns are printed only by reports that carry them, so they are not template labels.
  return t.proactive.groups.flatMap((g) => [
    g.label,
    ...g.columns.filter((c) => !c.variant).map((c) => c.label),
    ...g.rows.map((r) => r.label),
  ]);
}

function applicationLabels(t: ReportTemplate): string[] {
  const a = t.applications;
  const [natural, ...rest] = a.columns.map((c) => c.label);
  const total = rest.pop();
  // Header as printed: note | 申请人情况 / 自然人 | 法人或其他组织 | 总计 / 商业企业 … 其他.
  const head = [a.balanceNote, a.applicantHeader, natural, a.legalPersonHeader, total, ...rest];
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const r of a.rows) {
    if (r.level === 'result' && !seen.has(a.resultsLabel)) {
      seen.add(a.resultsLabel);
      rows.push(a.resultsLabel);
    }
    if (r.group && !seen.has(r.group.key)) {
      seen.add(r.group.key);
      rows.push(r.group.label);
    }
    rows.push(r.label);
  }
  return [...head, ...rows].filter((l): l is string => l !== undefined);
}

function reviewLabels(t: ReportTemplate): string[] {
  const { groups, columns } = t.reviewLitigation;
  const [first, ...litigation] = groups;
  const cols = columns.map((c) => c.label);
  const parent = litigation[0]?.parentLabel;
  // Header as printed: 行政复议 | 行政诉讼 / 5 columns of 行政复议 | 未经复议直接起诉 | 复议后起诉 / 5 columns twice.
  return [
    ...(first ? [first.label] : []),
    ...(parent ? [parent] : []),
    ...cols,
    ...litigation.map((g) => g.label),
    ...litigation.flatMap(() => cols),
  ];
}

/** The template's labels in printed reading order (headings, then each table's header cells and row labels). */
export function templateLabels(template: ReportTemplate): string[] {
  return template.sections.flatMap((s) => {
    if (s.key === 'proactive') return [s.heading, ...proactiveLabels(template)];
    if (s.key === 'applications') return [s.heading, ...applicationLabels(template)];
    if (s.key === 'reviewLitigation') return [s.heading, ...reviewLabels(template)];
    return [s.heading];
  });
}

/**
 * Whether every label occurs in `text` in order (each searched after the previous one); otherwise the first one
 * that does not. For the tests of every format.
 */
export function findLabelsInOrder(text: string, labels: readonly string[]): { ok: true } | { ok: false; missing: string; index: number } {
  let from = 0;
  for (const [index, l] of labels.entries()) {
    const at = text.indexOf(l, from);
    if (at < 0) return { ok: false, missing: l, index };
    from = at + l.length;
  }
  return { ok: true };
}
