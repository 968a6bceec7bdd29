/**
 * Words placed on PDF pages → the text the importer reads, with each table row on one line and its cells separated by
 * tabs — an empty field where the page leaves a cell empty. Text-only extraction (`pdftotext -raw`) prints a row
 * with a blank cell as "商业企业 3 5" and loses which cell was blank; the page itself still shows it, as a gap under
 * a column. This module reads the gaps. Pure: no IO.
 *
 * Per page: words → visual lines → runs of table lines between text lines (narrative, section headings, page
 * furniture). A run (continued across a page break when a table ends one page and starts the next) gets its value
 * columns from the rows that fill the most cells, plus header words standing alone above an otherwise empty column.
 * Every line with values becomes `label\tv1\t\tv3…`, one field per column; the label's wrapped fragments on lines of
 * their own (a narrow cell wraps 其他对外管理服务事 / 项 above and below its values) join the row they sit beside.
 * Lines whose values cannot be placed unambiguously (two in one column, out of order) keep their values
 * space-separated, so the importer treats their blanks as unknown rather than guess.
 */
import { parseField } from '../../core/annual-report/import/fields.ts';
import { normalizeText } from '../../core/annual-report/import/normalize.ts';
import { TEMPLATES } from '../../core/annual-report/templates/index.ts';

/** A word as the PDF draws it: its box in points from the page's top-left corner. */
export interface PdfWord {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly text: string;
}

export interface PdfPageWords {
  readonly width: number;
  readonly height: number;
  readonly words: readonly PdfWord[];
}

/** Words close together on one line (touching, or a space apart, never two values): one printed string. */
interface Group {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly text: string;
  readonly value: boolean;
  /** The words it was joined from (a header cell's words may belong to neighbouring cells: see stackColumns). */
  readonly words: readonly PdfWord[];
}

interface Line {
  readonly groups: Group[];
  readonly y0: number;
  readonly y1: number;
  readonly yc: number;
  kind: 'table' | 'text' | 'furniture';
}

const height = (g: { y0: number; y1: number }): number => Math.max(1, g.y1 - g.y0);
const centre = (g: { y0: number; y1: number }): number => (g.y0 + g.y1) / 2;

/** A printed value: a number (any printing noise the importer reads) or a "not applicable" mark. */
function isValue(text: string): boolean {
  const f = parseField(normalizeText(text).replace(/\s+/g, ''), 0, true);
  return f !== null && f.kind !== 'blank';
}

const join = (a: string, b: string): string => (/[\x21-\x7e]$/.test(a) && /^[\x21-\x7e]/.test(b) ? `${a} ${b}` : `${a}${b}`);

/** Visual lines: words whose vertical centres agree, left to right, merged into groups (see Group). */
function visualLines(words: readonly PdfWord[]): Line[] {
  const sorted = [...words].filter((w) => w.text.trim() !== '').sort((a, b) => centre(a) - centre(b) || a.x0 - b.x0);
  const rows: PdfWord[][] = [];
  for (const w of sorted) {
    const last = rows[rows.length - 1];
    const first = last?.[0];
    if (last && first && Math.abs(centre(w) - centre(first)) <= 0.35 * Math.min(height(w), height(first))) last.push(w);
    else rows.push([w]);
  }
  return rows.map((ws) => {
    ws.sort((a, b) => a.x0 - b.x0);
    const groups: { x0: number; x1: number; y0: number; y1: number; text: string; words: PdfWord[] }[] = [];
    for (const w of ws) {
      const g = groups[groups.length - 1];
      const gap = g ? w.x0 - g.x1 : Infinity;
      // Touching words are one string, and so are words a space apart — a cell's text ("保留 4 位小数"), Word never
      // lets text run into the next cell — except two values (the cells of neighbouring narrow columns).
      // Nor a numbered row label and a value after it: a label's own text ends before its row's first cell.
      const spaced = g !== undefined && gap < 0.75 * height(w) && !(isValue(w.text) && (isValue(g.text) || g.words.some((x) => ROW_NUMBERING.test(x.text))));
      if (g && (gap < 0.15 * height(w) || spaced)) {
        g.text = gap > 0.15 * height(w) ? `${g.text} ${w.text}` : join(g.text, w.text);
        g.x1 = Math.max(g.x1, w.x1);
        g.y0 = Math.min(g.y0, w.y0);
        g.y1 = Math.max(g.y1, w.y1);
        g.words.push(w);
      } else groups.push({ x0: w.x0, x1: w.x1, y0: w.y0, y1: w.y1, text: w.text, words: [w] });
    }
    const done = groups.map((g) => ({ ...g, value: isValue(g.text) }));
    const y0 = Math.min(...done.map((g) => g.y0));
    const y1 = Math.max(...done.map((g) => g.y1));
    return { groups: done, y0, y1, yc: (y0 + y1) / 2, kind: 'table' as const };
  });
}

