/**
 * Bulk import of an existing site's 政府信息公开目录 (issue 10 item 9): a CSV/XLSX table (core/catalog/site-import.ts)
 * and its attachment files (a folder for the CLI, a ZIP on the console page — both behind the `ImportFiles` port).
 * All or nothing: every bad row and every missing or refused attachment is reported (catalog.row at `line N`), and
 * then nothing is imported; otherwise every document (already published on the old site: state 已发布, its 索引号
 * kept or assigned from the pattern, the Art. 26 delay counted), its attachments and its search entry are written in
 * one transaction with one audit entry (catalog.import). Attachment files are stored before the transaction (the
 * store is content-addressed: a failed import leaves unreferenced files, never a document without its file).
 */
import { newDocument, type CatalogDocument } from '../../core/catalog/document.ts';
import { formatIndexNumber, indexCode } from '../../core/catalog/index-number.ts';
import { parseSiteTable, type SiteRow } from '../../core/catalog/site-import.ts';
import { publicationDelay } from '../../core/catalog/timeliness.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { loadCalendar, type Actor } from '../applications/cases.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffAttachment, type AttachmentText, type AttachmentType } from './attachments.ts';
import type { TableRows } from './decisions.ts';
import { indexPatternOf, searchDocOf, type CatalogDeps } from './documents.ts';
import type { Attachment, CatalogFiles, Result } from './ports.ts';

/** The attachment files given beside the table, by the name the table's 附件 column uses. */
export interface ImportFiles {
  /** The bytes of `name`, or null when there is no such file. */
  get(name: string): Promise<Uint8Array | null>;
}

export type SiteImportDeps = CatalogDeps & { readonly files: Pick<CatalogFiles, 'put'>; readonly text: AttachmentText };

const escapeText = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
const rowProblem = (line: number, zh: string, en: string): Problem => problem('catalog.row', `line ${line}`, { zh, en }, { line });

interface Prepared {
  readonly row: SiteRow;
  readonly files: readonly { name: string; sha256: string; size: number; type: AttachmentType; text: string }[];
}

/**
 * Import `table` into `organizationId`'s catalog. Errors: notFound (organisation), table.noColumn, catalog.noRows,
 * catalog.row (every bad row, a 索引号 already in the catalog, an attachment missing, of a refused type or too large;
 * none imported). Audited catalog.import (rows, attachments, source).
 */
export async function importSiteCatalog(deps: SiteImportDeps, organizationId: string, table: TableRows, files: ImportFiles | null, source: string, actor: Actor): Promise<Result<{ imported: number; attachments: number; warnings: readonly Problem[] }>> {
  const org = await deps.organizations.get(organizationId);
  if (!org) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  if (!table.ok) return table;
  const parsed = parseSiteTable(table.rows, deps.clock.today());
  if (!parsed.ok) return parsed;
  const problems: Problem[] = [...parsed.rowProblems];
  const taken = new Set(await deps.catalog.existingIndexNumbers(parsed.value.flatMap((r) => (r.indexNo === null ? [] : [r.indexNo]))));
  const prepared: Prepared[] = [];
  for (const row of parsed.value) {
    if (row.indexNo !== null && taken.has(row.indexNo)) problems.push(rowProblem(row.line, `索引号“${row.indexNo}”已在公开目录中`, `index number ${row.indexNo} is already in the catalog`));
    const stored: Prepared['files'][number][] = [];
    for (const name of row.attachments) {
      const bytes = files ? await files.get(name) : null;
      if (bytes === null) problems.push(rowProblem(row.line, `附件“${name}”未找到（请随表格提供附件文件）`, `attachment ${name} not found`));
      else if (bytes.length > MAX_ATTACHMENT_BYTES) problems.push(rowProblem(row.line, `附件“${name}”超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, `attachment ${name} is too large`));
      else {
        const type = sniffAttachment(bytes.subarray(0, 4096));
        if (type === null) problems.push(rowProblem(row.line, `附件“${name}”不是 PDF、DOCX、XLSX 或图片`, `attachment ${name} is not PDF, DOCX, XLSX or an image`));
        else if (problems.length === 0) {
          const put = await deps.files.put(bytes);
          stored.push({ name, ...put, type, text: (await deps.text.extract(bytes, type, name)).slice(0, 1_000_000) });
        }
      }
    }
    prepared.push({ row, files: stored });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => Number(a.data?.line ?? 0) - Number(b.data?.line ?? 0)) };

  const cal = await loadCalendar(deps);
  const pattern = await indexPatternOf(deps);
  const now = deps.clock.now();
  return deps.catalog.work(async (w) => {
    let attachments = 0;
    for (const { row, files: stored } of prepared) {
      const year = Number(row.publishedOn.slice(0, 4));
      const indexNo = row.indexNo ?? formatIndexNumber(pattern, { code: indexCode(org), year, seq: await w.nextIndexSeq(org.id, year) });
      const html = row.body.split(/\n+/u).map((p) => p.trim()).filter((p) => p !== '').map((p) => `<p>${escapeText(p)}</p>`).join('');
      const body = deps.richText.sanitize(html);
      const fields = { title: row.title, publisher: row.publisher ?? org.name, writtenOn: row.writtenOn, docNumber: row.docNumber, topic: row.topic, item: row.item, nodeId: null, kind: row.kind, disclosure: 'proactive' as const, disclosureReason: null, interprets: null, mediaUrl: null, bodyHtml: body.html };
      const doc: CatalogDocument = { ...newDocument(deps.ids.newId(), org.id, fields, body.text, now), state: 'published', publishedOn: row.publishedOn, indexNo, validity: row.validity, validityOn: row.validityOn, repealedBy: row.repealedBy, publishWorkingDays: publicationDelay(cal, row.writtenOn, row.publishedOn), sourceUrl: row.sourceUrl };
      await w.insert(doc);
      for (const [position, f] of stored.entries()) {
        const a: Attachment = { id: deps.ids.newId(), documentId: doc.id, name: f.name.slice(0, 200), sha256: f.sha256, size: f.size, mediaType: ATTACHMENT_TYPES[f.type], text: f.text, position, createdAt: now };
        await w.insertAttachment(a);
        attachments += 1;
      }
      await w.index.index(searchDocOf(doc, stored.map((f) => f.text).join('\n')));
    }
    await w.audit({ at: now, actorId: actor.id, actorName: actor.name, organizationId: org.id, action: 'catalog.import', subject: `organization:${org.id}`, detail: { rows: prepared.length, attachments, source: source.slice(0, 200) }, ip: actor.ip });
    return { ok: true, value: { imported: prepared.length, attachments, warnings: parsed.warnings } };
  });
}
