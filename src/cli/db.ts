/**
 * `gongkai db migrate|backup|restore`: the database (DATABASE_URL → PostgreSQL, else SQLite in
 * <data dir>/gongkai.sqlite). migrate applies pending migrations (the server also does on start); backup and restore
 * copy the SQLite file with SQLite's online backup API (PostgreSQL: pg_dump/pg_restore). Exit statuses in DB_HELP.
 */
import { resolve } from 'node:path';
import { problem, type Problem } from '../core/errors.ts';
import { readConfig } from '../server/config.ts';
import { openDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { backupSqlite, restoreSqlite } from '../storage/sqlite-backup.ts';
import { DB_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;
const BAD_ARGS = '参数有误 / bad arguments';
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Database failures (unreachable, a failed migration, a bad backup) exit 1; usage and configuration errors 2. */
const failed = (deps: CliDeps, title: string, problems: readonly Problem[]): number => {
  printProblems(deps, title, problems);
  return 1;
};

async function migrate(deps: CliDeps, dataDir: string, url: string | undefined): Promise<number> {
  let opened;
  try {
    opened = openDatabase({ url, dataDir });
  } catch (error) {
    return failed(deps, '无法打开数据库 / cannot open the database', [problem('db.unreachable', dataDir, { zh: message(error), en: message(error) })]);
  }
  const where = opened.engine === 'sqlite' ? (opened.file ?? dataDir) : 'PostgreSQL (DATABASE_URL)';
  try {
    const applied = await migrateToLatest(opened.db);
    deps.out(
      applied.length > 0
        ? `${where}\n已执行迁移 / migrations applied:\n${applied.map((n) => `  ${n}\n`).join('')}`
        : `${where}\n已是最新，无需迁移 / up to date, nothing to apply\n`,
    );
    return EXIT.ok;
  } catch (error) {
    const code = /migration .* failed/.test(message(error)) ? 'db.migrationFailed' : 'db.unreachable';
    return failed(deps, code === 'db.migrationFailed' ? '迁移失败 / migration failed' : '数据库错误 / database error', [problem(code, where, { zh: message(error), en: message(error) })]);
  } finally {
    await opened.close();
  }
}

const PG_ONLY = problem('db.sqliteOnly', 'DATABASE_URL');

async function backup(deps: CliDeps, dataDir: string, file: string): Promise<number> {
  const r = await backupSqlite(dataDir, resolve(deps.cwd, file));
  if (!r.ok) return failed(deps, '备份失败 / backup failed', r.problems);
  deps.out(`已备份 / backed up: ${r.file}\n`);
  return EXIT.ok;
}

async function restore(deps: CliDeps, dataDir: string, file: string): Promise<number> {
  const r = await restoreSqlite(dataDir, resolve(deps.cwd, file));
  if (!r.ok) return failed(deps, '恢复失败 / restore failed', r.problems);
  deps.out(`已恢复 / restored: ${r.file}（来自 / from ${file}）\n`);
  return EXIT.ok;
}

/** Run `gongkai db …`. `env` gives DATABASE_URL and GONGKAI_DATA_DIR (default ./data). Never throws on bad input. */
export async function runDb(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, DB_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  if (sub === 'help') {
    deps.out(DB_HELP);
    return EXIT.ok;
  }
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const url = config.config.databaseUrl;
  const one = (what: string, whatEn: string) =>
    rest.length === 1 ? null : printProblems(deps, BAD_ARGS, [usage(`“db ${sub}” 需要一个${what}`, `"db ${sub}" takes one ${whatEn}`)], DB_HELP);
  const arg = rest[0] ?? '';
  switch (sub) {
    case 'migrate':
      return rest.length === 0 ? migrate(deps, dataDir, url) : printProblems(deps, BAD_ARGS, [usage('“db migrate” 不接受参数', '"db migrate" takes no arguments')], DB_HELP);
    case 'backup':
      return one('备份文件', 'backup file') ?? (url ? printProblems(deps, '不支持 / not supported', [PG_ONLY]) : backup(deps, dataDir, arg));
    case 'restore':
      return one('备份文件', 'backup file') ?? (url ? printProblems(deps, '不支持 / not supported', [PG_ONLY]) : restore(deps, dataDir, arg));
    default: {
      const p = sub === undefined
        ? usage('缺少子命令', 'missing subcommand')
        : usage(`未知子命令 “${sub}”`, `unknown subcommand "${sub}"`, { subcommands: ['migrate', 'backup', 'restore'] });
      return printProblems(deps, BAD_ARGS, [p], DB_HELP);
    }
  }
}
