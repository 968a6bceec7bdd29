/**
 * Fuzz target `import-text`: the pure importer core (src/core/annual-report/import: importReportText) on text, the
 * layer every format's extraction feeds. No file, no worker pool, no process: the rate is the core's own. Bases are
 * the texts the extractors give for the generator's files (every layout of src/formats/published but Chromium's, both
 * templates, several organisations) and the real corpus (fixtures/corpus/*.txt); a case is a whole text or a window of
 * its lines, mutated with the structure the core reads: lines (dropped, repeated, swapped, joined, split), table rows
 * (cells dropped, repeated, swapped, re-separated by tabs, spaces, bars or commas), numbers (hostile values, shifted,
 * full-width, Chinese numerals), headings and row labels spliced in, characters inserted. Besides crashes and hangs,
 * a result that breaks the importer's own invariants is a finding (`unsound`): the report must be canonical JSON, and
 * every cell read must quote the source at its offset (as core/annual-report/import/fuzz.test.ts asserts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importReportText, type TextImport } from '../core/annual-report/import/import-text.ts';
import { parseReportValue } from '../core/annual-report/parse.ts';
import { reportToJson } from '../core/annual-report/serialize.ts';
import { LAYOUTS, publishOne, type LayoutName } from '../formats/published/index.ts';
import { extractText } from '../formats/source/extract.ts';
import { HOSTILE_STRINGS, Rng } from './random.ts';
import { HANG_MS, errorDetail, type Finding, type Target } from './target.ts';

export interface TextCase {
  readonly text: string;
  /** A few words on where it came from and how it was mutated (the report line). */
  readonly how: string;
}

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** The extracted texts of generated reports (three organisations, both templates) and the real corpus. */
async function buildTexts(): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  const layouts = (Object.keys(LAYOUTS) as LayoutName[]).filter((l) => l !== 'chromiumPdf');
  for (const seed of [1, 2, 3]) {
    for (const layout of layouts) {
      const item = await publishOne(seed * 7919, layout);
      const r = await extractText(item.doc.bytes, item.doc.name, { pdf: { engine: 'pdftotext', timeoutMs: 30_000 } });
      if (r.ok) out.push({ name: `${layout}-${seed}`, text: r.text });
    }
  }
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort()) out.push({ name: f, text: readFileSync(CORPUS + f, 'utf8') });
  return out;
}

/** Headings, row and column labels and units of the national template: what the core looks for. */
const REPORT_WORDS: readonly string[] = [
  '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
  '（一）', '（二）', '（三）', '1.', '2.', '第二十条第（一）项', '第二十条第（五）项', '合计', '总计', '小计', '本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量',
  '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '维持', '纠正', '其他结果', '尚未审结', '行政复议', '行政诉讼',
  '单位：件', '单位：万元', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '处理决定数量', '采取监管措施', '行政许可', '行政处罚', '行政强制', '行政事业性收费',
  '2019年', '2021年', '2024年度', '二〇二四年', '政府信息公开工作年度报告', '人民政府办公室', '|', '\t', '—', '-', '/', '　',
];

const NUMBERS: readonly string[] = ['-1', '0', '00', '007', '99999999999999999999', '1e308', '3.5', '1,000', '１２', '一百', '二十三', '〇', '', ' ', '—', '-', 'NaN', '½', '٣', '1 2', '12 34', '2147483648'];

const SEPARATORS: readonly string[] = ['\t', ' ', '  ', '　', ' | ', '|', ',', '，', '\u00a0', ''];

/** Most characters one `repeat` mutation adds. */
const MAX_REPEAT_CHARS = 30_000;

/** One structure-aware mutation of a list of lines (in place). */
function mutateLines(rng: Rng, lines: string[]): string {
  const at = rng.below(Math.max(1, lines.length));
  const line = lines[at] ?? '';
  switch (rng.below(12)) {
    case 0:
      lines.splice(at, 1 + rng.below(3));
      return 'drop';
    case 1:
      // Many copies now and then, up to MAX_REPEAT_CHARS (the core's cost on run-together text grows steeply with it).
      lines.splice(at, 0, ...Array.from({ length: rng.chance(0.05) ? Math.min(50 + rng.below(500), Math.floor(MAX_REPEAT_CHARS / (line.length + 1))) : 1 + rng.below(3) }, () => line));
      return 'repeat';
    case 2: {
      const other = rng.below(Math.max(1, lines.length));
      lines[at] = lines[other] ?? '';
      lines[other] = line;
      return 'swap';
    }
    case 3:
      lines.splice(at, 2, `${line}${rng.pick(SEPARATORS)}${lines[at + 1] ?? ''}`);
      return 'join';
    case 4: {
      const cut = rng.below(line.length + 1);
      lines.splice(at, 1, line.slice(0, cut), line.slice(cut));
      return 'split';
    }
    case 5: {
      // A table row: its cells dropped, repeated, swapped, or separated otherwise.
      const cells = line.split(/\t|\s{2,}|\s*\|\s*|(?<=\d)\s(?=\d)/);
      const c = rng.below(Math.max(1, cells.length));
      const op = rng.below(4);
      if (op === 0) cells.splice(c, 1);
      else if (op === 1) cells.splice(c, 0, cells[c] ?? '');
      else if (op === 2) cells.reverse();
      lines[at] = cells.join(rng.pick(SEPARATORS));
      return 'cells';
    }
    case 6:
    case 7: {
      // Numbers: one hostile, or all of the line shifted by one, or the digits full-width.
      const op = rng.below(3);
      lines[at] = line.replace(/\d+/g, (m) => (op === 0 ? (rng.chance(0.3) ? rng.pick(NUMBERS) : m) : op === 1 ? String(Math.max(0, Number(m) + rng.pick([-1, 1]))) : [...m].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('')));
      return 'numbers';
    }
    case 8:
      lines.splice(at, 0, rng.pick(REPORT_WORDS) + (rng.chance(0.5) ? rng.pick(SEPARATORS) + rng.pick(NUMBERS) : ''));
      return 'words';
    case 9: {
      const p = rng.below(line.length + 1);
      lines[at] = line.slice(0, p) + (rng.chance(0.5) ? rng.pick(HOSTILE_STRINGS) : rng.string(12)) + line.slice(p);
      return 'chars';
    }
    case 10:
      // Page furniture: form feeds (page breaks) and page numbers.
      lines.splice(at, 0, rng.pick(['\f', `- ${rng.below(40)} -`, `第 ${rng.below(40)} 页 共 ${rng.below(40)} 页`, '\f\f']));
      return 'page';
    default: {
      // A block of lines moved elsewhere (tables printed apart from their labels).
      const block = lines.splice(at, 1 + rng.below(8));
      lines.splice(rng.below(lines.length + 1), 0, ...block);
      return 'move';
    }
  }
}

