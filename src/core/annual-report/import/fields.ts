/**
 * Splitting a stretch of report text (the text after a row label, up to the next label) into value fields.
 * Layouts seen in published reports: space-separated numbers (PDF text), tab or pipe separated cells with empty merged
 * cells (Word/Markdown), one cell per line with a lone tab for a blank cell (Word text). Page headers and footers can
 * sit between rows. Each field keeps its offset in the source for provenance.
 */

/** `uncertain`: a value OCR read below its confidence threshold (OCR_UNCERTAIN in the text): unknown, never a guess. */
export type FieldKind = 'number' | 'blank' | 'notApplicable' | 'uncertain';

/**
 * What the OCR reader (src/formats/ocr) prints in place of a value it could not read surely: a value cell stands
 * there, its reading does not. The importer makes the cell null with `import.ocrUncertain` (or recovers it by two
 * equations, as any lost cell). U+2370 (⍰, "unknown") is unchanged by NFKC and never printed in a report.
 */
export const OCR_UNCERTAIN = '\u2370';

export interface Field {
  readonly kind: FieldKind;
  /** Parsed value for numbers (amounts printed in 元 are converted by the caller, see `unit`). */
  readonly value: number | null;
  /** The text as printed (after character normalisation). */
  readonly raw: string;
  /** Offset of the field in the normalised text (same offsets as the original). */
  readonly offset: number;
  /** Unit printed with the number, e.g. 万元 or 元. */
  readonly unit?: string;
  /** Whether the field came from a layout where blank cells are visible (tabs, pipes, one cell per line). */
  readonly positional: boolean;
  /** Printed with a plus sign: only a signed column (本年增/减) prints one. */
  readonly plus?: boolean;
  /** Alone on a line next to a page break: perhaps a page number, dropped first when a row has too many values. */
  readonly pageNumber?: boolean;
}

const NUMBER = /^([+\-−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元|件|个|项|条|宗|起)?$/;
const NOT_APPLICABLE = /^(\/|／|\\|—+|－|-|–|一一)$/;
/** Page furniture seen inside tables: "第 3 页", "第3页 共8页", "- 3 -", "— 3 —", "3/8". */
const PAGE_LINE = /^\s*(第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|[-—–－]+\s*\d+\s*[-—–－]+|\d{1,3}\/\d{1,3}|Page\s*\d+(\s*of\s*\d+)?)\s*$/i;
const MARKDOWN_RULE = /^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?)?\s*$/;

/** A whole line of page furniture (a page number, 第 3 页) or a Markdown table rule (| --- |): never cells. */
export const furnitureLine = (line: string): boolean => PAGE_LINE.test(line.replace(/\f/g, '')) || MARKDOWN_RULE.test(line);

/** Parse one printed field; null when it is text (a label, a heading, noise). */
export function parseField(raw: string, offset: number, positional: boolean): Field | null {
  const t = raw.trim();
  if (t === '') return { kind: 'blank', value: null, raw: t, offset, positional };
  if (NOT_APPLICABLE.test(t)) return { kind: 'notApplicable', value: null, raw: t, offset, positional };
  if (t === OCR_UNCERTAIN) return { kind: 'uncertain', value: null, raw: t, offset, positional };
  const m = NUMBER.exec(t);
  if (!m) return null;
  const digits = (m[2] ?? '').replace(/,/g, '');
  const sign = m[1] === '' || m[1] === '+' ? 1 : -1;
  const value = sign * Number(digits);
  if (!Number.isFinite(value)) return null;
  return { kind: 'number', value, raw: t, offset, positional, ...(m[3] ? { unit: m[3] } : {}), ...(m[1] === '+' ? { plus: true } : {}) };
}

export interface Region {
  /** The normalised full text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Spans (start, end) inside the region to ignore: header labels found there. */
  readonly masks?: readonly (readonly [number, number])[];
}

/** The region's text with its masks blanked out (same length, same offsets). */
export function maskedBody(region: Region): string {
  const { text, start, end } = region;
  let body = text.slice(start, end);
  for (const [a, b] of region.masks ?? []) {
    const s = Math.max(a, start) - start;
    const e = Math.min(b, end) - start;
    if (e > s) body = body.slice(0, s) + ' '.repeat(e - s) + body.slice(e);
  }
  return body;
}

/**
 * The value fields of a region, in reading order. On a line of cells, empty cells before the line's first value may be
 * merged label cells or blank values: they are returned with `optional: true` and the caller weighs both readings.
 * A line holding nothing but empty cells is one blank cell (Word text prints a blank cell as a lone tab); a lone tab
 * before a single value is Word's cell prefix, not a cell. Page-furniture lines and Markdown rules are dropped.
 */
