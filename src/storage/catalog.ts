/**
 * The catalog in the database (migration 0013): documents (current version, optimistic version check), the 索引号
 * counters, the tree, attachments and the decisions of table 二. `work` runs one transaction in which the use case
 * reads, writes, appends its audit entry (audit.ts, the hash chain) and updates the search index; a callback that
 * returns not ok rolls everything back.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Attachment, CatalogRepository, CatalogWork, DocumentFilter, DocumentIndex, DocumentSummary, Result } from '../app/catalog/ports.ts';
import type { CatalogDocument, SecurityReview } from '../core/catalog/document.ts';
import type { CatalogNode } from '../core/catalog/tree.ts';
import type { DecisionKind, DocumentKind, DocumentState, Validity, Article20Item, DisclosureMode } from '../core/catalog/terms.ts';
import { PROACTIVE_PUBLICATION } from '../core/calendar/deadlines.ts';
import { appendAudit } from './audit.ts';
import { countOf, type CatalogAttachmentsTable, type CatalogDocumentsTable, type Database } from './schema.ts';

const toDoc = (r: Selectable<CatalogDocumentsTable>): CatalogDocument => ({
  id: r.id,
  organizationId: r.organization_id,
  indexNo: r.index_no,
  title: r.title,
  publisher: r.publisher,
  writtenOn: r.written_on,
  publishedOn: r.published_on,
  docNumber: r.doc_number,
  topic: r.topic,
  item: r.item as Article20Item | null,
  nodeId: r.node_id,
  kind: r.kind as DocumentKind,
  disclosure: r.disclosure as DisclosureMode,
  disclosureReason: r.disclosure_reason,
  interprets: r.interprets,
  mediaUrl: r.media_url,
  bodyHtml: r.body_html,
  bodyText: r.body_text,
  state: r.state as DocumentState,
  review: r.review === null ? null : (JSON.parse(r.review) as SecurityReview),
  validity: r.validity as Validity,
  validityOn: r.validity_on,
  amendedBy: r.amended_by,
  amends: r.amends,
  repealedBy: r.repealed_by,
  publishWorkingDays: r.publish_working_days === null ? null : Number(r.publish_working_days),
  interpretationLate: Number(r.interpretation_late) === 1,
  fromCase: r.from_case,
  sourceUrl: r.source_url,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (d: CatalogDocument): CatalogDocumentsTable => ({
  id: d.id,
  organization_id: d.organizationId,
  index_no: d.indexNo,
  title: d.title,
  publisher: d.publisher,
  written_on: d.writtenOn,
  published_on: d.publishedOn,
  doc_number: d.docNumber,
  topic: d.topic,
  item: d.item,
  node_id: d.nodeId,
  kind: d.kind,
  disclosure: d.disclosure,
  disclosure_reason: d.disclosureReason,
  interprets: d.interprets,
  media_url: d.mediaUrl,
  body_html: d.bodyHtml,
  body_text: d.bodyText,
  state: d.state,
  review: d.review === null ? null : JSON.stringify(d.review),
  validity: d.validity,
  validity_on: d.validityOn,
  amended_by: d.amendedBy,
  amends: d.amends,
  repealed_by: d.repealedBy,
  publish_working_days: d.publishWorkingDays,
  interpretation_late: d.interpretationLate ? 1 : 0,
  from_case: d.fromCase,
  source_url: d.sourceUrl,
  version: d.version,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

const SUMMARY_COLUMNS = ['id', 'organization_id', 'index_no', 'title', 'publisher', 'written_on', 'published_on', 'doc_number', 'topic', 'item', 'node_id', 'kind', 'disclosure', 'interprets', 'state', 'validity', 'validity_on', 'amended_by', 'amends', 'repealed_by', 'publish_working_days', 'interpretation_late', 'from_case', 'source_url', 'version', 'created_at', 'updated_at'] as const;

const toSummary = (r: Pick<Selectable<CatalogDocumentsTable>, (typeof SUMMARY_COLUMNS)[number]>): DocumentSummary => {
  const d = toDoc({ ...r, disclosure_reason: null, media_url: null, body_html: '', body_text: '', review: null });
  const { bodyHtml: _h, bodyText: _t, review: _r, disclosureReason: _d, mediaUrl: _m, ...summary } = d;
  return summary;
};

const toAttachment = (r: Selectable<CatalogAttachmentsTable>): Attachment => ({ id: r.id, documentId: r.document_id, name: r.name, sha256: r.sha256, size: Number(r.size), mediaType: r.media_type, text: r.text, position: Number(r.position), createdAt: r.created_at });

/** Thrown inside `work` to roll the transaction back with the callback's problems. */
class Rollback extends Error {
  constructor(readonly result: Result<never>) {
    super('rollback');
  }
}

