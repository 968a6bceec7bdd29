/**
 * A minimal OFD writer (GB/T 33190-2016) for the generator: the pages pdf-writer.ts draws (points, baselines from the
 * top) written as an OFD package — OFD.xml (DocBody with DocInfo and DocRoot), Doc_0/Document.xml (CommonData with
 * the A4 PageArea and the public resources, the page list), Doc_0/PublicRes.xml (the font: 宋体, not embedded, as
 * conversions from Word usually leave it) and Doc_0/Pages/Page_N/Content.xml: one Layer of TextObjects (Boundary in
 * mm, Font, Size, a TextCode with X, Y — the baseline — and DeltaX, the advance of every character) and PathObjects
 * for the rules. `perChar` writes every character as its own TextObject, as some OFD printer drivers do. The ZIP is
 * written here (deflate, CRC-32 from node:zlib), deterministically: no dates, no random ids. Only the generator uses
 * it; the importer reads OFD through src/formats/ofd.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { printedWidth } from './grid.ts';
import { PAGE_HEIGHT, PAGE_WIDTH, type PdfItem } from './pdf-writer.ts';

const MM_PER_PT = 25.4 / 72;
const NS = 'http://www.ofdspec.org/2016';

const mm = (pt: number): string => (Math.round(pt * MM_PER_PT * 1000) / 1000).toString();
const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** DeltaX of a run: each character's advance (ASCII half an em), runs of equal advances as `g N d`. */
function deltaX(text: string, size: number): string {
  const chars = [...text];
  const steps = chars.slice(0, -1).map((ch) => mm(printedWidth(ch) * size));
  const out: string[] = [];
  for (let i = 0; i < steps.length; ) {
    let j = i;
    while (j < steps.length && steps[j] === steps[i]) j += 1;
    out.push(j - i > 1 ? `g ${j - i} ${steps[i] ?? ''}` : (steps[i] ?? ''));
    i = j;
  }
  return out.join(' ');
}

function pageContent(items: readonly PdfItem[], nextId: () => number, perChar: boolean): string {
  const objects: string[] = [];
  const text = (x: number, y: number, size: number, run: string): void => {
    const width = printedWidth(run) * size;
    // The Boundary's top-left is the text's top; the baseline sits 0.88 em below it (the font's ascent).
    const top = y - 0.88 * size;
    const dx = deltaX(run, size);
    objects.push(
      `<ofd:TextObject ID="${nextId()}" Boundary="${mm(x)} ${mm(top)} ${mm(width + 1)} ${mm(size * 1.2)}" Font="1" Size="${mm(size)}">` +
        `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${mm(0.88 * size)}"${dx ? ` DeltaX="${dx}"` : ''}>${xml(run)}</ofd:TextCode></ofd:TextObject>`,
    );
  };
  for (const it of items) {
    if (it.kind === 'line') {
      const x0 = Math.min(it.x1, it.x2);
      const y0 = Math.min(it.y1, it.y2);
      const w = Math.abs(it.x2 - it.x1);
      const h = Math.abs(it.y2 - it.y1);
      objects.push(
        `<ofd:PathObject ID="${nextId()}" Boundary="${mm(x0)} ${mm(y0)} ${mm(Math.max(w, 0.5))} ${mm(Math.max(h, 0.5))}" LineWidth="0.176">` +
          `<ofd:AbbreviatedData>M ${mm(it.x1 - x0)} ${mm(it.y1 - y0)} L ${mm(it.x2 - x0)} ${mm(it.y2 - y0)}</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    } else if (perChar) {
      let x = it.x;
      for (const ch of it.text) {
        if (ch.trim() !== '') text(x, it.y, it.size, ch);
        x += printedWidth(ch) * it.size;
      }
    } else text(it.x, it.y, it.size, it.text);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="${NS}"><ofd:Area><ofd:PhysicalBox>0 0 ${mm(PAGE_WIDTH)} ${mm(PAGE_HEIGHT)}</ofd:PhysicalBox></ofd:Area>` +
    `<ofd:Content><ofd:Layer ID="${nextId()}" Type="Body">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>\n`
  );
}

/** A ZIP of these entries (deflated), in order. */
export function writeZip(entries: readonly (readonly [string, string | Uint8Array])[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The bytes of an OFD package with these pages. Deterministic. */
export function writeOfd(pages: readonly (readonly PdfItem[])[], title: string, options: { perChar?: boolean } = {}): Uint8Array {
  let id = 1; // ID 1 is the font.
  const nextId = (): number => (id += 1);
  const contents = pages.map((items) => pageContent(items, nextId, options.perChar ?? false));
  const pageIds = pages.map(() => nextId());
  const ofd =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody>` +
    `<ofd:DocInfo><ofd:DocID>00000000000000000000000000000000</ofd:DocID><ofd:Title>${xml(title)}</ofd:Title><ofd:Creator>gongkai generator</ofd:Creator></ofd:DocInfo>` +
    `<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n`;
  const document =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>0 0 ${mm(PAGE_WIDTH)} ${mm(PAGE_HEIGHT)}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>` +
    `<ofd:Pages>${pageIds.map((p, i) => `<ofd:Page ID="${p}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages></ofd:Document>\n`;
  const res =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts>` +
    `<ofd:Font ID="1" FontName="宋体" FamilyName="宋体" Charset="unicode"/></ofd:Fonts></ofd:Res>\n`;
  return writeZip([
    ['OFD.xml', ofd],
    ['Doc_0/Document.xml', document],
    ['Doc_0/PublicRes.xml', res],
    ...contents.map((c, i) => [`Doc_0/Pages/Page_${i}/Content.xml`, c] as const),
  ]);
}