/** The start of every section heading of both templates, without its numbering: 总体情况, 主动公开政府, … */
const HEADING_STARTS = [...new Set(Object.values(TEMPLATES).flatMap((t) => t.sections.map((s) => s.heading.replace(/^[一二三四五六七八九十]+、/, '').slice(0, 4))))];
/** The group headings of table 二 in both templates: 第二十条第（一）项 … */
const GROUP_HEADINGS = new Set(Object.values(TEMPLATES).flatMap((t) => t.proactive.groups.map((g) => normalizeText(g.label))));
const PAGE_NUMBER = /^(第?\s*\d{1,4}\s*页?(\s*[,，]?\s*共\s*\d+\s*页)?|[-—–－]+\s*\d{1,4}\s*[-—–－]+|\d{1,3}\s*\/\s*\d{1,3}|Page\s*\d+(\s*of\s*\d+)?)$/i;

/** Pages with more words than this are not analysed for tables (see pagesToText). */
export const MAX_TABLE_PAGE_WORDS = 5000;

/** The numbering a row label starts with: 1. 1、 （四） (四) 三、 */
const ROW_NUMBERING = /^(?:[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+、|\d+\s*[.、．])/;

const lineText = (l: Line): string => l.groups.map((g) => g.text).join(' ');

/** Mark the lines that are not table rows: section headings, wide narrative lines, page numbers and headers. */
function markText(lines: Line[], page: PdfPageWords): void {
  lines.forEach((l, i) => {
    const text = normalizeText(lineText(l)).replace(/\s+/g, '');
    const only = l.groups.length === 1 ? l.groups[0] : undefined;
    const heading = /^[一二三四五六七八九十]{1,2}、/.test(text) && HEADING_STARTS.some((h) => text.replace(/^[一二三四五六七八九十]{1,2}、/, '').startsWith(h));
    // A wide line of a few words is narrative; a wide group of many words a space apart is a row of narrow cells.
    const wide = only !== undefined && !only.value && only.x1 - only.x0 > 0.5 * page.width && only.words.length <= 5;
    // Page furniture: the first or last line of the page, set apart from the rest by more than a line's height.
    const prev = lines[i - 1];
    const next = lines[i + 1];
    const gap = 1.2 * (l.y1 - l.y0);
    const apart = (i === 0 && next !== undefined && next.y0 - l.y1 > gap) || (i === lines.length - 1 && prev !== undefined && l.y0 - prev.y1 > gap);
    const furniture = apart && (PAGE_NUMBER.test(text) || !l.groups.some((g) => g.value));
    if (heading || wide) l.kind = 'text';
    else if (furniture) l.kind = 'furniture';
    else if (lines.length === 1) l.kind = 'text';
  });
}

interface Strip {
  x0: number;
  x1: number;
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }): number => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** The value columns of a table (runs of lines continued over page breaks). */
function columnsOf(runs: readonly (readonly Line[])[]): Strip[] {
  const lines = runs.flat();
  const valueLines = lines.filter((l) => l.groups.some((g) => g.value));
  const most = Math.max(0, ...valueLines.map((l) => l.groups.filter((g) => g.value).length));
  if (most === 0) return [];
  const strips: Strip[] = [];
  for (const l of valueLines) {
    const values = l.groups.filter((g) => g.value);
    if (values.length !== most) continue;
    values.forEach((g, k) => {
      const s = strips[k];
      if (s) {
        s.x0 = Math.min(s.x0, g.x0);
        s.x1 = Math.max(s.x1, g.x1);
      } else strips[k] = { x0: g.x0, x1: g.x1 };
    });
  }
  // Strips that ran into each other (values of the full rows not aligned): no columns to trust.
  for (let k = 1; k < strips.length; k += 1) if (overlap(strips[k - 1] as Strip, strips[k] as Strip) > 0) return [];
  const headers = headerColumns(runs, strips);
  if (headers.length <= strips.length) return strips;
  // More header columns than filled ones: some column is empty in every row (a table 四 group without cases). Each
  // value column must fall in its own header column, in order; then the header columns are the columns.
  const matched = strips.map((s) => nearest(headers, s));
  if (matched.some((m, i) => i > 0 && m <= (matched[i - 1] ?? -1))) return strips;
  return headers.map((h, k) => {
    const i = matched.indexOf(k);
    const s = strips[i];
    return s ? { x0: Math.min(h.x0, s.x0), x1: Math.max(h.x1, s.x1) } : { x0: h.x0, x1: h.x1 };
  });
}

