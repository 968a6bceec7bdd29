/**
 * A scanned page as the recogniser wants it: decoded (PNG, JPEG, TIFF by sharp, whose libvips comes prebuilt from the
 * npm registry), one grey channel with the red seal dropped, contrast stretched, turned upright and deskewed.
 *
 * - **Red seal (公章)**: the red channel is the grey image. Red ink is bright in it, as bright as paper, so a seal over
 *   the table vanishes, while black print stays black in every channel.
 * - **Faint scans**: the grey levels are stretched so that the darkest 1 % is black and the brightest 1 % white.
 * - **Small skew**: the angle (±6°, in steps of 0.25°) at which the rows of dark pixels are sharpest (the variance of
 *   the horizontal projection is highest); the page is turned back by it.
 * - **90°/180°**: decided by ./page.ts from the text boxes (tall boxes: a page on its side) and from the recogniser's
 *   confidence read both ways up.
 */
import { problem, type Problem } from '../../core/errors.ts';
import { OCR_LIMITS } from '../source/limits.ts';

/** One grey channel, 0 black … 255 white, row by row. */
export interface Gray {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

type Sharp = (typeof import('sharp'))['default'];
let sharpModule: Promise<Sharp> | null = null;
/** sharp, loaded on first use (its native library is not needed by a process that never reads an image). */
export function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/** PNG, JPEG or TIFF by their magic numbers. Never throws. */
export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | 'tiff' | null {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  return null;
}

export type DecodedPages = { ok: true; pages: { image: Gray; dpi: number }[] } | { ok: false; problem: Problem };

/**
 * The pages of an image file (a TIFF may hold several), each as a grey image with the seal dropped. Errors:
 * `import.tooLarge` (a page over OCR_LIMITS.pixels, or more pages than OCR_LIMITS.pages), `import.notImage`.
 */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedPages> {
  const sharp = await loadSharp();
  let pageCount: number;
  try {
    // limitInputPixels: libvips refuses a larger image from its header, before decoding it (a decompression bomb).
    const meta = await sharp(bytes, { limitInputPixels: OCR_LIMITS.pixels }).metadata();
    pageCount = meta.pages ?? 1;
  } catch (err) {
    return { ok: false, problem: imageProblem(err) };
  }
  if (pageCount > OCR_LIMITS.pages) return { ok: false, problem: tooManyPages(pageCount) };
  const pages: { image: Gray; dpi: number }[] = [];
  for (let page = 0; page < pageCount; page += 1) {
    try {
      const img = sharp(bytes, { limitInputPixels: OCR_LIMITS.pixels, page }).rotate();
      const meta = await img.metadata();
      const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      pages.push({ image: redChannel(data, info.width, info.height, info.channels), dpi: meta.density && meta.density >= 50 && meta.density <= 1200 ? meta.density : 200 });
    } catch (err) {
      return { ok: false, problem: imageProblem(err) };
    }
  }
  return { ok: true, pages };
}

function imageProblem(err: unknown): Problem {
  const reason = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(reason)) {
    return problem('import.tooLarge', '', { zh: `图像超过 ${OCR_LIMITS.pixels / 1e6} 百万像素`, en: `the image exceeds ${OCR_LIMITS.pixels / 1e6} megapixels` }, { maxPixels: OCR_LIMITS.pixels });
  }
  return problem('import.notImage', '', { zh: reason, en: reason });
}

export function tooManyPages(pages: number): Problem {
  return problem('import.tooLarge', '', { zh: `扫描件共 ${pages} 页，超过 ${OCR_LIMITS.pages} 页上限`, en: `the scan has ${pages} pages, over the limit of ${OCR_LIMITS.pages}` }, { pages, maxPages: OCR_LIMITS.pages });
}

/**
 * The red channel of interleaved pixels: the seal's red ink reads as paper. Where the ink is clearly red (bright in
 * red, far darker in green and blue) it is made paper outright: a seal's ring and characters are light grey in the red
 * channel alone, enough to disturb the detector. Print under the seal (dark in every channel) stays.
 *
 * The seal's edges are not that red (ink thinning out, anti-aliasing, JPEG's ringing): left as their red channel
 * they drew the ring and the seal's characters as light outlines over the table, read as "U" or "司" beside the values.
 * And JPEG keeps colour at half the resolution of brightness, so a thin stroke of print under the seal takes the
 * seal's red: bright in red (a "1" of "61" became paper and the cell read "6"). So when the page has a seal (enough
 * clearly red pixels) every reddish pixel is taken back to what lies under the ink, printed over it (a multiply): the
 * red channel divided by the seal's own red level, and the larger of green and blue divided by the seal's own level
 * of them (their medians over the clearly red pixels; green is used only when the seal has enough of it to divide
 * by) — the darker of the two is the print under it. What is then lighter than mid-grey with a clear share of seal
 * (its redness over the seal's) is paper; black print under the seal stays dark. A page without a seal is read as
 * before (its few clearly red pixels paper).
 */
