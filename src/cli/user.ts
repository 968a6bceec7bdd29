/**
 * `gongkai user add USERNAME --org ID --role handler|approver|admin|oversight --name 姓名 [--password-file F]` creates a
 * staff account (scrypt hash; without --password-file a strong password is generated and printed once);
 * `gongkai user list [--org ID]` lists accounts. `gongkai audit verify` checks the audit log's hash chain.
 */
import { resolve } from 'node:path';
import { addUser, verifyAuditLog } from '../app/people/index.ts';
import { problem } from '../core/errors.ts';
import { ROLE_LABELS } from '../core/people/roles.ts';
import { readConfig } from '../server/config.ts';
import { peopleDeps } from '../storage/application-deps.ts';
import { nodeCrypto } from '../storage/passwords.ts';
import { withCliDatabase } from './database.ts';
import { AUDIT_HELP, USER_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

type Env = Readonly<Record<string, string | undefined>>;
const now = () => new Date().toISOString();

function store(deps: CliDeps, env: Env, data: string | undefined): { dataDir: string; url: string | undefined } | { exit: number } {
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return { exit: printProblems(deps, '配置有误 / bad configuration', config.problems) };
  return { dataDir: resolve(deps.cwd, data ?? config.config.dataDir), url: config.config.databaseUrl };
}

const USER_OPTIONS = {
  org: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  'password-file': { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `gongkai user …`. Never throws on bad input. */
export async function runUser(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, USER_OPTIONS, USER_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const where = store(deps, env, values.data);
  if ('exit' in where) return where.exit;
  const [sub, ...rest] = positionals;
  if (sub === 'list' && rest.length === 0) {
    const r = await withCliDatabase(where.dataDir, where.url, async ({ db }) => {
      const p = peopleDeps(db, now);
      const ids = values.org ? await p.organizations.subtreeIds(values.org) : (await p.organizations.list()).map((o) => o.id);
      return { ok: true as const, users: await p.users.list(ids) };
    });
    if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
    deps.out(r.users.map((u) => `${u.username}\t${u.displayName}\t${ROLE_LABELS[u.role].zh}\t${u.organizationId}`).join('\n') + (r.users.length > 0 ? '\n' : ''));
    return EXIT.ok;
  }
  if (sub !== 'add' || rest.length !== 1 || !values.org || !values.role || !values.name) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai user add 用户名 --org 机关ID --role 角色 --name 姓名', 'usage: gongkai user add USERNAME --org ID --role ROLE --name NAME')], USER_HELP);
  }
  const secret = await initialPassword(deps, values['password-file']);
  if ('exit' in secret) return secret.exit;
  const { password, generated } = secret;
  const input = { username: rest[0] ?? '', displayName: values.name, password, organizationId: values.org, role: values.role };
  const r = await withCliDatabase(where.dataDir, where.url, async ({ db }) => addUser(peopleDeps(db, now), input, { id: null, name: 'gongkai user add' }));
  if (!r.ok) return printProblems(deps, '未创建 / not created', r.problems);
  deps.err(`已创建 / created: ${r.value.username}（${r.value.displayName}，${ROLE_LABELS[r.value.role].zh}）\n`);
  if (generated) deps.out(`初始密码（只显示这一次）/ initial password (shown once): ${password}\n`);
  return EXIT.ok;
}

/**
 * An account's initial password: the first line of --password-file, or a strong random one (printed once by the
 * caller). A file that cannot be read is reported (exit 2).
 */
export async function initialPassword(deps: CliDeps, passwordFile: string | undefined): Promise<{ password: string; generated: boolean } | { exit: number }> {
  if (passwordFile === undefined) return { password: nodeCrypto.token(12), generated: true };
  const file = resolve(deps.cwd, passwordFile);
  try {
    return { password: (await deps.files.readText(file)).split(/\r?\n/)[0] ?? '', generated: false };
  } catch (error) {
    return { exit: printProblems(deps, '无法读取 / cannot read', [problem('input.unreadable', file, { zh: String((error as Error).message), en: String((error as Error).message) })]) };
  }
}

/** Run `gongkai audit verify`: exit 0 when the chain holds, 1 when it is broken (the entry named). */
export async function runAudit(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const, AUDIT_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  if (parsed.positionals.join(' ') !== 'verify') return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai audit verify', 'usage: gongkai audit verify')], AUDIT_HELP);
  const where = store(deps, env, parsed.values.data);
  if ('exit' in where) return where.exit;
  const r = await withCliDatabase(where.dataDir, where.url, async ({ db }) => ({ ok: true as const, check: await verifyAuditLog(peopleDeps(db, now)) }));
  if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
  if (r.check.ok) {
    deps.out(`审计日志完整：${r.check.entries} 条，哈希链无断裂 / the audit log is intact: ${r.check.entries} entries, chain unbroken (head ${r.check.head.slice(0, 16)}…)\n`);
    return EXIT.ok;
  }
  const why = { gap: '缺失（被删除）/ missing (deleted)', prevHash: '链接不符（前一条被改动或插入）/ wrong link (an entry before it was changed or inserted)', hash: '内容被修改 / content edited', head: '最新的记录缺失（被删除）或链头不符 / the newest entries are missing (deleted) or the head does not match' }[r.check.reason];
  printProblems(deps, '审计日志被篡改 / the audit log was tampered with', [problem('audit.broken', `seq ${r.check.seq}`, { zh: why, en: why }, { seq: r.check.seq, reason: r.check.reason })]);
  return EXIT.findings;
}
