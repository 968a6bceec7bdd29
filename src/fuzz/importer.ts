/**
 * Fuzz target `importer`: the reading of untrusted files — every format's extraction (src/formats/source/extract.ts:
 * txt/md, html, docx, pdf, ofd, xlsx), the table readers (catalog CSV/XLSX: formats/catalog/table-read.ts; crawl
 * tables: formats/crawl/table.ts) and the importer core on the extracted text (importReportText). Inputs are the
 * generator's own outputs (src/formats/published: every layout but the Chromium one, plus the report as .xlsx and as
 * CSV) mutated: bytes flipped, inserted, deleted, repeated, truncated, hostile tokens spliced in, and — for the ZIP
 * formats — one XML part mutated and the package zipped again, so the mutation reaches the parser behind the ZIP.
 * Extraction runs here, in the fuzzer's worker thread, not in the server's pool: a hang or a heap blow-up is seen by
 * the harness (worker deaths, cases over 1 s), not hidden by the pool's limits.
 */
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { importReportText } from '../core/annual-report/import/import-text.ts';
import { TEMPLATE_IDS, type TemplateId } from '../core/annual-report/templates/index.ts';
import { readTable } from '../formats/catalog/table-read.ts';
import { readCrawlTable } from '../formats/crawl/table.ts';
import { renderXlsx } from '../formats/xlsx/write.ts';
import { LAYOUTS, publishOne, type LayoutName } from '../formats/published/index.ts';
import { writeZip } from '../formats/published/ofd-writer.ts';
import { extractText } from '../formats/source/extract.ts';
import { HANG_MS, errorDetail, type Finding, type Target } from './target.ts';
import { Rng, HOSTILE_STRINGS } from './random.ts';

export type ImporterOp = 'extract' | 'table' | 'crawl';

export interface ImporterCase {
  readonly op: ImporterOp;
  /** PDF: pdftotext only (most cases: fast), or 'auto' (unpdf in its own worker when pdftotext refuses the file). */
  readonly pdf?: 'pdftotext' | 'auto';
  /** Whether the importer core reads the extracted text too (a share of the cases: it is the slow part). */
  readonly core?: boolean;
  readonly name: string;
  readonly bytes: Uint8Array;
}

interface Base {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The parts of a ZIP package (docx, xlsx, ofd), to mutate one and zip again. */
  readonly parts?: readonly (readonly [string, Uint8Array])[];
}

/** Tokens that steer the parsers: markup, ZIP and PDF signatures, BOMs, table syntax, numbers, report words. */
const TOKENS: readonly string[] = [
  ...HOSTILE_STRINGS.filter((s) => s.length < 100),
  'PK\u0003\u0004', '%PDF-1.7', '%%EOF', 'obj', 'endobj', 'stream\n', 'endstream', 'xref', 'trailer', '/Length 999999999', '/Filter /FlateDecode',
  '<w:p>', '<w:t>', '</w:t>', '<w:tbl>', '<w:tc>', '<w:gridSpan w:val="9999"/>', '<w:vMerge/>', '<c r="ZZZ999999">', '<v>', '</v>', '<si><t>',
  '<ofd:TextObject>', '<ofd:TextCode X="0" Y="0" DeltaX="g 999999 1">', '<tr>', '<td rowspan="99999">', '<td colspan="0">', '<th>', '</table>', '<br>',
  '<meta charset="gbk">', '<title>', '\xEF\xBB\xBF', '\xFF\xFE', '\xFE\xFF', '|', '| --- |', '\t\t\t', '\n\n\n', ',', '"",""', '\r',
];

/** A numbered list of generated files: every non-browser layout of src/formats/published, .xlsx and CSV. */
async function buildBases(): Promise<Base[]> {
  const bases: Base[] = [];
  const layouts = (Object.keys(LAYOUTS) as LayoutName[]).filter((l) => l !== 'chromiumPdf');
  for (let seed = 1; seed <= 2; seed += 1) {
    for (const layout of layouts) {
      const item = await publishOne(seed * 7919, layout);
      const bytes = item.doc.bytes;
      bases.push({ name: item.doc.name, bytes, ...(item.doc.ext === 'docx' || item.doc.ext === 'ofd' ? { parts: await unzip(bytes) } : {}) });
    }
    const report = generateConsistentReport(mulberry32(seed), { template: TEMPLATE_IDS[seed === 1 ? TEMPLATE_IDS.length - 1 : 0] as TemplateId, year: 2024 });
    const xlsx = await renderXlsx(report);
    bases.push({ name: `report-${seed}.xlsx`, bytes: xlsx, parts: await unzip(xlsx) });
    bases.push({ name: `catalog-${seed}.csv`, bytes: new TextEncoder().encode('标题,正文,发布日期\n"关于 2024 年度报告","本机关……",2024-01-31\n二,三,四\n') });
  }
  return bases;
}

async function unzip(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const out: [string, Uint8Array][] = [];
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.push([name, await file.async('uint8array')]);
  return out;
}

const utf8 = new TextEncoder();

