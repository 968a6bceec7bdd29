/**
 * The word boxes `pdftotext -bbox` writes (an XHTML page per PDF page, a `<word xMin yMin xMax yMax>` per word) →
 * pages of words for ./table-text.ts. Pure: the caller runs pdftotext.
 */
import type { PdfPageWords, PdfWord } from './table-text.ts';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

const PAGE = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
const WORD = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g;

/** Pages of words from pdftotext's -bbox output; an empty list when it holds none. */
export function parseBbox(xhtml: string): PdfPageWords[] {
  const pages: PdfPageWords[] = [];
  for (const p of xhtml.matchAll(PAGE)) {
    const words: PdfWord[] = [];
    for (const w of (p[3] ?? '').matchAll(WORD)) {
      words.push({ x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: decode(w[5] ?? '') });
    }
    pages.push({ width: Number(p[1]), height: Number(p[2]), words });
  }
  return pages;
}
