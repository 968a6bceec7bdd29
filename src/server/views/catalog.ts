/**
 * The public pages of the 政府信息公开目录 (条例第二十三条、第二十四条), laid out as Chinese government sites do: the
 * catalog tree beside the list (索引号, 标题, 发布日期), filters and pagination; the detail page headed by its metadata
 * table (索引号, 主题分类, 发布机构, 成文日期, 文号, 发布日期, 有效性); attachments; the 解读 of a policy and the policy
 * of a 解读; Atom feeds and the sitemap. Usable at 360 px: the tree folds above the list, tables scroll.
 */
import type { Attachment, DocumentSummary } from '../../app/catalog/ports.ts';
import { documentUrl } from '../../app/catalog/documents.ts';
import type { CatalogDocument } from '../../core/catalog/document.ts';
import type { CatalogNode } from '../../core/catalog/tree.ts';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, VALIDITIES, VALIDITY_LABELS, itemLabel } from '../../core/catalog/terms.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

export const CATALOG_CSS = `
.xxgk{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem;align-items:start}
.xxgk nav.tree ul{list-style:none;margin:0;padding-left:.8rem}.xxgk nav.tree>ul{padding-left:0}
.xxgk nav.tree a{display:block;padding:.2rem 0;color:#0b4f8a;text-decoration:none}.xxgk nav.tree a[aria-current]{font-weight:bold;text-decoration:underline}
.xxgk details summary{cursor:pointer;font-weight:bold;padding:.3rem 0}
.doc-list{width:100%;border-collapse:collapse}.doc-list th,.doc-list td{border-bottom:1px solid #d8dde3;padding:.45rem .4rem;text-align:left;vertical-align:top}
.doc-list td.date,.doc-list td.index{white-space:nowrap;color:#333}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.6rem 0}.filters div{display:flex;flex-direction:column}
.meta{width:100%;border-collapse:collapse;margin:.8rem 0;background:#f7f9fb}.meta th,.meta td{border:1px solid #c9d1da;padding:.4rem .6rem;text-align:left}.meta th{width:7rem;background:#eef2f6;font-weight:normal;color:#222}
.doc-body{line-height:1.9;font-size:1.05rem;max-width:48rem}.doc-body img{max-width:100%}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;background:#eef2f6;color:#222}.badge.ended{background:#fde8e8;color:#8a1010}.badge.late{background:#fff3cd;color:#5c4400}
.searchbox{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.6rem 0}.searchbox input[type=search]{font:inherit;padding:.35rem .5rem;min-width:0;flex:1 1 12rem}
.pager{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.table-scroll{overflow-x:auto}
@media (max-width:720px){.xxgk{grid-template-columns:1fr}.meta th{width:5.5rem}.doc-list .index,.doc-list th.index{display:none}}
`;

/** The search box of /xxgk and an organisation's list: GET /xxgk/search (routes/catalog/search-page.ts). */
export const searchBox = (q: string, org?: string): string =>
  `<form class="searchbox" method="get" action="/xxgk/search" role="search"><label for="s-q">全文检索</label><input type="search" id="s-q" name="q" value="${escapeHtml(q)}" maxlength="200" placeholder="如：低保、拆迁补偿、公示">${org ? `<input type="hidden" name="org" value="${escapeHtml(org)}">` : ''}<button type="submit">检索</button></form>`;

const validityBadge = (d: Pick<DocumentSummary, 'validity' | 'validityOn'>): string =>
  `<span class="badge${d.validity === 'valid' ? '' : ' ended'}">${VALIDITY_LABELS[d.validity].zh}${d.validityOn && d.validity !== 'valid' ? `（${d.validityOn}）` : ''}</span>`;

/** GET /xxgk: the organisations, each with its catalog. */
export function catalogHomePage(orgs: readonly { id: string; name: string; parentId: string | null; count: number }[]): string {
  const byParent = (p: string | null): string => {
    const kids = orgs.filter((o) => o.parentId === p);
    return kids.length === 0 ? '' : `<ul>${kids.map((o) => `<li><a href="/xxgk/${encodeURIComponent(o.id)}">${escapeHtml(o.name)}</a> <span class="badge">${o.count} 件</span>${byParent(o.id)}</li>`).join('')}</ul>`;
  };
  return page({ title: '政府信息公开目录', nav: 'catalog', css: CATALOG_CSS, body: `<h1>政府信息公开目录</h1><p class="lead">各机关依《中华人民共和国政府信息公开条例》第二十条主动公开的政府信息，及县乡两级按基层政务公开标准目录公开的事项。</p>${searchBox('')}<nav class="tree" aria-label="机关">${byParent(null)}</nav>` });
}

