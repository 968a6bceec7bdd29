// OFD → importer text: packages written by hand (the XML a converter writes, in mm) and by the generator's `ofd` layout
// (a whole report, run through the real pipeline and compared with its truth cell by cell).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { publishOne } from '../published/index.ts';
import { writeZip } from '../published/ofd-writer.ts';
import { scoreReport } from '../published/score.ts';
import { sniffFormat } from '../source/detect.ts';
import { extractText } from '../source/extract.ts';
import { expandDelta, ofdToText } from './import.ts';

const OFD_XML = (title = '测试') =>
  `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>${title}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
const DOCUMENT = (pages: number) =>
  `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>` +
  Array.from({ length: pages }, (_, i) => `<ofd:Page ID="${10 + i}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('') +
  `</ofd:Pages></ofd:Document>`;
/** A text object: its Boundary's corner at (x, y) mm, 3.5 mm characters, the baseline 3 mm down. */
const text = (x: number, y: number, s: string, extra = '') =>
  `<ofd:TextObject ID="1" Boundary="${x} ${y} 100 5" Font="1" Size="3.5"${extra}><ofd:TextCode X="0" Y="3">${s.replace(/&/g, '&amp;')}</ofd:TextCode></ofd:TextObject>`;
const page = (...objects: string[]) => `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>`;
const ofd = (...pages: string[]) =>
  writeZip([
    ['OFD.xml', OFD_XML()],
    ['Doc_0/Document.xml', DOCUMENT(pages.length)],
    ...pages.map((p, i) => [`Doc_0/Pages/Page_${i}/Content.xml`, p] as const),
  ]);

/** Table columns (mm): label, 自然人, 商业企业, 总计. */
const X = [20, 80, 100, 120] as const;