export function regionFields(region: Region): (Field & { optional?: boolean })[] {
  const { text, start } = region;
  const body = maskedBody(region);
  const out: (Field & { optional?: boolean })[] = [];
  const lines = body.split('\n');
  let lineStart = 0;
  lines.forEach((line, index) => {
    const offset = start + lineStart;
    lineStart += line.length + 1;
    const midLine = index === 0 && start > 0 && text[start - 1] !== '\n';
    // Page furniture and Markdown rules are whole lines; the rest of a label's line is never one ("236 / 5060").
    if (!midLine && furnitureLine(line)) return;
    if (!/[\t|]/.test(line)) {
      const found = [...line.matchAll(/\S+/g)].map((m) => parseField(m[0], offset + (m.index ?? 0), false));
      const alone = found.length === 1 && !midLine && nextToPageBreak(text, offset, offset + line.length);
      for (const f of found) if (f && f.kind !== 'blank') out.push(alone ? { ...f, pageNumber: true } : f);
      return;
    }
    const parts: { raw: string; at: number }[] = [];
    let at = 0;
    for (const piece of line.split(/[\t|]/)) {
      // A cell's offset is its value's, past the spaces before it (a Markdown cell is "| 8 |"): provenance quotes it.
      parts.push({ raw: piece, at: at + piece.length - piece.trimStart().length });
      at += piece.length + 1;
    }
    // The region may start inside the label's cell: what is left of that cell is not a cell of its own.
    if (midLine) parts.shift();
    // Markdown rows start and end with a pipe: the outer empty pieces are not cells.
    else if (/^\s*\|/.test(line)) parts.shift();
    if (/\|\s*$/.test(line)) parts.pop();
    const fields = parts.map((p) => parseField(p.raw, offset + p.at, true));
    const whole = index > 0 && index < lines.length - 1; // the line lies entirely inside the region
    if (fields.every((f) => f?.kind === 'blank')) {
      if (whole) out.push({ kind: 'blank', value: null, raw: '', offset, positional: true });
      return;
    }
    const firstValue = fields.findIndex((f) => f !== null && f.kind !== 'blank');
    const values = fields.filter((f) => f !== null && f.kind !== 'blank').length;
    fields.forEach((f, i) => {
      if (f === null) return; // text: a label cell
      if (f.kind === 'blank' && (firstValue < 0 || i < firstValue)) {
        // A lone tab before a single value is Word's cell prefix; otherwise it may be a merged cell or a blank.
        const prefixOnly = !midLine && values === 1 && i === 0 && firstValue === 1;
        if (!prefixOnly && firstValue >= 0) out.push({ ...f, optional: true });
        return;
      }
      out.push(f);
    });
  });
  return out;
}

const HAS_NUMBER = /(^|\s)[+-]?\d[\d,.]*(\s|$)/;
const textOnly = (line: string): boolean => !HAS_NUMBER.test(line.replace(/\f/g, ''));

/**
 * Whether a line [start, end) is the last of a page (a form feed follows) or the first (one precedes) — blank lines
 * aside, and one running header or footer line (text without a standalone number, such as the report's title)
 * allowed in between.
 */
function nextToPageBreak(text: string, start: number, end: number): boolean {
  if (text.slice(start, end).includes('\f')) return true;
  const filled = (lines: string[]) => lines.filter((l) => l.trim() !== '');
  const [a1, a2] = filled(text.slice(end, end + 200).split('\n').slice(1));
  if (a1?.includes('\f') || (a1 !== undefined && textOnly(a1) && a2?.includes('\f'))) return true;
  const [b1, b2] = filled(text.slice(Math.max(0, start - 200), start).split('\n').slice(0, -1).reverse());
  if (b1 !== undefined && b1.includes('\f') && textOnly(b1)) return true;
  return b1 !== undefined && textOnly(b1) && b2 !== undefined && b2.includes('\f') && textOnly(b2);
}

/**
 * Drop lone numbers next to page breaks, then blank fields from both ends, while there are more fields than cells; then,
 * when exactly the printed values remain without the blanks between them, those blanks too (a value cell spanning
 * two columns of a positional layout, as 本年增/减 in the 2019 template's 第（八）项 row, leaves an empty column beside it).
 */
export function trimToCount(fields: readonly Field[], count: number): Field[] {
  let out = [...fields];
  if (out.length > count && out.some((f) => f.pageNumber)) {
    const without = out.filter((f) => !f.pageNumber);
    if (without.length >= count) out = without;
  }
  while (out.length > count && out[out.length - 1]?.kind === 'blank') out.pop();
  while (out.length > count && out[0]?.kind === 'blank') out.shift();
  if (out.length > count) {
    const printed = out.filter((f) => f.kind !== 'blank');
    if (printed.length === count) out = printed;
  }
  return out;
}