function generateCase(texts: readonly { name: string; text: string }[], rng: Rng): TextCase {
  const base = rng.pick(texts);
  let lines = base.text.split('\n');
  let scope = 'whole';
  if (lines.some((l) => l.length > 400) && rng.chance(0.995)) {
    // Run-together text (a crawled page: a section a line, its cells run together) is read at a far higher cost per
    // character (every cut of the digit runs is a reading): a window of characters, a row or a few.
    const len = 20 + rng.below(200);
    const from = rng.below(Math.max(1, base.text.length - len + 1));
    lines = base.text.slice(from, from + len).split('\n');
    scope = `characters ${from}-${from + len}`;
  } else if (rng.chance(0.96)) {
    // A window of lines: most cases read a table row or a few, which is where the core's work is, at a far higher
    // rate than whole reports (a few in a hundred).
    const len = 1 + rng.below(rng.chance(0.1) ? 80 : 12);
    const from = rng.below(Math.max(1, lines.length - len + 1));
    lines = lines.slice(from, from + len);
    scope = `lines ${from + 1}-${from + lines.length}`;
  }
  const how: string[] = [];
  for (let m = 0; m < 1 + rng.below(rng.chance(0.1) ? 30 : 4); m += 1) how.push(mutateLines(rng, lines));
  return { text: lines.join(rng.chance(0.05) ? '\r\n' : '\n'), how: `${base.name} ${scope}: ${how.join(',')}` };
}

/** The importer's invariants (core/annual-report/import/fuzz.test.ts): null when they hold, else what broke. */
function unsound(result: TextImport, source: string): string | null {
  const parsed = parseReportValue(JSON.parse(JSON.stringify(reportToJson(result.report))));
  if (!parsed.ok) return `the report is not canonical: ${JSON.stringify(parsed.problems.slice(0, 1)).slice(0, 200)}`;
  for (const p of result.provenance) {
    if (p.value !== null && p.how !== 'read' && p.how !== 'inferred') return `${p.path} has a value but is ${p.how}`;
    if (p.how !== 'read') continue;
    if (p.offset === undefined || p.raw === undefined) return `${p.path} is read but quotes no source`;
    if (source.slice(p.offset, p.offset + p.raw.length).normalize('NFKC') !== p.raw.normalize('NFKC')) return `${p.path} quotes ${JSON.stringify(p.raw)} but the source has ${JSON.stringify(source.slice(p.offset, p.offset + p.raw.length))} at ${p.offset}`;
  }
  return null;
}

function runCase(c: TextCase): Finding | null {
  const broken = unsound(importReportText(c.text), c.text);
  return broken === null ? null : { kind: 'unsound', detail: broken };
}

export async function importTextTarget(): Promise<Target<TextCase>> {
  const texts = await buildTexts();
  return {
    name: 'import-text',
    generate: (rng) => generateCase(texts, rng),
    execute: async (c, options) => {
      const started = performance.now();
      let finding: Finding | null;
      try {
        finding = runCase(c);
      } catch (e) {
        return { kind: 'crash', detail: errorDetail(e) };
      }
      if (finding !== null || !options.timing || performance.now() - started <= HANG_MS) return finding;
      // Over the limit: timed again, so that a moment of load on the machine is not reported as a hang.
      const again = performance.now();
      importReportText(c.text);
      const ms = performance.now() - again;
      return ms > HANG_MS ? { kind: 'hang', detail: `${c.text.length} characters: ${Math.round(ms)} ms` } : null;
    },
    encode: (c) => c,
    decode: (json) => json as TextCase,
    describe: (c) => `${c.how} (${c.text.length} characters)`,
    close: async () => undefined,
  };
}
