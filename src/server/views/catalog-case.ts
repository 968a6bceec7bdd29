/**
 * The catalog on the case desk: the published documents that may already hold what an application asks for
 * (条例第三十六条第一项 — the answer tells the applicant where: 索引号 and address), at intake and on the case page;
 * and 依申请公开转主动公开 (条例第四十四条): the documents drafted from the case, or the button that drafts one.
 */
import type { RelatedDocument } from '../../app/fulltext/related.ts';
import { DOCUMENT_STATE_LABELS, VALIDITY_LABELS } from '../../core/catalog/terms.ts';
import type { DocumentSummary } from '../../app/catalog/ports.ts';
import { escapeHtml } from '../../formats/html/escape.ts';

/** A found document with what the list needs beside the hit. */
export interface FoundDocument extends RelatedDocument {
  readonly indexNo: string | null;
  readonly publisher: string;
  /** The document's address on this site (absolute, for the answer's text). */
  readonly link: string;
}

/** The sentence an answer under 条例第三十六条第一项 can use. */
export const citation = (d: FoundDocument): string =>
  `您申请的信息已于${d.hit.publishedOn ?? ''}主动公开，见《${d.hit.title}》${d.hit.docNumber ? `（${d.hit.docNumber}）` : ''}${d.indexNo ? `，索引号：${d.indexNo}` : ''}，可通过 ${d.link} 查阅。`;

/** The list of found documents (or why there is none). `terms`: what was searched, shown so the handler can judge. */
export function foundDocumentsSection(input: { readonly terms: readonly string[]; readonly documents: readonly FoundDocument[]; readonly heading: string; readonly idPrefix: string }): string {
  const intro = `<p class="hint">按申请内容检索本站政府信息公开目录中已发布的文件（检索词：${input.terms.length > 0 ? input.terms.map((t) => `<code>${escapeHtml(t)}</code>`).join(' ') : '无'}）。已经主动公开的，答复时告知获取的方式和途径（条例第三十六条第一项）。</p>`;
  if (input.terms.length === 0) return `<section class="card" aria-labelledby="${input.idPrefix}-h"><h2 id="${input.idPrefix}-h">${input.heading}</h2>${intro}<p>申请内容中没有可检索的词。</p></section>`;
  const items = input.documents
    .map((d, i) => `<li><a href="${escapeHtml(d.hit.url)}">${d.hit.titleHtml}</a> <span class="muted">${escapeHtml(d.publisher)} · ${d.hit.publishedOn ?? ''}${d.indexNo ? ` · 索引号 ${escapeHtml(d.indexNo)}` : ''}${d.hit.validity === 'valid' ? '' : ` · ${escapeHtml(VALIDITY_LABELS[d.hit.validity as keyof typeof VALIDITY_LABELS]?.zh ?? d.hit.validity)}`}</span>
<br><small>${d.hit.snippetHtml}</small><br><small>匹配：${d.terms.map((t) => escapeHtml(t)).join('、')}</small>
<details><summary>答复引用</summary><label for="${input.idPrefix}-cite-${i}">可复制到答复内容</label><textarea id="${input.idPrefix}-cite-${i}" readonly rows="3">${escapeHtml(citation(d))}</textarea></details></li>`)
    .join('');
  return `<section class="card steps" aria-labelledby="${input.idPrefix}-h"><h2 id="${input.idPrefix}-h">${input.heading}</h2>${intro}${items ? `<ol class="found">${items}</ol>` : '<p>没有找到已发布的相关文件。</p>'}</section>`;
}

/** 条例第四十四条 on the case page: the documents drafted from this case, or the form that drafts one. */
export function releaseSection(input: { readonly caseId: string; readonly documents: readonly DocumentSummary[]; readonly canRelease: boolean; readonly csrfToken: string }): string {
  const docs = input.documents.map((d) => `<li><a href="/console/catalog/documents/${encodeURIComponent(d.id)}">${escapeHtml(d.title)}</a>（${DOCUMENT_STATE_LABELS[d.state].zh}${d.indexNo ? `，索引号 ${escapeHtml(d.indexNo)}` : ''}）</li>`).join('');
  const form = input.canRelease
    ? `<form method="post" action="/applications/${encodeURIComponent(input.caseId)}/release"><input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}">
<p class="hint">以本申请的内容和答复生成公开目录文件草稿（拟稿），经保密审查后发布；申请人的个人信息不写入草稿。</p><button type="submit">纳入主动公开（生成草稿）</button></form>`
    : '';
  if (!docs && !form) return '';
  return `<section class="card" aria-labelledby="release-h"><h2 id="release-h">依申请公开转主动公开（条例第四十四条）</h2>${docs ? `<ul>${docs}</ul>` : ''}${form}</section>`;
}
