/**
 * `gongkai report build --org ID --year Y [-o FILE]`: the year's report JSON (gongkai.annual-report/1) with tables 三
 * and 四 counted from the cases of the organisation and everything below it; table 二 and the narrative sections are
 * left blank for the office to fill in. Prints the findings of the built report on stderr. Exit statuses in REPORT_HELP.
 */
import { resolve } from 'node:path';
import { checkReport } from '../app/annual-report/index.ts';
import { buildYearReport } from '../app/applications/index.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { formatProblem, problem } from '../core/errors.ts';
import { readConfig } from '../server/config.ts';
import { systemClock } from '../server/clock.ts';
import { applicationDeps } from '../storage/application-deps.ts';
import { withCliDatabase } from './database.ts';
import { REPORT_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  org: { type: 'string' },
  year: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Run `gongkai report …`. Never throws on bad input. */
export async function runReport(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, REPORT_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals[0] !== 'build' || positionals.length !== 1) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai report build --org ID --year 年度', 'usage: gongkai report build --org ID --year YEAR')], REPORT_HELP);
  }
  if (!values.org || !values.year || !/^\d{4}$/.test(values.year)) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('需要 --org 机关ID 和 --year 四位年份', '--org ID and a four-digit --year are required')], REPORT_HELP);
  }
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const org = values.org;
  const year = Number(values.year);
  const built = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => buildYearReport(applicationDeps(db, systemClock), org, year));
  if (!built.ok) return printProblems(deps, '无法生成 / cannot build', built.problems);
  const text = stringifyReport(built.value);
  if (values.output) {
    const target = resolve(deps.cwd, values.output);
    try {
      await deps.writeFile(target, text, { overwrite: values.force === true });
    } catch (error) {
      const exists = (error as { code?: unknown }).code === 'EEXIST';
      const msg = exists ? '文件已存在（加 --force 覆盖） / the file exists (add --force to overwrite)' : error instanceof Error ? error.message : String(error);
      return printProblems(deps, '无法写入 / cannot write', [problem('output.unwritable', target, { zh: msg, en: msg })]);
    }
    deps.err(`已写入 / written: ${target}\n`);
  } else deps.out(text);
  const { findings } = checkReport({ report: built.value });
  const shown = findings.filter((f) => f.severity !== 'info');
  if (shown.length > 0) deps.err(`${shown.map((f) => `  ${f.code} ${formatProblem({ code: 'internal', at: f.cells[0] ?? '', messageZh: f.messageZh, message: f.message })}`).join('\n')}\n`);
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}