/** One byte-level mutation. */
function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  const b = input;
  const at = b.length === 0 ? 0 : rng.below(b.length);
  const len = 1 + rng.below(rng.chance(0.8) ? 16 : 4096);
  const cat = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (rng.below(8)) {
    case 0: {
      const out = b.slice();
      for (let i = 0; i < 1 + rng.below(8); i += 1) if (out.length > 0) out[rng.below(out.length)] = rng.below(256);
      return out;
    }
    case 1:
      return cat(b.subarray(0, at), rng.bytes(len), b.subarray(at));
    case 2:
      return cat(b.subarray(0, at), b.subarray(Math.min(b.length, at + len)));
    case 3: {
      // A slice repeated: deep nesting, long runs.
      const piece = b.subarray(at, Math.min(b.length, at + len));
      return cat(b.subarray(0, at), ...Array.from({ length: 2 + rng.below(rng.chance(0.1) ? 2000 : 20) }, () => piece), b.subarray(at));
    }
    case 4:
      return b.subarray(0, at);
    case 5:
    case 6: {
      const token = rng.pick(TOKENS);
      const times = rng.chance(0.1) ? 1 + rng.below(5000) : 1;
      return cat(b.subarray(0, at), utf8.encode(token.repeat(times)), b.subarray(at));
    }
    default: {
      // Numbers in the text replaced by hostile ones.
      const text = new TextDecoder().decode(b);
      const out = text.replace(/\d+/g, (m) => (rng.chance(0.2) ? rng.pick(['-1', '99999999999999999999', '1e308', 'NaN', '０', '', '3.5']) : m));
      return utf8.encode(out);
    }
  }
}

function generateCase(bases: readonly Base[], rng: Rng): ImporterCase {
  const base = rng.pick(bases);
  let bytes: Uint8Array;
  if (base.parts && rng.chance(0.7)) {
    // Mutate one XML part (or drop one) and zip again: the mutation gets past the ZIP to the parser.
    const parts = base.parts.map(([n, b]) => [n, b] as [string, Uint8Array]);
    const xml = parts.map((p, i) => [p, i] as const).filter(([[n]]) => /\.xml$|\.rels$/.test(n));
    const target = xml.length > 0 ? rng.pick(xml)[1] : rng.below(parts.length);
    const part = parts[target];
    if (part) {
      if (rng.chance(0.05)) parts.splice(target, 1);
      else {
        let data = part[1];
        for (let m = 0; m < 1 + rng.below(3); m += 1) data = mutateBytes(rng, data);
        part[1] = data;
      }
    }
    bytes = writeZip(parts);
  } else {
    bytes = base.bytes;
    for (let m = 0; m < 1 + rng.below(4); m += 1) bytes = mutateBytes(rng, bytes);
  }
  const op: ImporterOp = /\.(csv|xlsx)$/.test(base.name) && rng.chance(0.6) ? (rng.chance(0.5) ? 'table' : 'crawl') : 'extract';
  // The name is a hint only (the format is sniffed): sometimes a wrong one.
  const name = rng.chance(0.15) ? rng.pick(['x.pdf', 'x.docx', 'x.html', 'x.txt', 'x.xlsx', 'x.ofd', 'x.csv', 'x', 'x.doc']) : base.name;
  return { op, name, bytes, pdf: rng.chance(0.05) ? 'auto' : 'pdftotext', core: rng.chance(0.25) };
}

/** A problem returned by the catch-all of extractText (an exception inside an adapter: a bug, reported as a crash). */
function caughtBug(problem: { code: string; data?: Readonly<Record<string, unknown>> }): boolean {
  return problem.code === 'import.extractFailed' && problem.data !== undefined && 'format' in problem.data;
}

async function runCase(c: ImporterCase): Promise<Finding | null> {
  switch (c.op) {
    case 'table': {
      await readTable(c.bytes);
      return null;
    }
    case 'crawl': {
      await readCrawlTable(c.bytes, c.name, { text: '正文', title: '标题' });
      return null;
    }
    case 'extract': {
      const r = await extractText(c.bytes, c.name, { pdf: { timeoutMs: 10_000, engine: c.pdf ?? 'auto' }, office: { soffice: '/nonexistent/soffice' } });
      if (!r.ok) return caughtBug(r.problem) ? { kind: 'crash', detail: `${r.problem.code} ${r.problem.message.slice(0, 200)}` } : null;
      // The importer core reads the text (documents without a report in them are findings of the import, not bugs).
      if (c.core !== false) importReportText(r.text);
      return null;
    }
  }
}

export async function importerTarget(): Promise<Target<ImporterCase>> {
  const bases = await buildBases();
  return {
    name: 'importer',
    generate: (rng) => generateCase(bases, rng),
    execute: async (c, options) => {
      const started = performance.now();
      const finding = await runCase(c).catch((e: unknown): Finding => ({ kind: 'crash', detail: errorDetail(e) }));
      if (finding !== null || !options.timing || performance.now() - started <= HANG_MS) return finding;
      // Over the limit: timed again, so that a moment of load on the machine is not reported as a hang.
      const again = performance.now();
      await runCase(c).catch(() => null);
      const ms = performance.now() - again;
      return ms > HANG_MS ? { kind: 'hang', detail: `${c.op} ${c.name}: ${Math.round(ms)} ms` } : null;
    },
    encode: (c) => ({ op: c.op, name: c.name, pdf: c.pdf, core: c.core, base64: Buffer.from(c.bytes).toString('base64') }),
    decode: (json) => {
      const j = json as { op: ImporterOp; name: string; base64: string; pdf?: 'pdftotext' | 'auto'; core?: boolean };
      return { op: j.op, name: j.name, bytes: new Uint8Array(Buffer.from(j.base64, 'base64')), ...(j.pdf ? { pdf: j.pdf } : {}), ...(j.core === undefined ? {} : { core: j.core }) };
    },
    describe: (c) => `${c.op} ${c.name} (${c.bytes.length} bytes)`,
    close: async () => undefined,
  };
}
