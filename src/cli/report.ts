/**
 * `gongkai report build --org ID --year Y [-o FILE]`: the year's report JSON (gongkai.annual-report/1) with tables 三
 * and 四 counted from the cases of the organisation and everything below it; table 二 and the narrative sections are
 * left blank for the office to fill in. Prints the findings of the built report on stderr. Exit statuses in REPORT_HELP.
 */
import { basename, resolve } from 'node:path';
import { checkReport } from '../app/annual-report/index.ts';
import { buildYearReport } from '../app/applications/index.ts';
import type { Finding } from '../core/annual-report/findings.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { templateForYear } from '../core/annual-report/templates/index.ts';
import { rollUp, type Contributor } from '../core/season/rollup.ts';
import { rollUpArea } from '../app/season/rollup.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { kyselySeason } from '../storage/season.ts';
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
  name: { type: 'string' },
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
  if (positionals[0] === 'rollup' && positionals.length === 1 && values.org) return rollupOrg(deps, values, env);
  if (positionals[0] === 'rollup') return rollupFiles(deps, positionals.slice(1), values);
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
  return writeReport(deps, built.value, values.output, values.force === true);
}

/** Write a report (file or stdout) and print its findings on stderr; exit 1 when it has errors. */
async function writeReport(deps: CliDeps, report: AnnualReport, output: string | undefined, force: boolean, extra: readonly Finding[] = []): Promise<number> {
  const values = { output, force };
  const text = stringifyReport(report);
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
  const findings = [...extra, ...checkReport({ report }).findings];
  const shown = findings.filter((f) => f.severity !== 'info');
  if (shown.length > 0) deps.err(`${shown.map((f) => `  ${f.code} ${formatProblem({ code: 'internal', at: f.cells[0] ?? '', messageZh: f.messageZh, message: f.message })}`).join('\n')}\n`);
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/**
 * `gongkai report rollup FILE... --year Y --name 名称 [-o FILE]`: the area's report summed from its organisations'
 * reports in the canonical JSON (`gongkai import … -o DIR` writes them from published files): a cell is the sum when
 * every report prints it, otherwise blank with a finding naming who leaves it blank (core/season/rollup.ts).
 */
async function rollupFiles(deps: CliDeps, files: readonly string[], values: { year?: string; name?: string; output?: string; force?: boolean }): Promise<number> {
  if (files.length === 0 || !values.year || !/^\d{4}$/.test(values.year) || !values.name) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai report rollup 报告.json... --year 年度 --name 汇总机关名称', 'usage: gongkai report rollup REPORT.json... --year YEAR --name NAME')], REPORT_HELP);
  }
  const year = Number(values.year);
  const contributors: Contributor[] = [];
  for (const file of files) {
    const path = resolve(deps.cwd, file);
    let text: string;
    try {
      text = await deps.files.readText(path);
    } catch (error) {
      return printProblems(deps, '无法读取 / cannot read', [problem('input.unreadable', path, { zh: String((error as Error).message), en: String((error as Error).message) })]);
    }
    const parsed = parseReportJson(text);
    if (!parsed.ok) return printProblems(deps, `不是年度报告 JSON / not a report JSON: ${file}`, parsed.problems);
    contributors.push({ name: parsed.report.organization ?? basename(file), report: parsed.report, source: file });
  }
  const up = rollUp(values.name, year, templateForYear(year), contributors);
  deps.err(`汇总 ${up.included.length} 份报告 / rolled up ${up.included.length} reports: ${up.included.join('、')}\n`);
  return writeReport(deps, up.report, values.output, values.force === true, up.findings);
}

/** `gongkai report rollup --org ID --year Y [-o FILE]`: the area's roll-up from the frozen reports of the organisations below. */
async function rollupOrg(deps: CliDeps, values: { org?: string; year?: string; output?: string; force?: boolean; data?: string }, env: Env): Promise<number> {
  if (!values.year || !/^\d{4}$/.test(values.year)) return printProblems(deps, '参数有误 / bad arguments', [usage('需要 --year 四位年份', 'a four-digit --year is required')], REPORT_HELP);
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const year = Number(values.year);
  const org = values.org ?? '';
  const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => rollUpArea({ organizations: kyselyOrganizations(db), season: kyselySeason(db) }, org, year));
  if (!r.ok) return printProblems(deps, '无法汇总 / cannot roll up', r.problems);
  deps.err(`汇总 ${r.value.included.length} 个机关 / rolled up ${r.value.included.length} organisations${r.value.missing.length > 0 ? `；尚未报送 / not yet reported: ${r.value.missing.join('、')}` : ''}\n`);
  return writeReport(deps, r.value.report, values.output, values.force === true, r.value.findings);
}
