/**
 * Staff views of the catalog: the documents or decisions behind a table 二 cell (drill-down from the year tables).
 */
import type { DecisionRow } from '../../app/catalog/ports.ts';
import { documentUrl } from '../../app/catalog/documents.ts';
import type { DocumentFacts } from '../../core/catalog/table2.ts';
import { fenToWanYuan } from '../../core/catalog/table2.ts';
import { DECISION_KIND_LABELS, DOCUMENT_KIND_LABELS, DOCUMENT_STATE_LABELS, VALIDITY_LABELS } from '../../core/catalog/terms.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CASES_CSS, type SessionView } from './cases.ts';
import { page } from './layout.ts';

/** The documents (规章, 规范性文件) or decisions behind one cell of table 二. */
export function proactiveCellPage(input: { title: string; back: string; total: number; documents?: readonly (DocumentFacts & { title: string })[]; decisions?: readonly DecisionRow[]; session: SessionView; next?: string | null }): string {
  const head = (cols: string[]) => `<thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`;
  const list = input.documents
    ? `<table class="list">${head(['标题', '类别', '成文日期', '发布日期', '状态', '有效性'])}<tbody>${input.documents
        .map((d) => `<tr><td><a href="${documentUrl(d.id)}">${escapeHtml(d.title)}</a></td><td>${DOCUMENT_KIND_LABELS[d.kind].zh}</td><td class="nowrap">${d.writtenOn ?? ''}</td><td class="nowrap">${d.publishedOn ?? ''}</td><td>${DOCUMENT_STATE_LABELS[d.state].zh}</td><td>${VALIDITY_LABELS[d.validity].zh}${d.validityOn ? `（${d.validityOn}）` : ''}</td></tr>`)
        .join('')}</tbody></table>`
    : `<table class="list">${head(['事项', '类别', '决定日期', '金额（万元）', '文号', '来源'])}<tbody>${(input.decisions ?? [])
        .map((x) => `<tr><td>${escapeHtml(x.matter)}</td><td>${DECISION_KIND_LABELS[x.kind].zh}</td><td class="nowrap">${x.decidedOn}</td><td class="num">${x.amountFen === null ? '' : fenToWanYuan(x.amountFen)}</td><td>${escapeHtml(x.ref ?? '')}</td><td>${escapeHtml(x.source)}</td></tr>`)
        .join('')}</tbody></table>`;
  const shown = (input.documents ?? input.decisions ?? []).length;
  return page({
    title: input.title,
    css: CASES_CSS,
    nav: 'tables',
    session: input.session,
    body: `<p><a href="${input.back}">← 返回表格</a></p><h1>${escapeHtml(input.title)}</h1><p class="lead">共 ${input.total} 条${input.total > shown ? `，本页列出 ${shown} 条` : ''}</p><div class="table-scroll" role="region" aria-label="明细" tabindex="0">${list}</div>${input.next ? `<p><a href="?cursor=${encodeURIComponent(input.next)}">下一页</a></p>` : ''}`,
  });
}
