import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { violation } from '../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { PROVENANCE_CSS, renderHtmlDocument, renderReportArticle, sourceText, type CellSource } from './render.ts';

function demo001(): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL('../../../demo/reports/001_adfc45d447bb024f.json', import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  return parsed.report;
}

/** The opening tag and content of the value cell with this path. */
function cell(html: string, path: string): { tag: string; inner: string } {
  const m = new RegExp(`(<td [^>]*data-cell="${path.replace(/\./g, '\\.')}"[^>]*>)([\\s\\S]*?)</td>`).exec(html);
  assert.ok(m, `cell ${path}`);
  return { tag: m[1] ?? '', inner: m[2] ?? '' };
}

const attr = (tag: string, name: string) => {
  const all = [...tag.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))];
  assert.ok(all.length <= 1, `one ${name} attribute in ${tag}`);
  return all[0]?.[1];
};

const READ = 'applications.newReceived.natural';
const INFERRED = 'applications.granted.commercial';
const BLANK = 'applications.granted.research';

const sources = new Map<string, CellSource>([
  [READ, { how: 'read', raw: '1,274', line: 57, page: 2 }],
  [INFERRED, { how: 'inferred' }],
  [BLANK, { how: 'missing', note: 'blank' }],
]);

test('without the option, the renderer prints no provenance marks', () => {
  const html = renderReportArticle(demo001());
  assert.doesNotMatch(html, /cell-(read|inferred|missing)|<t[dh][^>]*tabindex|provenance-legend|id="source-/);
  assert.doesNotMatch(renderHtmlDocument(demo001()), /provenance-legend \{/);
});

test('a read cell: class, focusable, title and hidden description quote the source with line and page', () => {
  const html = renderReportArticle(demo001(), { provenance: sources });
  const { tag, inner } = cell(html, READ);
  assert.match(tag, /class="value cell-read"/);
  assert.equal(attr(tag, 'tabindex'), '0');
  assert.equal(attr(tag, 'title'), '原文：“1,274”（第 57 行，第 2 页）');
  assert.equal(attr(tag, 'aria-describedby'), `source-${READ}`);
  assert.ok(inner.includes(`<span id="source-${READ}" hidden>原文：“1,274”（第 57 行，第 2 页）</span>`));
  // The visible value is still the report's value, before the hidden description.
  assert.match(inner, /^[0-9,.]+<span id="source-/);
});

test('inferred and missing cells are marked and described; cells without a source are left as they were', () => {
  const report = demo001();
  const html = renderReportArticle(report, { provenance: sources });
  const inferred = cell(html, INFERRED).tag;
  assert.match(inferred, /class="value cell-inferred"/);
  assert.equal(attr(inferred, 'title'), '推算：原文缺失，按勾稽关系推算并经核验');
  assert.equal(attr(inferred, 'tabindex'), '0');
  const blank = cell(html, BLANK).tag;
  assert.match(blank, /\bcell-missing\b/);
  assert.equal(attr(blank, 'title'), '缺失：原文空白');
  const plain = renderReportArticle(report);
  const other = 'applications.total.natural';
  assert.deepEqual(cell(html, other), cell(plain, other));
});

test('a legend explains the three marks, in Chinese first', () => {
  const html = renderReportArticle(demo001(), { provenance: sources });
  const legend = /<aside class="provenance-legend"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
  assert.ok(legend, 'legend');
  for (const [cls, zh] of [['cell-read', '读取'], ['cell-inferred', '推算'], ['cell-missing', '缺失']]) {
    assert.ok(legend.includes(`legend-swatch ${cls}`), cls);
    assert.ok(legend.includes(`<strong>${zh}</strong>`), zh);
  }
  // Inside the header, after the title.
  assert.ok(html.indexOf('<h1>') < html.indexOf('provenance-legend') && html.indexOf('provenance-legend') < html.indexOf('</header>'));
});

test('a cell with both a source and findings: one title and one description listing both', () => {
  const report = demo001();
  const finding = violation('count.nonNegative', [READ], null, { actual: -1 });
  const html = renderReportArticle(report, { provenance: sources, findings: [finding] });
  const { tag } = cell(html, READ);
  assert.match(tag, /class="value finding finding-error finding-primary cell-read"/);
  assert.equal(attr(tag, 'aria-describedby'), `source-${READ} finding-1`);
  assert.equal(attr(tag, 'title'), `原文：“1,274”（第 57 行，第 2 页）\n${finding.messageZh}`);
  assert.ok(html.includes('<li id="finding-1"'));
});

test('the source text is escaped', () => {
  const html = renderReportArticle(demo001(), { provenance: new Map([[READ, { how: 'read', raw: '"><script>1' }]]) });
  assert.ok(!html.includes('<script>'));
  assert.equal(attr(cell(html, READ).tag, 'title'), '原文：“&quot;&gt;&lt;script&gt;1”');
});

test('sourceText: every missing note in words, the location when known', () => {
  const missing = (note: string | undefined, more: Partial<CellSource> = {}) => sourceText({ how: 'missing', ...(note ? { note } : {}), ...more });
  assert.equal(missing('blank'), '缺失：原文空白');
  assert.equal(missing('notFound'), '缺失：原文未找到此行');
  assert.equal(missing('ambiguous'), '缺失：无法确定（原文有歧义）');
  assert.match(missing('lost'), /^缺失：原文中此数值缺失/);
  assert.match(missing('unconfirmed'), /^缺失：.*未能经第二个等式核验/);
  assert.match(missing('overflow'), /^缺失：原文此行的数值多于表格列数/);
  assert.equal(missing('tableMissing'), '缺失：原文未找到此表');
  assert.equal(missing(undefined), '缺失：原文未读取到此数值');
  assert.equal(missing('blank', { raw: '—', line: 12 }), '缺失：原文空白（原文“—”，第 12 行）');
  assert.equal(sourceText({ how: 'read', raw: '0', line: 3 }), '原文：“0”（第 3 行）');
  assert.equal(sourceText({ how: 'read', raw: '0' }), '原文：“0”');
  // A scan's value: the recogniser's confidence and the box on the page image.
  const box = { page: 2, x: 301.4, y: 120.5, w: 8.2, h: 14 };
  assert.equal(sourceText({ how: 'read', raw: '6', line: 40, page: 2, confidence: 0.973, box }), '原文：“6”（第 40 行，第 2 页，识别置信度 97.3%，扫描页第 2 页位置 x 301、y 121、宽 8、高 14（磅））');
  assert.equal(missing('ocrUncertain', { raw: '⍰', confidence: 0.42, box }), '缺失：扫描件识别不确定（置信度不足，或读数与表格勾稽关系不符），未予采用（原文“⍰”，识别置信度 42.0%，扫描页第 2 页位置 x 301、y 121、宽 8、高 14（磅））');
});

test('the standalone page carries the provenance stylesheet only when sources are given', () => {
  const doc = renderHtmlDocument(demo001(), { provenance: sources });
  assert.ok(doc.includes(PROVENANCE_CSS));
  assert.match(PROVENANCE_CSS, /\.report-table td\.cell-inferred, /);
  assert.match(PROVENANCE_CSS, /:focus-visible::after \{\n {2}content: attr\(title\);/);
  assert.ok(!renderHtmlDocument(demo001()).includes(PROVENANCE_CSS));
});
