// Word boxes → importer text: pages built by hand, word by word, so every case shows the geometry it is about.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBbox } from './bbox.ts';
import { MAX_TABLE_PAGE_WORDS, pagesToText, type PdfPageWords, type PdfWord } from './table-text.ts';

const SIZE = 10;
const units = (s: string) => [...s].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);
/** A word whose top-left corner is at (x, y), 10 pt characters (ASCII half-width). */
const w = (x: number, y: number, text: string): PdfWord => ({ x0: x, y0: y, x1: x + units(text) * SIZE, y1: y + SIZE, text });
const page = (...words: PdfWord[]): PdfPageWords => ({ width: 595, height: 842, words });

/** Column lefts of a small table: label, 自然人, 商业企业, 总计. */
const X = [50, 200, 260, 320] as const;
const row = (y: number, label: string, ...values: string[]): PdfWord[] => [
  w(X[0], y, label),
  ...values.flatMap((v, i) => (v === '' ? [] : [w(X[i + 1] as number, y, v)])),
];

describe('pagesToText: tables from word positions', () => {
  it('keeps a blank cell as an empty field, where the page leaves its place empty', () => {
    const text = pagesToText([page(w(50, 50, '收到和处理'), w(200, 80, '自然人'), w(260, 80, '商业企业'), w(320, 80, '总计'), ...row(100, '本年新收', '3', '2', '5'), ...row(120, '上年结转', '4', '', '4'))]);
    assert.match(text, /^本年新收\t3\t2\t5$/m);
    assert.match(text, /^上年结转\t4\t\t4$/m);
  });

  it('finds a column empty in every row by its header (table 四 with a group without cases)', () => {
    const text = pagesToText([page(w(200, 80, '自然人'), w(260, 80, '商业企业'), w(320, 80, '总计'), ...row(100, '本年新收', '3', '', '3'), ...row(120, '上年结转', '4', '', '4'))]);
    assert.match(text, /^本年新收\t3\t\t3$/m);
  });

  it('joins a label wrapped above and below its centred values into the row', () => {
    const text = pagesToText([
      page(w(200, 80, '自然人'), w(260, 80, '商业企业'), w(320, 80, '总计'), ...row(100, '行政许可', '1', '2', '3'), w(50, 118, '其他对外管理服务事'), ...row(124, '', '0', '41', '41'), w(50, 130, '项'), ...row(150, '行政处罚', '5', '6', '11')),
    ]);
    assert.match(text, /^其他对外管理服务事项\t0\t41\t41$/m);
    assert.match(text, /^行政处罚\t5\t6\t11$/m);
  });

  it('a label that starts with a row numbering and has no values beside it is a blank row, not part of its neighbour', () => {
    const text = pagesToText([page(w(200, 80, '自然人'), w(260, 80, '商业企业'), w(320, 80, '总计'), ...row(100, '7.属于行政执法案卷', '1', '2', '3'), w(50, 120, '8.属于行政查询事项'), ...row(140, '1.本机关不掌握相关政府信息', '0', '2', '2'))]);
    assert.match(text, /^8\.属于行政查询事项$/m);
    assert.match(text, /^1\.本机关不掌握相关政府信息\t0\t2\t2$/m);
  });

  it('an unnumbered label alone in its cell (a row further down than a wrapped line would be) is a blank row', () => {
    // 行政强制 is 20 pt below 行政处罚: a new row (a wrapped line of one cell is 13 pt down, as 其他对外管理服务 / 事项).
    const text = pagesToText([
      page(w(200, 80, '处理决定数量'), ...row(100, '其他对外管理服务', '9'), w(50, 113, '事项'), ...row(140, '行政处罚', '21732'), w(50, 160, '行政强制'), w(50, 200, '第二十条第（八）项'), ...row(220, '行政事业性收费', '108')),
    ]);
    assert.match(text, /^其他对外管理服务事项\t9$/m);
    assert.match(text, /^行政处罚\t21732$/m);
    assert.match(text, /^行政强制$/m);
  });

  it('splits header words a space apart that stand over different columns (narrow cells printed by a browser)', () => {
    // Four narrow cells, 4 pt apart (under a space's width of a 10 pt font): 结果维/持, 结果纠/正, ….
    const tops = ['结果维', '结果纠', '其他结', '尚未审'].map((t, i) => w(200 + 34 * i, 60, t));
    const words = [...tops, ...['持', '正', '果', '结'].map((t, i) => w(210 + 34 * i, 70, t))];
    const values = [w(200, 100, '3'), w(234, 100, '0'), w(268, 100, '7'), w(302, 100, '10')];
    const text = pagesToText([page(...words, ...values, w(50, 40, '四、政府信息公开行政复议、行政诉讼情况'))]);
    assert.match(text, /^结果维持\t结果纠正\t其他结果\t尚未审结$/m);
    assert.match(text, /^3\t0\t7\t10$/m);
  });

  it('keeps a table 二 group heading broken by a line break (第二十条第（ / 一）项) whole, and out of the columns', () => {
    const words = [w(230, 40, '第二十条第（'), w(245, 50, '一）项'), w(60, 70, '信息内容'), w(180, 70, '本年制发件数'), w(290, 70, '本年废止件数'), w(400, 70, '现行有效件数')];
    const rules = [w(60, 100, '规章'), w(200, 100, '0'), w(310, 100, '0'), w(420, 100, '0')];
    const text = pagesToText([page(...words, ...rules, w(60, 120, '行政规范性文件'), w(200, 120, '2'), w(420, 120, '9'))]);
    assert.match(text, /^第二十条第（一）项$/m);
    assert.match(text, /^行政规范性文件\t2\t\t9$/m);
  });

  it('a numbered label spanning two label columns ends where a row of the inner column starts', () => {
    // （二）部分公开… is blank; its wrapped label must not take the values of （一） above it, nor of 1.属于国家秘密.
    const text = pagesToText([
      page(w(200, 80, '自然人'), w(260, 80, '商业企业'), w(320, 80, '总计'), ...row(100, '（一）予以公开', '0', '0', '0'), w(50, 120, '（二）部分公开（区分'), w(50, 133, '处理的）'), w(100, 152, '1.属于国家秘密'), w(200, 152, '1'), w(260, 152, '2'), w(320, 152, '3')),
    ]);
    assert.match(text, /^（一）予以公开\t0\t0\t0$/m);
    assert.match(text, /^（二）部分公开（区分处理的）$/m);
    assert.match(text, /^1\.属于国家秘密\t1\t2\t3$/m);
  });

  it('reads a header wrapped in narrow cells column by column, not across', () => {
    const words = [w(200, 60, '本年新'), w(260, 60, '本年新公'), w(200, 70, '制作数'), w(260, 70, '开数量'), w(200, 80, '量'), ...row(100, '规章', '1', '1'), ...row(120, '规范性文件', '2', '2')];
    const text = pagesToText([page(...words)]);
    assert.match(text, /^本年新制作数量\t本年新公开数量$/m);
  });

  it('leaves values it cannot place in columns unpositioned (space-separated), so a blank stays unknown', () => {
    // Two values in the column of 商业企业: no column reading fits, the importer must weigh them itself.
    const text = pagesToText([page(...row(100, '本年新收', '3', '2', '5'), w(50, 120, '上年结转'), w(262, 120, '4'), w(275, 120, '4'))]);
    assert.match(text, /^上年结转 4 4$/m);
  });

  it('narrative lines, headings and page numbers stay text; pages end with a form feed', () => {
    const narrative = '全年共收到政府信息公开申请 71 件，均已按期答复，未发生因答复引起的行政复议。';
    const first = page(w(50, 40, '三、收到和处理政府信息公开申请情况'), w(50, 60, narrative), ...row(100, '本年新收', '3', '2', '5'), w(290, 800, '— 1 —'));
    const second = page(...row(60, '上年结转', '4', '1', '5'), w(290, 800, '2'));
    const text = pagesToText([first, second]);
    assert.equal(text.split('\f').length - 1, 2);
    assert.ok(text.includes(narrative));
    assert.match(text, /^三、收到和处理政府信息公开申请情况$/m);
    assert.match(text, /^— 1 —$/m);
    assert.match(text, /^2\n\f$/m);
  });
});