function workIn(tx: Transaction<Database>, index: DocumentIndex): CatalogWork {
  return {
    index,
    get: async (id) => {
      const r = await tx.selectFrom('catalog_documents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDoc(r) : null;
    },
    insert: async (d) => void (await tx.insertInto('catalog_documents').values(toRow(d)).execute()),
    update: async (d, expected) => {
      const r = await tx.updateTable('catalog_documents').set(toRow(d)).where('id', '=', d.id).where('version', '=', expected).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    nextIndexSeq: async (organizationId, year) => {
      // One upsert: race-free on both engines (the first publication of a year included).
      const r = await tx
        .insertInto('catalog_index_counters')
        .values({ organization_id: organizationId, year, last: 1 })
        .onConflict((oc) => oc.columns(['organization_id', 'year']).doUpdateSet((eb) => ({ last: eb('catalog_index_counters.last', '+', 1) })))
        .returning('last')
        .executeTakeFirstOrThrow();
      return Number(r.last);
    },
    insertAttachment: async (a) => void (await tx.insertInto('catalog_attachments').values({ id: a.id, document_id: a.documentId, name: a.name, sha256: a.sha256, size: a.size, media_type: a.mediaType, text: a.text, position: a.position, created_at: a.createdAt }).execute()),
    attachmentText: async (documentId) => (await tx.selectFrom('catalog_attachments').select('text').where('document_id', '=', documentId).orderBy('position').execute()).map((r) => r.text).join('\n'),
    attachmentCount: async (documentId) => countOf((await tx.selectFrom('catalog_attachments').select((eb) => eb.fn.countAll().as('n')).where('document_id', '=', documentId).executeTakeFirst())?.n as number | string | undefined),
    insertDecisions: async (rows) => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insertInto('catalog_decisions')
          .values(rows.slice(i, i + 500).map((x) => ({ id: x.id, organization_id: x.organizationId, kind: x.kind, matter: x.matter, decided_on: x.decidedOn, amount_fen: x.amountFen, ref: x.ref, source: x.source, created_at: x.createdAt })))
          .execute();
      }
    },
    audit: async (entry) => void (await appendAudit(tx, entry)),
  };
}

