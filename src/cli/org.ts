/**
 * `gongkai org list|add`: the organisation tree (政府 → 部门 → 办公室) every case belongs to. `list` prints the tree
 * with ids (for `report build --org`); `add NAME --kind K [--parent ID] [--code C]` creates one. Exit statuses in ORG_HELP.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createOrganization, type Organization } from '../app/organizations/index.ts';
import { readConfig } from '../server/config.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { withCliDatabase } from './database.ts';
import { ORG_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  kind: { type: 'string' },
  parent: { type: 'string' },
  code: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;
const KIND_ZH: Readonly<Record<Organization['kind'], string>> = { government: '政府', department: '部门', office: '办公室' };

/** The tree as indented lines: name, kind, id. */
function treeLines(all: readonly Organization[]): string[] {
  const lines: string[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const o of all.filter((x) => x.parentId === parentId)) {
      lines.push(`${'  '.repeat(depth)}${o.name}（${KIND_ZH[o.kind]}）  ${o.id}`);
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

/** Run `gongkai org …`. Never throws on bad input. */
export async function runOrg(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, ORG_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const url = config.config.databaseUrl;
  if (sub === 'list' && rest.length === 0) {
    const r = await withCliDatabase(dataDir, url, async ({ db }) => ({ ok: true as const, list: await kyselyOrganizations(db).list() }));
    if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
    deps.out(values.json ? `${JSON.stringify(r.list, null, 2)}\n` : `${treeLines(r.list).join('\n')}\n`);
    return EXIT.ok;
  }
  if (sub === 'add' && rest.length === 1) {
    const kind = values.kind as Organization['kind'] | undefined;
    if (kind !== 'government' && kind !== 'department' && kind !== 'office') {
      return printProblems(deps, '参数有误 / bad arguments', [usage('--kind 应为 government、department 或 office', '--kind must be government, department or office')], ORG_HELP);
    }
    const r = await withCliDatabase(dataDir, url, async ({ db }) =>
      createOrganization({ organizations: kyselyOrganizations(db), newId: randomUUID, now: () => new Date().toISOString() }, { name: rest[0] ?? '', kind, parentId: values.parent ?? null, code: values.code ?? null }),
    );
    if (!r.ok) return printProblems(deps, '未创建 / not created', r.problems);
    deps.out(`${r.organization.id}\n`);
    deps.err(`已创建 / created: ${r.organization.name}（${KIND_ZH[r.organization.kind]}）\n`);
    return EXIT.ok;
  }
  return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai org list | gongkai org add 名称 --kind 类型 [--parent ID]', 'usage: gongkai org list | gongkai org add NAME --kind KIND [--parent ID]')], ORG_HELP);
}