export function redChannel(data: Uint8Array, width: number, height: number, channels: number): Gray {
  const out = new Uint8Array(width * height);
  const other = (i: number): number => Math.max(data[i * channels + 1] ?? 255, data[i * channels + 2] ?? 255);
  const clearlyRed = (r: number, s: number): boolean => r > 150 && s > 64;
  const sealR = new Uint32Array(256);
  const sealS = new Uint32Array(256);
  const sealO = new Uint32Array(256);
  let seal = 0;
  for (let i = 0; i < out.length; i += 1) {
    const r = data[i * channels] ?? 255;
    const o = channels >= 3 ? other(i) : r;
    if (clearlyRed(r, r - o)) {
      out[i] = 255;
      sealR[r] = (sealR[r] ?? 0) + 1;
      sealS[r - o] = (sealS[r - o] ?? 0) + 1;
      sealO[o] = (sealO[o] ?? 0) + 1;
      seal += 1;
    } else out[i] = r;
  }
  // A seal is thousands of pixels; a few red specks are not one.
  if (channels < 3 || seal < SEAL_MIN_PIXELS) return { width, height, data: out };
  const median = (hist: Uint32Array): number => {
    let acc = 0;
    for (let v = 0; v < 256; v += 1) if ((acc += hist[v] ?? 0) * 2 >= seal) return v;
    return 255;
  };
  const levelR = Math.max(1, median(sealR));
  const chroma = Math.max(1, median(sealS));
  const levelO = median(sealO);
  for (let i = 0; i < out.length; i += 1) {
    const r = data[i * channels] ?? 255;
    const o = other(i);
    const s = r - o;
    if (s <= 8) continue;
    const share = Math.min(1, s / chroma);
    const byRed = r / (1 - share * (1 - levelR / 255));
    const under = levelO >= SEAL_MIN_OTHER ? Math.min(byRed, (o * 255) / levelO) : byRed;
    out[i] = share >= 0.15 && under > 128 ? 255 : Math.min(255, Math.round(under));
  }
  return { width, height, data: out };
}

/** The seal's green/blue level below which it says nothing of what is under the ink (a pure red seal). */
const SEAL_MIN_OTHER = 32;

/** Clearly red pixels on a page that make it a page with a seal (a 42 mm seal at 200 dpi has about 10,000). */
const SEAL_MIN_PIXELS = 500;

/**
 * A page's grey image cleaned before anything is detected on it: speckle removed (when it has much), then the contrast
 * stretched. Speckle first: stretched first, a noisy page with little print (a report's last page) had its darkest
 * 1 % made of the dots and their JPEG halos, and the stretch turned the paper's grain dark grey — the detector found
 * hundreds of "digits" in it.
 */
export function cleanUp(img: Gray): Gray {
  if (!speckled(img)) return stretch(img);
  // A speckled page: stretched only when it has no black print at all (0.1 % of its pixels under 64) — left after the
  // median, dots and their halos still weigh in its darkest 1 %, and even then its grain went grey. With that guard on
  // every page JPEG q25 read 592 of 600 exact against 599 without (bench:scan), so it is for speckled pages only.
  const median = despeckle(img);
  let black = 0;
  for (const v of median.data) if (v < 64) black += 1;
  return black >= 0.001 * median.data.length ? median : stretch(median);
}

/** Grey levels stretched: the darkest 1 % black, the brightest 1 % white (a faint scan gets its contrast back). */
export function stretch(img: Gray): Gray {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  const n = img.data.length;
  let lo = 0;
  let acc = 0;
  while (lo < 255 && (acc += hist[lo] ?? 0) < 0.01 * n) lo += 1;
  let hi = 255;
  acc = 0;
  while (hi > 0 && (acc += hist[hi] ?? 0) < 0.01 * n) hi -= 1;
  if (hi - lo < 32 || (lo <= 5 && hi >= 250)) return img;
  const out = new Uint8Array(n);
  const k = 255 / (hi - lo);
  for (let i = 0; i < n; i += 1) out[i] = Math.max(0, Math.min(255, Math.round(((img.data[i] ?? 255) - lo) * k)));
  return { width: img.width, height: img.height, data: out };
}

/**
 * The paper made white: grey levels from the paper's own level less 48 up are paper (255), those below spread over the
 * whole range. Grain on the paper (a noisy scan, JPEG's ringing around print) goes, the print keeps its shape; a clean
 * page, white already, is left as it is. The paper's level is the commonest grey of the bright half. Exported for its
 * test.
 */
export function whiten(img: Gray): Gray {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  let paper = 255;
  for (let v = 128; v < 256; v += 1) if ((hist[v] ?? 0) > (hist[paper] ?? 0)) paper = v;
  const cut = Math.max(128, paper - 48);
  let grain = 0;
  for (let v = cut; v < 255; v += 1) grain += hist[v] ?? 0;
  if (grain === 0 && cut >= 207) return img;
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i += 1) {
    const v = img.data[i] ?? 255;
    out[i] = v >= cut ? 255 : Math.round((v * 255) / cut);
  }
  return { width: img.width, height: img.height, data: out };
}

