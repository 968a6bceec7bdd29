// extractText end to end: the format is sniffed from the bytes (names lie), and bad input is a coded problem.
// The PDF case uses the system Chromium (renderPdf) and pdftotext, both installed on CI: no test skips.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { renderDocx } from '../docx/render.ts';
import { renderHtmlDocument } from '../html/render.ts';
import { renderMarkdown } from '../md/render.ts';
import { renderPdf } from '../pdf/render.ts';
import { extractText, MAX_INPUT_BYTES, type ExtractedText } from './extract.ts';

const DATA_KEYS = ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation'];

function demo002(): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/002_b7b31fc9363d19c4.json', import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  return parsed.report;
}

function assertImportsAsDemo(result: ExtractedText): void {
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  const got = reportToJson(importReportText(result.text).report);
  const want = reportToJson(demo002());
  for (const key of DATA_KEYS) assert.deepEqual(got[key], want[key], key);
}

function codeOf(result: ExtractedText): string {
  return result.ok ? `ok (${result.format})` : result.problem.code;
}

describe('extractText: every format of demo 002, under a misleading name, imports back cell for cell', () => {
  it('a PDF named .docx', async () => {
    const result = await extractText(await renderPdf(demo002()), 'report.docx');
    assert.equal(codeOf(result), 'ok (pdf)');
    assertImportsAsDemo(result);
  });

  it('a DOCX named .txt', async () => {
    const result = await extractText(await renderDocx(demo002()), 'report.txt');
    assert.equal(codeOf(result), 'ok (docx)');
    assertImportsAsDemo(result);
  });

  it('an HTML page in GB18030 with <meta charset=gbk>, named .txt', async () => {
    const html = renderHtmlDocument(demo002()).replace('<meta charset="utf-8">', '<meta charset="gbk">');
    // GB18030 bytes without an encoder (Node's TextEncoder only does UTF-8): each character's bytes found by decoding.
    const result = await extractText(gb18030(html), 'report.txt');
    assert.equal(codeOf(result), 'ok (html)');
    assert.equal(result.ok && result.encoding, 'gb18030');
    assertImportsAsDemo(result);
  });

  it('Markdown in UTF-16LE with a BOM', async () => {
    const bytes = new Uint8Array(Buffer.from(`\uFEFF${renderMarkdown(demo002())}`, 'utf16le'));
    const result = await extractText(bytes, 'report.bin');
    assert.equal(codeOf(result), 'ok (md)');
    assert.equal(result.ok && result.encoding, 'utf-16le');
    assertImportsAsDemo(result);
  });
});

/** Encode to GB18030 by a table built from the decoder: every character of the text is in GBK's two-byte range. */
function gb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      assert.ok(bytes, `no GBK bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

describe('extractText: bad input is a coded problem, never a throw', () => {
  const noise = (n: number) => {
    const out = new Uint8Array(n);
    let x = 7;
    for (let i = 0; i < n; i += 1) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    return out;
  };
  const cases: [string, Uint8Array, string | undefined, string][] = [
    ['empty', new Uint8Array(), 'report.pdf', 'import.empty'],
    ['only whitespace', new TextEncoder().encode(' \n\t\r\n'), 'report.txt', 'import.empty'],
    ['HTML without text', new TextEncoder().encode('<html><head><title>标题</title></head><body><script>x()</script></body></html>'), undefined, 'import.empty'],
    ['random bytes', noise(8192), 'report.txt', 'import.unknownFormat'],
    ['random bytes named .pdf', noise(8192), 'report.pdf', 'import.unknownFormat'],
    ['a broken XLSX', new TextEncoder().encode('PK\x03\x04\x14\x00\x00\x00xl/workbook.xml'), 'report.docx', 'import.extractFailed'],
    ['a ZIP of something else', new TextEncoder().encode('PK\x03\x04\x14\x00\x00\x00content.xml'), 'report.odt', 'import.unknownFormat'],
    ['an OLE2 file neither document nor workbook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...noise(600)]), 'report.bin', 'import.unknownFormat'],
    ['a broken docx', new TextEncoder().encode('PK\x03\x04\x14\x00word/document.xml<w:document>'), 'report.docx', 'import.notDocx'],
    ['a broken PDF', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), 'report.pdf', 'import.notPdf'],
  ];
  for (const [name, bytes, file, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const result = await extractText(bytes, file);
      assert.equal(codeOf(result), code);
      if (result.ok) return;
      assert.ok(result.problem.messageZh.length > 0 && result.problem.message.length > 0);
      if (file) assert.equal(result.problem.at, file);
    });
  }

  it('a legacy .doc without LibreOffice → import.officeUnavailable, naming the install command', async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...noise(600), ...Buffer.from('WordDocument', 'utf16le')]);
    const result = await extractText(doc, 'report.doc', { office: { soffice: '/nonexistent/soffice' } });
    assert.equal(codeOf(result), 'import.officeUnavailable');
    assert.ok(!result.ok && result.problem.messageZh.includes('apt-get install') && result.problem.data?.['install'] !== undefined);
    assert.ok(!result.ok && result.problem.at === 'report.doc');
  });

  it(`over ${MAX_INPUT_BYTES / 1024 / 1024} MB → input.tooLarge, before any parsing`, async () => {
    const result = await extractText(new Uint8Array(MAX_INPUT_BYTES + 1), 'huge.pdf');
    assert.equal(codeOf(result), 'input.tooLarge');
  });

  it('plain text passes through unchanged, form feeds included', async () => {
    const text = '某县人民政府2020年政府信息公开工作年度报告\n规章 1 1 1\f第2页\n';
    const result = await extractText(new TextEncoder().encode(text), 'report.txt');
    assert.deepEqual(result, { ok: true, text, format: 'txt', encoding: 'utf-8' });
  });
});
