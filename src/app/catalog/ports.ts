/**
 * What the catalog use cases need (implemented by src/storage/catalog.ts, catalog-files.ts, document-index.ts and
 * src/formats/html/sanitize.ts): the documents and their one-transaction unit of work (document, audit entry and
 * search index written together or not at all), the tree, attachments, the decisions of table 二, the file store and
 * the rich-text sanitiser.
 */
import type { SearchDoc } from '../../core/fulltext/types.ts';
import type { CatalogDocument } from '../../core/catalog/document.ts';
import type { DecisionFacts, DocumentFacts } from '../../core/catalog/table2.ts';
import type { CatalogNode } from '../../core/catalog/tree.ts';
import type { DecisionKind, DocumentKind, DocumentState, Validity } from '../../core/catalog/terms.ts';
import type { Problem } from '../../core/errors.ts';
import type { AuditInput } from '../../core/people/audit.ts';

/** What the full-text search indexes (src/storage/search.ts): the core's one definition, plain text only. */
export type { SearchDoc };

/** The search index, called inside the transaction of every document change. */
export interface DocumentIndex {
  index(doc: SearchDoc): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface Attachment {
  readonly id: string;
  readonly documentId: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly text: string;
  readonly position: number;
  readonly createdAt: string;
}

/** The columns lists show (no body). */
export type DocumentSummary = Omit<CatalogDocument, 'bodyHtml' | 'bodyText' | 'review' | 'disclosureReason' | 'mediaUrl'>;

export interface DocumentFilter {
  readonly organizationIds: readonly string[];
  readonly states?: readonly DocumentState[];
  readonly item?: string;
  readonly nodeId?: string;
  readonly kind?: DocumentKind;
  readonly validity?: Validity;
  /** 发布日期 in this year. */
  readonly year?: number;
  /** Title contains (a plain filter on the column; full text is search.ts's). */
  readonly title?: string;
  /** Only those published more than PROACTIVE_PUBLICATION working days after their 成文日期. */
  readonly late?: boolean;
  readonly interpretationLate?: boolean;
  readonly ids?: readonly string[];
  /** Only the documents published from this application (条例第四十四条). */
  readonly fromCase?: string;
  readonly limit: number;
  readonly offset: number;
}

/** One transaction: reads and writes here commit together, or none does when the callback returns not ok. */
export interface CatalogWork {
  get(id: string): Promise<CatalogDocument | null>;
  insert(doc: CatalogDocument): Promise<void>;
  /** False when the stored version is not `expectedVersion` (nothing written). */
  update(doc: CatalogDocument, expectedVersion: number): Promise<boolean>;
  /** The next running number of 索引号 for (organisation, year). */
  nextIndexSeq(organizationId: string, year: number): Promise<number>;
  insertAttachment(a: Attachment): Promise<void>;
  attachmentText(documentId: string): Promise<string>;
  /** How many attachments the document has (the next one's position). */
  attachmentCount(documentId: string): Promise<number>;
  insertDecisions(rows: readonly (DecisionFacts & { readonly organizationId: string; readonly ref: string | null; readonly source: string; readonly createdAt: string })[]): Promise<void>;
  audit(entry: AuditInput): Promise<void>;
  readonly index: DocumentIndex;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface DecisionRow extends DecisionFacts {
  readonly organizationId: string;
  readonly ref: string | null;
  readonly source: string;
}

export interface CatalogRepository {
  work<T>(fn: (w: CatalogWork) => Promise<Result<T>>): Promise<Result<T>>;
  get(id: string): Promise<CatalogDocument | null>;
  list(filter: DocumentFilter): Promise<{ total: number; items: DocumentSummary[] }>;
  /** The 解读 linked to a policy. */
  interpretationsOf(id: string): Promise<DocumentSummary[]>;
  /** What table 二 counts, for the organisations given (rules and normative documents only). */
  documentFacts(organizationIds: readonly string[]): Promise<(DocumentFacts & { readonly title: string })[]>;
  decisionFacts(organizationIds: readonly string[], fromYear: number, toYear: number): Promise<DecisionRow[]>;
  attachments(documentId: string): Promise<Attachment[]>;
  attachment(id: string): Promise<Attachment | null>;
  nodes(organizationId: string): Promise<CatalogNode[]>;
  addNodes(nodes: readonly CatalogNode[], audit: AuditInput | null): Promise<void>;
  /** Write new or changed nodes and delete others, with the audit entry, in one transaction (the tree page). */
  saveNodes(upsert: readonly CatalogNode[], remove: readonly string[], audit: AuditInput): Promise<void>;
  /** How many documents are filed under a node. */
  documentsInNode(nodeId: string): Promise<number>;
  /** How many documents are filed under each node of an organisation (nodes with none absent). */
  documentsPerNode(organizationId: string): Promise<ReadonlyMap<string, number>>;
  /** The 第二十条 item of each document filed under a node (null where none), one entry a document. */
  itemsInNode(nodeId: string): Promise<(string | null)[]>;
  /** File every document under `fromId` under `toId` instead, with the audit entry, in one transaction; how many moved. */
  moveDocuments(fromId: string, toId: string, audit: AuditInput): Promise<number>;
  /** Insert many documents (the demo catalog) with their search entries, and set the 索引号 counters, with one audit entry, in one transaction. */
  bulkInsert(docs: readonly CatalogDocument[], search: readonly SearchDoc[], counters: readonly { organizationId: string; year: number; last: number }[], audit: AuditInput): Promise<void>;
  /** Which of these 索引号 are already taken (bulk import checks before writing). */
  existingIndexNumbers(indexNos: readonly string[]): Promise<string[]>;
  /** How many documents the organisations have (any state). */
  countDocuments(organizationIds: readonly string[]): Promise<number>;
}

/** Content-addressed file store (sha256) under the data folder. */
export interface CatalogFiles {
  /** Store the bytes; returns their sha256 and size. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The bytes, or null when absent. */
  get(sha256: string): Promise<Uint8Array | null>;
  /** Stream an upload in (hashed and counted as it arrives); 'tooLarge' (nothing kept) past `maxBytes`. */
  putStream(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ sha256: string; size: number; head: Uint8Array } | 'tooLarge'>;
  /** A stream of a stored file, or null. */
  open(sha256: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
}

/** The rich-text body: sanitised HTML (an allow-list of tags and attributes) and its plain text. */
export interface RichText {
  sanitize(html: string): { html: string; text: string };
}

/** The seed of the catalog tree (seed/catalog/jiceng-domains.json). */
export interface CatalogSeed {
  domains(): Promise<readonly { code: string; name: string }[]>;
}

export type { DecisionKind };
