// The layouts learnt from the real corpus (fixtures/real): each renders both templates, is deterministic per seed,
// its truth is valid canonical JSON that round-trips, and its text shows the behaviour it models. The importer is not
// run here (it learns these layouts separately; the bench scores them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReportValue } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { publishOne, type LayoutName } from './index.ts';
import { runUndetermined } from './undetermined.ts';

const SEEDS = Array.from({ length: 24 }, (_, i) => 100 + i);

async function items(layout: LayoutName, seeds: readonly number[] = SEEDS) {
  const out = [];
  for (const seed of seeds) out.push(await publishOne(seed, layout));
  return out;
}

function checkCommon(layout: LayoutName) {
  it('renders both templates, its truth round-trips, and the same seed gives the same file', async () => {
    const templates = new Set<string>();
    for (const item of await items(layout)) {
      templates.add(String(item.doc.truth.template));
      const parsed = parseReportValue(item.doc.truth);
      assert.ok(parsed.ok, `${layout} ${item.seed}`);
      if (parsed.ok) assert.deepEqual(reportToJson(parsed.report), item.doc.truth);
      assert.equal(item.doc.layout, layout);
    }
    assert.deepEqual([...templates].sort(), ['2019', '2021']);
    for (const seed of SEEDS.slice(0, 4)) {
      const [a, b] = [await publishOne(seed, layout), await publishOne(seed, layout)];
      assert.deepEqual(a.doc.truth, b.doc.truth);
      assert.deepEqual(a.doc.features, b.doc.features);
      if (a.doc.source !== undefined) assert.equal(a.doc.source, b.doc.source);
      else assert.deepEqual(a.doc.bytes, b.doc.bytes);
    }
  });
}

describe('layout crawlRun (hebei-kjt / hebei-gxt crawls)', () => {
  checkCommon('crawlRun');

  it('prints a cut title, a blank line, then the report on one or a few lines with its rows run together', async () => {
    let cut = 0;
    let vanish = 0;
    let zeros = 0;
    for (const item of await items('crawlRun')) {
      const text = item.doc.text ?? '';
      const lines = text.split('\n');
      assert.equal(lines[1], '', 'a blank line after the title field');
      assert.ok(lines.length <= 6, `${item.seed}: ${lines.length} lines`);
      if (lines[0]?.endsWith('...')) cut += 1;
      const printing = item.doc.printing;
      assert.equal(printing?.kind, 'runs');
      if (printing?.kind !== 'runs') continue;
      assert.ok(printing.runs.length > 0 || item.doc.truth.proactive === null);
      for (const run of printing.runs) assert.ok(text.includes(run.text), `${item.seed}: run ${run.text} printed`);
      if (item.doc.features.includes('blanks:vanish')) vanish += 1;
      else zeros += 1;
      if (item.doc.features.includes('blanks:zeros') && item.doc.truth.applications !== null) {
        // Every zero written out: the 本年新收 row prints seven numbers, glued to the next label.
        assert.match(text, /本年新收政府信息公开申请数量\d{7,}二、上年结转/);
      }
    }
    assert.ok(cut > 0 && vanish > 0 && zeros > 0, JSON.stringify({ cut, vanish, zeros }));
  });

  it('with vanished blanks, table 三 prints no zeros and its runs leave cells undetermined', async () => {
    let undetermined = 0;
    for (const item of await items('crawlRun')) {
      if (!item.doc.features.includes('blanks:vanish') || item.doc.printing?.kind !== 'runs') continue;
      const apps = item.doc.truth.applications as Record<string, Record<string, unknown>> | null;
      if (apps) assert.ok(!JSON.stringify(apps).includes(':0'), `${item.seed}: table 三 holds no zero`);
      undetermined += runUndetermined(item.doc.truth, item.doc.printing.runs).size;
    }
    assert.ok(undetermined > 0);
  });
});

describe('layout crawlLines (hebei-jyt crawls)', () => {
  checkCommon('crawlLines');

  it('separates cells by three line breaks and rows by five; a blank cell is one run more; nothing undetermined', async () => {
    let blanks = 0;
    let cr = 0;
    for (const item of await items('crawlLines')) {
      const text = item.doc.text ?? '';
      const nl = item.doc.features.includes('newline:cr') ? '\r' : '\n';
      if (nl === '\r') cr += 1;
      assert.equal(item.doc.printing?.kind, 'positioned');
      if (item.doc.truth.applications !== null) {
        assert.ok(text.includes(`二、上年结转政府信息公开申请数量${nl.repeat(3)}`), `${item.seed}`);
        assert.ok(text.includes(`${nl.repeat(5)}三、本年度办理结果${nl.repeat(3)}`), `${item.seed}`);
      }
      const runs = text.split(/[^\r\n]+/).map((s) => s.length);
      assert.ok(runs.every((n) => n <= 8 + 6 || n % 3 !== 1), `${item.seed}: odd runs of line breaks`);
    }
    assert.ok(cr > 0);
    // A document with blank cells: a blank between cells gives six breaks, a blank at a row's end eight.
    for (let seed = 200; seed < 400 && blanks === 0; seed += 1) {
      const item = await publishOne(seed, 'crawlLines');
      if (!item.doc.features.includes('blank')) continue;
      const runs = (item.doc.text ?? '').split(/[^\r\n]+/).map((s) => s.length);
      assert.ok(runs.some((n) => n === 6 || n === 8), `${seed}`);
      blanks += 1;
    }
    assert.equal(blanks, 1);
  });
});