describe('ofdToText', () => {
  it('expands DeltaX, `g N d` repeating d N times', () => {
    assert.deepEqual(expandDelta('g 3 3.5 1.75 g 2 1'), [3.5, 3.5, 3.5, 1.75, 1, 1]);
    assert.deepEqual(expandDelta(undefined), []);
  });

  // Found by `npm run fuzz` (fixtures/fuzz/importer): thousands of TextCodes each saying `g 99999999999999999999 1`
  // expanded 100,000 numbers apiece, seconds of a worker for a 150 KB file. Now no more than the characters drawn.
  it('expands no more deltas than asked for (a TextCode\'s characters), whatever N says', () => {
    assert.deepEqual(expandDelta('g 99999999999999999999 5', 2), [5, 5]);
    assert.deepEqual(expandDelta('1 g 3 2 4', 3), [1, 2, 2]);
    const codes = Array.from({ length: 3000 }, (_, i) => `<ofd:TextCode X="${i % 100}" Y="${3 + Math.floor(i / 100) * 5}" DeltaX="g 99999999999999999999 1">甲</ofd:TextCode>`).join('');
    const r = ofdToText(ofd(page(`<ofd:TextObject ID="1" Boundary="20 20 150 200" Font="1" Size="3.5">${codes}</ofd:TextObject>`, text(20, 250, '合计'))));
    assert.ok(r.ok);
    assert.match(r.text, /甲/);
    assert.match(r.text, /合计/);
  });

  it('reads a table by position: a blank cell stays an empty field, rows on their lines, the title from DocInfo', () => {
    const bytes = ofd(
      page(
        text(20, 20, '收到和处理政府信息公开申请情况'),
        text(X[1], 30, '自然人'),
        text(X[2], 30, '商业企业'),
        text(X[3], 30, '总计'),
        text(X[0], 40, '本年新收'),
        text(X[1], 40, '3'),
        text(X[2], 40, '2'),
        text(X[3], 40, '5'),
        text(X[0], 50, '上年结转'),
        text(X[1], 50, '4'),
        text(X[3], 50, '4'),
      ),
    );
    assert.equal(sniffFormat(bytes, 'x.zip'), 'ofd');
    const r = ofdToText(bytes);
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    assert.equal(r.title, '测试');
    assert.match(r.text, /^本年新收\t3\t2\t5$/m);
    assert.match(r.text, /^上年结转\t4\t\t4$/m);
  });

  it('places characters by DeltaX and CTM, joins one-character objects into words, splits at gaps and spaces', () => {
    // "12 7": DeltaX puts 7 far to the right; per-character objects of 2019 join into one word; CTM doubles a run.
    const perChar = [...'2019年'].map((ch, i) => text(20 + i * (ch === '年' ? 1.75 : 1.75), 20, ch)).join('');
    const bytes = ofd(
      page(
        perChar,
        `<ofd:TextObject ID="3" Boundary="20 40 100 5" Font="1" Size="3.5"><ofd:TextCode X="0" Y="3" DeltaX="1.75 20 1.75">1 7 8</ofd:TextCode></ofd:TextObject>`,
        `<ofd:TextObject ID="4" Boundary="20 60 100 10" Font="1" Size="3.5" CTM="2 0 0 2 0 0"><ofd:TextCode X="0" Y="3">A&amp;B 放大</ofd:TextCode></ofd:TextObject>`,
        `<ofd:TextObject ID="5" Boundary="20 80 100 10" Font="1" Size="3.5" CTM="0 1 -1 0 0 0"><ofd:TextCode X="0" Y="3">旋转的印章</ofd:TextCode></ofd:TextObject>`,
      ),
    );
    const r = ofdToText(bytes);
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
    assert.match(r.text, /2019年/);
    assert.doesNotMatch(r.text, /2 0 1 9/);
    assert.match(r.text, /^1\s+7\s+8$/m);
    assert.match(r.text, /A&B 放大/);
    assert.doesNotMatch(r.text, /旋转/);
  });

  it('refuses what is not a readable OFD, with coded problems', async () => {
    const noRoot = writeZip([['OFD.xml', '<ofd:OFD xmlns:ofd="x"><ofd:DocBody/></ofd:OFD>']]);
    assert.equal(ofdToText(noRoot).ok ? 'ok' : (ofdToText(noRoot) as { problem: { code: string } }).problem.code, 'import.notOfd');
    const noPage = writeZip([['OFD.xml', OFD_XML()], ['Doc_0/Document.xml', DOCUMENT(2)], ['Doc_0/Pages/Page_0/Content.xml', page(text(20, 20, '一'))]]);
    const missing = await extractText(noPage, 'report.ofd');
    assert.equal(missing.ok ? 'ok' : missing.problem.code, 'import.notOfd');
    assert.ok(!missing.ok && missing.problem.messageZh.includes('Page_1'));
    const images = await extractText(ofd(page('<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="9"/>')), 'scan.ofd');
    assert.equal(images.ok ? 'ok' : images.problem.code, 'import.noTextLayer');
    // A ZIP with neither a Word document nor OFD.xml stays unknown.
    const other = await extractText(writeZip([['readme.txt', 'hello']]), 'x.ofd');
    assert.equal(other.ok ? 'ok' : other.problem.code, 'import.unknownFormat');
  });
});

describe('generated OFD reports through the real pipeline', () => {
  it('reads every cell of reports drawn per run and per character, inventing none', async () => {
    const kinds = new Set<string>();
    for (const seed of [11, 12, 13, 14]) {
      const item = await publishOne(seed, 'ofd');
      kinds.add(item.doc.features.at(-1) ?? '');
      const extracted = await extractText(item.doc.bytes, item.doc.name);
      assert.ok(extracted.ok, extracted.ok ? '' : extracted.problem.message);
      assert.equal(extracted.format, 'ofd');
      const result = importReportText(extracted.text, { hints: { fileName: item.doc.name, ...(extracted.title ? { title: extracted.title } : {}) } });
      const score = scoreReport(item.doc.truth, reportToJson(result.report));
      assert.equal(score.invented, 0, `seed ${seed}`);
      assert.equal(score.exact, score.cells, `seed ${seed}: ${score.missed} missed`);
    }
    assert.deepEqual([...kinds].sort(), ['ofd:perChar', 'ofd:runs']);
  });
});
