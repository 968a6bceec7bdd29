// PDF import needs pdftotext (poppler-utils) and, for the renderer's PDFs, Chromium: both are installed on CI, and
// these tests do not skip. Small PDFs (encrypted, scanned, several pages, look-alike characters) are written by hand
// below, so each case is visible in the test.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { pdfToText, type PdfEngine } from './import.ts';
import { renderPdf } from './render.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-pdf-import-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

// ---- a minimal PDF writer: a CID font without glyphs whose ToUnicode map gives each code its character ----

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const md5 = (...parts: Uint8Array[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i += 1) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n += 1) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** Standard security handler, revision 2 (40-bit RC4): the oldest, still read by every reader. */
function security(user: string, owner: string, id: Buffer) {
  const o = rc4(md5(padded(owner)).subarray(0, 5), padded(user));
  const p = -20; // every permission but copying text (bit 5)
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  const key = md5(padded(user), o, pBytes, id).subarray(0, 5);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
  return { dict: `<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${rc4(key, PAD).toString('hex')}> /P ${p} >>`, objectKey };
}

interface PdfSpec {
  /** Lines of text per page. */
  readonly pages: readonly (readonly string[])[];
  readonly encrypt?: { user: string; owner: string };
  /** Pages drawn as an image only, no text (a scan). */
  readonly scanned?: boolean;
  /** A non-embedded STSong-Light with the predefined CMap UniGB-UCS2-H (no ToUnicode), as many Chinese PDFs have. */
  readonly predefinedCMap?: boolean;
}

