// The OCR path. Pure parts (CTC decoding with positions, DB boxes, words from characters, seal removal, skew) on
// synthetic data; the models on one small crop of a real report's table (fixtures/scans, 200 dpi, from
// huaian-szf-2024.pdf page 3) twice: as an image-only PDF, and as a PNG turned upside down, a little skewed, with a
// red seal over it and JPEG-compressed. A few seconds each: the full scan benchmark is `npm run bench:scan`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { OCR_UNCERTAIN } from '../../core/annual-report/import/fields.ts';
import { extractText } from '../source/extract.ts';
import { ctcDecode, dbBoxes } from './engine.ts';
import { cleanUp, decodeImage, despeckle, estimateSkew, removeRules, imageKind, redChannel, rotateQuarters, rotateSmall, whiten, type Gray } from './image.ts';
import { dropSpecks, furnitureWords, lineWords, splitNumbers } from './page.ts';
import { jpegsToPdf, jpegSize } from './scan-pdf.ts';

const CROP = readFileSync(new URL('../../../fixtures/scans/huaian-2024-table2.png', import.meta.url));
const ROWS = ['规章\t1\t0\t11', '行政规范性文件\t8\t26\t66', '行政许可\t447228'];

describe('CTC decoding and DB boxes', () => {
  it('keeps each character with the middle of its time steps and its best probability', () => {
    const keys = ['', 'a', 'b', ' '];
    // Steps: a a _ b _ _ a → "aba", a at steps 0-1, b at 3, a at 6.
    const best = [1, 1, 0, 2, 0, 0, 1];
    const probs = new Float32Array(best.length * 4);
    best.forEach((c, t) => {
      for (let k = 0; k < 4; k += 1) probs[t * 4 + k] = k === c ? (t === 1 ? 0.6 : 0.9) : 0.03;
    });
    assert.deepEqual(
      ctcDecode(probs, best.length, 4, keys).map((c) => [c.text, c.step, Number(c.p.toFixed(2))]),
      [
        ['a', 1, 0.9],
        ['b', 3.5, 0.9],
        ['a', 6.5, 0.9],
      ],
    );
  });

  it('finds one box per connected region above the threshold, grown by the unclip margin', () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    for (let y = 5; y < 10; y += 1) for (let x = 2; x < 12; x += 1) prob[y * w + x] = 0.9;
    for (let y = 5; y < 10; y += 1) for (let x = 25; x < 35; x += 1) prob[y * w + x] = 0.9;
    prob[0] = 0.9; // a speck: too small
    const boxes = dbBoxes(prob, w, h);
    assert.equal(boxes.length, 2);
    const [a] = boxes;
    assert.ok(a && a.x0 < 2 && a.x1 > 12 && a.y0 < 5 && a.y1 > 10);
  });

  it('cuts a line into words at spaces and wide gaps, each with its least sure character', () => {
    const line = {
      x0: 0,
      y0: 0,
      x1: 400,
      y1: 30,
      chars: [
        { text: '规', x: 10, p: 0.99 },
        { text: '章', x: 30, p: 0.98 },
        { text: '1', x: 120, p: 0.97 },
        { text: '2', x: 130, p: 0.8 },
        { text: '0', x: 250, p: 0.99 },
      ],
    };
    assert.deepEqual(
      lineWords(line).map((w) => [w.text, Number(w.confidence.toFixed(2))]),
      [
        ['规章', 0.98],
        ['12', 0.8],
        ['0', 0.99],
      ],
    );
  });

  it('keeps a decimal number whole across its point; a number cut at its separator anyway is unsure in both pieces', () => {
    const chars = (xs: [string, number][]) => xs.map(([text, x]) => ({ text, x, p: 0.99 }));
    // 2901.3162 with the point read a little apart (the 3 under a box height after it: apart for digits, not for a separator).
    const whole = lineWords({ x0: 0, y0: 0, x1: 400, y1: 30, chars: chars([['2', 100], ['9', 110], ['0', 120], ['1', 130], ['.', 143], ['3', 170], ['1', 180], ['6', 190], ['2', 200]]) });
    assert.deepEqual(whole.map((w) => w.text), ['2901.3162']);
    // Further apart than a separator's wandering: two pieces, neither taken as a number of its own.
    const cut = lineWords({ x0: 0, y0: 0, x1: 400, y1: 30, chars: chars([['2', 100], ['9', 110], ['0', 120], ['1', 130], ['.', 140], ['3', 190], ['1', 200]]) });
    assert.deepEqual(cut.map((w) => [w.text, w.confidence]), [['2901.', 0], ['31', 0]]);
    // Cut in two boxes by the detector: the same, across boxes on one line; a row's "1." before its label is left alone.
    const word = (text: string, x0: number, x1: number) => ({ text, x0, x1, y0: 0, y1: 30, confidence: 0.99 });
    const boxes = [word('2901.', 100, 150), word('3162', 175, 215), word('1.', 10, 20), word('属于', 30, 70), word('12', 300, 320)];
    splitNumbers(boxes, 30);
    assert.deepEqual(boxes.map((w) => w.confidence), [0, 0, 0.99, 0.99, 0.99]);
    // A row's numbering before its label is not touched.
    const label = lineWords({ x0: 0, y0: 0, x1: 400, y1: 30, chars: chars([['1', 10], ['.', 16], ['属', 60], ['于', 80]]) });
    assert.ok(label.every((w) => w.confidence > 0.9), JSON.stringify(label));
  });
});

