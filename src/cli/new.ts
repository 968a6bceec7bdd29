/**
 * `gongkai new --template 2019|2021 --year Y --org NAME [-o OUT] [--force]`: an all-null report in the canonical
 * JSON to fill in. A template that does not fit the year (rule template.year) is reported as a warning only.
 */
import { resolve } from 'node:path';
import { newReport } from '../app/annual-report/index.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { problem } from '../core/errors.ts';
import { NEW_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  template: { type: 'string' },
  year: { type: 'string' },
  org: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `gongkai new`. Returns the exit status (0 or 2); never throws on bad input. */
export async function runNew(args: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, NEW_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const missing = (['template', 'year', 'org'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0 || positionals.length > 0) {
    const list = missing.map((k) => `--${k}`).join(', ');
    const p = positionals.length > 0
      ? usage(`多余的参数：${positionals.join(' ')}`, `unexpected arguments: ${positionals.join(' ')}`)
      : usage(`缺少 ${list}`, `missing ${list}`);
    return printProblems(deps, '参数有误 / bad arguments', [p], NEW_HELP);
  }
  const yearText = values.year ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  const org = (values.org ?? '').trim();
  const created = newReport({ template: values.template ?? '', year, organization: org === '' ? null : org });
  if (!created.ok) return printProblems(deps, '参数有误 / bad arguments', created.problems, NEW_HELP);
  for (const w of created.warnings) deps.err(`警告 / warning [${w.code}]: ${w.messageZh} / ${w.message}\n`);
  const json = stringifyReport(created.report);
  if (values.output === undefined) {
    deps.out(json);
    return EXIT.ok;
  }
  try {
    await deps.writeFile(resolve(deps.cwd, values.output), json, { overwrite: values.force === true });
  } catch (error) {
    const exists = (error as { code?: unknown }).code === 'EEXIST';
    const detail = exists
      ? { zh: '文件已存在（用 --force 覆盖）', en: 'the file exists (use --force to overwrite)' }
      : { zh: String((error as Error).message), en: String((error as Error).message) };
    return printProblems(deps, '无法写入 / cannot write', [problem('output.unwritable', values.output, detail)]);
  }
  deps.err(`已新建空白报告：${values.output} / wrote a blank report: ${values.output}\n`);
  return EXIT.ok;
}
