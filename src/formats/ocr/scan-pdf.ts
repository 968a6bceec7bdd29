/**
 * A scanned PDF as a scanner writes one: each page a JPEG (DCTDecode) drawn over the whole page, no text. Used by the
 * tests and `npm run bench:scan` to make scans of the project's own reports. Pure.
 */

/** The JPEG's size in pixels, from its SOF marker; null when there is none. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1] ?? 0;
    const len = ((jpeg[i + 2] ?? 0) << 8) | (jpeg[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: ((jpeg[i + 5] ?? 0) << 8) | (jpeg[i + 6] ?? 0), width: ((jpeg[i + 7] ?? 0) << 8) | (jpeg[i + 8] ?? 0) };
    }
    i += 2 + len;
  }
  return null;
}

/** A PDF of JPEG pages, each page `dpi` pixels per inch (its size in points from the image's). */
export function jpegsToPdf(jpegs: readonly Uint8Array[], dpi: number): Uint8Array {
  const parts: (string | Uint8Array)[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (p: string | Uint8Array): void => {
    parts.push(p);
    length += typeof p === 'string' ? Buffer.byteLength(p, 'latin1') : p.length;
  };
  const object = (n: number, body: string | (string | Uint8Array)[]): void => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    for (const b of Array.isArray(body) ? body : [body]) add(b);
    add('\nendobj\n');
  };
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const n = jpegs.length;
  // 1 catalog, 2 pages, then per page: page, contents, image.
  const kids = jpegs.map((_, i) => `${3 + 3 * i} 0 R`).join(' ');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  jpegs.forEach((jpeg, i) => {
    const size = jpegSize(jpeg) ?? { width: 1, height: 1 };
    const w = (size.width * 72) / dpi;
    const h = (size.height * 72) / dpi;
    const page = 3 + 3 * i;
    const draw = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    object(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`);
    object(page + 1, `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
    object(page + 2, [`<< /Type /XObject /Subtype /Image /Width ${size.width} /Height ${size.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, '\nendstream']);
  });
  const xref = length;
  let table = `xref\n0 ${3 * n + 3}\n0000000000 65535 f \n`;
  for (let k = 1; k < 3 * n + 3; k += 1) table += `${String(offsets[k] ?? 0).padStart(10, '0')} 00000 n \n`;
  add(`${table}trailer\n<< /Size ${3 * n + 3} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    const bytes = typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