const mid = (s: { x0: number; x1: number }): number => (s.x0 + s.x1) / 2;

/** The index of the strip nearest to `g`: the one it overlaps most, else the one whose centre is closest. */
function nearest(strips: readonly Strip[], g: { x0: number; x1: number }): number {
  let best = -1;
  let bestScore = -Infinity;
  strips.forEach((s, k) => {
    const o = overlap(s, g);
    const score = o > 0 ? o : -Math.abs(mid(s) - mid(g));
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  });
  return best;
}

/**
 * The columns the header rows draw over the values: the header words above each run's first row of values, right of
 * the row labels, stacked into columns by stackColumns (a word reaching over two columns heads them and is left out).
 */
function headerColumns(runs: readonly (readonly Line[])[], strips: readonly Strip[]): Strip[] {
  const left = strips[0]?.x0 ?? 0;
  const labelRight = Math.max(-Infinity, ...runs.flat().flatMap((l) => (l.groups.some((g) => g.value) ? l.groups.filter((g) => !g.value && g.x1 <= left + 1).map((g) => g.x1) : [])));
  const words = runs.flatMap((run) => {
    const first = run.findIndex((l) => l.groups.some((g) => g.value));
    return run.slice(0, first < 0 ? run.length : first).flatMap((l) => l.groups.filter((g) => !g.value && g.x0 >= labelRight - 1).map((g) => ({ ...g, yc: l.yc })));
  });
  const clusters = stackColumns(words).columns;
  // Clusters that still overlap: such a header is not a grid of columns.
  for (let k = 1; k < clusters.length; k += 1) if (overlap(clusters[k - 1] as Strip, clusters[k] as Strip) > 0) return [];
  return clusters.map((c) => ({ x0: c.x0, x1: c.x1 }));
}

type Placed = Group & { yc: number };

/**
 * Header words stacked into columns, bottom up: the lowest header words are the leaves, one per column (a leaf wrapped
 * in a narrow cell stacks up: 正 under 结果纠); a word above reaching over two columns heads both and is set apart as
 * spanning; a wider word over one column (行政复议 centred over five, only one of them under it) joins it without
 * widening it.
 */