describe('layout markdownConverted (PDF-to-Markdown output)', () => {
  checkCommon('markdownConverted');

  it('prints table 三 as small label-less pipe tables after a block of labels, some one character per line', async () => {
    const seen = new Set<string>();
    let vertical = 0;
    let footers = 0;
    for (const item of await items('markdownConverted')) {
      const text = item.doc.text ?? '';
      const pipes = text.split('\n').filter((l) => l.startsWith('|'));
      if (item.doc.truth.applications === null) continue;
      assert.ok(pipes.length > 0);
      assert.ok(pipes.every((l) => !/[\u4e00-\u9fff]/.test(l.replace(/[万元]/g, ''))), `${item.seed}: pipe rows carry no labels`);
      // Several small tables: more header separators than the two tables (三, 四).
      assert.ok(pipes.filter((l) => l.includes('---')).length > 2, `${item.seed}`);
      // The labels come before the values: all of them, or (interleaved) each piece's own before it.
      const interleaved = item.doc.features.includes('interleaved');
      assert.ok(text.indexOf(interleaved ? '本年新收' : '予以公开') < text.indexOf('|'), `${item.seed}`);
      for (const f of ['interleaved', 'labelColumn', 'dropEmptyRows']) if (item.doc.features.includes(f)) seen.add(f);
      if (/\n本\n年\n/.test(text) || /\n公\n开\n/.test(text)) vertical += 1;
      if (/\n(— \d+ —|- \d+ -|第 \d+ 页|\d+)\n\n\|/.test(text)) footers += 1;
      assert.equal(item.doc.printing?.kind, 'runs');
    }
    assert.ok(vertical > 0 && footers > 0, JSON.stringify({ vertical, footers }));
    assert.deepEqual([...seen].sort(), ['dropEmptyRows', 'interleaved', 'labelColumn']);
  });
});

describe('layout cmsHtml (CMS article pages)', () => {
  checkCommon('cmsHtml');

  it('keeps the title out of the body, headings out of <h*>, and splits header cells into several <p>', async () => {
    let split = 0;
    let meta = 0;
    for (const item of await items('cmsHtml')) {
      const html = item.doc.text ?? '';
      const title = `${item.sample.org.name}${item.sample.report.year}年政府信息公开工作年度报告`;
      const body = html.slice(html.indexOf('<body>'));
      assert.ok(!body.includes(title), `${item.seed}: title not in the body`);
      assert.ok(html.slice(0, html.indexOf('<body>')).includes(title), `${item.seed}: title in the head`);
      assert.doesNotMatch(html, /<h\d/);
      assert.match(body, /二、主动公开政府信息情况/);
      if (html.includes('name="ArticleTitle"')) meta += 1;
      if (/<td[^>]*>(<p[^>]*><span[^>]*>[^<]+<\/span><\/p>){2}<\/td>/.test(html)) split += 1;
      assert.equal(item.doc.printing?.kind, 'positioned');
      if (item.doc.truth.template === '2019' && item.doc.truth.proactive !== null) assert.ok(!body.includes('行政规范性文件'));
    }
    assert.ok(split > 0 && meta > 0, JSON.stringify({ split, meta }));
  });
});

describe('layout stackedPdf (WPS PDF, huaian-szf-2024)', () => {
  checkCommon('stackedPdf');

  it('is a PDF whose table 三 group labels stand one character per line, with 1、 numbering and -N- footers', async () => {
    for (const item of await items('stackedPdf', SEEDS.slice(0, 6))) {
      assert.equal(Buffer.from(item.doc.bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
      const texts = (JSON.parse(item.doc.source ?? '[]') as { kind: string; text?: string }[][]).flat().filter((i) => i.kind === 'text').map((i) => i.text ?? '');
      assert.ok(texts.some((t) => /^(-\d+-|— \d+ —)$/.test(t)), `${item.seed}: page footers`);
      if (item.doc.truth.applications === null) continue;
      // The label's characters, each a text item of its own, in order (the neighbouring column's interleave).
      const singles = texts.filter((t) => [...t].length === 1 && !/\d/.test(t)).join('');
      assert.match(singles, /三.*、.*本.*年.*度.*办.*理.*结.*果/, `${item.seed}`);
      assert.ok(texts.some((t) => t.startsWith('1、')), `${item.seed}: 1、 numbering`);
    }
  });
});