describe('page clean-up', () => {
  it('knows PNG, JPEG and TIFF by their bytes', () => {
    assert.equal(imageKind(CROP), 'png');
    assert.equal(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(imageKind(new Uint8Array([0x49, 0x49, 0x2a, 0])), 'tiff');
    assert.equal(imageKind(new TextEncoder().encode('%PDF-1.4')), null);
  });

  it('drops a red seal: red ink is as bright as paper in the grey image, black print stays black', () => {
    // Paper, the seal's red ink (as paper outright), black print, print under the seal, a pale seal over paper (light
    // grey in red alone: paper too).
    const rgb = new Uint8Array([255, 255, 255, 216, 30, 6, 0, 0, 0, 120, 20, 20, 222, 64, 43]);
    assert.deepEqual([...redChannel(rgb, 5, 1, 3).data], [255, 255, 0, 120, 255]);
  });

  it('takes a seal\'s edges and ringing back to paper when the page has a seal; print under it stays; no seal, no change', () => {
    // A page with a seal: 600 pixels of its ink (192, 59, 40, as scanned), then its thin edge, JPEG's darker ringing
    // around its strokes, black print under it, a thin stroke under it given the seal's red by JPEG, grey print beside.
    const sealInk = Array.from({ length: 600 }, () => [192, 59, 40]).flat();
    const probe = [217, 157, 149, 145, 74, 66, 35, 0, 0, 160, 10, 0, 90, 90, 90];
    const withSeal = redChannel(new Uint8Array([...sealInk, ...probe]), 605, 1, 3).data.slice(600);
    assert.deepEqual([...withSeal], [255, 255, 0, 43, 90]);
    // The same pixels on a page without a seal: the red channel as it is but clearly red (a few specks are no seal).
    assert.deepEqual([...redChannel(new Uint8Array(probe), 5, 1, 3).data], [217, 145, 35, 255, 90]);
  });

  it('stretches a faint page\'s contrast, not the grain of a speckled page with little print', () => {
    const w = 400;
    const h = 300;
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Grain of ±15 about 240; 0.5 % of the pixels black dots with a grey halo (as JPEG leaves them); a little print.
    const data = new Uint8Array(w * h).map(() => Math.round(225 + rnd() * 30));
    for (let i = 2 * w; i < w * (h - 2); i += 1) {
      if (rnd() < 0.005 && i % w > 1 && i % w < w - 2) {
        data[i] = 0;
        for (const d of [-1, 1, -w, w]) data[i + d] = 170;
      }
    }
    for (let y = 100; y < 110; y += 1) for (let x = 100; x < 120; x += 1) data[y * w + x] = 0;
    const cleaned = cleanUp({ width: w, height: h, data });
    // The paper below the print: stretched with the dots counted as print, its grain went grey (about 204).
    let sum = 0;
    for (let i = 150 * w; i < w * h; i += 1) sum += cleaned.data[i] ?? 0;
    assert.ok(sum / (150 * w) >= 230, `paper at ${sum / (150 * w)}`);
    for (let y = 100; y < 110; y += 1) for (let x = 101; x < 119; x += 1) assert.ok((cleaned.data[y * w + x] ?? 255) < 64, 'the print is kept');
    // A faint page (ink at 35 %: 166 on white paper) still gets its contrast back.
    const faint = new Uint8Array(w * h).fill(255);
    for (let y = 100; y < 140; y += 1) for (let x = 100; x < 140; x += 1) faint[y * w + x] = 166;
    assert.equal(Math.max(...cleanUp({ width: w, height: h, data: faint }).data.filter((v) => v < 255)), 0);
  });

  it('knows a footer read in pieces ("-4" and "-") for page furniture, not a row\'s values', () => {
    const w = (x0: number, y0: number, text: string) => ({ x0, x1: x0 + 20, y0, y1: y0 + 30, text });
    const footer = [w(300, 1000, '-4'), w(330, 1002, '-')];
    const row = [w(100, 500, '本机关不掌握相关政府信息'), w(300, 501, '746'), w(330, 499, '-')];
    assert.deepEqual([...furnitureWords([...row, ...footer], 30)], footer);
  });

  it('drops specks the detector boxed (low and narrow), keeps lone digits and dashes', () => {
    const box = (x0: number, y0: number, w: number, h: number) => ({ x0, y0, x1: x0 + w, y1: y0 + h });
    const text = [box(0, 0, 300, 30), box(0, 40, 200, 31), box(0, 80, 250, 29)];
    const lone0 = box(400, 0, 16, 24);
    const dash = box(400, 40, 30, 8);
    const speck = box(400, 80, 7, 8);
    assert.deepEqual(dropSpecks([...text, lone0, dash, speck]), [...text, lone0, dash]);
  });

  it('removes speckle from a noisy page, leaves a clean one as it is, and erases long rules but not strokes', () => {
    const w = 200;
    const h = 100;
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 40; y < 60; y += 1) for (let x = 20; x < 40; x += 1) data[y * w + x] = 0; // a "character"
    const clean: Gray = { width: w, height: h, data };
    assert.equal(despeckle(clean), clean);
    // 0.5 % of the pixels black dots, away from the block.
    const noisy = new Uint8Array(data);
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < w * h; i += 1) if (rnd() < 0.005 && (i % w < 15 || i % w > 45)) noisy[i] = 0;
    const median = despeckle({ width: w, height: h, data: noisy });
    const medianLeft = median.data.filter((v) => v < 128).length;
    assert.ok(medianLeft >= 390 && medianLeft <= 400, `the dots gone, the 400-pixel block kept but for a corner or two: ${medianLeft}`);
    const ruled = new Uint8Array(data);
    for (let x = 0; x < w; x += 1) ruled[80 * w + x] = 0; // a rule across the page
    const erased = removeRules({ width: w, height: h, data: ruled }, 30);
    assert.equal(erased.data.filter((v) => v < 128).length, 20 * 20, 'the rule erased, the 20-pixel block kept');
  });

  it('makes the paper white (grain, a seal left light grey by the red channel) and keeps the print', () => {
    const w = 100;
    const h = 50;
    const clean = new Uint8Array(w * h).fill(255);
    for (let y = 20; y < 30; y += 1) for (let x = 10; x < 20; x += 1) clean[y * w + x] = 0;
    const page: Gray = { width: w, height: h, data: clean };
    assert.equal(whiten(page), page, 'a white page is left as it is');
    // Grain of ±20 on the paper, a seal's trace at 222 over part of it, print at 40.
    const grainy = new Uint8Array(clean).map((v, i) => (v === 0 ? 40 : i % 50 < 10 ? 222 : 235 + ((i * 37) % 21)));
    const out = whiten({ width: w, height: h, data: grainy }).data;
    assert.equal(out.filter((v) => v < 255).length, 100, 'only the print is left');
    assert.ok(out.every((v, i) => (clean[i] === 0 ? v < 60 : v === 255)));
  });

  it('measures a small skew and turns it back; quarter turns undo each other', () => {
    const w = 800;
    const h = 600;
    const data = new Uint8Array(w * h).fill(255);
    // Lines of "text" rising 2° to the right.
    const t = Math.tan((2 * Math.PI) / 180);
    for (let row = 60; row < h - 60; row += 40) for (let x = 100; x < 700; x += 1) for (let d = 0; d < 6; d += 1) data[(Math.round(row - (x - w / 2) * t) + d) * w + x] = 0;
    const img: Gray = { width: w, height: h, data };
    const skew = estimateSkew(img);
    assert.equal(skew, 2);
    assert.equal(estimateSkew(rotateSmall(img, -skew)), 0);
    const back = rotateQuarters(rotateQuarters(img, 1), 3);
    assert.deepEqual([back.width, back.height], [w, h]);
    assert.deepEqual(back.data, img.data);
  });
});

