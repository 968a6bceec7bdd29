import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// jszip is not a dependency of ours: it comes with docx, exceljs and mammoth, and is used here only to open the .docx.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { placeCells, tableLayout } from '../../core/annual-report/layout.ts';
import { emptyReport, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { TABLE_KEYS } from '../../core/annual-report/templates/index.ts';
import { findLabelsInOrder, templateLabels } from '../template-labels.ts';
import { EMPTY_SECTION, MISSING_TABLE, renderDocx } from './render.ts';

const demoDir = new URL('../../../demo/reports/', import.meta.url);

function demo(prefix: string): AnnualReport {
  const name = ['000_df5a05609306c7aa', '001_adfc45d447bb024f', '002_b7b31fc9363d19c4', '003_02af2ddfabc85d6c', '004_f368d5e4cb4d2e8e']
    .find((n) => n.startsWith(prefix));
  const parsed = parseReportJson(readFileSync(new URL(`${name}.json`, demoDir), 'utf8'));
  assert.ok(parsed.ok, prefix);
  return parsed.report;
}

async function text(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  assert.ok(xml, 'word/document.xml');
  return xml;
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

const EMPTY_2021 = emptyReport('2021', 2021, '某某县人民政府');

describe('renderDocx', () => {
  for (const [name, report] of [['demo 002 (2019)', demo('002')], ['an empty 2021 report', EMPTY_2021]] as const) {
    it(`prints every template label in template order: ${name}`, async () => {
      const raw = await text(await renderDocx(report));
      const found = findLabelsInOrder(raw, templateLabels(templateOf(report)));
      assert.deepEqual(found, { ok: true });
      assert.ok(raw.includes(`${report.year}年政府信息公开工作年度报告`));
      assert.ok(raw.includes(report.organization ?? ''), 'title names the organization');
    });
  }

  it('prints the numbers as given and （未填写） for empty narratives', async () => {
    const raw = await text(await renderDocx(demo('002')));
    for (const n of ['662820.1755', '1274428', '5141', '1725']) assert.ok(raw.includes(n), n);
    assert.equal(count(raw, EMPTY_SECTION), 3);
  });

  it('writes a narrative paragraph per line, without the source indentation', async () => {
    const report = { ...EMPTY_2021, sections: { overview: '　　第一段。\r\n\n  第二段。', problems: '问题。', otherMatters: null } };
    const raw = await text(await renderDocx(report));
    assert.match(raw, /第一段。\n+第二段。/);
    assert.equal(count(raw, EMPTY_SECTION), 1);
  });

  it('merges cells exactly as the layout says, with repeating header rows', async () => {
    for (const report of [demo('002'), EMPTY_2021]) {
      const xml = await documentXml(await renderDocx(report));
      const cells = TABLE_KEYS.flatMap((t) => placeCells(tableLayout(report, t)).map((p) => p.cell));
      const tall = cells.filter((c) => c.rowSpan > 1);
      const continued = tall.reduce((n, c) => n + c.rowSpan - 1, 0);
      assert.equal(count(xml, '<w:vMerge w:val="restart"/>'), tall.length, 'one restart per vertically merged cell');
      assert.equal(count(xml, '<w:vMerge w:val="continue"/>'), continued, 'one continuation per covered row');
      for (const span of new Set(cells.filter((c) => c.colSpan > 1).map((c) => c.colSpan))) {
        assert.ok(xml.includes(`<w:gridSpan w:val="${span}"/>`), `gridSpan ${span}`);
      }
      assert.equal(count(xml, '<w:tbl>'), 3);
      // Tables 三 and 四 have three header rows each; table 二 has none (its group rows interleave with data).
      assert.equal(count(xml, '<w:tblHeader/>'), 6);
      assert.ok(xml.includes('w:w="11906"') && xml.includes('w:h="16838"'), 'A4 portrait');
    }
  });

  it('leaves blank cells blank, never 0', async () => {
    const xml = await documentXml(await renderDocx(EMPTY_2021));
    assert.doesNotMatch(xml, /<w:t(?: [^>]*)?>0<\/w:t>/);
  });

  it('says a missing table is missing instead of printing it', async () => {
    const bytes = await renderDocx(demo('004'));
    const raw = await text(bytes);
    assert.equal(count(raw, MISSING_TABLE), 2);
    assert.equal(count(await documentXml(bytes), '<w:tbl>'), 1);
    assert.ok(raw.startsWith('2020年政府信息公开工作年度报告'), 'no organization: the title starts with the year');
  });
});
