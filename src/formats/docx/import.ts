/**
 * Word (.docx) → the text the importer reads: mammoth turns the document into HTML (keeping merged cells' colspan and
 * rowspan, and empty cells as empty `<td>`), then ../html/import.ts lays it out as lines, one tab-separated line per
 * table row. Legacy .doc (OLE2) is not read: it is reported as not a docx.
 */
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { problem, type Problem } from '../../core/errors.ts';
import { readHtml } from '../html/import.ts';
import { isOle2, isZip, zipHasEntry } from '../source/detect.ts';
import { ZIP_LIMITS } from '../source/limits.ts';
import { xmlShape } from '../source/xml-shape.ts';
import { checkZip, zipTooLarge, type ZipEntryInfo, type ZipLimits } from '../source/zip.ts';

export type DocxText = { ok: true; text: string } | { ok: false; problem: Problem };

function notDocx(zh: string, en: string, data?: Record<string, unknown>): { ok: false; problem: Problem } {
  return { ok: false, problem: problem('import.notDocx', '', { zh, en }, data) };
}

/**
 * The first XML part (of those mammoth parses: *.xml, *.rels) whose shape ../source/xml-shape.ts refuses, as its
 * problem: `import.notDocx` for a second root element (mammoth refuses it too, after seconds), `import.tooComplex`
 * past XML_LIMITS. Null when every part passes. Each part is inflated again, one at a time (checkZip has bounded it).
 */
function xmlPartsShape(bytes: Uint8Array, entries: readonly ZipEntryInfo[], limits: ZipLimits): Problem | null {
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const raw = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const refusal = xmlShape(new TextDecoder().decode(e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: limits.entryBytes + 1 })));
    if (!refusal) continue;
    if (refusal.limit === 'roots') return notDocx(`${e.name} 有不止一个根元素`, `${e.name} has more than one root element`, { part: e.name }).problem;
    const what = refusal.limit === 'depth' ? { zh: `${e.name} 的元素嵌套超过 ${refusal.max} 层`, en: `${e.name} nests elements more than ${refusal.max} deep` } : { zh: `${e.name} 顶层的节点超过 ${refusal.max} 个`, en: `${e.name} has more than ${refusal.max} nodes at its top level` };
    return problem('import.tooComplex', '', what, { part: e.name, limit: refusal.limit, max: refusal.max });
  }
  return null;
}

/**
 * mammoth parses each XML part with @xmldom/xmldom and fails the file if xmldom reported anything (its
 * lib/xml/xmldom.js keeps the last report and throws it once the whole part is parsed). xmldom goes on after an error,
 * and on a mangled part goes on in time quadratic in what follows: a root element it could not open leaves its
 * thousands of children at the document's top level, each one checked against all the others (a 2.5 MB footnotes.xml:
 * 60 s; fuzz findings). The same parse, stopped at the first report, fails the same files, only at once: mammoth's
 * parseFromString is replaced by that (its message is the first report's instead of the last's). Done once per
 * process; false when mammoth's module is not as expected (then files fail as before, only slower), which a test
 * checks.
 */
export function stopXmlAtFirstError(): boolean {
  const require = createRequire(import.meta.url);
  try {
    const mod = require('mammoth/lib/xml/xmldom.js') as { parseFromString?: unknown; stopsAtFirst?: boolean };
    if (mod.stopsAtFirst === true) return true;
    if (typeof mod.parseFromString !== 'function') return false;
    const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: new (o: object) => { parseFromString: (s: string, t: string) => unknown } };
    class Reported extends Error {}
    mod.parseFromString = (xml: string): unknown => {
      const parser = new DOMParser({
        errorHandler: (level: string, message: string) => {
          throw new Reported(`${level}: ${message}`);
        },
      });
      try {
        return parser.parseFromString(xml, 'text/xml');
      } catch (e) {
        // The same Error mammoth throws (level: message), for the first report.
        if (e instanceof Reported) throw new Error(e.message, { cause: e });
        throw e;
      }
    };
    mod.stopsAtFirst = true;
    return true;
  } catch {
    return false;
  }
}
stopXmlAtFirstError();

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
  const shape = xmlPartsShape(bytes, zip.entries, limits);
  if (shape) return { ok: false, problem: shape };
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