describe('pagesToText: bounded work', () => {
  it('reads a page of more words than any report page as plain lines, quickly, losing none of them', () => {
    const words: PdfWord[] = [];
    for (let r = 0; r < 400; r += 1) for (let c = 0; c < 15; c += 1) words.push(w(40 + 36 * c, 20 + 2 * r, String(r * 15 + c)));
    assert.ok(words.length > MAX_TABLE_PAGE_WORDS);
    const text = pagesToText([page(...words)]);
    const found = new Set(text.split(/\s+/).filter((t) => t !== ''));
    assert.equal(found.size, words.length);
  });
});

describe('parseBbox: pdftotext -bbox output', () => {
  it('reads pages and words, decoding entities', () => {
    const xhtml = [
      '<doc>',
      '<page width="595.28" height="841.89">',
      '<word xMin="10.5" yMin="20" xMax="30" yMax="30.5">A&amp;B</word>',
      '<word xMin="40" yMin="20" xMax="50" yMax="30.5">&lt;3&#x4E00;&#19968;</word>',
      '</page>',
      '<page width="100" height="200">',
      '</page>',
      '</doc>',
    ].join('\n');
    const pages = parseBbox(xhtml);
    assert.equal(pages.length, 2);
    assert.deepEqual(pages[0]?.words[0], { x0: 10.5, y0: 20, x1: 30, y1: 30.5, text: 'A&B' });
    assert.equal(pages[0]?.words[1]?.text, '<3一一');
    assert.deepEqual(pages[1], { width: 100, height: 200, words: [] });
  });
});
