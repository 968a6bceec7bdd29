// Legacy office files through LibreOffice: a generated Word report saved as .doc by LibreOffice itself (and named
// .wps, as WPS saves Word-format files), a hand-written RTF, and gongkai's own workbook saved as .xls (named .et) —
// each read back through extractText and compared with its truth. LibreOffice is a system package .ci/run installs:
// without it these tests fail (like the PDF export tests without Chromium), they do not skip.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { publishOne } from '../published/index.ts';
import { scoreReport } from '../published/score.ts';
import { extractText } from '../source/extract.ts';
import { renderXlsx } from '../xlsx/write.ts';
import { convertOffice, findSoffice } from './convert.ts';

const leftovers = async () => (await readdir(tmpdir())).filter((f) => f.startsWith('gongkai-office-')).length;

/** RTF escapes for non-ASCII text (\uN? with a signed 16-bit N). */
const rtfText = (s: string) => [...s].map((ch) => (ch.charCodeAt(0) < 128 ? ch.replace(/[\\{}]/g, (c) => `\\${c}`) : `\\u${((ch.charCodeAt(0) + 32768) % 65536) - 32768}?`)).join('');
const rtfRow = (cells: readonly string[]) =>
  `\\trowd${cells.map((_, i) => `\\cellx${(i + 1) * 1500}`).join('')}\n${cells.map((c) => `\\intbl ${rtfText(c)}\\cell`).join(' ')}\\row\n`;

describe('legacy office files through LibreOffice', () => {
  it('finds LibreOffice (installed by .ci/run); a path that does not exist is none', async () => {
    assert.ok(await findSoffice(), 'soffice is not on PATH: sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui');
    assert.equal(await findSoffice('/nonexistent/soffice'), null);
  });

  it('reads a .doc (named .wps), an RTF with a blank cell and an .xls (named .et), leaving no temporary folder', async () => {
    const before = await leftovers();
    const item = await publishOne(11, 'docx');
    const docChain = (async () => {
      const doc = await convertOffice(item.doc.bytes, 'docx', 'doc');
      assert.ok(doc.ok, doc.ok ? '' : doc.problem.message);
      assert.deepEqual([...doc.bytes.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
      return extractText(doc.bytes, 'report.wps');
    })();
    const xlsChain = (async () => {
      const xls = await convertOffice(await renderXlsx(item.sample.report), 'xlsx', 'xls');
      assert.ok(xls.ok, xls.ok ? '' : xls.problem.message);
      return extractText(xls.bytes, 'report.et');
    })();
    const rtf =
      '{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil SimSun;}}\n' +
      `\\pard ${rtfText('三、收到和处理政府信息公开申请情况')}\\par\n` +
      rtfRow(['', '自然人', '商业企业', '总计']) +
      rtfRow(['一、本年新收政府信息公开申请数量', '3', '', '3']) +
      '}';
    const [fromDoc, fromXls, fromRtf] = await Promise.all([docChain, xlsChain, extractText(new TextEncoder().encode(rtf), 'report.rtf')]);

    assert.ok(fromDoc.ok, fromDoc.ok ? '' : fromDoc.problem.message);
    assert.equal(fromDoc.format, 'doc');
    const docScore = scoreReport(item.doc.truth, reportToJson(importReportText(fromDoc.text, { hints: { fileName: item.doc.name } }).report));
    assert.equal(docScore.invented, 0);
    assert.equal(docScore.exact, docScore.cells, `${docScore.missed} missed`);

    assert.ok(fromRtf.ok, fromRtf.ok ? '' : fromRtf.problem.message);
    assert.equal(fromRtf.format, 'rtf');
    assert.match(fromRtf.text, /^一、本年新收政府信息公开申请数量\t3\t\t3$/m);

    assert.ok(fromXls.ok, fromXls.ok ? '' : fromXls.problem.message);
    assert.equal(fromXls.format, 'xls');
    const got = reportToJson(importReportText(fromXls.text, { hints: { fileName: item.doc.name } }).report);
    const xlsScore = scoreReport(item.doc.truth, got);
    assert.equal(xlsScore.invented, 0);
    // Tables 二 and 三 of the workbook read exactly (table 四 under the workbook's check row is measured, not held).
    for (const key of ['proactive', 'applications'] as const) assert.deepEqual(got[key], item.doc.truth[key], key);
    assert.equal(await leftovers(), before);
  });

  it('a file LibreOffice cannot read as a document → import.officeFailed, coded, in both languages', async () => {
    const junk = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600).fill(7), ...Buffer.from('WordDocument', 'utf16le')]);
    const r = await extractText(junk, 'broken.doc', { office: { timeoutMs: 120_000 } });
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.officeFailed');
    assert.ok(!r.ok && r.problem.messageZh.length > 0 && r.problem.message.length > 0);
  });

  it('stops LibreOffice at the time limit (its process group killed) → import.officeFailed', async () => {
    const r = await convertOffice(new TextEncoder().encode('{\\rtf1 x}'), 'rtf', 'docx', { timeoutMs: 1 });
    assert.equal(r.ok ? 'ok' : r.problem.code, 'import.officeFailed');
    assert.ok(!r.ok && r.problem.message.includes('timed out'));
  });
});
