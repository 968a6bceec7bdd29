/**
 * Word (.docx) → the text the importer reads: mammoth turns the document into HTML (keeping merged cells' colspan and
 * rowspan, and empty cells as empty `<td>`), then ../html/import.ts lays it out as lines, one tab-separated line per
 * table row. Legacy .doc (OLE2) is not read: it is reported as not a docx.
 */
import mammoth from 'mammoth';
import { problem, type Problem } from '../../core/errors.ts';
import { htmlToText } from '../html/import.ts';
import { isOle2, isZip, zipDeclaredSize, zipHasEntry, zipInflatedSize } from '../source/detect.ts';

/** Largest total uncompressed size of a .docx accepted for import. */
export const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024;

export type DocxText = { ok: true; text: string } | { ok: false; problem: Problem };

function notDocx(zh: string, en: string, data?: Record<string, unknown>): DocxText {
  return { ok: false, problem: problem('import.notDocx', '', { zh, en }, data) };
}

/** The text of a .docx file. Errors (as values, never thrown): `import.notDocx` when the bytes are not a readable docx. */
export async function docxToText(bytes: Uint8Array): Promise<DocxText> {
  if (isOle2(bytes)) return notDocx('这是旧版 Word（.doc）或 WPS 文件，请另存为 .docx', 'this is a legacy Word (.doc) or WPS file: save it as .docx');
  if (!isZip(bytes) || !zipHasEntry(bytes, 'word/document.xml')) {
    return notDocx('文件不是含有 word/document.xml 的 ZIP 包', 'the file is not a ZIP package holding word/document.xml');
  }
  // A decompression bomb is refused before mammoth inflates it (a 20 MB upload must not become gigabytes).
  const declared = zipDeclaredSize(bytes);
  if (declared === null || declared > MAX_DOCX_UNCOMPRESSED) {
    return notDocx(
      declared === null ? '无法读取 ZIP 目录' : `解压后超过 ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB`,
      declared === null ? 'its ZIP directory cannot be read' : `it would inflate to over ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB`,
      { declared },
    );
  }
  // …and one whose directory lies is stopped while inflating, at the same limit, before mammoth holds it in memory.
  const actual = zipInflatedSize(bytes, MAX_DOCX_UNCOMPRESSED);
  if (actual === 'tooLarge') {
    return notDocx(`解压后超过 ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB（ZIP 目录所记大小不实）`, `it inflates to over ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB (its ZIP directory understates it)`, { declared });
  }
  if (actual === 'unreadable' || actual.size !== declared) {
    return notDocx('ZIP 目录与其内容不符', 'its ZIP directory does not match its contents', { declared, ...(actual === 'unreadable' ? {} : { actual: actual.size }) });
  }
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { ok: true, text: htmlToText(result.value) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return notDocx(`无法解析（${reason}）`, `it could not be parsed (${reason})`, { reason });
  }
}
