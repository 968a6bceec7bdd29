/**
 * `gongkai diff A.json B.json [--sections] [--json]`: the cell-level differences of two canonical reports.
 * Exit 0 when they agree, 1 when they differ, 2 when either cannot be read.
 */
import { resolve } from 'node:path';
import { loadReportFile } from '../app/annual-report/index.ts';
import { comparedCells, diffReports, type CellDifference } from '../core/annual-report/diff.ts';
import { DIFF_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  sections: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const show = (v: CellDifference['a']): string => (v === undefined ? '（无此项 / absent）' : v === null ? 'null' : JSON.stringify(v));

/** Run `gongkai diff`. Returns the exit status; never throws on bad input. */
export async function runDiff(args: readonly string[], deps: CliDeps): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, DIFF_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('需要两个报告文件', 'expected two report files', { positionals })], DIFF_HELP);
  }
  const [fa, fb] = positionals as [string, string];
  const [a, b] = await Promise.all([fa, fb].map((f) => loadReportFile(deps, resolve(deps.cwd, f))));
  for (const [file, r] of [[fa, a], [fb, b]] as const) {
    if (r && !r.ok) return printProblems(deps, `无法读取 / cannot read ${file}`, r.problems);
  }
  if (!a?.ok || !b?.ok) return EXIT.input;
  const diffs = diffReports(a.report, b.report, { sections: values.sections === true });
  const cells = comparedCells(a.report, b.report);
  if (values.json) {
    deps.out(`${JSON.stringify({ a: fa, b: fb, cells, differences: diffs }, null, 2)}\n`);
  } else {
    for (const d of diffs) deps.out(`${d.path}: ${show(d.a)} → ${show(d.b)}\n`);
    deps.out(
      diffs.length === 0
        ? `一致 / identical（${cells} 个单元格 / cells）\n`
        : `${diffs.length} 处不同 / differences（共比较 ${cells} 个单元格 / of ${cells} cells）\n`,
    );
  }
  return diffs.length === 0 ? EXIT.ok : EXIT.findings;
}
