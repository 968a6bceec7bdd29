/**
 * `gongkai render REPORT.json --format md|html|docx|xlsx|pdf|json [-o OUT]`: export a report through the format
 * registry. Text formats go to stdout unless -o is given; binary formats never go to a terminal: without -o they are
 * written to `<input base name>.<ext>` in the current directory.
 */
import { basename, extname, resolve } from 'node:path';
import { loadReportFile, renderReport, unknownFormat } from '../app/annual-report/index.ts';
import { problem } from '../core/errors.ts';
import { RENDER_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `gongkai render`. Returns the exit status (0 or 2); never throws on bad input. */
export async function runRender(args: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, RENDER_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    const p = usage('需要且只需要一个报告文件', 'expected exactly one report file', { positionals });
    return printProblems(deps, '参数有误 / bad arguments', [p], RENDER_HELP);
  }
  if (values.format === undefined) {
    const p = usage(`缺少 --format（${Object.keys(deps.formats).join('、')}）`, `--format is required (${Object.keys(deps.formats).join(', ')})`);
    return printProblems(deps, '参数有误 / bad arguments', [p], RENDER_HELP);
  }
  const format = Object.hasOwn(deps.formats, values.format) ? deps.formats[values.format] : undefined;
  // Refuse an unknown format before reading the input, so the message is about the format.
  if (!format) return printProblems(deps, '格式有误 / bad format', [unknownFormat(deps.formats, values.format)]);
  const loaded = await loadReportFile(deps, resolve(deps.cwd, file));
  if (!loaded.ok) return printProblems(deps, `无法读取报告 / cannot read the report: ${file}`, loaded.problems);
  // Printing through Chromium takes seconds (a browser starts): say so, so the wait is not mistaken for a hang.
  if (values.format === 'pdf') deps.err('正在用 Chromium 打印 PDF（需要几秒）… / printing the PDF with Chromium (takes a few seconds)…\n');
  const rendered = await renderReport(deps, { report: loaded.report, format: values.format });
  if (!rendered.ok) return printProblems(deps, `无法导出 / cannot export: ${format.label} (${values.format})`, rendered.problems);

  let target = values.output;
  if (target === undefined && !format.binary) {
    deps.out(new TextDecoder().decode(rendered.bytes));
    return EXIT.ok;
  }
  target ??= `${basename(file, extname(file))}.${rendered.ext}`;
  const path = resolve(deps.cwd, target);
  try {
    // An existing file is replaced only on purpose (--force): a report rendered over last year's is not undone.
    await deps.writeFile(path, rendered.bytes, { overwrite: values.force === true });
  } catch (error) {
    const exists = (error as { code?: unknown }).code === 'EEXIST';
    const reason = exists ? '文件已存在（加 --force 覆盖） / the file exists (add --force to overwrite)' : error instanceof Error ? error.message : String(error);
    return printProblems(deps, '无法写入 / cannot write', [problem('output.unwritable', target, { zh: reason, en: reason })]);
  }
  deps.err(`已写入 ${format.label}：${target}（${rendered.bytes.length} 字节） / wrote ${format.labelEn}: ${target} (${rendered.bytes.length} bytes)\n`);
  return EXIT.ok;
}
