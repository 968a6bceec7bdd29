/**
 * The generated benchmark's shared part: generated "published" reports (src/formats/published) of the given layouts,
 * each run through the real pipeline bytes → extractText → importReportText, with the time each step took. Used by
 * bench/import.bench.ts (the full benchmark) and bench/real.bench.ts (a small sample printed beside the real corpus).
 */
import { importReportText } from '../src/core/annual-report/import/import-text.ts';
import { reportToJson } from '../src/core/annual-report/serialize.ts';
import { LAYOUT_NAMES, LAYOUTS, generatePublished, type LayoutName, type PublishedItem } from '../src/formats/published/index.ts';
import { scoreReport } from '../src/formats/published/score.ts';
import { extractText, type ExtractedText } from '../src/formats/source/extract.ts';

export interface GeneratedImport {
  readonly layout: LayoutName;
  readonly item: PublishedItem;
  readonly extracted: ExtractedText;
  /** null when the text could not be extracted. */
  readonly result: ReturnType<typeof importReportText> | null;
  /** Generating and rendering this item. */
  readonly generateMs: number;
  /** extractText + importReportText. */
  readonly importMs: number;
}

/** The seed of a layout's run: each layout its own stream, stable for a given base seed. */
export const layoutSeed = (seed: number, layout: LayoutName): number => seed + LAYOUT_NAMES.indexOf(layout) * 7919;

/** Generate `count(layout)` reports per layout and import each, layout after layout. */
export async function* importGenerated(seed: number, layouts: readonly LayoutName[], count: (layout: LayoutName) => number): AsyncGenerator<GeneratedImport> {
  for (const layout of layouts) {
    let t = performance.now();
    for await (const item of generatePublished(layoutSeed(seed, layout), count(layout), { layouts: [layout] })) {
      const generateMs = performance.now() - t;
      const t0 = performance.now();
      const extracted = await extractText(item.doc.bytes, item.doc.name);
      // As gongkai import does: the file name and a web page's <title>/meta title are hints for year and organisation.
      const hints = { fileName: item.doc.name, ...(extracted.ok && extracted.title ? { title: extracted.title } : {}) };
      const result = extracted.ok ? importReportText(extracted.text, { hints }) : null;
      const importMs = performance.now() - t0;
      yield { layout, item, extracted, result, generateMs, importMs };
      t = performance.now();
    }
  }
}

/** Exact cells over all cells of a generated sample, counting only the layouts the benchmark's TOTAL counts. */
export async function generatedTotal(seed: number, perLayout: number, layouts: readonly LayoutName[] = LAYOUT_NAMES.filter((l) => LAYOUTS[l].record)): Promise<{ reports: number; cells: number; exact: number; invented: number; missed: number; failedExtract: number }> {
  const total = { reports: 0, cells: 0, exact: 0, invented: 0, missed: 0, failedExtract: 0 };
  for await (const g of importGenerated(seed, layouts, () => perLayout)) {
    if (!g.result) {
      total.failedExtract += 1;
      continue;
    }
    const score = scoreReport(g.item.doc.truth, reportToJson(g.result.report));
    total.reports += 1;
    total.cells += score.cells;
    total.exact += score.exact;
    total.invented += score.invented;
    total.missed += score.missed;
  }
  return total;
}
