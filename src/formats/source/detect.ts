import { imageKind } from '../ocr/image.ts';

/**
 * What a file is, from its bytes: the format (by content first, the file name only as a tie-breaker) and, for text,
 * the character encoding. Published reports come as PDF, Word, web pages saved from government sites (often GBK)
 * and text files from Windows (UTF-16 or GBK without a BOM), so neither the extension nor UTF-8 can be trusted.
 */

/**
 * `ofd`: GB/T 33190 (a ZIP holding OFD.xml); `xlsx`: a ZIP holding xl/workbook.xml; `doc`: an OLE2 text document
 * (.doc, .wps) and `xls` an OLE2 workbook (.xls, .et), both converted by LibreOffice; `rtf`: `{\rtf`, likewise;
 * `image`: a scan as PNG, JPEG or TIFF, read by OCR (../ocr).
 */
export type SourceFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'ofd' | 'xlsx' | 'doc' | 'xls' | 'rtf' | 'image' | 'unknown';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** How many bytes are examined for magic numbers, NUL patterns, charset declarations and markup. */
const SNIFF_BYTES = 64 * 1024;
/** The PDF header may follow some junk; readers accept it within the first 1024 bytes. */
const PDF_HEADER_WITHIN = 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** Offset of an ASCII string in the bytes (or -1), searching `from`..`to`. */
function indexOfAscii(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
  const n = ascii(needle);
  const end = Math.min(to, bytes.length) - n.length;
  for (let i = from; i <= end; i += 1) {
    if (bytes[i] === n[0] && startsWith(bytes, n, i)) return i;
  }
  return -1;
}

/** A ZIP archive (local file header, or the end record of an empty archive). Never throws. */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/** An OLE2 compound file: legacy .doc, .xls, .wps, .et. Never throws. */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** An RTF document: `{\rtf` at the start (after a UTF-8 BOM or white space at most). Never throws. */
export function isRtf(bytes: Uint8Array): boolean {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < bytes.length && at < 64 && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0d || bytes[at] === 0x0a)) at += 1;
  return startsWith(bytes, ascii('{\\rtf'), at);
}

/** A stream name as an OLE2 directory entry stores it (UTF-16LE). */
const utf16le = (name: string): number[] => [...name].flatMap((c) => [c.charCodeAt(0), 0]);

/**
 * What an OLE2 compound file holds, by the streams its directory names: `WordDocument` (Word .doc, WPS .wps saved in
 * Word's format) is a text document, `Workbook`/`Book` (Excel .xls, WPS .et) a spreadsheet; anything else is unknown,
 * whatever its extension (LibreOffice would read an unknown OLE2 file as plain text: bytes, not a report). Never throws.
 */
export function ole2Kind(bytes: Uint8Array): 'doc' | 'xls' | 'unknown' {
  const has = (stream: string): boolean => {
    const n = utf16le(stream);
    for (let i = 0; i + n.length <= bytes.length; i += 1) if (bytes[i] === n[0] && startsWith(bytes, n, i)) return true;
    return false;
  };
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book\0')) return 'xls';
  return 'unknown';
}

/** Whether a ZIP archive has an entry with this name (names are stored uncompressed in entry headers). Never throws. */
export function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  return indexOfAscii(bytes, name) >= 0;
}

/** A PDF: `%PDF-` within the first 1024 bytes (readers accept junk before it). Never throws. */
export function isPdf(bytes: Uint8Array): boolean {
  return indexOfAscii(bytes, '%PDF-', 0, PDF_HEADER_WITHIN + 5) >= 0;
}

/** Characters of a Chinese text file: ASCII, CJK ideographs and punctuation, full-width forms, line breaks. */
function plausible(text: string): number {
  if (text.length === 0) return 0;
  const ok = text.match(/[\t\n\r\f\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/g);
  return (ok?.length ?? 0) / text.length;
}

/**
 * UTF-16 without a BOM. ASCII characters (digits, spaces, line breaks) leave NUL bytes in UTF-16 and in no other
 * text encoding; which byte order reads as Chinese text decides between LE and BE (一 U+4E00 also holds a NUL, on the
 * other side, so NUL positions alone are not enough).
 */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
  if (!sample.includes(0)) return null;
  const le = plausible(new TextDecoder('utf-16le').decode(sample));
  const be = plausible(new TextDecoder('utf-16be').decode(sample));
  if (le >= 0.9 && le > be) return 'utf-16le';
  if (be >= 0.9 && be > le) return 'utf-16be';
  return null;
}

const GB_CHARSETS = /^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|euc-cn|x-euc-cn|iso-ir-58|chinese|csgb2312)$/i;

