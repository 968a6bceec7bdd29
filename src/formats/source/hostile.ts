/**
 * Hostile files for the tests and the benchmark of untrusted extraction (docs/decisions.md "Untrusted files"): a docx
 * whose document.xml inflates to hundreds of megabytes, HTML nested hundreds of thousands deep, a PDF whose one page
 * draws millions of words. Built in milliseconds without holding the inflated bytes: a deflate stream of N copies of
 * a chunk is N copies of the chunk's own sync-flushed deflate (each is byte-aligned and refers to nothing before it)
 * followed by an empty final block. Not used by the product.
 */
import { crc32, deflateRawSync, constants } from 'node:zlib';

/** Raw deflate of `copies` repetitions of `chunk`, and the CRC-32 of the inflated whole. */
function repeatedDeflate(head: Uint8Array, chunk: Uint8Array, copies: number, tail: Uint8Array): { data: Buffer; crc: number; size: number } {
  const part = (b: Uint8Array): Buffer => deflateRawSync(b, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const body = part(chunk);
  const pieces = [part(head)];
  let crc = crc32(head);
  for (let i = 0; i < copies; i += 1) {
    pieces.push(body);
    crc = crc32(chunk, crc);
  }
  pieces.push(deflateRawSync(tail, { level: 9 }));
  crc = crc32(tail, crc);
  return { data: Buffer.concat(pieces), crc, size: head.length + chunk.length * copies + tail.length };
}

interface ZipFile {
  readonly name: string;
  /** Raw deflate data, or stored bytes when `method` is 0. */
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly method: 0 | 8;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** A ZIP archive of the given entries (`declare` overrides the sizes the headers state, to make a liar). */
export function zipOf(files: readonly ZipFile[], declare?: (f: ZipFile) => number): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const size = declare ? declare(f) : f.size;
    const common = [u16(20), u16(0x0800), u16(f.method), u16(0), u16(0x21), u32(f.crc), u32(f.data.length), u32(size), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, name, f.data]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(dir.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

/** A small entry, deflated. */
export function zipEntry(name: string, text: string | Uint8Array): ZipFile {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length, method: 8 };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';

/** A docx whose document.xml is `paragraphs` paragraphs (about 60 bytes each): honest headers, so only inflating tells. */
export function docxWithParagraphs(paragraphs: number, text = '政府信息公开工作年度报告'): Uint8Array {
  const per = 10_000;
  const chunk = Buffer.from(`<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`.repeat(per), 'utf8');
  const doc = repeatedDeflate(Buffer.from(DOC_HEAD), chunk, Math.max(1, Math.round(paragraphs / per)), Buffer.from(DOC_TAIL));
  return zipOf([zipEntry('[Content_Types].xml', CONTENT_TYPES), zipEntry('_rels/.rels', RELS), { name: 'word/document.xml', data: doc.data, crc: doc.crc, size: doc.size, method: 8 }]);
}

/** A docx bomb like the issue's (459 KB → 150 MB): about 540 KB whose document.xml inflates to 150 MB of paragraphs. */
export const docxBomb = (): Uint8Array => docxWithParagraphs(2_200_000);

/** `<div>` opened `depth` times and never closed (the issue's 2.2 MB page: 440 000). */
export const deepDivs = (depth = 440_000): Uint8Array => Buffer.from(`<html><body>${'<div>'.repeat(depth)}x</body></html>`);

/** Tables nested in each other's cells `depth` times. */
export const nestedTables = (depth = 140_000): Uint8Array => Buffer.from(`<html><body>${'<table><tr><td>'.repeat(depth)}x</body></html>`);

/**
 * A one-page PDF whose content stream inflates to about `megabytes` MB (at most 100): lines of 2 000 tiny words each,
 * every word at its own place, so a reader writes millions of word boxes from a few hundred kilobytes.
 */
export function pdfBomb(megabytes = 100): Uint8Array {
  // One line: 2 000 words 0.25 pt apart in a 0.1 pt font, then back to the left margin and 0.25 pt down.
  const line = Buffer.from(`${'(x) Tj 0.25 0 Td '.repeat(2000)}-500 -0.25 Td\n`);
  const lines = Math.min(3300, Math.max(1, Math.round((megabytes * 1024 * 1024) / line.length)));
  const stream = repeatedDeflate(Buffer.from('BT /F1 0.1 Tf 20 830 Td\n'), line, lines, Buffer.from('ET\n'));
  // A zlib stream (FlateDecode): 2-byte header, the raw deflate, the Adler-32 (readers do not check it).
  const data = Buffer.concat([Buffer.from([0x78, 0x9c]), stream.data, u32(0)]);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(at);
    const obj =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
