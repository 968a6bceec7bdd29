/**
 * One scanned page → the words the positional table reader (../pdf/table-text.ts) lays out, in points from the page's
 * top-left corner, as the PDF and OFD readers give them. Every detected box is read character by character
 * (./engine.ts); a box is cut into words at the spaces the recogniser reads and at gaps wider than most of a
 * character, so each number of a table row is a word of its own with its own box. A word that reads as a value (a
 * number or a "not applicable" mark) and has a character below OCR_CONFIDENCE keeps its place on the page but its text
 * becomes OCR_UNCERTAIN: the importer makes that cell null with `import.ocrUncertain` (never a guess).
 */
import { furnitureLine, OCR_UNCERTAIN, parseField } from '../../core/annual-report/import/fields.ts';
import { normalizeText } from '../../core/annual-report/import/normalize.ts';
import type { PdfPageWords, PdfWord } from '../pdf/table-text.ts';
import { OCR_LIMITS } from '../source/limits.ts';
import { detect, recognise, type OcrLine } from './engine.ts';
import { cleanUp, estimateSkew, removeRules, rotateQuarters, rotateSmall, whiten, type Gray } from './image.ts';

/** A value read on a scanned page, with its confidence (its least sure character) and its box in points. */
export interface OcrValue {
  readonly text: string;
  readonly confidence: number;
  readonly box: readonly [number, number, number, number];
}

/** A word of a scanned page; a value word also carries its confidence and its box as read (before snapRows). */
export interface OcrWord extends PdfWord {
  readonly ocr?: OcrValue;
}

export interface OcrPage {
  readonly page: PdfPageWords;
  /** Every value word (numbers, not-applicable marks) with its confidence, in reading order. */
  readonly values: readonly OcrValue[];
  /** How the page was turned upright: quarter turns clockwise, and the small skew corrected (degrees). */
  readonly quarters: number;
  readonly skew: number;
}

const isCjk = (ch: string): boolean => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch);

/** A value as the importer reads it: a number or a not-applicable mark (not a label). */
function isValueText(text: string): boolean {
  const f = parseField(normalizeText(text).replace(/\s+/g, ''), 0, true);
  return f !== null && f.kind !== 'blank';
}

/** A box's characters cut into words (page pixels). Exported for its test. */
export function lineWords(line: OcrLine): { x0: number; x1: number; y0: number; y1: number; text: string; confidence: number }[] {
  // The box is the text grown by the detector's unclip margin: the text's own height is about two thirds of it.
  const h = Math.max(1, (line.y1 - line.y0) * 0.66);
  const half = (ch: string): number => (isCjk(ch) ? 0.48 : 0.27) * h;
  const words: { x0: number; x1: number; y0: number; y1: number; text: string; confidence: number }[] = [];
  let cur: { x0: number; x1: number; text: string; confidence: number } | null = null;
  for (const c of line.chars) {
    if (c.text.trim() === '') {
      if (cur) words.push({ ...cur, y0: line.y0, y1: line.y1 });
      cur = null;
      continue;
    }
    const x0 = c.x - half(c.text);
    const x1 = c.x + half(c.text);
    // Characters of one word touch; a value's digits are half an em apart at most. Between two Chinese characters
    // the recogniser's positions wander by up to half a character, so only a wider gap parts them.
    const last = cur?.text.slice(-1) ?? '';
    // A decimal point or a thousands separator between digits is narrow and its position wanders: it does not part them.
    const separator = (/[.,]/.test(last) && /\d/.test(c.text)) || (/\d/.test(last) && /[.,]/.test(c.text));
    const gap = isCjk(last) && isCjk(c.text) ? 1.2 * h : separator ? 1.5 * h : 0.6 * h;
    if (cur && x0 - cur.x1 < gap) {
      cur.x1 = x1;
      cur.text += c.text;
      cur.confidence = Math.min(cur.confidence, c.p);
    } else {
      if (cur) words.push({ ...cur, y0: line.y0, y1: line.y1 });
      cur = { x0, x1, text: c.text, confidence: c.p };
    }
  }
  if (cur) words.push({ ...cur, y0: line.y0, y1: line.y1 });
  // A number cut at its separator all the same ("2901." and "3162" for 2901.3162) must not stand as two numbers: both
  // pieces are not sure (a printed number neither ends nor starts with a separator).
  words.forEach((w, i) => {
    const next = words[i + 1];
    if (next && (/[.,]$/.test(w.text) || /^[.,]/.test(next.text)) && /\d/.test(w.text) && /\d/.test(next.text)) {
      w.confidence = 0;
      next.confidence = 0;
    }
  });
  // Each word keeps the whole box's height, margin included: the table reader puts words on one line when their
  // centres are within a third of their height, and the ink of digits sits lower than that of Chinese characters
  // (a row's label and its values differ by a quarter of the text's height) where a PDF's font boxes agree.
  return words;
}

