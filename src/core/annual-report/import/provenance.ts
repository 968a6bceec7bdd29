/**
 * A report's provenance (where each cell came from) read back from JSON — it travels through a browser form and sits
 * in a file beside a saved report, so every entry is checked: known cell paths, a known `how`, bounded texts.
 */
import type { AnnualReport } from '../model.ts';
import { TABLE_KEYS, TEMPLATES, tableCells } from '../templates/index.ts';
import type { CellProvenance } from './import-text.ts';
import type { OcrBox } from './ocr-check.ts';

/** A scanned value's page box (./ocr-check.ts OcrBox): a page number and finite, non-negative numbers. */
function ocrBox(v: unknown): OcrBox | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const b = v as Record<string, unknown>;
  const ok = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= max;
  if (!(ok(b.page, 100000) && Number.isInteger(b.page) && b.page >= 1 && ok(b.x, 1e6) && ok(b.y, 1e6) && ok(b.w, 1e6) && ok(b.h, 1e6))) return undefined;
  return { page: b.page, x: b.x, y: b.y, w: b.w, h: b.h };
}

const HOW = new Set(['read', 'inferred', 'missing']);
const MAX_ENTRIES = 2000;

/** The provenance of `report`, checked entry by entry; null when the JSON is malformed or names a cell not in the report's template. */
export function parseProvenance(json: string, report: AnnualReport): CellProvenance[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(raw) || raw.length > MAX_ENTRIES) return null;
  const paths = new Set(TABLE_KEYS.flatMap((t) => tableCells(TEMPLATES[report.template], t).map((c) => c.path)));
  const out: CellProvenance[] = [];
  for (const e of raw as Record<string, unknown>[]) {
    if (typeof e !== 'object' || e === null || typeof e.path !== 'string' || !paths.has(e.path) || !HOW.has(e.how as string)) return null;
    const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
    const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
    const value = typeof e.value === 'number' && Number.isFinite(e.value) ? e.value : null;
    const entry: CellProvenance = { path: e.path, value, how: e.how as CellProvenance['how'] };
    const extra = { raw: text(e.raw, 200), line: int(e.line), column: int(e.column), offset: int(e.offset), page: int(e.page), note: text(e.note, 40) };
    const unit = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined);
    const confidence = unit(e.confidence);
    const box = ocrBox(e.box);
    out.push(Object.assign(entry, Object.fromEntries(Object.entries({ ...extra, confidence, box }).filter(([, v]) => v !== undefined))));
  }
  return out;
}

