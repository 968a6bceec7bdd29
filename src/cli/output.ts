/** Shared output helpers of the CLI commands: argument errors, located problems, exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatProblem, problem, type Problem } from '../core/errors.ts';
import type { CliDeps } from './io.ts';

/** Exit status: 0 done/no errors, 1 the report has error-severity findings, 2 input or usage problem. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

export type Parsed<O extends Options> =
  | { ok: true; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values']; positionals: string[] }
  | { ok: false; problem: Problem };

/** node's parseArgs, strict, with its TypeError turned into a `cli.usage` problem. Never throws. */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O): Parsed<O> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { ok: true, values, positionals };
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: usage(msg, msg) };
  }
}

/** A `cli.usage` problem with a detail in both languages. */
export function usage(zh: string, en: string, data?: Record<string, unknown>): Problem {
  return problem('cli.usage', '', { zh, en }, data);
}

/** Print problems on stderr, one located line each, under a bilingual title; returns the input exit status. */
export function printProblems(deps: Pick<CliDeps, 'err'>, title: string, problems: readonly Problem[], hint?: string): number {
  deps.err(`${title}\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
  if (hint) deps.err(`${hint}\n`);
  return EXIT.input;
}

/** The one error shape (as the server's), for `--json` output. */
export function errorJson(problems: readonly Problem[], data: Record<string, unknown> = {}): string {
  const first = problems[0] ?? problem('internal', '');
  const body = { ok: false, error: first.code, message: first.message, messageZh: first.messageZh, data: { ...data, problems } };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * The start every command shares: parse its options (a usage problem → printed, exit 2) and answer `--help`
 * (printed, exit 0). Returns `{ exit }` when the command is done, else its values and positionals. Never throws.
 */
export function commandArgs<O extends Options>(
  args: readonly string[],
  options: O,
  help: string,
  deps: Pick<CliDeps, 'out' | 'err'>,
): { exit: number } | Extract<Parsed<O>, { ok: true }> {
  const parsed = parseCommandArgs(args, options);
  if (!parsed.ok) return { exit: printProblems(deps, '参数有误 / bad arguments', [parsed.problem], help) };
  if ((parsed.values as { help?: boolean }).help) {
    deps.out(help);
    return { exit: EXIT.ok };
  }
  return parsed;
}
