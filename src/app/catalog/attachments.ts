/**
 * Attachments of a catalog document (PDF, DOCX, XLSX, PNG, JPEG, GIF): the type sniffed from the bytes (never from the
 * name alone), the size limited, the file in the content-addressed store, its text extracted (PDF and DOCX through the
 * importer's extraction, XLSX as its cells, images none) for search, and the document re-indexed — the attachment
 * row, the audit entry and the index in one transaction.
 */
import { problem } from '../../core/errors.ts';
import type { Actor } from '../applications/cases.ts';
import { searchDocOf, type CatalogDeps } from './documents.ts';
import type { Attachment, Result } from './ports.ts';

/** Our limit (docs/decisions.md "Catalog attachments"): 50 MB a file, as the importer's. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const latin = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 4096));

/** The type of an upload from its first bytes (and, for a ZIP, its entries' names); null when not allowed. Never throws. */
export function sniffAttachment(head: Uint8Array): AttachmentType | null {
  if (starts(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = latin(head);
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
    // [Content_Types].xml first (Office): the part names follow within the first entries.
    if (names.includes('[Content_Types].xml')) return names.includes('sheet') ? 'xlsx' : 'docx';
  }
  return null;
}

export interface AttachmentFiles {
  get(sha256: string): Promise<Uint8Array | null>;
}

export interface AttachmentText {
  /** Plain text of a stored attachment ('' for images or when extraction fails). Never rejects. */
  extract(bytes: Uint8Array, type: AttachmentType, name: string): Promise<string>;
}

const MAX_TEXT = 1_000_000;

/**
 * Record an attachment already streamed into the store (sha256, size, first bytes). Errors: catalog.notFound,
 * catalog.fileType (not PDF/DOCX/XLSX/image), catalog.fileTooLarge, catalog.invalid (name), catalog.illegalTransition
 * (a published document: attach to its new version). Audited catalog.attach.
 */
export async function addAttachment(deps: CatalogDeps & { files: AttachmentFiles; text: AttachmentText }, documentId: string, upload: { name: string; sha256: string; size: number; head: Uint8Array }, actor: Actor): Promise<Result<Attachment>> {
  const name = [...upload.name.trim()].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 200);
  if (name === '') return { ok: false, problems: [problem('catalog.invalid', 'name', { zh: '请给出附件文件名', en: 'the file name is required' })] };
  if (upload.size > MAX_ATTACHMENT_BYTES) return { ok: false, problems: [problem('catalog.fileTooLarge', 'file', { zh: `不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, en: `at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` })] };
  const type = sniffAttachment(upload.head);
  if (type === null) return { ok: false, problems: [problem('catalog.fileType', 'file')] };
  const doc = await deps.catalog.get(documentId);
  if (!doc) return { ok: false, problems: [problem('catalog.notFound', 'id')] };
  if (doc.state === 'published') return { ok: false, problems: [problem('catalog.illegalTransition', 'step', { zh: '已发布的文件不能再添加附件，请“修改”生成新版本', en: 'a published document takes no new attachment; amend it' })] };
  const bytes = await deps.files.get(upload.sha256);
  const text = bytes ? (await deps.text.extract(bytes, type, name)).slice(0, MAX_TEXT) : '';
  const now = deps.clock.now();
  return deps.catalog.work(async (w) => {
    const current = await w.get(documentId);
    if (!current) return { ok: false, problems: [problem('catalog.notFound', 'id')] };
    // Inside the transaction only through `w`: on SQLite the one connection is the transaction's.
    const position = await w.attachmentCount(documentId);
    const a: Attachment = { id: deps.ids.newId(), documentId, name, sha256: upload.sha256, size: upload.size, mediaType: ATTACHMENT_TYPES[type], text, position, createdAt: now };
    await w.insertAttachment(a);
    await w.audit({ at: now, actorId: actor.id, actorName: actor.name, organizationId: current.organizationId, action: 'catalog.attach', subject: `document:${documentId}`, detail: { name, sha256: upload.sha256, size: upload.size }, ip: actor.ip });
    await w.index.index(searchDocOf(current, await w.attachmentText(documentId)));
    return { ok: true, value: a };
  });
}
