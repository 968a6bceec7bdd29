import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { docxToText } from './import.ts';
import { renderDocx } from './render.ts';

function demo(file: string): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL(`../../../demo/reports/${file}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, file);
  return parsed.report;
}

async function text(report: AnnualReport): Promise<string> {
  const result = await docxToText(await renderDocx(report));
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.text;
}

describe('docxToText on DOCX from our renderer', () => {
  it('merged cells come once with their own text; table rows are tab lines', async () => {
    const lines = (await text(demo('002_b7b31fc9363d19c4.json'))).split('\n');
    assert.equal(lines[0], '平顶山市人民政府');
    assert.ok(lines.includes('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况'));
    assert.ok(lines.includes('自然人\t法人或其他组织\t总计'));
    assert.ok(lines.includes('三、本年度办理结果\t（一）予以公开\t166\t873\t1\t0\t118\t235\t1393'));
    assert.ok(lines.includes('（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0'));
    assert.ok(lines.includes('行政事业性收费\t334\t6'));
  });

  it('blank cells stay visible as empty fields (mammoth keeps empty cells)', async () => {
    const lines = (await text(demo('003_02af2ddfabc85d6c.json'))).split('\n');
    assert.ok(lines.includes('其他对外管理服务事项\t\t27\t64'));
    assert.ok(lines.includes('行政强制\t\t\t3'));
  });

  it('importReportText on the text equals demo 002, every cell', async () => {
    const source = demo('002_b7b31fc9363d19c4.json');
    const got = reportToJson(importReportText(await text(source)).report);
    const want = reportToJson(source);
    for (const key of ['template', 'year', 'organization', 'proactive', 'applications', 'reviewLitigation']) {
      assert.deepEqual(got[key], want[key], key);
    }
  });
});

describe('docxToText on what is not a docx: a coded problem, never a throw', () => {
  const cases: [string, Uint8Array | (() => Promise<Uint8Array>)][] = [
    ['plain text', new TextEncoder().encode('规章 1 1 1')],
    ['empty', new Uint8Array()],
    ['a legacy .doc (OLE2)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
    ['another ZIP', new TextEncoder().encode('PK\x03\x04\x14\x00xl/workbook.xml')],
    ['a truncated docx', async () => (await renderDocx(demo('002_b7b31fc9363d19c4.json'))).subarray(0, 2000)],
    ['ZIP-looking garbage naming word/document.xml', new TextEncoder().encode('PK\x03\x04 word/document.xml garbage')],
  ];
  for (const [name, input] of cases) {
    it(name, async () => {
      const bytes = typeof input === 'function' ? await input() : input;
      const result = await docxToText(bytes);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem.code, 'import.notDocx');
      assert.match(result.problem.messageZh, /不是有效的 Word/);
      assert.match(result.problem.message, /not a valid Word/);
    });
  }
});

it('a docx whose ZIP directory declares more than the limit is refused before inflating (decompression bomb)', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  zip.file('word/document.xml', '<w:document/>');
  zip.file('word/big.bin', new Uint8Array(1024));
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const { zipDeclaredSize } = await import('../source/detect.ts');
  const declared = zipDeclaredSize(bytes);
  assert.equal(declared, 1024 + '<w:document/>'.length);
  // Forge the declared size of the second entry to 300 MB in the central directory.
  const view = new DataView(bytes.buffer);
  for (let i = bytes.length - 22; i >= 0; i -= 1) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + nameLength));
    if (name === 'word/big.bin') view.setUint32(i + 24, 300 * 1024 * 1024, true);
  }
  const r = await docxToText(bytes);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.problem.messageZh, /解压后超过 200 MB/);
});

it('a docx whose ZIP directory understates what an entry inflates to is stopped at the limit while inflating', async () => {
  const { deflateRawSync } = await import('node:zlib');
  const { zipInflatedSize } = await import('../source/detect.ts');
  // A hand-made ZIP: word/document.xml declared as 13 bytes, its stream inflating to 4 MB of zeros.
  const name = Buffer.from('word/document.xml');
  const data = deflateRawSync(Buffer.alloc(4 * 1024 * 1024));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(13, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(13, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const body = Buffer.concat([local, name, data]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(body.length, 16);
  const bytes = new Uint8Array(Buffer.concat([body, central, name, eocd]));
  assert.equal(zipInflatedSize(bytes, 1024 * 1024), 'tooLarge');
  assert.deepEqual(zipInflatedSize(bytes, 8 * 1024 * 1024), { size: 4 * 1024 * 1024 });
  const r = await docxToText(bytes);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.problem.code, 'import.notDocx');
    assert.match(r.problem.messageZh, /ZIP 目录与其内容不符/);
  }
});
