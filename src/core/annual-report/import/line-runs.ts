/**
 * Tables whose cells are separated by runs of line breaks (crawled page text: each <td> became its text between two
 * runs of breaks). One run length separates the cells of a row (c, e.g. 3), a longer one ends a row (r, e.g. 5), and a
 * blank cell shows only as one more cell separator: c·(k+1) breaks between two cells hide k blank cells, r + c·k breaks
 * hide k blank cells at the end of a row (after a value) or at its start (after a label or header). Such a text is
 * rewritten, character for character (same length, same offsets), into one line per row with a tab between cells, so
 * the positional reading of tab-separated rows (./fields.ts) sees every blank cell in its place.
 *
 * The layout is taken only with its own evidence: one run length dominates between lines that hold a single number or
 * a single label, a second, longer one recurs, and no line holds two numbers side by side (the space-separated rows of
 * PDF text, whose blank lines must not be taken for cell separators).
 */

/** A line break: CR LF, CR or LF (crawls keep the page's own, often a lone CR). */
const BREAK = /\r\n|\r|\n/g;
const NUMBER_LINE = /^\s*[+-]?\d[\d,]*(\.\d+)?\s*$/;
const TWO_NUMBERS = /(^|\s)[+-]?\d[\d,.]*\s+[+-]?\d[\d,.]*(\s|$)/;

interface Run {
  /** Offsets of the run's characters in the text. */
  readonly start: number;
  readonly end: number;
  /** Line breaks in the run. */
  readonly breaks: number;
}

interface Piece {
  readonly text: string;
  readonly start: number;
}

/** Minimum evidence: this many cell separators between single-cell lines, and this many row breaks. */
const MIN_CELL_RUNS = 20;
const MIN_ROW_RUNS = 5;

/** The non-blank lines and the runs of two or more line breaks between them (blank lines count as breaks). */
function split(original: string): { runs: Run[]; pieces: Piece[] } {
  const runs: Run[] = [];
  const pieces: Piece[] = [];
  let lineStart = 0;
  let gapStart = -1;
  let breaks = 0;
  const visit = (start: number, end: number) => {
    const text = original.slice(start, end);
    // Only an empty line (spaces at most) is part of a run: a lone tab is Word text's blank cell.
    if (/^ *$/.test(text)) return;
    if (gapStart >= 0 && breaks >= 2) runs.push({ start: gapStart, end: start, breaks });
    pieces.push({ text, start });
    gapStart = end;
    breaks = 0;
  };
  for (const m of original.matchAll(BREAK)) {
    const at = m.index ?? 0;
    visit(lineStart, at);
    breaks += 1;
    lineStart = at + m[0].length;
  }
  visit(lineStart, original.length);
  return { runs, pieces };
}

/** Cell and row separator lengths, or null when the text is not laid out this way. */
function separators(runs: readonly Run[], pieces: readonly Piece[]): { cell: number; row: number } | null {
  if (pieces.some((p) => TWO_NUMBERS.test(p.text))) return null;
  // Every value stands between runs: a number line followed by a single break is another layout (one cell per line).
  const runAt = new Set(runs.map((r) => r.start));
  const numberPieces = pieces.filter((p) => NUMBER_LINE.test(p.text));
  const separated = numberPieces.filter((p) => runAt.has(p.start + p.text.length)).length;
  if (separated < numberPieces.length * 0.9) return null;
  const counts = new Map<number, number>();
  for (const r of runs) counts.set(r.breaks, (counts.get(r.breaks) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [cell, cellRuns] = ranked[0] ?? [0, 0];
  if (cellRuns < MIN_CELL_RUNS) return null;
  const row = ranked.find(([len, n]) => len > cell && n >= MIN_ROW_RUNS && len % cell !== 0)?.[0];
  if (row === undefined) return null;
  return numberPieces.length >= MIN_CELL_RUNS / 2 ? { cell, row } : null;
}

/**
 * `normalized` (the same text normalised character for character) with each run of line breaks between table cells
 * rewritten: cell separators become a tab, row breaks a line break, blank cells one more tab each. Unchanged when the
 * layout is not there.
 */
export function lineRunCells(original: string, normalized: string): string {
  if (!/(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)/.test(original)) return normalized;
  const { runs, pieces } = split(original);
  const sep = separators(runs, pieces);
  if (!sep) return normalized;
  const out = normalized.split('');
  const before = new Map<number, Piece>();
  let p = 0;
  for (const r of runs) {
    while (p + 1 < pieces.length && (pieces[p + 1]?.start ?? 0) < r.start) p += 1;
    const prev = pieces[p];
    if (prev && prev.start < r.start) before.set(r.start, prev);
  }
  for (const r of runs) {
    const prev = before.get(r.start);
    const afterValue = prev !== undefined && NUMBER_LINE.test(prev.text);
    const width = r.end - r.start;
    let fill: string;
    if (r.breaks % sep.cell === 0 && r.breaks !== sep.row) {
      // Between two cells of a row: k blank cells take k more separators.
      fill = '\t'.repeat(r.breaks / sep.cell);
    } else if (r.breaks >= sep.row && (r.breaks - sep.row) % sep.cell === 0) {
      const blanks = (r.breaks - sep.row) / sep.cell;
      // After a value the blanks end its row; after a label or header they open the next row.
      fill = afterValue ? `${'\t'.repeat(blanks)}\n` : `\n${'\t'.repeat(blanks)}`;
    } else fill = '\n';
    const chars = fill + ' '.repeat(Math.max(0, width - fill.length));
    for (let i = 0; i < width; i += 1) out[r.start + i] = chars[i] ?? ' ';
  }
  return out.join('');
}
