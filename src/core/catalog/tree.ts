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