function makePdf(spec: PdfSpec): Uint8Array {
  const chars = [...new Set(spec.pages.flat().join(''))];
  const code = (ch: string) =>
    spec.predefinedCMap ? Buffer.from(ch, 'utf16le').swap16().toString('hex') : (chars.indexOf(ch) + 1).toString(16).padStart(4, '0');
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars.map((ch) => `<${code(ch)}> <${Buffer.from(ch, 'utf16le').swap16().toString('hex')}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const objects: { dict: string; stream?: string | Buffer }[] = [];
  const add = (dict: string, stream?: string | Buffer) => objects.push({ dict, ...(stream !== undefined ? { stream } : {}) });
  const pageCount = spec.pages.length;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${spec.pages.map((_, i) => `${7 + 2 * i} 0 R`).join(' ')}] /Count ${pageCount} >>`);
  add(
    spec.predefinedCMap
      ? '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'
      : '<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>',
  );
  add(
    spec.predefinedCMap
      ? '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>'
      : '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>',
  );
  add('<< /Type /FontDescriptor /FontName /TestCJK /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>');
  add('<< >>', toUnicode);
  spec.pages.forEach((lines, i) => {
    const content = spec.scanned
      ? 'q 500 0 0 700 40 70 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x20\x20\x80 EI Q'
      : `BT /F1 10 Tf 12 TL 40 800 Td ${lines.map((l) => `<${[...l].map(code).join('')}> Tj T*`).join(' ')} ET`;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${8 + 2 * i} 0 R >>`);
    add('<< >>', Buffer.from(content, 'latin1'));
  });
  const id = md5(Buffer.from(JSON.stringify(spec)));
  const sec = spec.encrypt ? security(spec.encrypt.user, spec.encrypt.owner, id) : null;
  if (sec) add(sec.dict);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]?.length ?? 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(size);
    if (o.stream === undefined) return push(Buffer.from(`${i + 1} 0 obj\n${o.dict}\nendobj\n`, 'latin1'));
    let data = Buffer.isBuffer(o.stream) ? o.stream : Buffer.from(o.stream, 'latin1');
    if (sec) data = rc4(sec.objectKey(i + 1), data);
    push(Buffer.from(`${i + 1} 0 obj\n<< /Length ${data.length} >>\nstream\n`, 'latin1'));
    push(data);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  const xref = size;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const encrypt = sec ? ` /Encrypt ${objects.length} 0 R` : '';
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`, 'latin1'));
  push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

// ---- tests ----

const ENGINES: readonly PdfEngine[] = ['pdftotext', 'unpdf'];
const TABLE = [
  '二、主动公开政府信息情况',
  '第二十条第（一）项',
  '信息内容 本年新制作数量 本年新公开数量 对外公开总数量',
  '规章 1 1 1',
  '第二十条第（五）项',
  '信息内容 上一年项目数量 本年增/减 处理决定数量',
];

function demo002() {
  const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/002_b7b31fc9363d19c4.json', import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  return parsed.report;
}

describe('pdfToText on a PDF from our renderer (Chromium)', () => {
  const pdf = renderPdf(demo002());
  for (const engine of [...ENGINES, 'auto' as const]) {
    it(`${engine}: pages end with form feeds, and importReportText equals demo 002, every cell`, async () => {
      const result = await pdfToText(await pdf, { engine });
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
      assert.equal(result.engine, engine === 'auto' ? 'pdftotext' : engine);
      assert.ok(result.pages >= 2);
      assert.equal(result.text.split('\f').length - 1, result.pages);
      const imported = importReportText(result.text);
      const got = reportToJson(imported.report);
      const want = reportToJson(demo002());
      for (const key of ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation']) {
        assert.deepEqual(got[key], want[key], key);
      }
      // Provenance counts pages by the form feeds: table 四 is not on the first page.
      const review = imported.provenance.find((p) => p.path === 'reviewLitigation.review.total');
      assert.ok((review?.page ?? 0) > 1);
    });
  }
});

describe('pdfToText on hand-made PDFs', () => {
  for (const engine of ENGINES) {
    it(`${engine}: two pages separated by \\f; Kangxi look-alikes (⾏ ⺠) are kept for the importer to normalise`, async () => {
      const pdf = makePdf({ pages: [['某县⼈⺠政府2020年政府信息公开工作年度报告', ...TABLE], ['⾏政许可 5 6 7', '其他对外管理服务事项 1 2 3']] });
      const result = await pdfToText(pdf, { engine });
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
      assert.equal(result.pages, 2);
      const [first, second, rest] = result.text.split('\f');
      assert.match(first ?? '', /某县⼈⺠政府/);
      assert.match(second ?? '', /⾏政许可/);
      assert.equal(rest, '');
      const imported = importReportText(result.text);
      assert.equal(imported.report.organization, '某县人民政府');
      assert.deepEqual(imported.report.proactive?.licensing, { previous: 5, change: 6, decisions: 7 });
      assert.equal(imported.provenance.find((p) => p.path === 'proactive.licensing.previous')?.page, 2);
    });

    it(`${engine}: a copy-protected PDF (owner password only, RC4) is read`, async () => {
      const result = await pdfToText(makePdf({ pages: [TABLE], encrypt: { user: '', owner: 'owner' } }), { engine });
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
      assert.match(result.text, /第二十条第（五）项/);
    });

    it(`${engine}: a PDF that needs a password → import.pdfEncrypted`, async () => {
      const result = await pdfToText(makePdf({ pages: [TABLE], encrypt: { user: 'secret', owner: 'owner' } }), { engine });
      assert.equal(result.ok ? 'ok' : result.problem.code, 'import.pdfEncrypted');
      if (!result.ok) assert.match(`${result.problem.messageZh} / ${result.problem.message}`, /已加密.*encrypted/);
    });

    it(`${engine}: a scanned PDF (images, no text) with OCR off → import.noTextLayer`, async () => {
      // OCR of scans is src/formats/ocr/ocr.test.ts's (seconds a page): here the refusal without it.
      const result = await pdfToText(makePdf({ pages: [[], []], scanned: true }), { engine, ocr: false });
      assert.equal(result.ok ? 'ok' : result.problem.code, 'import.noTextLayer');
      if (!result.ok) assert.match(`${result.problem.messageZh} / ${result.problem.message}`, /扫描件.*OCR/);
    });

    it(`${engine}: a damaged PDF → import.notPdf`, async () => {
      const result = await pdfToText(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage'), { engine });
      assert.equal(result.ok ? 'ok' : result.problem.code, 'import.notPdf');
    });
  }

  it('what does not start with %PDF- is not a PDF (checked before any extractor runs)', async () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('规章 1 1 1'), new TextEncoder().encode('PK\x03\x04')]) {
      const result = await pdfToText(bytes);
      assert.equal(result.ok ? 'ok' : result.problem.code, 'import.notPdf');
    }
  });

  it('auto (pdftotext): text in a non-embedded font with a predefined Chinese CMap (UniGB-UCS2-H) is read', async () => {
    // unpdf has no CMap files in Node and loses this text: one reason pdftotext is the default.
    const result = await pdfToText(makePdf({ pages: [TABLE], predefinedCMap: true }));
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal(result.engine, 'pdftotext');
    assert.deepEqual(importReportText(result.text).report.proactive?.rules, { made: 1, published: 1, total: 1 });
  });

  it('auto: without pdftotext, unpdf reads the file', async () => {
    const result = await pdfToText(makePdf({ pages: [TABLE] }), { pdftotext: join(work, 'no-such-pdftotext') });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal(result.engine, 'unpdf');
    assert.match(result.text, /上一年项目数量/);
  });

  it('pdftotext only, when it is missing → import.extractFailed; a hung extractor is stopped at the timeout (import.timeout)', async () => {
    const missing = await pdfToText(makePdf({ pages: [TABLE] }), { engine: 'pdftotext', pdftotext: join(work, 'no-such-pdftotext') });
    assert.equal(missing.ok ? 'ok' : missing.problem.code, 'import.extractFailed');
    const hang = join(work, 'hang.sh');
    writeFileSync(hang, '#!/bin/sh\nsleep 30\n');
    chmodSync(hang, 0o755);
    const started = Date.now();
    const slow = await pdfToText(makePdf({ pages: [TABLE] }), { engine: 'pdftotext', pdftotext: hang, timeoutMs: 300 });
    assert.equal(slow.ok ? 'ok' : slow.problem.code, 'import.timeout');
    assert.ok(Date.now() - started < 5000, 'stopped promptly');
    if (!slow.ok) assert.match(slow.problem.message, /timed out/);
  });
});