/** Mean confidence of the first boxes read: which way up reads better. */
async function readability(img: Gray, boxes: readonly { x0: number; y0: number; x1: number; y1: number }[]): Promise<number> {
  const sample = [...boxes].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, 8);
  const lines = await recognise(img, sample);
  const ps = lines.flatMap((l) => l.chars.map((c) => c.p));
  return ps.length === 0 ? 0 : ps.reduce((a, b) => a + b, 0) / ps.length;
}

/** The value words of a box read, and the confidence of the least sure of them (1 when it has none). */
function valueWords(line: OcrLine): { count: number; least: number } {
  const values = lineWords(line).filter((w) => isValueText(w.text));
  return { count: values.length, least: Math.min(1, ...values.map((w) => w.confidence)) };
}

/**
 * The boxes holding a value read below OCR_CONFIDENCE read again on the page with its paper made white (./image.ts
 * whiten: grain, JPEG's ringing, a seal's trace gone); the second reading replaces the first when it finds as many
 * values and its least sure one is surer (then it is judged by the threshold as any reading). Only doubtful boxes: a
 * clean page reads as before — whitened, the thin strokes of light print fade (a lone 0 of a real report vanished).
 * In place.
 */
async function rereadDoubtful(img: Gray, lines: OcrLine[]): Promise<void> {
  const doubtful = lines.flatMap((l, i) => (valueWords(l).least < OCR_LIMITS.confidence ? [i] : []));
  if (doubtful.length === 0) return;
  const white = whiten(img);
  if (white === img) return;
  const again = await recognise(
    white,
    doubtful.map((i) => lines[i] as OcrLine),
  );
  again.forEach((line, k) => {
    const i = doubtful[k] as number;
    const before = valueWords(lines[i] as OcrLine);
    const after = valueWords(line);
    if (after.count === before.count && after.least > before.least) lines[i] = line;
  });
}

/**
 * OCR of one page image at `dpi`: upright (a page on its side when most boxes are taller than wide; upside down when
 * it reads better turned round), deskewed, contrast stretched; its words in points and its values with confidences.
 */
export async function ocrPage(input: Gray, dpi: number): Promise<OcrPage> {
  let img = cleanUp(input);
  // A rough look for the orientation only (a small detector input is enough to tell lines from columns).
  const rough = await detect(img, 960);
  let quarters = 0;
  // Lines of text are long boxes: lying down on an upright page, standing on a page on its side. A single digit's box
  // is about square (a little taller than wide) and says nothing.
  const tall = rough.filter((b) => b.y1 - b.y0 > 3 * (b.x1 - b.x0)).reduce((s, b) => s + (b.y1 - b.y0), 0);
  const wide = rough.filter((b) => b.x1 - b.x0 > 3 * (b.y1 - b.y0)).reduce((s, b) => s + (b.x1 - b.x0), 0);
  if (tall > 2 * wide) {
    quarters = 1;
    img = rotateQuarters(img, 1);
  }
  const skew = estimateSkew(img);
  if (skew !== 0) img = rotateSmall(img, -skew);
  // Rules erased once the page is level (a rule is then a straight run): runs over twice the usual text box's height
  // (a character's stroke is shorter than its box, however large the print or the resolution).
  const roughHeights = rough.map((b) => Math.min(b.y1 - b.y0, b.x1 - b.x0)).sort((a, b) => a - b);
  const textBox = roughHeights[Math.floor(roughHeights.length / 2)] ?? 0;
  img = removeRules(img, Math.max(30, Math.round(2 * textBox)));
  let boxes = await detect(img);
  if (boxes.length > 0) {
    // Upside down? The same boxes, turned with the page, read better.
    const turned = rotateQuarters(img, 2);
    const turnedBoxes = boxes.map((b) => ({ x0: img.width - b.x1, y0: img.height - b.y1, x1: img.width - b.x0, y1: img.height - b.y0 }));
    if ((await readability(turned, turnedBoxes)) > (await readability(img, boxes)) + 0.05) {
      img = turned;
      // Detected again the right way up: the detector, trained on upright print, boxes a lone digit upside down
      // differently or not at all (a page on its side, first turned the wrong way, lost lone zeros so).
      boxes = await detect(img);
      quarters += 2;
    }
  }
  const lines = await recognise(img, dropSpecks(boxes).slice(0, OCR_LIMITS.boxesPerPage));
  await rereadDoubtful(img, lines);
  const pt = 72 / dpi;
  const words: OcrWord[] = [];
  const values: OcrValue[] = [];
  // A lone "0" gets a smaller box than the words beside it (less ink to grow from): every word is at least the
  // page's usual box height, about its own centre, so the words of one row agree as a PDF's font boxes do.
  const heights = lines.map((l) => l.y1 - l.y0).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)] ?? 0;
  const pageWords = lines.flatMap((line) => lineWords(line));
  splitNumbers(pageWords, usual);
  const furniture = furnitureWords(pageWords, usual);
  for (const w of pageWords) {
    const half = Math.max(w.y1 - w.y0, usual) / 2;
    const yc = (w.y0 + w.y1) / 2;
    const box = [w.x0 * pt, (yc - half) * pt, w.x1 * pt, (yc + half) * pt] as const;
    let text = w.text;
    let ocr: OcrValue | null = null;
    if (isValueText(text)) {
      ocr = { text, confidence: w.confidence, box };
      values.push(ocr);
      if (w.confidence < OCR_LIMITS.confidence && !furniture.has(w)) text = OCR_UNCERTAIN;
    }
    words.push({ x0: box[0], y0: box[1], x1: box[2], y1: box[3], text, ...(ocr ? { ocr } : {}) });
  }
  return { page: { width: img.width * pt, height: img.height * pt, words: snapRows(words, usual * pt) }, values, quarters: quarters % 4, skew };
}

