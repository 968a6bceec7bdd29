/**
 * Fuzz target `importer`: the reading of untrusted files — every format's extraction (src/formats/source/extract.ts:
 * txt/md, html, docx, pdf, ofd, xlsx) and the table readers (catalog CSV/XLSX: formats/catalog/table-read.ts; crawl
 * tables: formats/crawl/table.ts). Inputs are the
 * generator's own outputs (src/formats/published: every layout but the Chromium one, plus the report as .xlsx and as
 * CSV) mutated: bytes flipped, inserted, deleted, repeated, truncated, hostile tokens spliced in, and — for the ZIP
 * formats — one XML part mutated and the package zipped again, so the mutation reaches the parser behind the ZIP.
 * Extraction runs through an extraction pool of the server's own kind (src/formats/source/pool.ts: heap cap, wall
 * clock, reaping of pdftotext), a case per pool worker in flight; the pool's wall clock is POOL_TIMEOUT_MS and its
 * refusals (`import.timeout`, the heap cap) are findings, not tidy answers. The importer core on the extracted text is
 * fuzzed apart, at its own rate (./import-text.ts).
 */
import { generateConsistentReport, mulberry32 } from '../core/annual-report/generate.ts';
import { TEMPLATE_IDS, type TemplateId } from '../core/annual-report/templates/index.ts';
import { readTable } from '../formats/catalog/table-read.ts';
import { renderXlsx } from '../formats/xlsx/write.ts';
import { LAYOUTS, publishOne, type LayoutName } from '../formats/published/index.ts';
import { writeZip } from '../formats/published/ofd-writer.ts';
import { extractInPool, readCrawlTableInPool } from '../formats/source/extractor.ts';
import { EXTRACT_LIMITS } from '../formats/source/limits.ts';
import { createWorkerPool, type WorkerPool } from '../formats/source/pool.ts';
import { HANG_MS, errorDetail, type Finding, type Target } from './target.ts';
import { Rng, HOSTILE_STRINGS } from './random.ts';

export type ImporterOp = 'extract' | 'table' | 'crawl';

export interface ImporterCase {
  readonly op: ImporterOp;
  /** PDF: pdftotext only (most cases: fast), or 'auto' (unpdf in its own worker when pdftotext refuses the file). */
  readonly pdf?: 'pdftotext' | 'auto';
  /** Stored by earlier runs (the importer core read the text too); the core is now the import-text target's. */
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

/** The pool's failures that are findings: past the wall clock (a hang), past the heap cap, the worker dead. */
function poolFinding(problem: { code: string; message: string; data?: Readonly<Record<string, unknown>> }): Finding | null {
  if (problem.code === 'import.timeout') return { kind: 'hang', detail: `${problem.code} ${problem.message.slice(0, 200)}` };
  if (problem.code === 'import.tooLarge' && /MB/.test(problem.message) && /内存|memory/.test(problem.message)) return { kind: 'workerDeath', detail: `${problem.code} ${problem.message.slice(0, 200)}` };
  if (problem.code === 'import.busy') return { kind: 'crash', detail: 'import.busy: the fuzzer overfilled its own pool' };
  // The worker died of something else than its heap cap (an uncaught error in it, e.g. in the importer core of an
  // import job): poolProblem's `crashed`.
  if (problem.code === 'import.extractFailed' && problem.data?.worker === 'crashed') return { kind: 'workerDeath', detail: `${problem.code} ${problem.message.slice(0, 200)}` };
  return null;
}

async function runCase(c: ImporterCase, pool: WorkerPool): Promise<Finding | null> {
  switch (c.op) {
    case 'table': {
      // The catalog's bulk import reads its table here (src/formats/catalog/table-read.ts), not in the pool.
      await readTable(c.bytes);
      return null;
    }
    case 'crawl': {
      const r = await readCrawlTableInPool(c.bytes, c.name, { text: '正文', title: '标题' }, pool);
      if ('ok' in r && r.ok === false && 'problem' in r) return poolFinding(r.problem) ?? (caughtBug(r.problem) ? { kind: 'crash', detail: `${r.problem.code} ${r.problem.message.slice(0, 200)}` } : null);
      return null;
    }
    case 'extract': {
      // Through the extraction pool, as the server reads an upload (its heap cap, wall clock and reaping); pdftotext
      // in most cases (fast), unpdf now and then; no LibreOffice (a .doc is refused as without it); no OCR.
      // OCR is off (a PDF without text is refused as import.noTextLayer): it costs seconds a page by design.
      const r = await extractInPool(c.bytes, c.name, { pdf: { timeoutMs: POOL_TIMEOUT_MS, engine: c.pdf ?? 'auto', ocr: false }, office: { soffice: '/nonexistent/soffice' } }, pool);
      if (!r.ok) return poolFinding(r.problem) ?? (caughtBug(r.problem) ? { kind: 'crash', detail: `${r.problem.code} ${r.problem.message.slice(0, 200)}` } : null);
      return null;
    }
  }
}

/**
 * The pool's wall clock for one file: a file still reading then is a hang (reported as such, not hidden as the
 * server's tidy `import.timeout`); every case over HANG_MS is reported too.
 */
const POOL_TIMEOUT_MS = 5_000;

export async function importerTarget(): Promise<Target<ImporterCase>> {
  const bases = await buildBases();
  const pool = createWorkerPool({ workers: EXTRACT_LIMITS.workers, timeoutMs: POOL_TIMEOUT_MS });
  // Started (and the modules a read loads, loaded) before the first case: a worker's start is not a case's time.
  for (const base of bases) await extractInPool(base.bytes, base.name, { pdf: { engine: 'pdftotext' } }, pool);
  return {
    name: 'importer',
    generate: (rng) => generateCase(bases, rng),
    // A case per pool worker in flight: no case waits in the pool's queue, so its time is its own.
    lanes: EXTRACT_LIMITS.workers,
    execute: async (c, options) => {
      const started = performance.now();
      const run = (): Promise<Finding | null> => runCase(c, pool).catch((e: unknown): Finding => ({ kind: 'crash', detail: errorDetail(e) }));
      const first = await run();
      // The pool's wall clock is a timing too: not asserted by the corpus replay.
      if (first !== null && first.kind !== 'hang') return first;
      if (!options.timing || (first === null && performance.now() - started <= HANG_MS)) return null;
      // Over the limit: timed again, so that a moment of load on the machine (or a worker's restart) is not a hang.
      const again = performance.now();
      const second = await run();
      const ms = performance.now() - again;
      if (second !== null) return second;
      return ms > HANG_MS ? { kind: 'hang', detail: `${c.op} ${c.name}: ${Math.round(ms)} ms` } : null;
    },
    encode: (c) => ({ op: c.op, name: c.name, pdf: c.pdf, core: c.core, base64: Buffer.from(c.bytes).toString('base64') }),
    decode: (json) => {
      const j = json as { op: ImporterOp; name: string; base64: string; pdf?: 'pdftotext' | 'auto'; core?: boolean };
      return { op: j.op, name: j.name, bytes: new Uint8Array(Buffer.from(j.base64, 'base64')), ...(j.pdf ? { pdf: j.pdf } : {}), ...(j.core === undefined ? {} : { core: j.core }) };
    },
    describe: (c) => `${c.op} ${c.name} (${c.bytes.length} bytes)`,
    close: () => pool.close(),
  };
}