it('pdftotext reads the first POSITIONAL_PAGES pages with word positions and the rest as raw text, all pages kept', async () => {
  const { POSITIONAL_PAGES } = await import('./import.ts');
  for (const count of [POSITIONAL_PAGES, POSITIONAL_PAGES + 2]) {
    const pages = Array.from({ length: count }, (_, i) => [`第${i + 1}页 规章 ${i + 1} 1 1`]);
    const r = await pdfToText(makePdf({ pages }), { engine: 'pdftotext' });
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    assert.equal(r.pages, count);
    const texts = r.text.split('\f');
    assert.equal(texts.length - 1, count);
    assert.match(texts[count - 1] ?? '', new RegExp(`第${count}页`));
    assert.match(texts[0] ?? '', /第1页/);
  }
});

it('unpdf (run in a worker thread) reads a PDF, and at the timeout gives up with import.timeout', async () => {
  const pdf = makePdf({ pages: [TABLE, TABLE, TABLE] });
  const ok = await pdfToText(pdf, { engine: 'unpdf' });
  assert.ok(ok.ok, ok.ok ? '' : ok.problem.message);
  assert.equal(ok.pages, 3);
  const late = await pdfToText(pdf, { engine: 'unpdf', timeoutMs: 1 });
  assert.equal(late.ok ? 'ok' : late.problem.code, 'import.timeout');
  if (!late.ok) assert.match(late.problem.message, /unpdf timed out/);
});

it('a PDF whose text exceeds the limit is an extraction failure (422), not an oversized upload (413)', async () => {
  const { failure } = await import('./import.ts');
  const { statusOf } = await import('../../server/errors.ts');
  const p = failure({ kind: 'tooLarge' }, 'pdftotext', 30_000);
  assert.equal(p.code, 'import.tooLarge');
  assert.match(p.messageZh, /超过 64 MB/);
  assert.equal(statusOf(p.code), 422);
});