/** The catalog repository; `indexIn` gives the search index inside a transaction (document-index.ts: search.ts in the same transaction). */
export function kyselyCatalog(db: Kysely<Database>, indexIn: (tx: Transaction<Database>) => DocumentIndex): CatalogRepository {
  const filtered = (f: DocumentFilter) => {
    let q = db.selectFrom('catalog_documents').where('organization_id', 'in', f.organizationIds.length > 0 ? [...f.organizationIds] : ['\u0000']);
    if (f.states) q = q.where('state', 'in', f.states.length > 0 ? [...f.states] : ['\u0000']);
    if (f.item !== undefined) q = q.where('item', '=', f.item);
    if (f.nodeId !== undefined) q = q.where('node_id', '=', f.nodeId);
    if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
    if (f.validity !== undefined) q = q.where('validity', '=', f.validity);
    if (f.year !== undefined) q = q.where('published_on', '>=', `${f.year}-01-01`).where('published_on', '<=', `${f.year}-12-31`);
    if (f.title !== undefined && f.title !== '') q = q.where(sql<boolean>`title like ${`%${f.title.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
    if (f.late) q = q.where('publish_working_days', '>', PROACTIVE_PUBLICATION.workingDays);
    if (f.interpretationLate) q = q.where('interpretation_late', '=', 1);
    if (f.fromCase !== undefined) q = q.where('from_case', '=', f.fromCase);
    if (f.ids) q = q.where('id', 'in', f.ids.length > 0 ? [...f.ids] : ['\u0000']);
    return q;
  };
  return {
    async work(fn) {
      try {
        return await db.transaction().execute(async (tx) => {
          const r = await fn(workIn(tx, indexIn(tx)));
          if (!r.ok) throw new Rollback(r);
          return r;
        });
      } catch (error) {
        if (error instanceof Rollback) return error.result;
        throw error;
      }
    },
    async get(id) {
      const r = await db.selectFrom('catalog_documents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDoc(r) : null;
    },
    async list(f) {
      const [count, rows] = await Promise.all([
        filtered(f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
        filtered(f).select([...SUMMARY_COLUMNS]).orderBy('published_on', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
      ]);
      return { total: countOf(count?.n as number | string | undefined), items: rows.map(toSummary) };
    },
    async interpretationsOf(id) {
      const rows = await db.selectFrom('catalog_documents').select([...SUMMARY_COLUMNS]).where('interprets', '=', id).orderBy('created_at').execute();
      return rows.map(toSummary);
    },
    async documentFacts(organizationIds) {
      if (organizationIds.length === 0) return [];
      const rows = await db.selectFrom('catalog_documents').select(['id', 'title', 'kind', 'state', 'written_on', 'published_on', 'validity', 'validity_on']).where('organization_id', 'in', [...organizationIds]).where('kind', 'in', ['rule', 'normative']).execute();
      return rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind as DocumentKind, state: r.state as DocumentState, writtenOn: r.written_on, publishedOn: r.published_on, validity: r.validity as Validity, validityOn: r.validity_on }));
    },
    async decisionFacts(organizationIds, fromYear, toYear) {
      if (organizationIds.length === 0) return [];
      const rows = await db.selectFrom('catalog_decisions').selectAll().where('organization_id', 'in', [...organizationIds]).where('decided_on', '>=', `${fromYear}-01-01`).where('decided_on', '<=', `${toYear}-12-31`).orderBy('decided_on').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, kind: r.kind as DecisionKind, matter: r.matter, decidedOn: r.decided_on, amountFen: r.amount_fen === null ? null : Number(r.amount_fen), ref: r.ref, source: r.source }));
    },
    async attachments(documentId) {
      return (await db.selectFrom('catalog_attachments').selectAll().where('document_id', '=', documentId).orderBy('position').execute()).map(toAttachment);
    },
    async attachment(id) {
      const r = await db.selectFrom('catalog_attachments').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAttachment(r) : null;
    },
    async nodes(organizationId) {
      const rows = await db.selectFrom('catalog_nodes').selectAll().where('organization_id', '=', organizationId).orderBy('position').orderBy('code').execute();
      return rows.map((r): CatalogNode => ({ id: r.id, organizationId: r.organization_id, parentId: r.parent_id, code: r.code, name: r.name, item: r.item, position: Number(r.position) }));
    },
    async addNodes(nodes, audit) {
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < nodes.length; i += 200) {
          await tx.insertInto('catalog_nodes').values(nodes.slice(i, i + 200).map((n) => ({ id: n.id, organization_id: n.organizationId, parent_id: n.parentId, code: n.code, name: n.name, item: n.item, position: n.position }))).execute();
        }
        if (audit) await appendAudit(tx, audit);
      });
    },
    async saveNodes(upsert, remove, audit) {
      await db.transaction().execute(async (tx) => {
        for (const n of upsert) {
          const row = { id: n.id, organization_id: n.organizationId, parent_id: n.parentId, code: n.code, name: n.name, item: n.item, position: n.position };
          const done = await tx.updateTable('catalog_nodes').set({ name: n.name, position: n.position }).where('id', '=', n.id).executeTakeFirst();
          if (Number(done.numUpdatedRows) === 0) await tx.insertInto('catalog_nodes').values(row).execute();
        }
        if (remove.length > 0) await tx.deleteFrom('catalog_nodes').where('id', 'in', remove).execute();
        await appendAudit(tx, audit);
      });
    },
    async documentsPerNode(organizationId) {
      const rows = await db.selectFrom('catalog_documents').select(['node_id', (eb) => eb.fn.countAll<number>().as('n')]).where('organization_id', '=', organizationId).where('node_id', 'is not', null).groupBy('node_id').execute();
      return new Map(rows.map((r) => [r.node_id as string, Number(r.n)]));
    },
    async itemsInNode(nodeId) {
      return (await db.selectFrom('catalog_documents').select('item').where('node_id', '=', nodeId).execute()).map((r) => r.item ?? null);
    },
    async moveDocuments(fromId, toId, audit) {
      return db.transaction().execute(async (tx) => {
        const moved = await tx.updateTable('catalog_documents').set({ node_id: toId }).where('node_id', '=', fromId).executeTakeFirst();
        await appendAudit(tx, { ...audit, detail: { ...audit.detail, documents: Number(moved.numUpdatedRows) } });
        return Number(moved.numUpdatedRows);
      });
    },
    async documentsInNode(nodeId) {
      const r = await db.selectFrom('catalog_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('node_id', '=', nodeId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async bulkInsert(docs, search, counters, audit) {
      await db.transaction().execute(async (tx) => {
        // 33 columns: 100 rows stay under PostgreSQL's 65,535 parameters and SQLite's 32,766.
        for (let i = 0; i < docs.length; i += 100) await tx.insertInto('catalog_documents').values(docs.slice(i, i + 100).map(toRow)).execute();
        const index = indexIn(tx);
        for (const d of search) await index.index(d);
        for (const c of counters) {
          await tx
            .insertInto('catalog_index_counters')
            .values({ organization_id: c.organizationId, year: c.year, last: c.last })
            .onConflict((oc) => oc.columns(['organization_id', 'year']).doUpdateSet({ last: c.last }))
            .execute();
        }
        await appendAudit(tx, audit);
      });
    },
    async existingIndexNumbers(indexNos) {
      const out: string[] = [];
      for (let i = 0; i < indexNos.length; i += 500) {
        const rows = await db.selectFrom('catalog_documents').select('index_no').where('index_no', 'in', [...indexNos.slice(i, i + 500)]).execute();
        for (const r of rows) if (r.index_no !== null) out.push(r.index_no);
      }
      return out;
    },
    async countDocuments(organizationIds) {
      if (organizationIds.length === 0) return 0;
      const r = await db.selectFrom('catalog_documents').select((eb) => eb.fn.countAll().as('n')).where('organization_id', 'in', [...organizationIds]).executeTakeFirst();
      return countOf(r?.n as number | string | undefined);
    },
  };
}