/**
 * The words of lines that read as page furniture ("- 4 -", 第 3 页: ../../core/annual-report/import/fields.ts
 * furnitureLine) as they were read. Their doubtful pieces are left as read, not made ⍰: the importer drops such a line
 * whole, but a footer "- 4 -" read as "-4" and a doubtful "-" (⍰) was no longer one, and its "values" joined the
 * table row above (the whole row null). Words on one line: centres within 0.45 of the usual box height, in order of x.
 * Exported for its test.
 */
export function furnitureWords<W extends { x0: number; y0: number; y1: number; text: string }>(words: readonly W[], usual: number): Set<W> {
  const out = new Set<W>();
  for (const band of bands(words, usual)) {
    const line = [...band].sort((a, b) => a.x0 - b.x0);
    if (furnitureLine(line.map((w) => w.text).join(' '))) for (const w of line) out.add(w);
  }
  return out;
}

/** Words in bands from the top: each word's centre within 0.45 of the usual box height of the one before it. */
function bands<W extends { y0: number; y1: number }>(words: readonly W[], usual: number): W[][] {
  const centre = (w: W): number => (w.y0 + w.y1) / 2;
  const out: W[][] = [];
  for (const w of [...words].sort((a, b) => centre(a) - centre(b))) {
    const band = out[out.length - 1];
    const prev = band?.[band.length - 1];
    if (band && prev && centre(w) - centre(prev) <= 0.45 * usual) band.push(w);
    else out.push([w]);
  }
  return out;
}

/**
 * Specks dropped: boxes both lower and narrower than 0.4 of the page's usual text box height (its median). A speck of
 * a noisy scan that the detector took for text, read as a "2" or "1" at a low confidence, stood as a value (⍰) in a
 * table row and put the row's values out of their columns (the whole row null). The smallest print of a report
 * (notes, page numbers) is over half the body's height, and a lone digit's box most of it; a dash, as low, is wide.
 * Exported for its test.
 */
export function dropSpecks<B extends { x0: number; x1: number; y0: number; y1: number }>(boxes: readonly B[]): B[] {
  const heights = boxes.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const small = 0.4 * (heights[Math.floor(heights.length / 2)] ?? 0);
  return boxes.filter((b) => b.y1 - b.y0 >= small || b.x1 - b.x0 >= small);
}

/**
 * A number the detector cut in two boxes at its separator ("2901." and "3162" for 2901.3162): a value word ending with
 * a point or comma, with a word starting with a digit right after it on the same line (within two box heights), or the
 * other way round — neither piece is a number of its own, both become unsure (confidence 0). A row's numbering ("1."
 * before its label) is followed by a label, not a digit, and is left alone. Page pixels; in place. Exported for its test.
 */
export function splitNumbers(words: { x0: number; x1: number; y0: number; y1: number; text: string; confidence: number }[], usual: number): void {
  const yc = (w: { y0: number; y1: number }): number => (w.y0 + w.y1) / 2;
  for (const a of words) {
    for (const b of words) {
      if (a === b || Math.abs(yc(a) - yc(b)) > 0.5 * usual || b.x0 < a.x1 - 0.25 * usual || b.x0 - a.x1 > 2 * usual) continue;
      if ((/\d[.,]$/.test(a.text) && /^\d/.test(b.text)) || (/\d$/.test(a.text) && /^[.,]\d/.test(b.text))) {
        a.confidence = 0;
        b.confidence = 0;
      }
    }
  }
}

/**
 * Words on one printed line put on one line: the recogniser's boxes of one table row wander by a fraction of their
 * height (ink, not font metrics), where the table reader wants a row's words level. Words whose centres follow each
 * other within 0.45 of the usual box height form a band; a band no taller than 0.7 of it (one line, not two run
 * together) is levelled at its mean centre. Exported for its test.
 */
export function snapRows(words: readonly PdfWord[], usual: number): PdfWord[] {
  if (!(usual > 0)) return [...words];
  const centre = (w: PdfWord): number => (w.y0 + w.y1) / 2;
  const out: PdfWord[] = [];
  for (const band of bands(words, usual)) {
    const first = band[0];
    const last = band[band.length - 1];
    if (first && last && centre(last) - centre(first) <= 0.7 * usual) {
      const mean = band.reduce((s, w) => s + centre(w), 0) / band.length;
      for (const w of band) out.push({ ...w, y0: mean - (w.y1 - w.y0) / 2, y1: mean + (w.y1 - w.y0) / 2 });
    } else out.push(...band);
  }
  return out;
}
