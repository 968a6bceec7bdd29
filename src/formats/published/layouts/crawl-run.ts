/**
 * Layout `crawlRun` — a report's web page as a crawler keeps it, tags stripped (the hebei-kjt and hebei-gxt crawls of
 * fixtures/real): the title field cut off with "..." and a blank line, then the whole report as one line (or a few);
 * paragraphs and headings joined by two full-width spaces "\u3000\u3000" (or by nothing); table cells of a row run together
 * with no separator (…申请数量170000017（二）部分公开…), so a row label starting with a digit sticks to the previous
 * row's last number (…00000002.其他法律…) and table 四 is one run of fifteen numbers after its header words; header
 * words run together too. Variants seen: every zero written out (hebei-kjt), or blank cells instead of zeros that
 * vanish entirely (hebei-gxt-2019/2020: rows with no digits at all, rows with fewer digits than cells) with table 四
 * replaced by a sentence when there were no cases; table 二 sometimes with "\u3000\u3000" between its cells (hebei-kjt-2022).
 * The document tells undetermined.ts its runs: which cells ran together and what they printed.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { withCell, type AnnualReport } from '../../../core/annual-report/model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells, type TableKey } from '../../../core/annual-report/templates/index.ts';
import { documentBlocks, featuresOf, textDoc, titleOf, type PublishedDoc } from '../document.ts';
import { headRowCount, rowCells, type PrintedTable } from '../grid.ts';
import { below, chance, pick } from '../names.ts';
import { pickNoise, type Noise } from '../noise.ts';
import type { EmptyKind, PublishedSample } from '../sample.ts';
import type { PrintedRun } from '../undetermined.ts';

/** A sample with some cells changed (blank → 0, 0 → blank) and tables made absent: a new truth, as printed. */
export function reshapeSample(
  sample: PublishedSample,
  change: (path: string, value: number | null, table: TableKey) => { value: number | null; empty?: EmptyKind },
  absent: Partial<Record<TableKey, string>> = {},
): PublishedSample {
  let report: AnnualReport = sample.report;
  const empty = new Map(sample.empty);
  for (const table of TABLE_KEYS) {
    if (report[table] === null) continue;
    for (const cell of tableCells(TEMPLATES[report.template], table)) {
      const node = cell.path.split('.').reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), report);
      if (node === undefined) continue; // a variant column the report does not carry
      const before = typeof node === 'number' ? node : null;
      const next = change(cell.path, before, table);
      if (next.value !== before) report = withCell(report, cell, next.value);
      if (next.empty) empty.set(cell.path, next.empty);
      else empty.delete(cell.path);
    }
  }
  for (const table of Object.keys(absent) as TableKey[]) {
    report = { ...report, [table]: null };
    for (const p of [...empty.keys()]) if (p.startsWith(`${table}.`)) empty.delete(p);
  }
  const planted = sample.planted.filter((p) => report[p.path.split('.')[0] as TableKey] !== null);
  return { ...sample, report, empty, planted, absent: { ...sample.absent, ...absent } };
}

interface Style {
  /** Every zero written out, or blank cells (and no zeros in table 三) that vanish. */
  readonly blanks: 'zeros' | 'vanish';
  /** What joins paragraphs and headings: two full-width spaces, or nothing. */
  readonly joiner: string;
  /** Table 二's cells separated by "\u3000\u3000" (hebei-kjt-2022). */
  readonly spacedProactive: boolean;
  readonly cutTitle: boolean;
  /** The title printed again at the top of the body (hebei-gxt-2021). */
  readonly titleInBody: boolean;
  readonly lines: number;
}

const NO_CASES = ['年未发生涉及政府信息公开的行政复议、行政诉讼案件。', '年度本机关未发生政府信息公开行政复议、行政诉讼情况。'];