export interface ListView {
  readonly org: { id: string; name: string };
  readonly nodes: readonly CatalogNode[];
  readonly query: Readonly<Record<string, string>>;
  readonly total: number;
  readonly page: number;
  readonly size: number;
  readonly items: readonly DocumentSummary[];
}

const qs = (q: Readonly<Record<string, string>>, patch: Record<string, string | null>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...patch })) if (v !== null && v !== undefined && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : '';
};

function tree(view: ListView): string {
  const here = `/xxgk/${encodeURIComponent(view.org.id)}`;
  const current = (n: CatalogNode) => (view.query.node === n.id ? ' aria-current="page"' : '');
  const level = (parent: string | null): string => {
    const kids = view.nodes.filter((n) => n.parentId === parent);
    return kids.length === 0 ? '' : `<ul>${kids.map((n) => `<li><a href="${here}${qs({}, { node: n.id })}"${current(n)}>${escapeHtml(n.name)}</a>${level(n.id)}</li>`).join('')}</ul>`;
  };
  return `<details open><summary>公开目录</summary><nav class="tree" aria-label="公开目录"><ul><li><a href="${here}"${view.query.node ? '' : ' aria-current="page"'}>全部</a></li></ul>${level(null)}</nav></details>`;
}

/** GET /xxgk/:org: the tree, filters, the list and pages. */
export function catalogListPage(view: ListView): string {
  const here = `/xxgk/${encodeURIComponent(view.org.id)}`;
  const q = view.query;
  const pages = Math.max(1, Math.ceil(view.total / view.size));
  const opt = (value: string, label: string, selected: string | undefined) => `<option value="${escapeHtml(value)}"${selected === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const rows = view.items
    .map((d) => `<tr><td class="index">${escapeHtml(d.indexNo ?? '')}</td><td><a href="${documentUrl(d.id)}">${escapeHtml(d.title)}</a>${d.docNumber ? `<br><small>${escapeHtml(d.docNumber)}</small>` : ''} ${d.validity === 'valid' ? '' : validityBadge(d)}${d.kind === 'interpretation' ? ' <span class="badge">解读</span>' : ''}</td><td class="date">${d.publishedOn ?? ''}</td></tr>`)
    .join('');
  const filters = `<form class="filters" method="get" action="${here}">${q.node ? `<input type="hidden" name="node" value="${escapeHtml(q.node)}">` : ''}
<div><label for="f-title">标题</label><input type="search" id="f-title" name="title" value="${escapeHtml(q.title ?? '')}" maxlength="100"></div>
<div><label for="f-kind">类别</label><select id="f-kind" name="kind">${opt('', '全部', q.kind)}${DOCUMENT_KINDS.map((k) => opt(k, DOCUMENT_KIND_LABELS[k].zh, q.kind)).join('')}</select></div>
<div><label for="f-validity">有效性</label><select id="f-validity" name="validity">${opt('', '全部', q.validity)}${VALIDITIES.map((v) => opt(v, VALIDITY_LABELS[v].zh, q.validity)).join('')}</select></div>
<div><label for="f-year">发布年度</label><input type="text" inputmode="numeric" id="f-year" name="year" value="${escapeHtml(q.year ?? '')}" size="5" pattern="[0-9]{4}"></div>
<div><button type="submit">筛选</button></div></form>`;
  const pager = pages <= 1 ? '' : `<nav class="pager" aria-label="分页">${view.page > 1 ? `<a href="${here}${qs(q, { page: String(view.page - 1) })}" rel="prev">上一页</a>` : ''}<span>第 ${view.page} / ${pages} 页</span>${view.page < pages ? `<a href="${here}${qs(q, { page: String(view.page + 1) })}" rel="next">下一页</a>` : ''}</nav>`;
  const feed = `${here}/feed.atom${q.node ? `?node=${encodeURIComponent(q.node)}` : ''}`;
  return page({
    title: `${view.org.name} 政府信息公开目录`,
    nav: 'catalog',
    css: CATALOG_CSS,
    body: `<h1>${escapeHtml(view.org.name)} 政府信息公开目录</h1>
${searchBox('', view.org.id)}
<div class="xxgk"><aside>${tree(view)}<p><a href="${feed}">订阅（Atom）</a></p></aside>
<section aria-labelledby="list-h"><h2 id="list-h">文件列表（共 ${view.total} 件）</h2>${filters}
<div class="table-scroll"><table class="doc-list"><thead><tr><th scope="col" class="index">索引号</th><th scope="col">标题</th><th scope="col">发布日期</th></tr></thead><tbody>${rows || '<tr><td colspan="3">没有符合条件的文件。</td></tr>'}</tbody></table></div>${pager}</section></div>`,
  });
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** GET /xxgk/documents/:id: the metadata table, the body, attachments and links. */
export function documentPage(input: { doc: CatalogDocument; org: string; attachments: readonly Attachment[]; interpretations: readonly DocumentSummary[]; policy: DocumentSummary | null; amendedBy: DocumentSummary | null; amends: DocumentSummary | null; topicNode: string | null }): string {
  const d = input.doc;
  const link = (x: DocumentSummary) => `<a href="${documentUrl(x.id)}">${escapeHtml(x.title)}</a>`;
  const row = (label: string, value: string) => `<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const validity = [
    validityBadge(d),
    d.validity === 'amended' && input.amendedBy ? ` 新版本：${link(input.amendedBy)}` : '',
    d.validity === 'repealed' && d.repealedBy ? ` 废止依据：${escapeHtml(d.repealedBy)}` : '',
  ].join('');
  const meta = `<table class="meta"><tbody>
${row('索引号', escapeHtml(d.indexNo ?? ''))}${row('主题分类', escapeHtml([d.item ? itemLabel(d.item) : null, input.topicNode, d.topic].filter(Boolean).join(' / ')))}
${row('发布机构', escapeHtml(d.publisher))}${row('成文日期', d.writtenOn ?? '')}
${row('文号', escapeHtml(d.docNumber ?? '无'))}${row('发布日期', d.publishedOn ?? '')}
${row('有效性', validity)}${input.amends ? row('修改的文件', link(input.amends)) : ''}
</tbody></table>`;
  const files = input.attachments.length === 0 ? '' : `<section aria-labelledby="att-h"><h2 id="att-h">附件</h2><ul>${input.attachments.map((a) => `<li><a href="/xxgk/files/${encodeURIComponent(a.id)}" download="${escapeHtml(a.name)}">${escapeHtml(a.name)}</a>（${size(a.size)}）</li>`).join('')}</ul></section>`;
  const related = [
    input.policy ? `<p>本文件解读：${link(input.policy)}</p>` : '',
    d.mediaUrl ? `<p>图解 / 视频：<a href="${escapeHtml(d.mediaUrl)}" rel="noopener noreferrer">${escapeHtml(d.mediaUrl)}</a></p>` : '',
    input.interpretations.length > 0 ? `<section aria-labelledby="jd-h"><h2 id="jd-h">政策解读</h2><ul>${input.interpretations.map((x) => `<li>${link(x)}（${x.publishedOn ?? ''}）</li>`).join('')}</ul></section>` : '',
  ].join('');
  return page({
    title: d.title,
    nav: 'catalog',
    css: CATALOG_CSS,
    body: `<p><a href="/xxgk/${encodeURIComponent(d.organizationId)}">← ${escapeHtml(input.org)} 政府信息公开目录</a></p>
<h1>${escapeHtml(d.title)}</h1>
<div class="table-scroll">${meta}</div>
<article class="doc-body">${d.bodyHtml}</article>
${files}${related}`,
  });
}

