/**
 * `gongkai catalog search Q [--org ID] [--all] [--limit N] [--json]`: the catalog's full-text search from the shell,
 * over the search index (src/storage/search.ts). Public view by default (published documents only), as
 * GET /api/catalog/search answers anonymous callers; --all adds drafts and every other status. Exit statuses in
 * CATALOG_SEARCH_HELP.
 */
import { resolve } from 'node:path';
import { searchCatalog } from '../app/fulltext/index.ts';
import { readConfig } from '../server/config.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { searchDocuments } from '../storage/search.ts';
import { withCliDatabase } from './database.ts';
import { CATALOG_SEARCH_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  org: { type: 'string' },
  all: { type: 'boolean' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** HTML with <mark> → text with 【】 around the matches. */
const plain = (html: string): string =>
  html.replace(/<mark>/g, '【').replace(/<\/mark>/g, '】').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Run `gongkai catalog …`. Never throws on bad input. */
export async function runCatalogSearch(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, CATALOG_SEARCH_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  if (sub !== 'search' || rest.length === 0) {
    return printProblems(deps, '参数有误 / bad arguments', [usage('用法：gongkai catalog search 检索词 [--org ID] [--json]', 'usage: gongkai catalog search Q [--org ID] [--json]')], CATALOG_SEARCH_HELP);
  }
  if (values.limit !== undefined && !/^\d{1,3}$/.test(values.limit)) return printProblems(deps, '参数有误 / bad arguments', [usage('--limit 应为 1 至 100 的整数', '--limit must be an integer from 1 to 100')], CATALOG_SEARCH_HELP);
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const q = rest.join(' ');
  const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => {
    const organizations = kyselyOrganizations(db);
    const index = { search: (query: Parameters<typeof searchDocuments>[1]) => searchDocuments(db, query) };
    const input = { q, org: values.org, limit: values.limit === undefined ? undefined : Number(values.limit), cursor: values.cursor };
    if (!values.all) return searchCatalog({ index, organizations }, input, null);
    // --all: the operator of the installation sees every status (the database is theirs anyway).
    const orgs = values.org === undefined ? null : await organizations.subtreeIds(values.org);
    return index.search({ q, organizationIds: orgs, statuses: 'all', ...(input.limit !== undefined ? { limit: input.limit } : {}), cursor: input.cursor ?? null });
  });
  if (!r.ok) return printProblems(deps, '检索失败 / search failed', r.problems);
  if (!('hits' in r)) return printProblems(deps, '检索失败 / search failed', []);
  if (values.json) {
    deps.out(`${JSON.stringify({ items: r.hits, nextCursor: r.nextCursor }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const h of r.hits) {
    deps.out(`${h.publishedOn ?? '（未发布）'}  ${plain(h.titleHtml)}${h.docNumber ? `  ${h.docNumber}` : ''}  [${h.status}] ${h.id}\n    ${plain(h.snippetHtml)}\n`);
  }
  deps.err(`${r.hits.length} 条 / hits${r.nextCursor ? `；下一页 / next page: --cursor ${r.nextCursor}` : ''}\n`);
  return EXIT.ok;
}
