/**
 * OFD (GB/T 33190, 版式文档: the Chinese fixed-layout format many government sites publish beside or instead of PDF) →
 * the text the importer reads, pages separated by form feeds. An OFD is a ZIP of XML: OFD.xml names the document
 * (DocBody/DocRoot → Doc_0/Document.xml), the document lists its pages (Pages/Page/@BaseLoc → Pages/Page_N/Content.xml)
 * and its page size (CommonData/PageArea/PhysicalBox, in millimetres), and each page draws TextObjects — a Boundary
 * (x y w h, mm, origin top-left, y downwards), a Size, an optional CTM — holding TextCodes: the text, its X and Y
 * (baseline) inside the Boundary, and DeltaX, the advance between one character and the next (`g N d` repeats d N
 * times). Every character is placed where the page draws it, the characters are cut into words at spaces and gaps,
 * and the words go through the positional table reader the PDF importer uses (../pdf/table-text.ts), in points, so a
 * blank cell stays an empty place under its column. Pure but for node:zlib (through ./zip.ts).
 */
import { problem, type Problem } from '../../core/errors.ts';
import { pagesToText, type PdfPageWords, type PdfWord } from '../pdf/table-text.ts';
import { ZIP_LIMITS } from '../source/limits.ts';
import { readZip } from './zip.ts';

/** Inflated XML above this is refused: the limit of every untrusted ZIP (../source/limits.ts). */
const MAX_INFLATED = ZIP_LIMITS.totalBytes;
const PT_PER_MM = 72 / 25.4;
/** A4, when neither the page nor the document states a size. */
const A4 = { width: 210, height: 297 };

export type OfdText = { ok: true; text: string; pages: number; title?: string } | { ok: false; problem: Problem };

type Reason = { readonly zh: string; readonly en: string };

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITIES[e] ?? m;
    });
}