/** The charset an HTML `<meta charset>` or `<meta http-equiv content="…; charset=…">` declares, lower case. */
function declaredCharset(bytes: Uint8Array): string | null {
  // Declarations are ASCII, so latin1 keeps their offsets whatever the real encoding is.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase() ?? null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decode text bytes: a BOM wins; then UTF-16 recognised by its NUL bytes; then strict UTF-8; else GB18030 (a superset
 * of GBK/GB2312, which decodes any byte sequence). An HTML `<meta charset=gbk>` is honoured unless the bytes are
 * well-formed UTF-8 holding multi-byte characters (a page re-saved as UTF-8 that kept its old declaration).
 * Never throws.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  // GB18030 marks itself with 84 31 95 33 (U+FEFF); the decoder drops it.
  if (startsWith(bytes, [0x84, 0x31, 0x95, 0x33])) return { text: gb18030(bytes.subarray(4)), encoding: 'gb18030' };
  const wide = utf16ByNuls(bytes);
  if (wide) return { text: new TextDecoder(wide).decode(bytes), encoding: wide };
  const utf8 = strictUtf8(bytes);
  const charset = declaredCharset(bytes);
  if (charset !== null && GB_CHARSETS.test(charset) && (utf8 === null || !/[\u0800-\uffff]/.test(utf8))) {
    return { text: gb18030(bytes), encoding: 'gb18030' };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: gb18030(bytes), encoding: 'gb18030' };
}

function gb18030(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}

/** Decoded text that is really binary: NULs and other control characters, or undecodable bytes. Never throws. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SNIFF_BYTES);
  if (sample.length === 0) return false;
  let bad = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    // Tab, line feed, vertical tab, form feed (page break), carriage return and escape are ordinary in text files.
    if ((c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) || c === 0x7f || c === 0xfffd) bad += 1;
  }
  return bad > Math.max(2, sample.length * 0.01);
}

/** The first SNIFF_BYTES, cut at a UTF-8 character boundary (a cut elsewhere costs at most one U+FFFD). */
function sample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_BYTES) return bytes;
  let end = SNIFF_BYTES;
  while (end > SNIFF_BYTES - 4 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

const HTML_MARKERS = /<(?:!doctype\s+html|html|body|table|head)[\s>/]/i;
const MD_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
const MD_TABLE_RULE = /^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m;
const MD_TABLE_ROWS = /^[ \t]*\|[^\n]*\|[ \t]*\r?\n[ \t]*\|[^\n]*\|[ \t]*$/m;
const MD_BOLD = /\*\*[^*\n]+\*\*/;

function extension(name: string | undefined): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name ?? '');
  return m?.[1]?.toLowerCase() ?? '';
}

/** The format of decoded text: HTML by markup near the start, Markdown by headings/pipe tables/bold, else txt. Never throws. */
export function sniffTextFormat(text: string, name?: string): 'txt' | 'md' | 'html' {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const ext = extension(name);
  if (HTML_MARKERS.test(start.slice(0, 1024))) return 'html';
  // A fragment without <html>/<body>/<table> (e.g. `<p>…</p>`) is HTML only when its name says so.
  if ((ext === 'html' || ext === 'htm' || ext === 'xhtml') && start.startsWith('<')) return 'html';
  const sample = text.slice(0, SNIFF_BYTES);
  if (MD_HEADING.test(sample) || MD_TABLE_RULE.test(sample) || MD_TABLE_ROWS.test(sample) || MD_BOLD.test(sample)) return 'md';
  return ext === 'md' || ext === 'markdown' ? 'md' : 'txt';
}

/**
 * The format of a file by its content: PDF magic, a ZIP holding word/document.xml (docx), OFD.xml (ofd) or
 * xl/workbook.xml (xlsx; other ZIPs are unknown), an OLE2 file (doc or xls, see ole2Kind), `{\rtf` (rtf), then decoded text (HTML, Markdown, else txt); binary that is none of these is `unknown`. The extension only breaks
 * ties between text formats. Never throws.
 */
export function sniffFormat(bytes: Uint8Array, name?: string): SourceFormat {
  if (bytes.length === 0) {
    const ext = extension(name);
    return ext === 'md' || ext === 'markdown' ? 'md' : ext === 'html' || ext === 'htm' ? 'html' : 'txt';
  }
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) {
    if (zipHasEntry(bytes, 'word/document.xml')) return 'docx';
    if (zipHasEntry(bytes, 'OFD.xml')) return 'ofd';
    if (zipHasEntry(bytes, 'xl/workbook.xml')) return 'xlsx';
    return 'unknown';
  }
  if (isOle2(bytes)) {
    const kind = ole2Kind(bytes);
    return kind === 'unknown' ? 'unknown' : kind;
  }
  if (isRtf(bytes)) return 'rtf';
  if (imageKind(bytes) !== null) return 'image';
  const { text } = decodeText(sample(bytes));
  if (looksBinary(text)) return 'unknown';
  return sniffTextFormat(text, name);
}
