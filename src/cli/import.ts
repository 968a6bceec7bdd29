/**
 * `gongkai import FILE|DIR... [-o DIR] [--json] [--template] [--year] [--org] [--csv F] [--xlsx F]
 * [--text-column 列名 [--title-column 列名]]`: import published annual reports (txt, md, html, docx, pdf — the format
 * is read from the content) into canonical JSON with each cell's provenance. With --text-column each .csv/.xlsx input
 * is a crawled table, one web page per row: the rows that are annual reports (formats/crawl/classify.ts) are imported
 * as `<base>-row<N>` (title, a newline, then the text, through the same importer as a .txt file); the others are
 * skipped with a reason. Exit 0 even when findings exist or rows are skipped; 2 when some file could not be read.
 */
import { basename, extname, join, resolve } from 'node:path';
import { importReport, type ImportReportResult } from '../app/annual-report/index.ts';
import type { ImportOptions } from '../core/annual-report/import/import-text.ts';
import { reportToJson, stringifyReport } from '../core/annual-report/serialize.ts';
import { TEMPLATES, isTemplateId } from '../core/annual-report/templates/index.ts';
import { formatProblem, problem } from '../core/errors.ts';
import { batchCsv, batchXlsx, type BatchRow } from '../formats/batch/table.ts';
import { classifyPage } from '../formats/crawl/classify.ts';
import { readCrawlTableInPool } from '../formats/source/extractor.ts';
import { IMPORT_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';
import { progressBar, textTable } from './progress.ts';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  template: { type: 'string' },
  year: { type: 'string' },
  org: { type: 'string' },
  csv: { type: 'string' },
  xlsx: { type: 'string' },
  'text-column': { type: 'string' },
  'title-column': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Output name of each input: NAME.ext → NAME, or NAME.ext when two inputs share a base name. */
function outputNames(files: readonly string[]): Map<string, string> {
  const base = (f: string) => basename(f, extname(f));
  const counts = new Map<string, number>();
  for (const f of files) counts.set(base(f), (counts.get(base(f)) ?? 0) + 1);
  return new Map(files.map((f) => [f, (counts.get(base(f)) ?? 0) > 1 ? basename(f) : base(f)]));
}

/** Where an imported report came from: a file, or a row of a crawled table (1-based data row). */
interface Source {
  readonly file: string;
  readonly row?: number;
}

function provenanceJson(source: Source, r: Extract<ImportReportResult, { ok: true }>): string {
  const doc = { file: source.file, ...(source.row === undefined ? {} : { source: { file: source.file, row: source.row } }), format: r.format, encoding: r.encoding ?? null, detected: r.detected, counts: r.counts, findings: r.findings, cells: r.provenance };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** One thing to import: a report file or one row of a crawled table; `name` is its output name. */
interface Job {
  readonly name: string;
  readonly source: Source;
  readonly load: () => Promise<Uint8Array>;
}

/** A table row that is not imported, and why (Chinese, English). */
interface Skipped {
  readonly name: string;
  readonly source: Source;
  readonly reasonZh: string;
  readonly reason: string;
}

const isTable = (file: string): boolean => /\.(?:csv|xlsx)$/i.test(file);

function describe(r: Extract<ImportReportResult, { ok: true }>): string {
  const d = r.detected;
  const lines = [
    `${r.name}（${r.format}${r.encoding ? `，${r.encoding}` : ''}）`,
    `  机关 / organization: ${r.report.organization ?? '（未识别 / not detected）'}${d.organization.how === 'flag' ? '（参数指定 / flag）' : ''}`,
    `  年度 / year: ${d.year.value ?? '（未识别 / not detected）'}    模板 / template: ${TEMPLATES[r.report.template].notice}（${d.template.how === 'detected' ? `表头：${d.template.evidence}` : d.template.how === 'flag' ? '参数指定 / flag' : '按年度推定 / from the year'}）`,
    `  单元格 / cells: 读取 read ${r.counts.read}，推算 inferred ${r.counts.inferred}，缺失 missing ${r.counts.missing}`,
    `  问题 / findings: ${r.summary.error} 个错误 errors、${r.summary.warning} 个警告 warnings、${r.summary.info} 条提示 info`,
  ];
  for (const f of r.findings.filter((x) => x.severity !== 'info').slice(0, 12)) {
    lines.push(`    [${f.code}] ${f.messageZh}${f.cells.length ? `（${f.cells.slice(0, 3).join(', ')}${f.cells.length > 3 ? ' …' : ''}）` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Run `gongkai import`. Returns the exit status (0, or 2 when a file could not be read); never throws on bad input. */
export async function runImport(args: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, IMPORT_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return printProblems(deps, '参数有误 / bad arguments', [usage('需要至少一个文件或文件夹', 'expected at least one file or folder')], IMPORT_HELP);
  const textColumn = values['text-column'];
  const titleColumn = values['title-column'];
  if (titleColumn !== undefined && textColumn === undefined) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('--title-column 需要与 --text-column 一起使用', '--title-column needs --text-column')], IMPORT_HELP);
  }
  if (textColumn !== undefined && (textColumn.trim() === '' || titleColumn?.trim() === '')) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('列名不能为空', 'a column name must not be empty')], IMPORT_HELP);
  }
  if (values.template !== undefined && !isTemplateId(values.template)) {
    return printProblems(deps, '参数有误 / bad arguments', [problem('report.template', '--template')]);
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    return printProblems(deps, '参数有误 / bad arguments', [problem('report.year', '--year')]);
  }
  const options: ImportOptions = {
    ...(values.template && isTemplateId(values.template) ? { template: values.template } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(values.org !== undefined ? { organization: values.org.trim() === '' ? null : values.org.trim() } : {}),
  };

  /** Run an IO step; a failure is reported with its code and ends the command with exit 2. */
  const io = async (code: 'input.unreadable' | 'output.unwritable', target: string, step: () => Promise<void>): Promise<number | null> => {
    try {
      await step();
      return null;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return printProblems(deps, code === 'input.unreadable' ? '无法读取 / cannot read' : '无法写入 / cannot write', [problem(code, target, { zh: reason, en: reason })]);
    }
  };
  const files: string[] = [];
  for (const p of positionals) {
    const path = resolve(deps.cwd, p);
    const failed = await io('input.unreadable', p, async () => {
      files.push(...((await deps.disk.listDir(path)) ?? [path]));
    });
    if (failed !== null) return failed;
  }
  const outDir = values.output ? resolve(deps.cwd, values.output) : null;
  if (outDir) {
    const failed = await io('output.unwritable', values.output ?? '', () => deps.disk.makeDir(outDir));
    if (failed !== null) return failed;
  }
  const names = outputNames(files);
  const jobs: Job[] = [];
  const skipped: Skipped[] = [];
  /** Tables that could not be read at all (reported like an unreadable file). */
  const unreadable: ImportReportResult[] = [];
  for (const file of files) {
    const name = names.get(file) ?? basename(file);
    if (textColumn === undefined || !isTable(file)) {
      jobs.push({ name, source: { file }, load: () => deps.disk.readBytes(file) });
      continue;
    }
    let table: Awaited<ReturnType<typeof readCrawlTableInPool>>;
    try {
      // exceljs in the extraction pool's worker, like every other read of a file (docs/decisions.md "Untrusted files").
      table = await readCrawlTableInPool(await deps.disk.readBytes(file), basename(file), { text: textColumn, ...(titleColumn === undefined ? {} : { title: titleColumn }) });
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      table = { ok: false, problem: problem('input.unreadable', file, { zh: msg, en: msg }) };
    }
    if (!table.ok) {
      unreadable.push({ ok: false, name: basename(file), problem: table.problem });
      continue;
    }
    for (const page of table.pages) {
      const rowName = `${name}-row${page.row}`;
      const source = { file, row: page.row };
      const verdict = classifyPage(page.title, page.text);
      if (!verdict.report) {
        skipped.push({ name: rowName, source, reasonZh: verdict.reasonZh, reason: verdict.reason });
        continue;
      }
      const text = page.title === null ? page.text : `${page.title}\n${page.text}`;
      jobs.push({ name: rowName, source, load: () => Promise.resolve(new TextEncoder().encode(text)) });
    }
  }
  const batch = jobs.length + skipped.length + unreadable.length > 1;
  const bar = jobs.length > 1 ? progressBar(deps, jobs.length) : null;
  const results: ImportReportResult[] = [...unreadable];
  for (const [i, job] of jobs.entries()) {
    const label = job.source.row === undefined ? basename(job.source.file) : job.name;
    bar?.update(i, label);
    let result: ImportReportResult;
    try {
      const fileName = job.source.row === undefined ? basename(job.source.file) : `${job.name}.txt`;
      // A scan read by OCR: a bar of its pages (seconds each), after the first page tells how many there are.
      let pages: ReturnType<typeof progressBar> | null = null;
      const onProgress = (p: { readonly done: number; readonly total: number }): void => {
        pages ??= progressBar(deps, p.total);
        if (p.done < p.total) pages.update(p.done, `${label} OCR`);
        else pages.done();
      };
      result = await importReport({ extractor: deps.extractor }, { bytes: await job.load(), name: fileName, options, onProgress });
      if (job.source.row !== undefined && result.ok) result = { ...result, name: job.name };
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      result = { ok: false, name: label, problem: problem('input.unreadable', job.source.file, { zh: msg, en: msg }) };
    }
    results.push(result);
    if (outDir && result.ok) {
      const { name } = job;
      const failed = await io('output.unwritable', join(outDir, name), async () => {
        await deps.writeFile(join(outDir, `${name}.json`), stringifyReport(result.report), { overwrite: true });
        await deps.writeFile(join(outDir, `${name}.provenance.json`), provenanceJson(job.source, result), { overwrite: true });
      });
      if (failed !== null) return failed;
    }
  }
  bar?.done();
  for (const s of skipped) deps.err(`跳过 / skipped: ${s.name}（${basename(s.source.file)} 第 ${s.source.row} 行 / row ${s.source.row}）：${s.reasonZh} / ${s.reason}\n`);

  const failed = results.filter((r): r is Extract<ImportReportResult, { ok: false }> => !r.ok);
  for (const f of failed) deps.err(`无法读取 / cannot read: ${formatProblem(f.problem)}\n`);
  if (values.json) {
    const docs: unknown[] = results.map((r) =>
      r.ok ? { file: r.name, format: r.format, encoding: r.encoding ?? null, detected: r.detected, counts: r.counts, report: reportToJson(r.report), findings: r.findings, cells: r.provenance } : { file: r.name, ok: false, problem: r.problem },
    );
    for (const s of skipped) docs.push({ file: s.name, skipped: true, source: s.source, reasonZh: s.reasonZh, reason: s.reason });
    deps.out(`${JSON.stringify(batch ? docs : docs[0], null, 2)}\n`);
  } else if (!batch) {
    const [r] = results;
    if (r?.ok) deps.out(describe(r) + (outDir ? `  已写入 / written: ${join(outDir, `${jobs[0]?.name ?? ''}.json`)}（及 .provenance.json）\n` : '  （用 -o DIR 保存报告 JSON 与来源 / use -o DIR to save the report JSON and provenance）\n'));
    else if (!r && skipped.length > 0) deps.out(`没有导入任何行：${skipped.length} 行跳过 / no row imported: ${skipped.length} skipped\n`);
  } else {
    const rows = results.map((r) =>
      r.ok
        ? [r.name, r.report.organization ?? '—', String(r.report.year || '—'), r.report.template, `${r.counts.read}/${r.counts.inferred}/${r.counts.missing}`, String(r.summary.error)]
        : [r.name, '（无法读取）', '—', '—', '—', '—'],
    );
    for (const s of skipped) rows.push([s.name, '（跳过 skipped）', '—', '—', '—', '—']);
    deps.out(textTable(['文件 file', '机关 organization', '年度 year', '模板 template', '读取/推算/缺失 read/inferred/missing', '错误 errors'], rows));
    const skip = skipped.length > 0 ? [`，${skipped.length} 行跳过（不是可导入的年度报告）`, `, ${skipped.length} rows skipped (not an importable annual report)`] : ['', ''];
    deps.out(`共 ${results.length} 份，${results.length - failed.length} 份导入，${failed.length} 个无法读取${skip[0]} / ${results.length} inputs, ${results.length - failed.length} imported, ${failed.length} unreadable${skip[1]}\n`);
  }
  const rows: BatchRow[] = results.map((r) =>
    r.ok ? { file: r.name, report: r.report, counts: r.counts, errors: r.summary.error } : { file: r.name, report: null, problem: r.problem.messageZh },
  );
  for (const s of skipped) rows.push({ file: s.name, report: null, problem: `跳过：${s.reasonZh} / skipped: ${s.reason}` });
  const { csv, xlsx } = values;
  if (csv && (await io('output.unwritable', csv, () => deps.writeFile(resolve(deps.cwd, csv), batchCsv(rows), { overwrite: true }))) !== null) return EXIT.input;
  if (xlsx && (await io('output.unwritable', xlsx, async () => deps.writeFile(resolve(deps.cwd, xlsx), await batchXlsx(rows), { overwrite: true }))) !== null) return EXIT.input;
  return failed.length > 0 ? EXIT.input : EXIT.ok;
}
