/**
 * Table 二's decisions (行政许可、其他对外管理服务事项、行政处罚、行政强制、收费、政府集中采购): imported from a CSV/XLSX
 * table (the 双公示 exports) or entered as one row; all rows or none, in one transaction with their audit entry.
 * And the catalog tree of an organisation, seeded from 第二十条 and the 基层 standard catalog.
 */
import { parseDecisionTable, type DecisionInput } from '../../core/catalog/decisions.ts';
import { DECISION_KINDS, isMemberOf } from '../../core/catalog/terms.ts';
import { checkDocumentMove, editTree, seedTree, type CatalogNode, type TreeEdit } from '../../core/catalog/tree.ts';
import { problem, type Problem } from '../../core/errors.ts';
import type { Actor } from '../applications/cases.ts';
import type { CatalogDeps } from './documents.ts';
import type { CatalogSeed, Result } from './ports.ts';

/** A table read from a file (formats/catalog/table-read.ts), or its problems. */
export type TableRows = { ok: true; rows: string[][] } | { ok: false; problems: Problem[] };

/**
 * Import decisions of `organizationId` from table rows. Errors: notFound, catalog.invalid (kind), catalog.row (every
 * bad row, none imported), table.noColumn, catalog.noRows. Audited catalog.decisions (count, source).
 */
export async function importDecisions(deps: CatalogDeps, organizationId: string, table: TableRows, source: string, actor: Actor, defaultKind: string | null = null): Promise<Result<{ imported: number }>> {
  if (!(await deps.organizations.get(organizationId))) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  if (!table.ok) return table;
  if (defaultKind !== null && !isMemberOf(DECISION_KINDS, defaultKind)) return { ok: false, problems: [problem('catalog.invalid', 'kind', { zh: `类别应为 ${DECISION_KINDS.join('、')} 之一`, en: `one of ${DECISION_KINDS.join(', ')}` })] };
  const parsed = parseDecisionTable(table.rows, deps.clock.today(), defaultKind as Parameters<typeof parseDecisionTable>[2]);
  if (!parsed.ok) return parsed;
  return writeDecisions(deps, organizationId, parsed.value, source, actor);
}

/** Write parsed decisions (all in one transaction) with one audit entry. Never fails on valid input. */
export async function writeDecisions(deps: CatalogDeps, organizationId: string, rows: readonly DecisionInput[], source: string, actor: Actor): Promise<Result<{ imported: number }>> {
  const now = deps.clock.now();
  return deps.catalog.work(async (w) => {
    await w.insertDecisions(rows.map((r) => ({ ...r, id: deps.ids.newId(), organizationId, source: source.slice(0, 200), createdAt: now })));
    await w.audit({ at: now, actorId: actor.id, actorName: actor.name, organizationId, action: 'catalog.decisions', subject: `organization:${organizationId}`, detail: { rows: rows.length, source }, ip: actor.ip });
    return { ok: true, value: { imported: rows.length } };
  });
}

/** The catalog tree of an organisation; seeded (第二十条 items + 基层 领域 for county and township bodies) on first use. Never fails. */
export async function catalogTree(deps: CatalogDeps & { seed: CatalogSeed }, organizationId: string, actor: Actor | null = null): Promise<CatalogNode[]> {
  const nodes = await deps.catalog.nodes(organizationId);
  if (nodes.length > 0) return nodes;
  const org = await deps.organizations.get(organizationId);
  if (!org) return [];
  // 基层政务公开标准目录: county governments, their departments and townships (国办发〔2019〕54号).
  const seeded = seedTree(organizationId, await deps.seed.domains(), () => deps.ids.newId());
  try {
    await deps.catalog.addNodes(seeded, actor && { at: deps.clock.now(), actorId: actor.id, actorName: actor.name, organizationId, action: 'catalog.tree', subject: `organization:${organizationId}`, detail: { seeded: seeded.length }, ip: actor.ip });
  } catch {
    // Another request seeded it meanwhile (unique code per organisation): read theirs.
  }
  return deps.catalog.nodes(organizationId);
}

/**
 * Edit an organisation's catalog tree (the staff page /console/catalog/tree): core/catalog/tree.ts editTree decides,
 * the nodes and a `catalog.tree` audit entry are written in one transaction. Errors: catalog.invalid (located).
 */
/**
 * 文件移至: every document filed under `fromId` is filed under `toId` (both nodes of the organisation; the check is
 * core/catalog/tree.ts checkDocumentMove), audited as a tree edit with the count. An approver's or admin's act, as
 * every edit of the tree (the caller authorizes).
 */
export async function moveNodeDocuments(deps: CatalogDeps & { seed: CatalogSeed }, organizationId: string, fromId: string, toId: string, actor: Actor): Promise<Result<number>> {
  const nodes = await catalogTree(deps, organizationId, actor);
  const problems = checkDocumentMove(nodes, fromId, toId, nodes.some((n) => n.id === fromId) ? await deps.catalog.itemsInNode(fromId) : []);
  if (problems.length > 0) return { ok: false, problems };
  const from = nodes.find((n) => n.id === fromId);
  const to = nodes.find((n) => n.id === toId);
  const moved = await deps.catalog.moveDocuments(fromId, toId, { at: deps.clock.now(), actorId: actor.id, actorName: actor.name, organizationId, action: 'catalog.tree', subject: `organization:${organizationId}`, detail: { edit: 'moveDocuments', node: from?.code ?? null, name: from?.name ?? null, to: to?.name ?? null }, ip: actor.ip });
  return { ok: true, value: moved };
}

export async function editCatalogTree(deps: CatalogDeps & { seed: CatalogSeed }, organizationId: string, edit: TreeEdit, actor: Actor): Promise<Result<CatalogNode[]>> {
  const nodes = await catalogTree(deps, organizationId, actor);
  const filed = edit.kind === 'remove' ? await deps.catalog.documentsInNode(edit.id) : 0;
  const r = editTree(nodes, edit, () => deps.ids.newId(), () => filed);
  if (!r.ok) return r;
  if (r.upsert.length === 0 && r.remove.length === 0) return { ok: true, value: nodes };
  const touched = edit.kind === 'add' ? (r.upsert[0] as CatalogNode) : nodes.find((n) => n.id === edit.id);
  await deps.catalog.saveNodes(r.upsert.map((n) => ({ ...n, organizationId })), r.remove, { at: deps.clock.now(), actorId: actor.id, actorName: actor.name, organizationId, action: 'catalog.tree', subject: `organization:${organizationId}`, detail: { edit: edit.kind, node: touched?.code ?? null, name: touched?.name ?? null, ...(edit.kind === 'rename' ? { to: edit.name.trim() } : {}) }, ip: actor.ip });
  return { ok: true, value: await deps.catalog.nodes(organizationId) };
}
