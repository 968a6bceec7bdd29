/**
 * `gongkai check REPORT.json [--previous PREV.json] [--json]`: the findings of the validator for one report,
 * grouped by severity, Chinese first. Exit 0 without error-severity findings, 1 with, 2 when an input is unreadable.
 */
import { resolve } from 'node:path';
import { checkReport, loadReportFile, type CheckReportOutput } from '../app/annual-report/index.ts';
import type { Finding, Severity } from '../core/annual-report/findings.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { TEMPLATES } from '../core/annual-report/templates/index.ts';
import { CHECK_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, errorJson, printProblems, usage } from './output.ts';

const OPTIONS = {
  previous: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HEADINGS: Record<Severity, string> = { error: '错误 / errors', warning: '警告 / warnings', info: '提示 / info' };
const MARKS: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };
const MAX_CELLS = 6;

function cellsLine(cells: readonly string[]): string {
  if (cells.length === 0) return '';
  const shown = cells.slice(0, MAX_CELLS).join(', ');
  const more = cells.length > MAX_CELLS ? ` …（共 ${cells.length} 个 / ${cells.length} cells）` : '';
  return `    单元格 / cells: ${shown}${more}\n`;
}

function findingText(f: Finding): string {
  let text = `  ${MARKS[f.severity]} [${f.code}] ${f.messageZh}\n    ${f.message}\n${cellsLine(f.cells)}`;
  if (f.expected !== undefined || f.actual !== undefined) {
    text += `    应为 / expected: ${f.expected ?? '—'}，实际 / actual: ${f.actual ?? '—'}\n`;
  }
  return text;
}

/** The summary line: counts per severity and the verdict. Never throws. */
export function summaryLine(result: CheckReportOutput): string {
  const { error, warning, info } = result.summary;
  const verdict = result.hasErrors ? '未通过 / FAILED' : '通过 / passed';
  return `汇总 / summary: ${error} 个错误、${warning} 个警告、${info} 条提示 / errors ${error}, warnings ${warning}, info ${info} — ${verdict}`;
}

/** Human-readable findings of one report, grouped by severity (errors first). Never throws. */
export function formatCheck(file: string, report: AnnualReport, result: CheckReportOutput): string {
  const org = report.organization ?? '（未署名机关）';
  const year = report.year === null ? '年度未知 / year unknown' : `${report.year} 年度`;
  let text = `${file}\n  ${org} · ${year} · ${TEMPLATES[report.template].notice}\n`;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    text += `\n${HEADINGS[severity]} (${group.length})\n${group.map(findingText).join('')}`;
  }
  return `${text}\n${summaryLine(result)}\n`;
}

/** Run `gongkai check`. Returns the exit status (0, 1 or 2); never throws on bad input. */
export async function runCheck(args: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, CHECK_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const asJson = values.json === true;
  const fail = (file: string, problems: Parameters<typeof printProblems>[2], title: string): number => {
    if (asJson) {
      deps.out(errorJson(problems, { file }));
      return EXIT.input;
    }
    return printProblems(deps, title, problems);
  };
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    const p = usage('需要且只需要一个报告文件', 'expected exactly one report file', { positionals });
    return asJson ? fail(file ?? '', [p], '') : printProblems(deps, '参数有误 / bad arguments', [p], CHECK_HELP);
  }
  const loaded = await loadReportFile(deps, resolve(deps.cwd, file));
  if (!loaded.ok) return fail(file, loaded.problems, `无法读取报告 / cannot read the report: ${file}`);
  let previous: AnnualReport | null = null;
  if (values.previous !== undefined) {
    const prev = await loadReportFile(deps, resolve(deps.cwd, values.previous));
    if (!prev.ok) {
      return fail(values.previous, prev.problems, `无法读取上一年度报告 / cannot read the previous report: ${values.previous}`);
    }
    previous = prev.report;
    // The cross-year rules compare one body's consecutive years: say so when the files do not look like that.
    const norm = (name: string | null) => (name ?? '').replace(/\s/g, '');
    if (previous.organization && loaded.report.organization && norm(previous.organization) !== norm(loaded.report.organization)) {
      deps.err(`警告：上一年度报告的机关（${previous.organization}）与本报告（${loaded.report.organization}）不同，跨年度比较可能没有意义 / warning: the previous report is of another organisation (${previous.organization}); the cross-year comparison may mean nothing\n`);
    }
    if (previous.year !== null && loaded.report.year !== null && previous.year !== loaded.report.year - 1) {
      deps.err(`警告：上一年度报告的年度是 ${previous.year}，不是 ${loaded.report.year - 1}，跨年度规则不适用 / warning: the previous report is of ${previous.year}, not ${loaded.report.year - 1}; the cross-year rules do not apply\n`);
    }
  }
  const result = checkReport({ report: loaded.report, previous });
  if (asJson) {
    const summary = { ...result.summary, hasErrors: result.hasErrors };
    deps.out(`${JSON.stringify({ file, findings: result.findings, summary }, null, 2)}\n`);
  } else {
    deps.out(formatCheck(file, loaded.report, result));
  }
  return result.hasErrors ? EXIT.findings : EXIT.ok;
}
