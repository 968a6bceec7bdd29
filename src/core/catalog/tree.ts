/**
 * The 政府信息公开目录 tree of an organisation (条例第十二条、第二十二条): one node per item of 第二十条 (the statute's
 * list, core/catalog/terms.ts), then, for county and township bodies, one node per 领域 of the 基层政务公开标准目录
 * (国办发〔2019〕54号; seed/catalog/jiceng-domains.json, editable data citing its source). Nodes are stored per
 * organisation and may be renamed or added to; these are only their seeds.
 */
import { problem, type Problem } from '../errors.ts';
import { ARTICLE_20_ITEMS, itemLabel } from './terms.ts';

export interface CatalogNode {
  readonly id: string;
  readonly organizationId: string;
  readonly parentId: string | null;
  /** 'A20-5' for 第二十条第（五）项, 'J07' for a 基层 领域, free for nodes an office adds. */
  readonly code: string;
  readonly name: string;
  /** The 第二十条 item documents under this node belong to, when it is one. */
  readonly item: string | null;
  readonly position: number;
}

export interface SeedDomain {
  readonly code: string;
  readonly name: string;
}

export const CATALOG_SEED_SCHEMA = 'gongkai.catalog-seed/1';

/** Parse seed/catalog/jiceng-domains.json. Errors: catalog.invalid (located). */
export function parseCatalogSeed(text: string): { ok: true; domains: SeedDomain[]; source: string } | { ok: false; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [problem('json.syntax', '')] };
  }
  const o = raw as { schema?: unknown; source?: unknown; domains?: unknown };
  if (typeof o !== 'object' || o === null || o.schema !== CATALOG_SEED_SCHEMA || typeof o.source !== 'string' || !Array.isArray(o.domains)) {
    return { ok: false, problems: [problem('catalog.invalid', '', { zh: `应为 ${CATALOG_SEED_SCHEMA}，含 source 与 domains`, en: `expected ${CATALOG_SEED_SCHEMA} with source and domains` })] };
  }
  const domains: SeedDomain[] = [];
  const problems: Problem[] = [];
  o.domains.forEach((d: unknown, i: number) => {
    const x = d as { code?: unknown; name?: unknown };
    if (typeof x?.code !== 'string' || typeof x?.name !== 'string' || x.name.trim() === '') problems.push(problem('catalog.invalid', `domains.${i}`, { zh: '每个领域须有 code 与 name', en: 'each domain needs a code and a name' }));
    else domains.push({ code: x.code, name: x.name.trim() });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, domains, source: o.source };
}

/** The seed nodes of an organisation: the fifteen items of 第二十条, then (基层) one node per 领域 under a 基层 root. */
export function seedTree(organizationId: string, domains: readonly SeedDomain[], newId: () => string): CatalogNode[] {
  const items = ARTICLE_20_ITEMS.map((it, i): CatalogNode => ({ id: newId(), organizationId, parentId: null, code: `A20-${it.code}`, name: `${itemLabel(it.code)} ${it.zh}`, item: it.code, position: i }));
  if (domains.length === 0) return items;
  const root: CatalogNode = { id: newId(), organizationId, parentId: null, code: 'JICENG', name: '基层政务公开标准目录', item: null, position: items.length };
  return [...items, root, ...domains.map((d, i): CatalogNode => ({ id: newId(), organizationId, parentId: root.id, code: d.code, name: d.name, item: null, position: i }))];
}

/** Longest name of a node (a column heading on the public page). */
export const MAX_NODE_NAME = 60;

/** An edit of the tree from the staff page (item 4: the tree is seed data, editable). */
export type TreeEdit =
  | { readonly kind: 'add'; readonly parentId: string | null; readonly name: string; readonly code: string }
  | { readonly kind: 'rename'; readonly id: string; readonly name: string }
  | { readonly kind: 'move'; readonly id: string; readonly direction: 'up' | 'down' }
  | { readonly kind: 'remove'; readonly id: string };

export type TreeEditResult = { ok: true; upsert: CatalogNode[]; remove: string[] } | { ok: false; problems: Problem[] };

const bad = (at: string, zh: string, en: string): TreeEditResult => ({ ok: false, problems: [problem('catalog.invalid', at, { zh, en })] });
const siblingsOf = (nodes: readonly CatalogNode[], parentId: string | null) => nodes.filter((n) => n.parentId === parentId).sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));

/**
 * Apply an edit to an organisation's nodes: what to write (new or changed nodes) and what to delete, or coded problems
 * (catalog.invalid, located). A name is 1-60 characters; a code (optional: N1, N2… when empty) is letters, digits, - or
 * _, unique in the organisation; a new node under a 第二十条 node takes its item (documents filed there count for it);
 * up/down swaps with the neighbouring sibling (nothing at the ends). A node is removed only when it has no child and
 * no document is filed under it (`documentsUnder`), and never a 第二十条 item at the top: the statute lists them. Pure.
 */
