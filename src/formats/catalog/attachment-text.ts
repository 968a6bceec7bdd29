/**
 * The text of a catalog attachment for search (AttachmentText port): PDF and DOCX through the importer's extraction
 * (formats/source/extract.ts), XLSX as its cells (table-read.ts), images none. Never rejects: a file whose text cannot
 * be read is still attached, with no text.
 */
import type { AttachmentText } from '../../app/catalog/attachments.ts';
import { extractText } from '../source/extract.ts';
import { readTable } from './table-read.ts';

export const attachmentText: AttachmentText = {
  async extract(bytes, type, name) {
    try {
      if (type === 'pdf' || type === 'docx') {
        const r = await extractText(bytes, name);
        return r.ok ? r.text : '';
      }
      if (type === 'xlsx') {
        const r = await readTable(bytes);
        return r.ok ? r.rows.map((row) => row.filter((c) => c !== '').join('\t')).join('\n') : '';
      }
      return '';
    } catch {
      return '';
    }
  },
};
