/**
 * `gongkai catalog list|decisions|import`: the 政府信息公开目录 from the shell. `list --org ID` prints the organisation's
 * documents (索引号, 发布日期, 有效性, 标题; `--late` only those published later than 条例第二十六条 allows, `--json`
 * the presenter's JSON); `decisions FILE --org ID [--kind K]` imports table 二's decisions from a CSV/XLSX 双公示
 * export, printing every bad row (nothing imported then); `import FILE --org ID [--files DIR|ZIP]` imports an existing
 * site's catalog (app/catalog/site-import.ts), all rows or none. Exit statuses in CATALOG_HELP.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importDecisions } from '../app/catalog/decisions.ts';
import { DOCUMENT_STATES, VALIDITY_LABELS, isMemberOf } from '../core/catalog/terms.ts';
import { problem } from '../core/errors.ts';
import { readTable } from '../formats/catalog/table-read.ts';
import { presentSummary } from '../server/routes/catalog/presenter.ts';
import { readConfig } from '../server/config.ts';
import { systemClock } from '../server/clock.ts';
import { catalogDeps, catalogRouteDeps } from '../storage/application-deps.ts';
import { importSiteCatalog, type ImportFiles } from '../app/catalog/site-import.ts';
import { folderImportFiles, zipImportFiles } from '../formats/catalog/import-files.ts';
import { withCliDatabase } from './database.ts';
import { CATALOG_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  org: { type: 'string' },
  state: { type: 'string' },
  kind: { type: 'string' },
  files: { type: 'string' },
  late: { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** A file's bytes, or null when it cannot be read. Never throws. */
const readBytes = async (file: string): Promise<Uint8Array | null> => {
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    return null;
  }
};

/** Run `gongkai catalog …`. Never throws on bad input. */
export async function runCatalog(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, CATALOG_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const org = values.org;
  if (org === undefined) return printProblems(deps, '参数有误 / bad arguments', [usage('请用 --org 指定机关 ID（gongkai org list）', 'give the organisation with --org ID (gongkai org list)')], CATALOG_HELP);
  if (sub === 'list' && rest.length === 0) {
    if (values.state !== undefined && !isMemberOf(DOCUMENT_STATES, values.state)) return printProblems(deps, '参数有误 / bad arguments', [problem('catalog.invalid', 'state', { zh: `应为 ${DOCUMENT_STATES.join('、')} 之一`, en: `one of ${DOCUMENT_STATES.join(', ')}` })]);
    const limit = /^\d{1,6}$/.test(values.limit ?? '') ? Number(values.limit) : 1000;
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => {
      const c = catalogDeps(db, systemClock);
      const ids = await c.organizations.subtreeIds(org);
      if (ids.length === 0) return { ok: false as const, problems: [problem('notFound', 'org', { zh: `没有此机关：${org}`, en: `no such organisation: ${org}` })] };
      return { ok: true as const, list: await c.catalog.list({ organizationIds: ids, ...(values.state ? { states: [values.state as (typeof DOCUMENT_STATES)[number]] } : {}), ...(values.late ? { late: true } : {}), limit, offset: 0 }) };
    });
    if (!r.ok) return printProblems(deps, '无法列出 / cannot list', r.problems);
    if (values.json) deps.out(`${JSON.stringify({ total: r.list.total, documents: r.list.items.map(presentSummary) }, null, 2)}\n`);
    else deps.out(`${r.list.items.map((d) => `${d.indexNo ?? '（未发布）'}\t${d.publishedOn ?? ''}\t${VALIDITY_LABELS[d.validity].zh}\t${d.publishWorkingDays !== null && d.publishWorkingDays > 20 ? `逾期(${d.publishWorkingDays}个工作日)\t` : ''}${d.title}`).join('\n')}\n共 ${r.list.total} 件 / ${r.list.total} documents\n`);
    return EXIT.ok;
  }
  if (sub === 'decisions' && rest.length === 1) {
    const file = resolve(deps.cwd, rest[0] ?? '');
    const bytes = await readBytes(file);
    if (bytes === null) return printProblems(deps, '无法读取 / cannot read', [problem('input.unreadable', file)]);
    const table = await readTable(bytes);
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => importDecisions(catalogDeps(db, systemClock), org, table, file.split('/').pop() ?? file, { id: null, name: 'gongkai catalog decisions', ip: null }, values.kind ?? null));
    if (!r.ok) return printProblems(deps, '未导入（有错误的行须先改正）/ nothing imported (fix the bad rows first)', r.problems);
    deps.out(`已导入 ${r.value.imported} 条处理决定 / ${r.value.imported} decisions imported\n`);
    return EXIT.ok;
  }
  if (sub === 'import' && rest.length === 1) {
    const file = resolve(deps.cwd, rest[0] ?? '');
    const bytes = await readBytes(file);
    if (bytes === null) return printProblems(deps, '无法读取 / cannot read', [problem('input.unreadable', file)]);
    // Attachments: a folder, or a ZIP of them.
    let files: ImportFiles | null = null;
    if (values.files !== undefined) {
      const where = resolve(deps.cwd, values.files);
      if (/\.zip$/i.test(where)) {
        const zip = await readBytes(where);
        if (zip === null) return printProblems(deps, '无法读取 / cannot read', [problem('input.unreadable', where)]);
        const read = await zipImportFiles(zip);
        if (!read.ok) return printProblems(deps, '附件压缩包有误 / bad attachments ZIP', read.problems);
        files = read.files;
      } else files = folderImportFiles(where);
    }
    const table = await readTable(bytes);
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => importSiteCatalog(catalogRouteDeps(db, systemClock, dataDir), org, table, files, file.split('/').pop() ?? file, { id: null, name: 'gongkai catalog import', ip: null }));
    if (!r.ok) return printProblems(deps, '未导入（有错误的行须先改正）/ nothing imported (fix the bad rows first)', r.problems);
    if (values.json) deps.out(`${JSON.stringify({ imported: r.value.imported, attachments: r.value.attachments, warnings: r.value.warnings })}\n`);
    else {
      deps.out(`已导入 ${r.value.imported} 件文件、${r.value.attachments} 个附件 / ${r.value.imported} documents, ${r.value.attachments} attachments imported\n`);
      for (const w of r.value.warnings) deps.out(`注意 / note: ${w.code} ${w.at}: ${w.messageZh} / ${w.message}\n`);
    }
    return EXIT.ok;
  }
  return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai catalog list --org ID | gongkai catalog decisions FILE --org ID | gongkai catalog import FILE --org ID [--files DIR|ZIP]', 'usage: gongkai catalog list --org ID | gongkai catalog decisions FILE --org ID | gongkai catalog import FILE --org ID [--files DIR|ZIP]')], CATALOG_HELP);
}
