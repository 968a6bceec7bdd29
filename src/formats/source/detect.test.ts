import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { renderDocx } from '../docx/render.ts';
import { decodeText, looksBinary, sniffFormat } from './detect.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Deterministic noise (a linear congruential generator), so a failure can be replayed. */
function noise(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const REPORT = '平顶山市人民政府2020年政府信息公开工作年度报告\n一、总体情况\n规章 1 1 1\n';

describe('sniffFormat: content first, the name only as a tie-breaker', () => {
  it('a PDF named .docx is a PDF; a header after some junk still counts', () => {
    assert.equal(sniffFormat(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'report.docx'), 'pdf');
    assert.equal(sniffFormat(concat(utf8('\r\n\r\n   '), utf8('%PDF-1.4\n')), 'x.txt'), 'pdf');
  });

  it('a DOCX (from our renderer) named .txt is a docx; another ZIP or a legacy .doc is unknown', async () => {
    const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/002_b7b31fc9363d19c4.json', import.meta.url), 'utf8'));
    assert.ok(parsed.ok);
    const docx = await renderDocx(parsed.report);
    assert.equal(sniffFormat(docx, 'report.txt'), 'docx');
    assert.equal(sniffFormat(concat(utf8('PK\x03\x04'), utf8('....xl/workbook.xml....')), 'report.docx'), 'xlsx');
    assert.equal(sniffFormat(concat(utf8('PK\x03\x04'), utf8('....OFD.xml....')), 'report.pdf'), 'ofd');
    assert.equal(sniffFormat(concat(utf8('PK\x03\x04'), utf8('....content.xml....')), 'report.docx'), 'unknown');
  });

  it('OLE2 files by the streams they name (WordDocument, Workbook), whatever their extension, else unknown; RTF by {\\rtf', () => {
    const ole = (...parts: Uint8Array[]) => concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), ...parts);
    assert.equal(sniffFormat(ole(noise(256), utf16le('WordDocument'), noise(256)), 'report.xls'), 'doc');
    assert.equal(sniffFormat(ole(noise(256), utf16le('Workbook'), noise(256)), 'report.wps'), 'xls');
    assert.equal(sniffFormat(ole(noise(512)), 'report.wps'), 'unknown');
    assert.equal(sniffFormat(ole(noise(512)), 'report.et'), 'unknown');
    assert.equal(sniffFormat(ole(noise(512)), 'report.bin'), 'unknown');
    assert.equal(sniffFormat(utf8('{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}报告}'), 'report.txt'), 'rtf');
    assert.equal(sniffFormat(utf8('\uFEFF\n {\\rtf1 x}'), 'report.doc'), 'rtf');
    assert.equal(sniffFormat(utf8('rtf {\\rtf1 is mentioned here'), 'notes.txt'), 'txt');
  });

  it('scans as PNG, JPEG or TIFF are images (read by OCR), whatever their name', () => {
    assert.equal(sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'report.txt'), 'image');
    assert.equal(sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'scan.pdf'), 'image');
    assert.equal(sniffFormat(new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]), 'scan.tif'), 'image');
  });

  it('random bytes are unknown, whatever their name', () => {
    for (const name of ['x.txt', 'x.html', 'x.md', undefined]) assert.equal(sniffFormat(noise(4096), name), 'unknown');
  });

  it('HTML by its markup near the start, in any encoding, whatever the name', () => {
    assert.equal(sniffFormat(utf8('<!DOCTYPE html>\n<html><body><p>报告</p></body></html>'), 'report.txt'), 'html');
    assert.equal(sniffFormat(utf8('\n  <TABLE border=1><tr><td>规章</td></tr></TABLE>'), 'a.md'), 'html');
    assert.equal(sniffFormat(utf16le('\uFEFF<html><body>报告</body></html>')), 'html');
    assert.equal(sniffFormat(fixture('report-gbk.html'), 'report.txt'), 'html');
    // A fragment without html/body/table is HTML only when the name says so.
    assert.equal(sniffFormat(utf8('<p>报告</p>'), 'page.htm'), 'html');
    assert.equal(sniffFormat(utf8('<p>报告</p>'), 'page.txt'), 'txt');
  });

  it('Markdown by headings, pipe tables or bold; otherwise text, the .md name breaking the tie', () => {
    assert.equal(sniffFormat(utf8('# 年度报告\n\n一、总体情况\n'), 'r.txt'), 'md');
    assert.equal(sniffFormat(utf8('| 信息内容 | 数量 |\n| --- | --- |\n| 规章 | 1 |\n')), 'md');
    assert.equal(sniffFormat(utf8('**一、总体情况**\n正文')), 'md');
    assert.equal(sniffFormat(utf8(REPORT), 'r.txt'), 'txt');
    assert.equal(sniffFormat(utf8(REPORT), 'r.md'), 'md');
    assert.equal(sniffFormat(utf8(REPORT)), 'txt');
    assert.equal(sniffFormat(fixture('report-gb18030.txt'), 'r.html'), 'txt');
  });
});

