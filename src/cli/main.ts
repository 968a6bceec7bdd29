/**
 * The gongkai CLI: dispatch to one file per subcommand (check, render, new, diff, import, calendar, db, org, report, user, audit). Run through
 * bin/gongkai.js, which registers tsx and calls `main`. Exit status 2 for usage errors (unknown command, bad options).
 */
import pkg from '../../package.json' with { type: 'json' };
import { runCalendar } from './calendar.ts';
import { runCheck } from './check.ts';
import { runDb } from './db.ts';
import { runDiff } from './diff.ts';
import { runImport } from './import.ts';
import { MAIN_HELP } from './help.ts';
import { nodeCliDeps, type CliDeps } from './io.ts';
import { runNew } from './new.ts';
import { runOrg } from './org.ts';
import { EXIT, printProblems, usage } from './output.ts';
import { runRender } from './render.ts';
import { runReport } from './report.ts';
import { runAudit, runUser } from './user.ts';

const COMMANDS: Readonly<Record<string, (args: readonly string[], deps: CliDeps) => Promise<number>>> = {
  check: runCheck,
  render: runRender,
  new: runNew,
  diff: runDiff,
  import: runImport,
  calendar: runCalendar,
  db: runDb,
  org: runOrg,
  report: runReport,
  user: runUser,
  audit: runAudit,
};

/** Run the CLI with `argv` (without node and script). Returns the exit status; throws only on bugs. */
export async function main(argv: readonly string[], deps: CliDeps = nodeCliDeps()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? deps.err : deps.out)(MAIN_HELP);
    return command === undefined ? EXIT.input : EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    deps.out(`gongkai ${pkg.version}\n`);
    return EXIT.ok;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    const p = usage(`未知命令 “${command}”`, `unknown command "${command}"`, { commands: Object.keys(COMMANDS) });
    return printProblems(deps, '命令有误 / bad command', [p], `\n${MAIN_HELP}`);
  }
  return run(rest, deps);
}
