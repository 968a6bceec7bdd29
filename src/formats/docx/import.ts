/**
 * Word (.docx) → the text the importer reads: mammoth turns the document into HTML (keeping merged cells' colspan and
 * rowspan, and empty cells as empty `<td>`), then ../html/import.ts lays it out as lines, one tab-separated line per
 * table row. Legacy .doc (OLE2) is not read: it is reported as not a docx.
 */
import mammoth from 'mammoth';
import { problem, type Problem } from '../../core/errors.ts';
import { readHtml } from '../html/import.ts';
import { isOle2, isZip, zipHasEntry } from '../source/detect.ts';
import { ZIP_LIMITS } from '../source/limits.ts';
import { checkZip, zipTooLarge, type ZipLimits } from '../source/zip.ts';

export type DocxText = { ok: true; text: string } | { ok: false; problem: Problem };

function notDocx(zh: string, en: string, data?: Record<string, unknown>): DocxText {
  return { ok: false, problem: problem('import.notDocx', '', { zh, en }, data) };
}

/** A picture is never read: it holds no text of the report, and mammoth would inline it as base64. */
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * The text of a .docx file. Errors (as values, never thrown): `import.notDocx` when the bytes are not a readable
 * docx; `import.tooLarge` when the ZIP inflates past ZIP_LIMITS (actual bytes, entry by entry);
 * `import.tooComplex` when its HTML passes the HTML limits.
 */
export async function docxToText(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<DocxText> {
  if (isOle2(bytes)) return notDocx('这是旧版 Word（.doc）或 WPS 文件，请另存为 .docx', 'this is a legacy Word (.doc) or WPS file: save it as .docx');
  if (!isZip(bytes) || !zipHasEntry(bytes, 'word/document.xml')) {
    return notDocx('文件不是含有 word/document.xml 的 ZIP 包', 'the file is not a ZIP package holding word/document.xml');
  }
  // A decompression bomb is refused before mammoth inflates it: every entry is inflated and counted, not believed.
  const zip = await checkZip(bytes, limits);
  if (!zip.ok) {
    return zip.reason === 'tooLarge' ? { ok: false, problem: zipTooLarge(zip.detail, zip.data) } : notDocx(`无法读取 ZIP 结构（${zip.detail}）`, `its ZIP structure cannot be read (${zip.detail})`, { reason: zip.detail });
  }
  const declared = zip.entries.reduce((n, e) => n + e.size, 0);
  if (declared !== zip.inflated) {
    return notDocx('ZIP 目录与其内容不符', 'its ZIP directory does not match its contents', { declared, actual: zip.inflated });
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { convertImage: noImages })).value;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return notDocx(`无法解析（${reason}）`, `it could not be parsed (${reason})`, { reason });
  }
  const read = readHtml(html);
  return read.ok ? { ok: true, text: read.text } : read;
}