function stackColumns(words: readonly Placed[]): { columns: { x0: number; x1: number; members: Placed[] }[]; spanning: Placed[] } {
  const columns: { x0: number; x1: number; members: Placed[] }[] = [];
  const spanning: Placed[] = [];
  const queue = [...words].sort((a, b) => b.yc - a.yc || a.x0 - b.x0);
  for (let i = 0; i < queue.length; i += 1) {
    const g = queue[i] as Placed;
    const touching = columns.filter((c) => overlap(c, g) > 0);
    const c = touching[0];
    if (touching.length > 1 && g.words.length > 1) {
      // Words a space apart over two columns: narrow cells whose texts came close (结果维 结果纠), taken one by one.
      const parts = g.words.map((w) => ({ ...w, value: isValue(w.text), words: [w], yc: g.yc }));
      queue.splice(i + 1, 0, ...parts);
    } else if (touching.length > 1) spanning.push(g);
    else if (c) {
      if (g.x1 - g.x0 <= 1.5 * (c.x1 - c.x0)) {
        c.x0 = Math.min(c.x0, g.x0);
        c.x1 = Math.max(c.x1, g.x1);
      }
      c.members.push(g);
    } else columns.push({ x0: g.x0, x1: g.x1, members: [g] });
  }
  // A spanning header broken in two by a line break (第二十条第（ / 一）项): its second piece, directly under it, is
  // no column's leaf. Known by the template's wording — the group headings of table 二.
  for (const [i, sp] of spanning.entries()) {
    for (const c of columns) {
      const piece = c.members.find((m) => m.y0 > sp.y0 && m.y0 - sp.y1 < 0.8 * (sp.y1 - sp.y0) && m.x0 >= sp.x0 - 2 && m.x1 <= sp.x1 + 2);
      if (!piece || !GROUP_HEADINGS.has(normalizeText(sp.text + piece.text).replace(/\s+/g, ''))) continue;
      spanning[i] = { ...sp, text: sp.text + piece.text, y1: piece.y1 };
      c.members.splice(c.members.indexOf(piece), 1);
    }
  }
  const kept = columns.filter((c) => c.members.length > 0).sort((a, b) => a.x0 - b.x0);
  return { columns: kept, spanning };
}

/** The column of each value of a line (columns part at the middle of the gaps between them), or null when two values
 * fall in one column. */
function place(values: readonly Group[], strips: readonly Strip[]): number[] | null {
  const at = values.map((g) => {
    const c = mid(g);
    const k = strips.findIndex((s, i) => {
      const next = strips[i + 1];
      return next === undefined || c < (s.x1 + next.x0) / 2;
    });
    return k;
  });
  for (let i = 1; i < at.length; i += 1) if ((at[i] ?? 0) <= (at[i - 1] ?? 0)) return null;
  return at.length > 0 && at.every((k) => k >= 0) ? at : null;
}

/** Label fragments (groups) joined: by column (overlapping x), top to bottom within one, columns left to right. */
function labelText(groups: readonly (Group & { yc: number })[]): string {
  const columns: (Group & { yc: number })[][] = [];
  for (const g of [...groups].sort((a, b) => a.x0 - b.x0)) {
    const col = columns.find((c) => c.some((h) => overlap(h, g) > 0));
    if (col) col.push(g);
    else columns.push([g]);
  }
  return columns
    .map((c) => c.sort((a, b) => a.yc - b.yc).reduce((s, g) => (s === '' ? g.text : join(s, g.text)), ''))
    .join('\t');
}

/**
 * Header rows, written cell by cell: the words stacked in one column (a header wrapped in a narrow cell: 本年新 / 制作数
 * / 量) joined top to bottom, the columns left to right on one line, after a line of the headers spanning several
 * columns (申请人情况, 法人或其他组织) — read across, a wrapped header's pieces would interleave with its neighbours'.
 */
function headerText(band: readonly Line[]): string[] {
  const { columns, spanning } = stackColumns(band.flatMap((l) => l.groups.map((g) => ({ ...g, yc: l.yc }))));
  const cellText = (members: readonly Placed[]) => [...members].sort((a, b) => a.yc - b.yc || a.x0 - b.x0).reduce((s, g) => (s === '' ? g.text : join(s, g.text)), '');
  const out: string[] = [];
  if (spanning.length > 0) out.push(spanning.sort((a, b) => a.yc - b.yc || a.x0 - b.x0).map((g) => g.text).join('\t'));
  out.push(columns.map((c) => cellText(c.members)).join('\t'));
  return out;
}

