/**
 * The scans bench:scan makes of a PDF: its pages rendered by pdftoppm at a resolution, each given a defect with sharp
 * (skew, noise, JPEG, faint, a red seal, on its side, upside down) and written as the JPEG a scanner would write.
 * Shared by bench/scan.bench.ts and bench/scan-diagnose.ts.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** A red seal (公章) as scanned: a ring, a star and text in red, drawn over the table. */
function sealSvg(size: number): Buffer {
  const r = size / 2;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g fill="none" stroke="#d81e06" stroke-width="${size / 40}" opacity="0.85">` +
      `<circle cx="${r}" cy="${r}" r="${r * 0.92}"/></g>` +
      `<polygon fill="#d81e06" opacity="0.85" points="${[0, 1, 2, 3, 4].flatMap((k) => [0, 1].map((h) => { const a = -Math.PI / 2 + (k * 2 + h) * (Math.PI / 5); const rr = h === 0 ? r * 0.28 : r * 0.11; return `${r + rr * Math.cos(a)},${r + rr * Math.sin(a)}`; })).join(' ')}"/>` +
      `<text x="${r}" y="${r * 1.55}" font-size="${size / 9}" fill="#d81e06" opacity="0.85" text-anchor="middle" font-family="Noto Sans CJK SC">政务公开专用章</text></svg>`,
  );
}

/** One rendered page (PNG) with a defect, as the JPEG a scanner would write. */
export async function scanPage(png: Buffer, defect: string, dpi: number): Promise<Buffer> {
  let img = sharp(png).removeAlpha();
  const meta = await sharp(png).metadata();
  const w = meta.width ?? 1;
  const h = meta.height ?? 1;
  let quality = 90;
  switch (defect) {
    case 'skew':
      img = sharp(await img.rotate(1.5, { background: '#ffffff' }).png().toBuffer());
      break;
    case 'rot90':
      img = img.rotate(90);
      break;
    case 'rot180':
      img = img.rotate(180);
      break;
    case 'faint':
      // A pale scan: ink at a third of its strength.
      img = img.linear(0.35, 255 * 0.65);
      break;
    case 'jpeg':
      quality = 25;
      break;
    case 'noise': {
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      let s = 12345;
      const rnd = (): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      for (let i = 0; i < data.length; i += info.channels) {
        const u = rnd();
        // Speckle: 1 % of pixels black or white, and grain on the rest.
        const v = u < 0.005 ? -255 : u < 0.01 ? 255 : (rnd() - 0.5) * 60;
        for (let c = 0; c < info.channels; c += 1) data[i + c] = Math.max(0, Math.min(255, (data[i + c] ?? 0) + v));
      }
      img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      break;
    }
    case 'seal': {
      const size = Math.round((42 / 25.4) * dpi);
      img = img.composite([{ input: sealSvg(size), left: Math.round(w * 0.55), top: Math.round(h * 0.45), blend: 'multiply' }]);
      break;
    }
    default:
      break;
  }
  return img.jpeg({ quality }).toBuffer();
}

/** A PDF's pages rendered at `dpi` by pdftoppm (colour PNG). */
export function render(pdf: Uint8Array, dpi: number, dir: string): Buffer[] {
  const src = join(dir, 'in.pdf');
  writeFileSync(src, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', src, join(dir, 'p')]);
  const files = readdirSync(dir).filter((f) => /^p-\d+\.png$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  const pages = files.map((f) => readFileSync(join(dir, f)));
  for (const f of files) rmSync(join(dir, f));
  return pages;
}
