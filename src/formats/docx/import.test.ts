import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { ZIP_LIMITS } from '../source/limits.ts';
import { docxBomb, docxWithParagraphs, zipEntry, zipOf } from '../source/hostile.ts';
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

describe('docxToText on a decompression bomb: import.tooLarge from the bytes really inflated, before mammoth', () => {
  it('an entry inflating past the per-entry cap (the headers honest)', async () => {
    const bytes = docxWithParagraphs(100_000);
    // Small limits keep the test quick; the defaults are the same code with larger numbers.
    const r = await docxToText(bytes, { ...ZIP_LIMITS, entryBytes: 1024 * 1024 });
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.tooLarge');
    if (!r.ok) {
      assert.match(r.problem.messageZh, /解压后超过 1 MB/);
      assert.equal(r.problem.data?.entry, 'word/document.xml');
    }
  });

  it('a directory that understates an entry is stopped at the cap all the same', async () => {
    const bytes = zipOf([zipEntry('word/document.xml', '<w:document/>'), zipEntry('word/big.xml', Buffer.alloc(4 * 1024 * 1024))], (f) => (f.name === 'word/big.xml' ? 13 : f.size));
    const r = await docxToText(bytes, { ...ZIP_LIMITS, entryBytes: 1024 * 1024 });
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.tooLarge');
    // Within the caps, the lie itself is what is refused.
    const lie = await docxToText(bytes);
    assert.equal(lie.ok ? 'ok' : lie.problem.code, 'import.notDocx');
    if (!lie.ok) assert.match(lie.problem.messageZh, /ZIP 目录与其内容不符/);
  });

  it('a bomb like the issue\'s (under 1 MB → 150 MB) with the default limits', async () => {
    const bytes = docxBomb();
    assert.ok(bytes.length < 1024 * 1024, String(bytes.length));
    const r = await docxToText(bytes);
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.tooLarge');
  });

  it('a docx of ordinary size within the caps still reads', async () => {
    const r = await docxToText(docxWithParagraphs(2000, '依申请公开'));
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    assert.ok(r.text.startsWith('依申请公开\n'));
  });
});

describe('docxToText on mangled XML parts (fuzz findings: seconds to a minute in xmldom before mammoth refused them)', () => {
  const DOC = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  const docx = (document: string, extra: { name: string; text: string }[] = []): Uint8Array =>
    zipOf([
      zipEntry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      zipEntry('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
      zipEntry('word/document.xml', document),
      ...extra.map((e) => zipEntry(e.name, e.text)),
    ]);
  const para = '<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>';

  it('a well-formed document still reads', async () => {
    const r = await docxToText(docx(DOC(para)));
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    assert.equal(r.text.trim(), '政府信息公开工作年度报告');
  });

  it('a part whose root element is repeated (a slice repeated by the fuzzer) → import.notDocx naming the part', async () => {
    const r = await docxToText(docx(DOC(para).repeat(3)));
    assert.equal(r.ok, false);
    assert.equal(r.ok ? '' : r.problem.code, 'import.notDocx');
    assert.match(r.ok ? '' : r.problem.message, /word\/document\.xml has more than one root element/);
  });

  it('a root start tag xmldom cannot open: refused at the first report (its children are not added at the top level one by one)', async () => {
    // The fuzz input hang-e6fe775daf76ebbe: `<w:foowpc="…" …>` (mangled), then thousands of elements.
    const broken = `<?xml version="1.0"?><w:foowpc="u" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${para.repeat(50)}</w:document>`;
    const r = await docxToText(docx(broken));
    assert.equal(r.ok ? '' : r.problem.code, 'import.notDocx');
    // Before: the last of 50+ reports ("Hierarchy request error"); now the first.
    assert.match(r.ok ? '' : r.problem.message, /attribute equal must after attrName/);
    assert.doesNotMatch(r.ok ? '' : r.problem.message, /Hierarchy request/);
  });

  it('nesting past XML_LIMITS.depth, or too many nodes at the top level → import.tooComplex naming the part', async () => {
    const deep = await docxToText(docx(DOC(`${'<w:sdt>'.repeat(300)}${'</w:sdt>'.repeat(300)}`)));
    assert.equal(deep.ok ? '' : deep.problem.code, 'import.tooComplex');
    assert.match(deep.ok ? '' : deep.problem.message, /word\/document\.xml nests elements more than 256 deep/);
    const comments = await docxToText(docx(DOC(para) + '<!-- x -->'.repeat(100)));
    assert.equal(comments.ok ? '' : comments.problem.code, 'import.tooComplex');
    assert.match(comments.ok ? '' : comments.problem.message, /more than 64 nodes at its top level/);
  });
});