const xml = (s: string) => escapeHtml(s);

/** An Atom feed (RFC 4287) of published documents. */
export function atomFeed(input: { id: string; title: string; self: string; updated: string; entries: readonly DocumentSummary[]; origin: string }): string {
  const entries = input.entries
    .map((d) => `<entry><id>${xml(`${input.origin}${documentUrl(d.id)}`)}</id><title>${xml(d.title)}</title><link href="${xml(`${input.origin}${documentUrl(d.id)}`)}"/><updated>${xml(d.updatedAt)}</updated><published>${xml(`${d.publishedOn ?? d.updatedAt.slice(0, 10)}T00:00:00+08:00`)}</published><author><name>${xml(d.publisher)}</name></author><summary>${xml([d.indexNo, d.docNumber].filter(Boolean).join(' '))}</summary></entry>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${xml(input.id)}</id><title>${xml(input.title)}</title><link rel="self" href="${xml(input.self)}"/><updated>${xml(input.updated)}</updated>
${entries}
</feed>
`;
}

/** sitemap.xml (sitemaps.org 0.9): the catalog pages and every published document. */
export function sitemap(origin: string, orgIds: readonly string[], docs: readonly { id: string; updatedAt: string }[]): string {
  const url = (loc: string, lastmod?: string) => `<url><loc>${xml(`${origin}${loc}`)}</loc>${lastmod ? `<lastmod>${xml(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url('/xxgk'), ...orgIds.map((id) => url(`/xxgk/${encodeURIComponent(id)}`)), ...docs.map((d) => url(documentUrl(d.id), d.updatedAt))].join('\n')}
</urlset>
`;
}
