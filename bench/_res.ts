import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { generatePublished } from '../src/formats/published/index.ts';
import { jpegsToPdf } from '../src/formats/ocr/scan-pdf.ts';
import { render, scanPage } from './scan-defects.ts';
const dir = mkdtempSync('/tmp/ocr3/res-');
for await (const item of generatePublished(20190515, 1, { layouts: ['wordPdf'] })) {
  for (const dpi of [200, 300]) {
    const pages = render(item.doc.bytes, dpi, dir);
    const jpeg = await scanPage(pages[1]!, 'clean', dpi);
    writeFileSync(join(dir, `s${dpi}.pdf`), jpegsToPdf([jpeg], dpi));
    const png = execFileSync('pdftoppm', ['-scale-to', '2339', '-png', join(dir, `s${dpi}.pdf`)], { maxBuffer: 1 << 28 });
    await sharp(png).extract({ left: 880, top: 1020, width: 300, height: 200 }).resize(900, 600, { kernel: 'nearest' }).png().toFile(`/tmp/ocr3/res-${dpi}.png`);
    if (dpi === 300) {
      const native = execFileSync('pdftoppm', ['-r', '300', '-png', join(dir, `s${dpi}.pdf`)], { maxBuffer: 1 << 28 });
      const down = await sharp(native).resize({ height: 2339, kernel: 'lanczos3' }).png().toBuffer();
      await sharp(down).extract({ left: 880, top: 1020, width: 300, height: 200 }).resize(900, 600, { kernel: 'nearest' }).png().toFile(`/tmp/ocr3/res-300-lanczos.png`);
    }
  }
}
