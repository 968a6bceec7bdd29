/**
 * `gongkai setup --org 机关名称 --admin 用户名 --name 姓名 --site-name 网站名称 --sponsor 主办单位 [--kind government|
 * department|office] [--site-code 10位] [--icp 备案编号] [--public-security 备案号] [--contact 联系方式]
 * [--password-file F] [--data DIR]`: the first-run set-up of a production installation from the server's shell (the
 * same as the /setup page): the top organisation, its first admin, the site's identity. Refused once an account
 * exists. Without --password-file a strong password is generated and printed once.
 */
import { resolve } from 'node:path';
import { setupSite } from '../app/site/setup.ts';
import { readConfig } from '../server/config.ts';
import { peopleDeps } from '../storage/application-deps.ts';
import { kyselySite } from '../storage/site.ts';
import { withCliDatabase } from './database.ts';
import { SETUP_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { initialPassword } from './user.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

type Env = Readonly<Record<string, string | undefined>>;

const OPTIONS = {
  org: { type: 'string' },
  kind: { type: 'string' },
  admin: { type: 'string' },
  name: { type: 'string' },
  'site-name': { type: 'string' },
  sponsor: { type: 'string' },
  'site-code': { type: 'string' },
  icp: { type: 'string' },
  'public-security': { type: 'string' },
  contact: { type: 'string' },
  'password-file': { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `gongkai setup`. Never throws on bad input; exit 2 on bad arguments or a refused set-up. */
export async function runSetup(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, SETUP_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const v = parsed.values;
  if (parsed.positionals.length > 0 || !v.org || !v.admin || !v.name || !v['site-name'] || !v.sponsor) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai setup --org 机关名称 --admin 用户名 --name 姓名 --site-name 网站名称 --sponsor 主办单位', 'usage: gongkai setup --org NAME --admin USERNAME --name NAME --site-name NAME --sponsor SPONSOR')], SETUP_HELP);
  }
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const secret = await initialPassword(deps, v['password-file']);
  if ('exit' in secret) return secret.exit;
  const { password, generated } = secret;
  const site = { siteName: v['site-name'], sponsor: v.sponsor, siteCode: v['site-code'], icp: v.icp, publicSecurity: v['public-security'], contact: v.contact };
  const dataDir = resolve(deps.cwd, v.data ?? config.config.dataDir);
  const now = () => new Date().toISOString();
  const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) =>
    setupSite({ people: peopleDeps(db, now), site: kyselySite(db) }, { organization: v.org ?? '', kind: v.kind ?? 'government', username: v.admin ?? '', displayName: v.name ?? '', password, site }),
  );
  if (!r.ok) return printProblems(deps, '未设置 / not set up', r.problems);
  deps.err(`已完成首次设置 / set up: ${v.org}，管理员 / admin ${r.admin.username}（${r.admin.displayName}）\n`);
  if (generated) deps.out(`管理员初始密码（只显示这一次）/ the admin's initial password (shown once): ${password}\n`);
  return EXIT.ok;
}