describe('decodeText', () => {
  it('UTF-8, with and without a BOM', () => {
    assert.deepEqual(decodeText(utf8(REPORT)), { text: REPORT, encoding: 'utf-8' });
    assert.deepEqual(decodeText(concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(REPORT))), { text: REPORT, encoding: 'utf-8' });
  });

  it('UTF-16LE and UTF-16BE, with a BOM and without one (by their NUL bytes)', () => {
    assert.deepEqual(decodeText(utf16le(`\uFEFF${REPORT}`)), { text: REPORT, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(utf16be(`\uFEFF${REPORT}`)), { text: REPORT, encoding: 'utf-16be' });
    assert.deepEqual(decodeText(utf16le(REPORT)), { text: REPORT, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(utf16be(REPORT)), { text: REPORT, encoding: 'utf-16be' });
    // 一 (U+4E00) puts a NUL on the "wrong" side: many of them do not fool the detection.
    const ones = '一、二、三\n一一一一 1\n'.repeat(20);
    assert.deepEqual(decodeText(utf16le(ones)), { text: ones, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(utf16be(ones)), { text: ones, encoding: 'utf-16be' });
  });

  it('GB18030 (made by iconv; 4-byte sequences included), with and without its BOM', () => {
    const expected = '平顶山市人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章\t1\t1\t1\n罕见字：𠀀 ⺠ €\n';
    const bytes = fixture('report-gb18030.txt');
    assert.deepEqual(decodeText(bytes), { text: expected, encoding: 'gb18030' });
    assert.deepEqual(decodeText(concat(new Uint8Array([0x84, 0x31, 0x95, 0x33]), bytes)), { text: expected, encoding: 'gb18030' });
  });

  it('honours <meta charset=gb2312> in HTML, unless the page is well-formed UTF-8 Chinese (a stale declaration)', () => {
    const { text, encoding } = decodeText(fixture('report-gbk.html'));
    assert.equal(encoding, 'gb18030');
    assert.match(text, /新乡市人民政府2020年政府信息公开工作年度报告/);
    const resaved = utf8('<html><head><meta charset="gbk"></head><body>新乡市人民政府</body></html>');
    assert.equal(decodeText(resaved).encoding, 'utf-8');
    // Short GBK text can happen to be valid UTF-8 (中 is D6 D0, a 2-byte UTF-8 sequence): the declaration decides.
    const gbkPairs = concat(utf8('<meta charset=gbk><p>'), new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]), utf8('</p>'));
    assert.deepEqual(decodeText(gbkPairs), { text: '<meta charset=gbk><p>中文</p>', encoding: 'gb18030' });
  });

  it('never throws; binary decodes to text that looks binary', () => {
    const { text } = decodeText(noise(4096));
    assert.equal(looksBinary(text), true);
    assert.equal(looksBinary(REPORT), false);
    assert.equal(looksBinary('第1页\f第2页\r\n'), false);
  });
});