/** The image turned by a quarter turn clockwise `quarters` times. */
export function rotateQuarters(img: Gray, quarters: number): Gray {
  const q = ((quarters % 4) + 4) % 4;
  if (q === 0) return img;
  const { width: w, height: h, data } = img;
  const ow = q === 2 ? w : h;
  const oh = q === 2 ? h : w;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const v = data[y * w + x] ?? 255;
      // Clockwise: (x, y) → (h-1-y, x); half turn: (w-1-x, h-1-y); anticlockwise: (y, w-1-x).
      const [nx, ny] = q === 1 ? [h - 1 - y, x] : q === 2 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out[ny * ow + nx] = v;
    }
  }
  return { width: ow, height: oh, data: out };
}

/**
 * The image turned by `degrees` about its centre (positive: clockwise as seen), bilinear, white outside:
 * `rotateSmall(img, -estimateSkew(img))` levels a skewed page.
 */
export function rotateSmall(img: Gray, degrees: number): Gray {
  if (Math.abs(degrees) < 0.05) return img;
  const { width: w, height: h, data } = img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  const out = new Uint8Array(w * h);
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= w || y >= h ? 255 : (data[y * w + x] ?? 255));
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      // The source of the output pixel: rotated back.
      const dx = x - cx;
      const dy = y - cy;
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const v = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      out[y * w + x] = Math.round(v);
    }
  }
  return { width: w, height: h, data: out };
}

/** The maximum skew looked for, and the step. */
const SKEW_MAX = 6;
const SKEW_STEP = 0.25;

/**
 * The page's skew in degrees (positive: the lines of text rise to the right), from the dark pixels of a
 * copy about 800 pixels wide: the angle whose horizontal projection has the highest variance. Exported for its test.
 */
export function estimateSkew(img: Gray): number {
  const f = Math.max(1, Math.floor(img.width / 800));
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const points: number[] = [];
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) if ((img.data[y * f * img.width + x * f] ?? 255) < 128) points.push(x - w / 2, y);
  }
  if (points.length < 200) return 0;
  let best = 0;
  let bestScore = -1;
  const bins = new Float64Array(h * 2 + 2);
  for (let deg = -SKEW_MAX; deg <= SKEW_MAX + 1e-9; deg += SKEW_STEP) {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < points.length; i += 2) {
      const yy = Math.round((points[i + 1] ?? 0) + (points[i] ?? 0) * t + h / 2);
      if (yy >= 0 && yy < bins.length) bins[yy] = (bins[yy] ?? 0) + 1;
    }
    let score = 0;
    for (const b of bins) score += b * b;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = deg;
    }
  }
  return best;
}

/**
 * Table rules erased: runs of dark pixels, horizontal or vertical, longer than `minRun` pixels become paper. No stroke
 * of a character is that long, while a ruled table's lines are; left in, a vertical rule beside a value reads as "1",
 * "|" or "?" and joins the value's box. Exported for its test.
 */
export function removeRules(img: Gray, minRun: number): Gray {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data);
  const dark = (i: number): boolean => (data[i] ?? 255) < 140;
  for (let y = 0; y < h; y += 1) {
    let start = -1;
    for (let x = 0; x <= w; x += 1) {
      if (x < w && dark(y * w + x)) {
        if (start < 0) start = x;
      } else if (start >= 0) {
        if (x - start >= minRun) out.fill(255, y * w + start, y * w + x);
        start = -1;
      }
    }
  }
  for (let x = 0; x < w; x += 1) {
    let start = -1;
    for (let y = 0; y <= h; y += 1) {
      if (y < h && dark(y * w + x)) {
        if (start < 0) start = y;
      } else if (start >= 0) {
        if (y - start >= minRun) for (let k = start; k < y; k += 1) out[k * w + x] = 255;
        start = -1;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Whether a page is speckled: more than 0.2 % of its pixels isolated dark dots (a dark pixel with at most one dark
 * neighbour) — a noisy scan, where the dots read as 、 or join digits.
 */
function speckled(img: Gray): boolean {
  const { width: w, height: h, data } = img;
  const dark = (i: number): number => ((data[i] ?? 255) < 128 ? 1 : 0);
  let isolated = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      if (!dark(i)) continue;
      const n = dark(i - w - 1) + dark(i - w) + dark(i - w + 1) + dark(i - 1) + dark(i + 1) + dark(i + w - 1) + dark(i + w) + dark(i + w + 1);
      if (n <= 1) isolated += 1;
    }
  }
  return isolated > 0.002 * w * h;
}

/**
 * Speckle removed when the page has much of it (./speckled): a 3×3 median over the page. A clean page is left as it is
 * (the median thins strokes of small print: the lone zeros of a noisy page come out as grey arcs read at 0.78–0.90).
 * Removing only the isolated dots instead kept the strokes but left JPEG's grey halos of the dots, which the detector
 * boxed (measured: noise 461 of 600 exact against 579), so the median stays. Exported for its test.
 */
export function despeckle(img: Gray): Gray {
  if (!speckled(img)) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data);
  const win = new Uint8Array(9);
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      let k = 0;
      for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) win[k++] = data[(y + dy) * w + x + dx] ?? 255;
      win.sort();
      out[y * w + x] = win[4] ?? 255;
    }
  }
  return { width: w, height: h, data: out };
}