/** The sample as this office prints it: every blank a zero, or table 三's zeros left blank (and 四 a sentence). */
function printedSample(sample: PublishedSample, style: Style, rng: Rng): PublishedSample {
  if (style.blanks === 'zeros') return reshapeSample(sample, (_, v) => ({ value: v ?? 0 }));
  const review = sample.report.reviewLitigation;
  const noCases = review !== null && tableCells(TEMPLATES[sample.report.template], 'reviewLitigation').every((c) => {
    const g = (review as Record<string, Record<string, unknown>>)[c.row[0] as string];
    return !g || g[c.column.key] === null || g[c.column.key] === 0;
  });
  const absent: Partial<Record<TableKey, string>> =
    noCases && chance(rng, 0.7) ? { reviewLitigation: `${sample.report.year ?? ''}${sample.org.name}${pick(rng, NO_CASES)}` } : {};
  const blankProactive = rng() * 0.5;
  const keep = new Map<string, boolean>();
  return reshapeSample(
    sample,
    (path, v, table) => {
      if (v === null) return { value: null, empty: 'blank' };
      if (v !== 0) return { value: v };
      if (!keep.has(path)) keep.set(path, table === 'proactive' ? !chance(rng, blankProactive) : table === 'reviewLitigation' && chance(rng, 0.5));
      return keep.get(path) ? { value: 0 } : { value: null, empty: 'blank' };
    },
    absent,
  );
}

/** A table's text and its runs: each row's cells run together (table 二 maybe spaced). */
function tableText(t: PrintedTable, style: Style, runs: PrintedRun[]): string {
  const heads = headRowCount(t);
  const spaced = t.table === 'proactive' && style.spacedProactive;
  const parts: string[] = [];
  t.rowKinds.forEach((_, r) => {
    const cells = rowCells(t, r);
    for (const c of cells) parts.push(c.text);
    const values = cells.filter((c) => c.kind === 'value' && c.path !== undefined);
    if (r >= heads && values.length > 0 && !spaced) {
      runs.push({ paths: values.map((c) => c.path as string), text: values.map((c) => c.text).join(''), vanish: style.blanks === 'vanish' || values.some((c) => c.text === '') });
    }
  });
  // A blank cell is an empty <td>: nothing at all when cells run together, an empty place between spaces.
  return spaced ? parts.join('\u3000\u3000') : parts.join('');
}

/** Render a sample as crawled page text with run-together cells. */
export function renderCrawlRun(input: PublishedSample, rng: Rng): PublishedDoc {
  const base = pickNoise(rng);
  // Crawled pages of this kind print plain ASCII digits, no thousands separators.
  const noise: Noise = { ...base, fullWidth: 0, thousands: false };
  const style: Style = {
    blanks: chance(rng, TEMPLATES[input.report.template].years.to !== null ? 0.5 : 0.25) ? 'vanish' : 'zeros',
    joiner: chance(rng, 0.7) ? '\u3000\u3000' : '',
    spacedProactive: chance(rng, 0.2),
    cutTitle: chance(rng, 0.6),
    titleInBody: chance(rng, 0.2),
    lines: chance(rng, 0.7) ? 1 : 2 + below(rng, 2),
  };
  const sample = printedSample(input, style, rng);
  const runs: PrintedRun[] = [];
  const pieces: string[] = [];
  let afterHeading = false;
  for (const block of documentBlocks(sample, noise, rng)) {
    if (block.kind === 'title') {
      if (style.titleInBody) pieces.push(block.text);
      continue;
    }
    if (block.kind === 'table') {
      // The table follows its heading with nothing between (or the spaces of a spaced table 二).
      const text = tableText(block.table, style, runs);
      const sep = block.table.table === 'proactive' && style.spacedProactive ? '\u3000\u3000' : '';
      if (afterHeading && pieces.length > 0) pieces[pieces.length - 1] += `${sep}${text}`;
      else pieces.push(text);
    } else pieces.push(block.text);
    afterHeading = block.kind === 'heading';
  }
  // One line, or a few broken at piece boundaries.
  const breaks = new Set(Array.from({ length: style.lines - 1 }, () => 1 + below(rng, Math.max(1, pieces.length - 1))));
  let body = style.joiner;
  pieces.forEach((p, i) => {
    if (i > 0) body += breaks.has(i) ? '\n' : style.joiner;
    body += p;
  });
  const title = titleOf(sample);
  const cut = 20 + below(rng, 4);
  const titleLine = style.cutTitle && title.length > cut ? `${title.slice(0, cut)}...` : title;
  const text = `${titleLine}\n\n${body}${style.joiner}\n`;
  const features = featuresOf(sample, noise, style, false);
  const doc = textDoc('crawlRun', 'txt', text, sample, features);
  return { ...doc, printing: { kind: 'runs', runs } };
}