/** Where a value group landed in an output line: [start, end) in the line's text, and the words it was joined from. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
  readonly words: readonly PdfWord[];
}

/** An output line: its text and where its values are in it. */
interface OutLine {
  readonly text: string;
  readonly spans: readonly WordSpan[];
}

/** Fields joined by `sep`, each value field's place recorded with the words it came from. */
function fields(parts: readonly { text: string; group?: Group }[], sep: string): OutLine {
  let text = '';
  const spans: WordSpan[] = [];
  parts.forEach((p, i) => {
    if (i > 0) text += sep;
    if (p.group?.value && p.text !== '') spans.push({ start: text.length, end: text.length + p.text.length, words: p.group.words });
    text += p.text;
  });
  return { text, spans };
}

/** One run of table lines (on one page) written out, given its value columns. */
function writeRun(lines: readonly Line[], strips: readonly Strip[]): (string | OutLine)[] {
  const left = strips[0]?.x0 ?? Infinity;
  const isRow = (l: Line) => l.groups.some((g) => g.value);
  const valueLines = lines.filter(isRow);
  if (strips.length === 0 || valueLines.length === 0) return lines.map(plain);
  const inLabels = (l: Line) => l.groups.every((g) => g.x1 <= left + 1);
  // Lines without values come in bands between rows: header rows (words over the value columns) or the wrapped
  // pieces of row labels. A label's piece at the foot of a header band belongs to the row below when it is nearer
  // to that row than to the header words above it, or when it starts with a row's numbering.
  const fragments: Line[] = [];
  const bands = new Map<Line, Line[]>();
  for (let i = 0; i < lines.length; ) {
    if (isRow(lines[i] as Line)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < lines.length && !isRow(lines[j] as Line)) j += 1;
    const segment = lines.slice(i, j);
    const next = lines[j];
    let headerEnd = -1;
    segment.forEach((l, k) => {
      if (!inLabels(l)) headerEnd = k;
    });
    if (headerEnd < 0) fragments.push(...segment);
    else {
      // …and a piece at its head belongs to the row above when it is nearer to that row than to the header below.
      const prev = i > 0 ? lines[i - 1] : undefined;
      const headerStart = segment.findIndex((l) => !inLabels(l));
      let lead = 0;
      while (prev && lead < headerStart && (segment[lead] as Line).yc - prev.yc < (segment[headerStart] as Line).yc - (segment[lead] as Line).yc) lead += 1;
      fragments.push(...segment.slice(0, lead));
      const band = segment.slice(lead, headerEnd + 1);
      const lastHeader = band[band.length - 1] as Line;
      let label = false;
      for (const l of segment.slice(headerEnd + 1)) {
        // Header cells do not start with a row's numbering: from such a piece on, the lines are the next row's label.
        label ||= l.groups.some((g) => ROW_NUMBERING.test(normalizeText(g.text))) || (next !== undefined && next.yc - l.yc < l.yc - lastHeader.yc);
        if (label) fragments.push(l);
        else band.push(l);
      }
      bands.set(band[0] as Line, band);
    }
    i = j;
  }
  // A piece that starts with a row's numbering (1. / （四） / 三、) and has no values below it before the next such
  // piece is a blank row of its own; other pieces continue the label of a row: in top-aligned cells (labels hang down
  // from their values) the nearest row above, otherwise (centred cells) the nearest row.
  const numbered = (g: Group) => ROW_NUMBERING.test(normalizeText(g.text));
  const blankRow = (f: Line, first: Group) => {
    // A blank row: no values between its label and the next numbered label below it in its column, a column left of
    // it (a row of the outer column, such as (七) 总计, also ends it) or under it (（二）部分公开 spans the column of
    // 1.属于国家秘密), or the run's end.
    const next = lines.find((l) => l.yc > f.yc && l.groups.some((g) => !g.value && (g.x0 <= first.x0 + 1 || overlap(g, first) > 0) && numbered(g)));
    return !valueLines.some((v) => v.yc > f.yc && (next === undefined || v.yc < next.yc));
  };
  // An unnumbered label (table 二's 行政强制) shows a blank row by its place, in the innermost label column (a group
  // label, centred between its rows' values, is not a row): a new cell — further below the label piece above it
  // than the lines of one cell are apart — with no values beside it (within ¾ of a line: a centred cell's values
  // sit half a line below its first line) nor between it and the next line of its cell.
  const pieces = lines.flatMap((l) => l.groups.filter((g) => !g.value && g.x1 <= left + 1).map((g) => ({ g, yc: centre(g) })));
  const nearestPiece = (yc: number, g: Group, dir: -1 | 1) =>
    pieces
      .filter((p) => (p.yc - yc) * dir > 0.1 && overlap(p.g, g) > 0)
      .reduce<{ yc: number } | null>((best, p) => (best === null || Math.abs(p.yc - yc) < Math.abs(best.yc - yc) ? p : best), null);
  const h = Math.min(...pieces.map((p) => p.g.y1 - p.g.y0));
  const pitches = pieces.map((p) => p.yc - (nearestPiece(p.yc, p.g, -1)?.yc ?? -Infinity)).filter((d) => d < 1.6 * h);
  const lead = pitches.length > 0 ? Math.min(...pitches) : 1.35 * h;
  const innermost = Math.max(...valueLines.flatMap((v) => v.groups.filter((g) => !g.value && g.x1 <= left + 1).map((g) => g.x0)));
  const valuesWithin = (a: number, b: number) => valueLines.some((v) => v.yc > a && v.yc < b);
  const blankCell = (g: Group) => {
    if (numbered(g) || g.x1 < innermost) return false;
    const yc = centre(g);
    const above = nearestPiece(yc, g, -1);
    if (above && yc - above.yc <= 1.15 * lead) return false;
    if (valuesWithin(yc - 0.75 * lead, yc + 0.75 * lead)) return false;
    const below = nearestPiece(yc, g, 1);
    return !(below && below.yc - yc <= 1.35 * lead && valuesWithin(yc, below.yc));
  };
  const starts = new Set(fragments.filter((f) => f.groups.some((g) => (numbered(g) && blankRow(f, g)) || blankCell(g))));
  const rowsAndStarts = [...valueLines, ...starts].sort((a, b) => a.yc - b.yc);
  // Top-aligned: every row has a label piece beside its values, and no label starts above its row's values.
  const topAligned = valueLines.every((l) => l.groups.some((g) => !g.value && g.x1 <= left + 1)) && !fragments.some((f) => !starts.has(f) && f.groups.some(numbered));
  const attached = new Map<Line, (Group & { yc: number })[]>(rowsAndStarts.map((l) => [l, []]));
  for (const l of fragments) {
    if (starts.has(l)) continue;
    const candidates = rowsAndStarts.filter((v) => !topAligned || v.yc <= l.yc + 0.5);
    const pool = candidates.length > 0 ? candidates : rowsAndStarts;
    const near = pool.reduce<Line | null>((best, v) => (best === null || Math.abs(v.yc - l.yc) < Math.abs(best.yc - l.yc) ? v : best), null);
    if (near) attached.get(near)?.push(...l.groups.map((g) => ({ ...g, yc: l.yc })));
  }
  const out: (string | OutLine)[] = [];
  for (const l of lines) {
    const band = bands.get(l);
    if (band) out.push(...headerText(band));
    if (starts.has(l)) out.push(labelText([...l.groups.map((g) => ({ ...g, yc: l.yc })), ...(attached.get(l) ?? [])]));
    if (!isRow(l)) continue;
    const values = l.groups.filter((g) => g.value && g.x1 > left - 1);
    const labels = [...l.groups.filter((g) => !values.includes(g)).map((g) => ({ ...g, yc: l.yc })), ...(attached.get(l) ?? [])];
    const label = labelText(labels);
    const cols = place(values, strips);
    if (cols === null) {
      // `${label} ${values…}`.trim(), with the values' places.
      const o = fields([{ text: label }, ...(values.length > 0 ? values.map((g) => ({ text: g.text, group: g })) : [{ text: '' }])], ' ');
      const lead = o.text.length - o.text.trimStart().length;
      out.push({ text: o.text.trim(), spans: o.spans.map((sp) => ({ ...sp, start: sp.start - lead, end: sp.end - lead })) });
      continue;
    }
    const cells: { text: string; group?: Group }[] = strips.map(() => ({ text: '' }));
    cols.forEach((k, i) => {
      const g = values[i];
      if (g) cells[k] = { text: g.text, group: g };
    });
    // A row without a label (table 四's one row of values) starts with its first cell.
    out.push(fields(label === '' ? cells : [{ text: label }, ...cells], '\t'));
  }
  return out;
}

