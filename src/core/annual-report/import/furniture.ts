/**
 * Page furniture inside tables: bare page numbers printed at the top or bottom of each page of a PDF. A lone number
 * on a line is also what a one-cell-per-line table prints, so a bare number counts as a page number only with the
 * document's own evidence: it sits next to a page break (form feed) and its value follows the page count with the
 * same offset as the other page breaks' numbers.
 */
import type { Span } from './locate.ts';

const BARE = /^[ \t]*(\d{1,4})[ \t]*$/;
/** A line of text with no number standing on its own: a running header such as the report's title. */
const RUNNING_LINE = /^(?!.*(?:^|\s)[+-]?\d[\d,.]*(?:\s|$)).+$/;

interface Candidate {
  readonly span: Span;
  readonly value: number;
  /** 1-based page the line is printed on. */
  readonly page: number;
}

/** Lines of the page that ends at `ff` (footers, scanning back) or starts after it (headers, scanning on). */
function nearBreak(text: string, ff: number, page: number, direction: -1 | 1): Candidate | null {
  // The nearest non-blank line before (or after) the page break.
  let pos = ff;
  let skipped = 0;
  for (let guard = 0; guard < 5; guard += 1) {
    const lineStart = direction < 0 ? text.lastIndexOf('\n', pos - 1) + 1 : pos;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const ffIn = text.indexOf('\f', lineStart);
    const end = direction < 0 ? Math.min(lineEnd, ff) : ffIn >= 0 && ffIn < lineEnd && ffIn > lineStart ? ffIn : lineEnd;
    const start = direction > 0 && text[lineStart] === '\f' ? lineStart + 1 : lineStart;
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      const m = BARE.exec(line);
      if (m) return { span: { start, end }, value: Number(m[1]), page };
      // A running header or footer (the report's title) may sit between the page break and the number.
      if (skipped >= 1 || !RUNNING_LINE.test(line)) return null;
      skipped += 1;
    }
    if (direction < 0) {
      if (lineStart === 0) return null;
      pos = lineStart - 1;
    } else {
      if (lineEnd >= text.length) return null;
      pos = lineEnd + 1;
    }
  }
  return null;
}

/** Spans of the bare page-number lines of a text with form feeds (none when the evidence is not there). */
export function pageNumberLines(text: string): Span[] {
  const breaks: number[] = [];
  for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) breaks.push(i);
  if (breaks.length === 0) return [];
  const candidates: Candidate[] = [];
  breaks.forEach((ff, k) => {
    const footer = nearBreak(text, ff, k + 1, -1);
    if (footer) candidates.push(footer);
    if (k + 1 < breaks.length || ff + 1 < text.length) {
      const header = nearBreak(text, ff + 1, k + 2, 1);
      if (header) candidates.push(header);
    }
  });
  // The page numbers follow the pages with one offset (a cover page may be unnumbered).
  const offsets = new Map<number, number>();
  for (const c of candidates) offsets.set(c.value - c.page, (offsets.get(c.value - c.page) ?? 0) + 1);
  const [offset, seen] = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const needed = breaks.length > 1 ? 2 : 1;
  if (seen < needed) return [];
  return candidates.filter((c) => c.value - c.page === offset).map((c) => c.span);
}