/** The attributes of one start tag. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out.set(m[1] ?? '', decode(m[3] ?? m[4] ?? ''));
  return out;
}

/** Elements by local name (any namespace prefix), with their attributes and inner XML. */
function* elements(xml: string, local: string): Generator<{ attrs: Map<string, string>; inner: string }> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}\\s*>)`, 'g');
  for (const m of xml.matchAll(re)) yield { attrs: attributes(m[1] ?? ''), inner: m[2] ?? '' };
}

function firstText(xml: string, local: string): string | null {
  for (const e of elements(xml, local)) return decode(e.inner).trim();
  return null;
}

const numbers = (s: string | undefined): number[] => (s ?? '').trim().split(/[\s,]+/).filter((x) => x !== '').map(Number);

/** A PhysicalBox `x y w h` → its width and height in mm, or null. */
function box(xml: string): { width: number; height: number } | null {
  const text = firstText(xml, 'PhysicalBox');
  const [, , w, h] = numbers(text ?? '');
  return w !== undefined && h !== undefined && w > 0 && h > 0 ? { width: w, height: h } : null;
}

/**
 * DeltaX/DeltaY: numbers, `g N d` meaning d repeated N times — at most `max` of them: a TextCode uses one per character
 * after its first, so `max` is its character count. (Capped per `g` only, a page of thousands of TextCodes each saying
 * `g 99999999999999999999 1` expanded a hundred million numbers: seconds of a worker, found by `npm run fuzz`.)
 */
export function expandDelta(s: string | undefined, max: number = 100_000): number[] {
  const parts = (s ?? '').trim().split(/\s+/).filter((x) => x !== '');
  const out: number[] = [];
  for (let i = 0; i < parts.length && out.length < max; i += 1) {
    if (parts[i] === 'g') {
      const n = Number(parts[i + 1]);
      const d = Number(parts[i + 2]);
      for (let k = 0; k < n && out.length < max; k += 1) out.push(d);
      i += 2;
    } else out.push(Number(parts[i]));
  }
  return out.filter((x) => Number.isFinite(x));
}

/** Advance of a character without DeltaX: ASCII half an em, the rest a full em. */
const advance = (ch: string, size: number): number => (/[\x20-\x7e]/.test(ch) ? 0.5 : 1) * size;

/** A character as the page draws it (mm), with the baseline and size of its run. */
interface Glyph {
  readonly x0: number;
  readonly x1: number;
  readonly baseline: number;
  readonly size: number;
  readonly text: string;
}

/** The characters of one TextObject in page millimetres. Rotated or skewed text (a seal's ring, a watermark) is left out. */
function objectGlyphs(attrs: Map<string, string>, inner: string): Glyph[] {
  const [bx = 0, by = 0] = numbers(attrs.get('Boundary'));
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = attrs.has('CTM') ? numbers(attrs.get('CTM')) : [];
  if (Math.abs(b) > 1e-6 * Math.abs(a) || Math.abs(c) > 1e-6 * Math.abs(d) || a <= 0 || d <= 0) return [];
  const size = Number(attrs.get('Size') ?? '0') * d;
  if (!(size > 0)) return [];
  const glyphs: Glyph[] = [];
  let penX = 0;
  let penY = 0;
  for (const code of elements(inner, 'TextCode')) {
    const text = decode(code.inner);
    if (code.attrs.has('X')) penX = Number(code.attrs.get('X'));
    if (code.attrs.has('Y')) penY = Number(code.attrs.get('Y'));
    const deltas = expandDelta(code.attrs.get('DeltaX'), text.length);
    const baseline = by + penY * d + f;
    let i = 0;
    for (const ch of text) {
      const x = bx + penX * a + e;
      // White space is not drawn: the gap it leaves separates the words around it.
      if (!/\s/.test(ch)) glyphs.push({ x0: x, x1: x + advance(ch, size), baseline, size, text: ch });
      penX += deltas[i] ?? advance(ch, size / d);
      i += 1;
    }
  }
  return glyphs;
}

/**
 * A page's characters → words, as pdftotext makes them: characters on one baseline, left to right, join while the
 * gap between them stays under a fifth of an em — whether the file draws a run of text per object or every character
 * as its own object (OFD printer drivers do both).
 */
export function glyphWords(glyphs: readonly Glyph[]): PdfWord[] {
  const sorted = [...glyphs].sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
  const lines: Glyph[][] = [];
  for (const g of sorted) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(g.baseline - first.baseline) <= 0.2 * Math.min(g.size, first.size)) line.push(g);
    else lines.push([g]);
  }
  const words: PdfWord[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.x0 - q.x0);
    const runs: Glyph[] = [];
    for (const g of line) {
      const last = runs[runs.length - 1];
      if (last && g.x0 - last.x1 <= 0.2 * Math.min(g.size, last.size) && Math.abs(g.size - last.size) <= 0.2 * last.size) {
        runs[runs.length - 1] = { ...last, x1: Math.max(last.x1, g.x1), text: last.text + g.text };
      } else runs.push(g);
    }
    for (const w of runs) words.push({ x0: w.x0, x1: w.x1, y0: w.baseline - 0.8 * w.size, y1: w.baseline + 0.2 * w.size, text: w.text });
  }
  return words;
}

const toPoints = (w: PdfWord): PdfWord => ({ x0: w.x0 * PT_PER_MM, x1: w.x1 * PT_PER_MM, y0: w.y0 * PT_PER_MM, y1: w.y1 * PT_PER_MM, text: w.text });

/** A path inside the package, relative to a folder (a leading `/` is the package root). */
function resolvePath(folder: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${folder}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** The words of every page of an OFD package, in points from each page's top-left corner; or why not. */
export function ofdPages(bytes: Uint8Array): { ok: true; pages: PdfPageWords[]; title?: string } | { ok: false; reason: Reason; tooLarge?: boolean } {
  const zip = readZip(bytes, MAX_INFLATED);
  if (!zip.ok) {
    const mb = MAX_INFLATED / 1024 / 1024;
    return zip.reason === 'tooLarge'
      ? { ok: false, reason: { zh: `解压后超过 ${mb} MB`, en: `it inflates past ${mb} MB` }, tooLarge: true }
      : { ok: false, reason: { zh: 'ZIP 包无法读取', en: 'the ZIP package cannot be read' } };
  }
  const utf8 = new TextDecoder('utf-8');
  const read = (path: string): string | null => {
    const data = zip.entries.get(path);
    return data === undefined ? null : utf8.decode(data);
  };
  const root = read('OFD.xml');
  if (root === null) return { ok: false, reason: { zh: '包中没有 OFD.xml', en: 'no OFD.xml in the package' } };
  const docRoot = firstText(root, 'DocRoot');
  const document = docRoot ? read(resolvePath('', docRoot)) : null;
  if (docRoot === null || document === null) return { ok: false, reason: { zh: `文档根 ${docRoot ?? 'DocRoot'} 缺失`, en: `the document root ${docRoot ?? 'DocRoot'} is missing` } };
  const folder = resolvePath('', docRoot).split('/').slice(0, -1).join('/');
  const common = [...elements(document, 'CommonData')][0]?.inner ?? '';
  const docSize = box([...elements(common, 'PageArea')][0]?.inner ?? '') ?? A4;
  const pages: PdfPageWords[] = [];
  for (const page of elements([...elements(document, 'Pages')][0]?.inner ?? '', 'Page')) {
    const loc = page.attrs.get('BaseLoc');
    const content = loc ? read(resolvePath(folder, loc)) : null;
    if (content === null) return { ok: false, reason: { zh: `页面 ${loc ?? ''} 缺失`, en: `the page ${loc ?? ''} is missing` } };
    const size = box([...elements(content, 'Area')][0]?.inner ?? '') ?? docSize;
    const glyphs: Glyph[] = [];
    for (const obj of elements(content, 'TextObject')) glyphs.push(...objectGlyphs(obj.attrs, obj.inner));
    pages.push({ width: size.width * PT_PER_MM, height: size.height * PT_PER_MM, words: glyphWords(glyphs).map(toPoints) });
  }
  const title = firstText(root, 'Title');
  return { ok: true, pages, ...(title ? { title } : {}) };
}

/**
 * The text of an OFD file, laid out by the positional table reader. Errors (as values): `import.notOfd` (not a ZIP,
 * no OFD.xml, no document, a page missing), `input.tooLarge` (inflates past 200 MB), `import.noTextLayer` (pages of
 * images only). Never throws.
 */
export function ofdToText(bytes: Uint8Array): OfdText {
  const r = ofdPages(bytes);
  if (!r.ok) {
    return { ok: false, problem: problem(r.tooLarge ? 'input.tooLarge' : 'import.notOfd', '', r.reason) };
  }
  const text = pagesToText(r.pages);
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, problem: problem('import.noTextLayer', '', { zh: 'OFD 页面中没有文字对象', en: 'the OFD pages hold no text objects' }, { pages: r.pages.length }) };
  return { ok: true, text, pages: r.pages.length, ...(r.title ? { title: r.title } : {}) };
}
