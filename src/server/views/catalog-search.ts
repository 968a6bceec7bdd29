/**
 * The public search of the 政府信息公开目录 (GET /xxgk/search): a plain GET form (no script: the CSP forbids them) with
 * the filters of the search API — organisation and its subtree, 发布日期 range, 第二十条 item, 有效性 — and the hits
 * with their matches in <mark> (escaped by core/fulltext/highlight.ts), relevance then date, a "next page" link.
 */
import type { SearchHit } from '../../core/fulltext/types.ts';
import { ARTICLE_20_ITEMS, VALIDITIES, VALIDITY_LABELS, itemLabel } from '../../core/catalog/terms.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { CATALOG_CSS } from './catalog.ts';
import { page } from './layout.ts';

const SEARCH_CSS = `${CATALOG_CSS}
.hits{list-style:none;padding:0}.hits li{border-bottom:1px solid #d8dde3;padding:.6rem 0}.hits .t{font-size:1.05rem}
.hits small{color:#444}mark{background:#fff3a3;color:inherit;padding:0 .05em}
`;

const opt = (value: string, label: string, selected: string | undefined) => `<option value="${escapeHtml(value)}"${selected === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;

/** GET /xxgk/search. `hits` null: nothing asked yet. */
export function searchPage(input: { query: Readonly<Record<string, string>>; organizations: readonly { id: string; name: string }[]; hits: readonly SearchHit[] | null; nextCursor: string | null; problems: readonly Problem[] }): string {
  const q = input.query;
  const orgName = (id: string) => input.organizations.find((o) => o.id === id)?.name ?? '';
  const next = input.nextCursor ? `<nav class="pager" aria-label="分页"><a rel="next" href="/xxgk/search?${new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'cursor' && v !== '')), cursor: input.nextCursor }).toString()}">下一页</a></nav>` : '';
  const hits = (input.hits ?? [])
    .map((h) => `<li><a class="t" href="${escapeHtml(h.url)}">${h.titleHtml}</a>${h.validity === 'valid' ? '' : ` <span class="badge ended">${escapeHtml(VALIDITY_LABELS[h.validity as keyof typeof VALIDITY_LABELS]?.zh ?? h.validity)}</span>`}
<br><small>${escapeHtml(orgName(h.organizationId))}${h.docNumber ? ` · ${escapeHtml(h.docNumber)}` : ''} · 发布日期 ${h.publishedOn ?? ''}${h.score === 1 ? ' · 匹配附件' : ''}</small><p>${h.snippetHtml}</p></li>`)
    .join('');
  const results =
    input.problems.length > 0
      ? `<div class="problems" role="alert"><ul>${input.problems.map((p) => `<li>${escapeHtml(p.messageZh)} <span class="en">${escapeHtml(p.message)} (${p.code})</span></li>`).join('')}</ul></div>`
      : input.hits === null
        ? '<p>输入检索词：两个字的词（低保、拆迁、公示）、较长的短语或文号均可，多个词用空格分开（须同时包含）。</p>'
        : `<h2 id="r-h">检索结果</h2>${hits ? `<ol class="hits" aria-labelledby="r-h">${hits}</ol>` : '<p>没有找到符合条件的文件。</p>'}${next}`;
  return page({
    title: q.q ? `检索：${q.q}` : '全文检索',
    nav: 'catalog',
    css: SEARCH_CSS,
    body: `<p><a href="/xxgk">← 政府信息公开目录</a></p><h1>政府信息公开目录 全文检索</h1>
<form class="filters" method="get" action="/xxgk/search" role="search">
<div><label for="s-q">检索词</label><input type="search" id="s-q" name="q" value="${escapeHtml(q.q ?? '')}" maxlength="200" required></div>
<div><label for="s-org">机关（含下级）</label><select id="s-org" name="org">${opt('', '全部', q.org)}${input.organizations.map((o) => opt(o.id, o.name, q.org)).join('')}</select></div>
<div><label for="s-from">发布日期自</label><input type="date" id="s-from" name="from" value="${escapeHtml(q.from ?? '')}"></div>
<div><label for="s-to">至</label><input type="date" id="s-to" name="to" value="${escapeHtml(q.to ?? '')}"></div>
<div><label for="s-item">事项</label><select id="s-item" name="item">${opt('', '全部', q.item)}${ARTICLE_20_ITEMS.map((i) => opt(i.code, itemLabel(i.code), q.item)).join('')}</select></div>
<div><label for="s-validity">有效性</label><select id="s-validity" name="validity">${opt('', '全部', q.validity)}${VALIDITIES.map((v) => opt(v, VALIDITY_LABELS[v].zh, q.validity)).join('')}</select></div>
<div><button type="submit">检索</button></div></form>
<section aria-live="polite">${results}</section>`,
  });
}