/** A line as printed: groups far apart separated by a tab (separate cells), near ones by a space. */
function plain(l: Line): OutLine {
  return fields(l.groups.map((g) => ({ text: g.text, group: g })), '\t');
}

/**
 * The text of the pages: one line per visual line outside tables, one per table row inside them; pages end with a
 * form feed (as pdftotext writes them: provenance counts pages by them).
 */
export function pagesToText(pages: readonly PdfPageWords[]): string {
  return pagesToTextSpans(pages).text;
}

/**
 * pagesToText, and where each value ended up: [start, end) offsets in the text and the words it was read from (the
 * OCR adapter carries a word's confidence and page box to the cell read from it).
 */
export function pagesToTextSpans(pages: readonly PdfPageWords[]): { text: string; spans: WordSpan[] } {
  const perPage = pages.map((page) => {
    const lines = visualLines(page.words);
    markText(lines, page);
    // A page of an annual report holds a few hundred words; the table analysis is quadratic in a run's lines, so a
    // page of more is read as plain lines (bounded time on any input).
    if (page.words.length > MAX_TABLE_PAGE_WORDS) for (const l of lines) l.kind = 'text';
    const runs: Line[][] = [];
    let current: Line[] | null = null;
    for (const l of lines) {
      if (l.kind !== 'table') current = null;
      else {
        if (!current) runs.push((current = []));
        current.push(l);
      }
    }
    return { lines, runs };
  });
  // A table continued over a page break: the run ending one page and the run starting the next share their columns.
  const chains: Line[][][] = [];
  perPage.forEach((p, i) => {
    p.runs.forEach((run, j) => {
      const prev = perPage[i - 1];
      const endsPrev = prev && prev.runs.length > 0 && prev.lines.slice(prev.lines.indexOf(prev.runs[prev.runs.length - 1]?.at(-1) as Line) + 1).every((l) => l.kind === 'furniture');
      const startsHere = j === 0 && p.lines.slice(0, p.lines.indexOf(run[0] as Line)).every((l) => l.kind === 'furniture');
      const last = chains[chains.length - 1];
      if (j === 0 && startsHere && endsPrev && last) last.push(run);
      else chains.push([run]);
    });
  });
  const written = new Map<Line[], (string | OutLine)[]>();
  for (const chain of chains) {
    const strips = columnsOf(chain);
    for (const run of chain) written.set(run, writeRun(run, strips));
  }
  let text = '';
  const spans: WordSpan[] = [];
  for (const { lines, runs } of perPage) {
    const out: (string | OutLine)[] = [];
    for (const l of lines) {
      if (l.kind !== 'table') out.push(plain(l));
      else {
        const run = runs.find((r) => r[0] === l);
        if (run) out.push(...(written.get(run) ?? []));
      }
    }
    out.forEach((o, i) => {
      if (i > 0) text += '\n';
      if (typeof o === 'string') text += o;
      else {
        for (const sp of o.spans) spans.push({ start: text.length + sp.start, end: text.length + sp.end, words: sp.words });
        text += o.text;
      }
    });
    text += '\n\f';
  }
  return { text, spans };
}