export function editTree(nodes: readonly CatalogNode[], edit: TreeEdit, newId: () => string, documentsUnder: (id: string) => number): TreeEditResult {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const nameOf = (raw: string): string | TreeEditResult => {
    const name = raw.trim().replace(/\s+/gu, ' ');
    if (name === '') return bad('name', '名称不能为空', 'the name is empty');
    if ([...name].length > MAX_NODE_NAME) return bad('name', `名称不超过 ${MAX_NODE_NAME} 字`, `at most ${MAX_NODE_NAME} characters`);
    return name;
  };
  if (edit.kind === 'add') {
    const parent = edit.parentId === null ? null : (byId.get(edit.parentId) ?? null);
    if (edit.parentId !== null && parent === null) return bad('parentId', '上级栏目不存在', 'no such parent node');
    const name = nameOf(edit.name);
    if (typeof name !== 'string') return name;
    let code = edit.code.trim();
    if (code === '') {
      let n = nodes.length + 1;
      while (nodes.some((x) => x.code === `N${n}`)) n += 1;
      code = `N${n}`;
    } else if (!/^[A-Za-z0-9_-]{1,20}$/.test(code)) return bad('code', '代码为 1 至 20 个字母、数字、- 或 _', 'the code is 1-20 letters, digits, - or _');
    if (nodes.some((x) => x.code === code)) return bad('code', `代码“${code}”已被使用`, `code ${code} is taken`);
    const sibs = siblingsOf(nodes, edit.parentId);
    const position = sibs.length === 0 ? 0 : Math.max(...sibs.map((s) => s.position)) + 1;
    const organizationId = parent?.organizationId ?? nodes[0]?.organizationId ?? '';
    return { ok: true, upsert: [{ id: newId(), organizationId, parentId: edit.parentId, code, name, item: parent?.item ?? null, position }], remove: [] };
  }
  const node = byId.get(edit.id);
  if (!node) return bad('id', '没有此栏目', 'no such node');
  if (edit.kind === 'rename') {
    const name = nameOf(edit.name);
    if (typeof name !== 'string') return name;
    return { ok: true, upsert: name === node.name ? [] : [{ ...node, name }], remove: [] };
  }
  if (edit.kind === 'move') {
    const sibs = siblingsOf(nodes, node.parentId);
    const at = sibs.findIndex((s) => s.id === node.id);
    const other = sibs[edit.direction === 'up' ? at - 1 : at + 1];
    if (!other) return { ok: true, upsert: [], remove: [] };
    // Positions may tie (seeded 0…n per level, added after): renumber the level, then swap.
    const order = sibs.map((s) => s.id);
    [order[at], order[edit.direction === 'up' ? at - 1 : at + 1]] = [other.id, node.id];
    return { ok: true, upsert: order.map((id, i) => ({ ...(byId.get(id) as CatalogNode), position: i })).filter((n) => byId.get(n.id)?.position !== n.position), remove: [] };
  }
  if (node.parentId === null && node.item !== null && node.code.startsWith('A20-')) return bad('id', '第二十条规定的栏目不能删除（可以改名）', 'an item of Article 20 cannot be removed (it can be renamed)');
  if (nodes.some((x) => x.parentId === node.id)) return bad('id', '请先删除其下级栏目', 'remove its child nodes first');
  const filed = documentsUnder(node.id);
  if (filed > 0) return bad('id', `该栏目下有 ${filed} 件文件，请先移到其他栏目`, `${filed} documents are filed under this node`);
  return { ok: true, upsert: [], remove: [node.id] };
}

/**
 * Moving every document filed under one node to another of the same organisation (the tree page's 文件移至: before a
 * node is removed, or when a catalog is reorganised). Refused, coded: the same node, a node that does not exist, no
 * document to move, or a target node of a 第二十条 item that some of the documents are not of (the item is what the
 * document is, the node where it is listed: a move must not misfile it). Pure.
 */
export function checkDocumentMove(nodes: readonly CatalogNode[], fromId: string, toId: string, itemsUnder: readonly (string | null)[]): Problem[] {
  const from = nodes.find((n) => n.id === fromId);
  const to = nodes.find((n) => n.id === toId);
  if (!from) return [problem('catalog.invalid', 'id', { zh: '栏目不存在', en: 'no such node' })];
  if (!to) return [problem('catalog.invalid', 'to', { zh: '请选择要移入的栏目', en: 'choose the node to move the documents to' })];
  if (from.id === to.id) return [problem('catalog.invalid', 'to', { zh: '请选择另一个栏目', en: 'choose another node' })];
  if (itemsUnder.length === 0) return [problem('catalog.invalid', 'id', { zh: '该栏目下没有文件', en: 'no document is filed under this node' })];
  const other = to.item === null ? [] : itemsUnder.filter((i) => i !== to.item);
  if (other.length > 0) {
    return [problem('catalog.invalid', 'to', { zh: `“${to.name}”是第二十条规定的一项，其中 ${other.length} 件文件不属于该项，不能移入`, en: `"${to.name}" is item ${to.item} of Article 20: ${other.length} of the documents are not of that item` })];
  }
  return [];
}