describe('OCR (PP-OCRv4 on ONNX Runtime)', () => {
  it('reads an image-only PDF page through the positional table reader: each number in its column', async () => {
    const jpeg = await sharp(CROP).jpeg({ quality: 90 }).toBuffer();
    assert.deepEqual(jpegSize(jpeg), { width: 1470, height: 880 });
    const r = await extractText(jpegsToPdf([jpeg], 200), 'scan.pdf');
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.engine ?? '', /\+ocr$/);
    const lines = r.text.split('\n');
    // A row keeps the empty cells of the columns above it (行政许可 has one value in a table of three columns).
    for (const row of ROWS) assert.ok(lines.some((l) => l.replace(/\t+$/, '') === row), `${row} in\n${r.text}`);
    // Every value written into the text has its reading: its place, its confidence, its box on page 1 (A4 in points).
    const readings = r.readings ?? [];
    const row = r.text.indexOf('规章\t1\t0\t11');
    const values = readings.filter((g) => g.start >= row && g.end <= row + '规章\t1\t0\t11'.length).map((g) => r.text.slice(g.start, g.end));
    assert.deepEqual(values, ['1', '0', '11']);
    for (const g of readings) {
      assert.match(r.text.slice(g.start, g.end), /^([\d,.]+|⍰)$/);
      assert.equal(g.box.page, 1);
      assert.ok(g.confidence > 0 && g.confidence <= 1 && (g.confidence >= 0.9) === (r.text.slice(g.start, g.end) !== OCR_UNCERTAIN));
      assert.ok(g.box.x >= 0 && g.box.w > 0 && g.box.x + g.box.w <= 1470 * 0.36 + 1 && g.box.y + g.box.h <= 880 * 0.36 + 10, JSON.stringify(g));
    }
  });

  it('turns a page upright, removes a red seal and reads a JPEG-compressed, slightly skewed scan the same', async () => {
    const seal = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="360"><circle cx="180" cy="180" r="165" fill="none" stroke="#d81e06" stroke-width="10"/><circle cx="180" cy="180" r="60" fill="#d81e06"/></svg>',
    );
    const scanned = await sharp(await sharp(CROP).composite([{ input: seal, left: 560, top: 170, blend: 'multiply' }]).rotate(181).flatten({ background: '#ffffff' }).png().toBuffer())
      .jpeg({ quality: 40 })
      .toBuffer();
    const r = await extractText(scanned, 'scan.jpg');
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.engine, 'ocr');
    const lines = r.text.split('\n');
    // Every row is found; a value may be left uncertain (never another number).
    for (const row of ROWS) {
      const [label, ...values] = row.split('\t');
      const got = lines.find((l) => l.startsWith(`${label}\t`));
      assert.ok(got, `${label} in\n${r.text}`);
      const cells = got.replace(/\t+$/, '').split('\t').slice(1);
      assert.equal(cells.length, values.length, `${got} vs ${row}`);
      cells.forEach((v, i) => assert.ok(v === values[i] || v === OCR_UNCERTAIN, `${got} vs ${row}`));
    }
  });

  it('refuses a decompression bomb from its header and an image it cannot decode, with codes', async () => {
    // A PNG header declaring 100 000 × 100 000 pixels.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    const big = await decodeImage(bomb);
    assert.equal(big.ok ? 'ok' : big.problem.code, 'import.tooLarge');
    const broken = await extractText(Buffer.concat([png.subarray(0, 30), Buffer.alloc(100, 7)]), 'x.png');
    assert.equal(broken.ok ? 'ok' : broken.problem.code, 'import.notImage');
  });
});
