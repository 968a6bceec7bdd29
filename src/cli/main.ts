/**
 * The gongkai CLI: dispatch to one file per subcommand (check, render, new, diff, import, calendar, db, org, report, user, setup, season, audit, notify). Run through
 * bin/gongkai.js (the bundle dist/cli.js, or the sources through tsx). Exit status 2 for usage errors (unknown command, bad options).
 * Each subcommand is imported only when it is asked for, and the real adapters (./io.ts: formats, importer, disk) only
 * when a subcommand runs, so `--version` and `help` start without loading them (docs/decisions.md "Start-up time").
 */
import pkg from '../../package.json' with { type: 'json' };
import { MAIN_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, printProblems, usage } from './output.ts';

type Command = (args: readonly string[], deps: CliDeps) => Promise<number>;

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import('./check.ts')).runCheck,
  render: async () => (await import('./render.ts')).runRender,
  new: async () => (await import('./new.ts')).runNew,
  diff: async () => (await import('./diff.ts')).runDiff,
  import: async () => (await import('./import.ts')).runImport,
  calendar: async () => (await import('./calendar.ts')).runCalendar,
  db: async () => (await import('./db.ts')).runDb,
  org: async () => (await import('./org.ts')).runOrg,
  // `catalog search` is the full-text search (catalog-search.ts); list and decisions are catalog.ts.
  catalog: async () => async (args: readonly string[], deps: CliDeps) => (args[0] === 'search' ? (await import('./catalog-search.ts')).runCatalogSearch(args, deps) : (await import('./catalog.ts')).runCatalog(args, deps)),
  report: async () => (await import('./report.ts')).runReport,
  user: async () => (await import('./user.ts')).runUser,
  setup: async () => (await import('./setup.ts')).runSetup,
  season: async () => (await import('./season.ts')).runSeason,
  audit: async () => (await import('./user.ts')).runAudit,
  notify: async () => (await import('./notify.ts')).runNotify,
};

/** The process streams, for what main prints before any adapter is loaded. */
const STREAMS: Pick<CliDeps, 'out' | 'err'> = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/**
 * Run the CLI with `argv` (without node and script). `deps` defaults to the real adapters (./io.ts `nodeCliDeps`),
 * loaded only when a subcommand runs. Returns the exit status; throws only on bugs.
 */
export async function main(argv: readonly string[], deps?: CliDeps): Promise<number> {
  const streams = deps ?? STREAMS;
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? streams.err : streams.out)(MAIN_HELP);
    return command === undefined ? EXIT.input : EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    streams.out(`gongkai ${pkg.version}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    const p = usage(`未知命令 “${command}”`, `unknown command "${command}"`, { commands: Object.keys(COMMANDS) });
    return printProblems(streams, '命令有误 / bad command', [p], `\n${MAIN_HELP}`);
  }
  const [run, cliDeps] = await Promise.all([load(), deps ?? import('./io.ts').then((io) => io.nodeCliDeps())]);
  return run(rest, cliDeps);
}
