/**
 * `gongkai season import DIR --year Y --parent ID [--create-orgs] [--data DIR]`: an area's published reports (any
 * format the importer reads) stored as its organisations' reports for the year (app/season/import-season.ts), each
 * matched by the name it states; a line per file, a summary; exit 1 when some file was not stored.
 */
import { randomUUID } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { importSeason } from '../app/season/import-season.ts';
import { readConfig } from '../server/config.ts';
import { kyselyAudit } from '../storage/audit.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { kyselySeason } from '../storage/season.ts';
import { withCliDatabase } from './database.ts';
import { SEASON_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';
import { progressBar } from './progress.ts';

type Env = Readonly<Record<string, string | undefined>>;

const OPTIONS = {
  year: { type: 'string' },
  parent: { type: 'string' },
  'create-orgs': { type: 'boolean' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runSeason(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, SEASON_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals[0] !== 'import' || positionals.length !== 2 || !values.parent || !values.year || !/^\d{4}$/.test(values.year)) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai season import 目录 --year 年度 --parent 机关ID', 'usage: gongkai season import DIR --year YEAR --parent ID')], SEASON_HELP);
  }
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dir = resolve(deps.cwd, positionals[1] ?? '');
  const files = (await deps.disk.listDir(dir)) ?? [];
  if (files.length === 0) return printProblems(deps, '没有文件 / no files', [usage(`目录中没有文件：${dir}`, `no files in ${dir}`)], SEASON_HELP);
  const parent = values.parent;
  const year = Number(values.year);
  const bar = files.length > 1 ? progressBar(deps, files.length) : null;
  const r = await withCliDatabase(resolve(deps.cwd, values.data ?? config.config.dataDir), config.config.databaseUrl, async ({ db }) => {
    const organizations = kyselyOrganizations(db);
    if (!(await organizations.get(parent))) return { ok: false as const, problems: [usage(`没有此机关：${parent}`, `no such organisation: ${parent}`)] };
    const now = () => new Date().toISOString();
    const outcomes = await importSeason(
      { extractor: deps.extractor, organizations, season: kyselySeason(db), audit: kyselyAudit(db), now, newId: randomUUID },
      { parentId: parent, year, createOrgs: values['create-orgs'] === true, actor: 'gongkai season import', files: files.map((f) => ({ name: basename(f), load: () => deps.disk.readBytes(f.startsWith('/') ? f : join(dir, f)) })) },
      (i, name) => bar?.update(i, name),
    );
    return { ok: true as const, outcomes };
  });
  bar?.done();
  if (!r.ok) return printProblems(deps, '未导入 / not imported', r.problems);
  for (const o of r.outcomes) {
    if (o.status === 'stored') deps.out(`${o.file}\t已导入 / stored\t${o.organization}${o.created ? '（新建机关 / organisation created）' : ''}\n`);
    else if (o.status === 'unmatched') deps.out(`${o.file}\t未匹配 / unmatched\t${o.name ?? '（未识别机关名称 / no organisation name found）'}${o.suggestions.length > 0 ? `；可能是 / perhaps: ${o.suggestions.join('、')}` : ''}\n`);
    else deps.out(`${o.file}\t跳过 / skipped\t${o.reason}\n`);
  }
  const stored = r.outcomes.filter((o) => o.status === 'stored').length;
  deps.err(`共 ${r.outcomes.length} 个文件，导入 ${stored} 个 / ${r.outcomes.length} files, ${stored} stored\n`);
  return stored === r.outcomes.length ? EXIT.ok : EXIT.findings;
}
