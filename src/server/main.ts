/**
 * Start the web server: read the configuration once (./config.ts, documented in .env.example), open the database
 * (DATABASE_URL, else SQLite in GONGKAI_DATA_DIR) and apply pending migrations, load the demo reports, open the store
 * of saved reports (GONGKAI_DATA_DIR), serve `buildApp` with @hono/node-server. Demo mode (`npm start`, which passes
 * --demo, or GONGKAI_DEMO=1) fills an empty database with the demo county and loads the demo reports; a production
 * start (`node bin/server.js`) does neither, and until an account exists prints a one-time /setup link.
 * Operations (docs/deployment.md "Logs, health and metrics"): JSON log lines on stdout (GONGKAI_LOG), /healthz,
 * /metrics, and a graceful shutdown on SIGTERM/SIGINT (./shutdown.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { formatProblem } from '../core/errors.ts';
import { openDatabase } from '../storage/db.ts';
import { openSqliteReader } from '../storage/sqlite-reader.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { seedDemoData } from '../app/applications/demo.ts';
import { seedDemoAccounts } from '../app/people/demo.ts';
import { seedDemoCatalog } from '../app/catalog/demo.ts';
import { seedDemoSeason } from '../app/season/demo.ts';
import { ROLE_LABELS } from '../core/people/roles.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { moveReportFiles } from '../storage/report-files.ts';
import { kyselyReports } from '../storage/reports.ts';
import { kyselySite } from '../storage/site.ts';
import { siteLogoFiles } from '../storage/site-logo.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { sendersFromEnv } from '../notify/senders.ts';
import { startNotifyWorker } from '../notify/worker.ts';
import { systemClock } from './clock.ts';
import { buildApp } from './app.ts';
import { searchDocuments } from '../storage/search.ts';
import { readConfig } from './config.ts';
import { createLogger, errorFields } from './log.ts';
import { createMetrics } from './metrics.ts';
import { queueGauges } from './observe.ts';
import { gracefulShutdown } from './shutdown.ts';
import { extractionPool } from '../formats/source/extractor.ts';
import { closePdfBrowser } from '../formats/pdf/render.ts';
import { sql } from 'kysely';
import { pageVersion } from '../storage/page-version.ts';
import type { PageCache } from './page-cache.ts';
import type { Server } from 'node:http';

/** How long an idle keep-alive connection is kept (see below, after `serve`). */
const KEEP_ALIVE_MS = 65_000;

// A .env file is optional; variables already set in the environment win (node's loadEnvFile keeps them).
if (existsSync('.env')) process.loadEnvFile('.env');

const config = readConfig(process.env);
if (!config.ok) {
  console.error(`配置有误 / invalid configuration (see .env.example):\n${config.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  process.exit(2);
}
const { port, host, trustedProxies } = config.config;
// Demo mode: `npm start` (which passes --demo) or GONGKAI_DEMO=1. Otherwise a production start: no demo data.
const demo = config.config.demo || process.argv.includes('--demo');
// JSON lines for a production start (a log shipper reads them), readable lines for the demo, unless GONGKAI_LOG says.
const log = createLogger(config.config.log ?? (demo ? 'text' : 'json'));
const fatal = (event: string, zh: string, error: unknown, code: number): never => {
  log.event('error', event, { ...errorFields(error), reason: zh });
  process.exit(code);
};
process.on('uncaughtException', (error) => fatal('uncaught', '未处理的异常 / uncaught exception', error, 1));
process.on('unhandledRejection', (error) => fatal('uncaught', '未处理的 Promise 拒绝 / unhandled rejection', error, 1));
const dataDir = resolve(config.config.dataDir);
const database = await (async () => {
  // A dropped PostgreSQL connection (terminated backend, restarted server) is logged; the pool opens a new one.
  const opened = openDatabase({ url: config.config.databaseUrl, dataDir, onConnectionError: (error) => log.event('warn', 'db.connectionError', errorFields(error)) });
  const applied = await migrateToLatest(opened.db);
  const where = opened.engine === 'sqlite' ? opened.file : 'PostgreSQL (DATABASE_URL)';
  log.notice(`数据库 / database: ${where}${applied.length > 0 ? `；已执行迁移 / migrations applied: ${applied.join(', ')}` : ''}`);
  // SQLite: the long reads (queue, drill-downs, year tables, audit pages) run in a reader thread with its own
  // read-only connection, so a 30 ms query does not hold every other request (docs/decisions.md "The desk at a
  // province's volume, continued"). Writes and their transactions stay on the main connection.
  const reader = opened.engine === 'sqlite' && opened.file !== undefined ? openSqliteReader(opened.file) : null;
  const reads = reader?.db ?? opened.db;
  const deps = portalDeps(opened.db, systemClock, undefined, reads);
  const people = peopleDeps(opened.db, systemClock.now, undefined, reads);
  if (demo && (await deps.organizations.count()) === 0) {
    const demo = await seedDemoData(deps, { today: systemClock.today() });
    log.notice(`空数据库：已创建演示数据 ${demo.organizations} 个机关、${demo.cases} 件申请、${demo.reviews} 件复议诉讼 / empty database: demo data created (${demo.organizations} organisations, ${demo.cases} applications, ${demo.reviews} reviews)`);
    const started = performance.now();
    const catalog = await seedDemoCatalog(catalogRouteDeps(opened.db, systemClock, dataDir), await deps.organizations.list(), { today: systemClock.today() });
    log.notice(`演示公开目录：${catalog.documents} 件文件、${catalog.decisions} 条处理决定（${Math.round(performance.now() - started)} ms）/ demo catalog: ${catalog.documents} documents, ${catalog.decisions} decisions`);
    const season = deps.season ? await seedDemoSeason({ ...deps, season: deps.season }, { today: systemClock.today() }) : { published: 0, imported: 0 };
    log.notice(`演示年度报告：${season.published} 份经报送、接收后公布，${season.imported} 份上一年度的导入报告 / demo season: ${season.published} reports published through the season, ${season.imported} imported`);
    if ((await people.users.count()) === 0) {
      const accounts = await seedDemoAccounts(people, demo.rootId);
      log.notice('演示账户（密码只显示这一次，请妥善保存）/ demo accounts (passwords are shown this once):');
      for (const a of accounts) log.notice(`  ${a.username.padEnd(12)} ${a.password}  ${a.displayName}（${ROLE_LABELS[a.role].zh}，${a.organization}）`);
    }
  }
  // Reports saved as files before the one report store (migration 0027) move into it, under the ids they had.
  const store = kyselyReports(opened.db);
  const files = await moveReportFiles(dataDir, { store, organizations: deps.organizations, now: systemClock.now });
  if (files.moved.length > 0) log.notice(`已将 ${files.moved.length} 份以文件保存的报告迁入数据库 / ${files.moved.length} saved report files moved into the database`);
  for (const f of files.left) log.event('warn', 'start.reportFile', { id: f.file, reason: `未迁入，文件保留 / left in place: ${f.reason}` });
  // Production, no account yet: first-run set-up through a one-time link (or `gongkai setup`).
  const setupToken = !demo && (await people.users.count()) === 0 ? randomBytes(18).toString('base64url') : null;
  const close = async () => {
    await reader?.close();
    await opened.close();
  };
  return { ...opened, close, deps, people, store, site: kyselySite(opened.db), setupToken };
})().catch((error: unknown) => fatal('start.database', '无法打开数据库 / cannot open the database', error, 1));
// Notifications: the channels from GONGKAI_SMTP_* / GONGKAI_SMS_MODULE (README "Configuration"); the worker sends the
// outbox and queues the daily digests in this process. Without settings, messages are logged as 未发送, never sent.
const senders = await sendersFromEnv(process.env).catch((error: unknown) => fatal('start.notify', '通知配置有误 / invalid notification settings (see .env.example)', error, 2));
const outbox = kyselyOutbox(database.db);
const worker = startNotifyWorker({ ...database.deps, outbox, senders });
log.notice(`通知 / notifications: 邮件 ${senders.email.configured ? '已配置 / SMTP configured' : '未配置邮件服务器（只记录不发送）/ no SMTP server: logged, not sent'}；短信 ${senders.sms.configured ? '已接入 / SMS gateway loaded' : '未配置短信通道（只记录不发送）/ no SMS gateway: logged, not sent'}`);
// The page cache's counters, as gauges of /metrics (hits, misses, 304s, pages and bytes kept, invalidations).
let pageCacheNow: PageCache | null = null;
const metrics = createMetrics([
  ...queueGauges(database.poolStats),
  {
    name: 'gongkai_page_cache',
    help: 'Page cache of the anonymous public pages: hits, misses, 304 answers, invalidations (since start), pages and bytes kept.',
    read: () => (pageCacheNow ? Object.entries(pageCacheNow.stats()).map(([k, value]) => ({ labels: { kind: k }, value })) : []),
  },
]);
let draining = false;
const app = buildApp({
  store: database.store,
  applications: database.deps,
  people: database.people,
  notifications: { outbox, channels: { email: senders.email.configured, sms: senders.sms.configured } },
  trustedProxies,
  site: database.site,
  logo: siteLogoFiles(dataDir),
  demo,
  setupToken: database.setupToken,
  catalog: catalogRouteDeps(database.db, systemClock, dataDir),
  search: { search: (query) => searchDocuments(database.db, query) },
  pageCache: { version: pageVersion(database.db), maxBytes: config.config.pageCacheBytes, onCache: (cache) => (pageCacheNow = cache) },
  ops: {
    log,
    metrics,
    metricsToken: config.config.metricsToken ?? null,
    draining: () => draining,
    ping: async () => void (await sql`select 1`.execute(database.db)),
  },
});
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}/`;
  if (database.setupToken) {
    log.notice(`尚未设置：请打开首次设置链接（只在本次启动有效）/ not set up yet: open the one-time set-up link:\n  ${url}setup?token=${database.setupToken}\n或在服务器上运行 / or run on the server: gongkai setup --help`);
  }
  log.notice(`gongkai 政府信息公开 已启动：${url}（数据目录 ${dataDir}）`);
  log.notice(`gongkai is listening on ${url} (data folder ${dataDir})`);
  log.event('info', 'listening', { host, port: info.port, engine: database.engine });
  // The extraction pool's workers start now, one at a time, not at the first upload (which waited seconds for them);
  // the routes answer meanwhile (docs/decisions.md "The importer off the event loop").
  const warming = performance.now();
  void extractionPool()
    .warm()
    .then(() => log.event('info', 'extraction.warm', { ms: Math.round(performance.now() - warming) }));
});

// Keep-alive: an idle connection stays open 65 s (node's default is 5 s), longer than a proxy's own idle timeout for
// its upstream connections (nginx `keepalive_timeout` 60 s), so the proxy never sends a request on a connection the
// app has just closed (the proxy would answer 502); headers must arrive within a second more. A shutdown closes idle
// connections at once (./shutdown.ts).
(server as Server).keepAliveTimeout = KEEP_ALIVE_MS;
(server as Server).headersTimeout = KEEP_ALIVE_MS + 1000;

server.on('error', (error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? `端口已被占用 / the port is in use (${host}:${port})` : error.message;
  fatal('start.listen', `无法启动 / cannot start: ${reason}`, error, 1);
});

// SIGTERM/SIGINT: stop accepting, finish the requests in flight (at most GONGKAI_SHUTDOWN_SECONDS), stop the
// background work, close the database, exit 0. A second signal exits at once with 1.
let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    log.event('warn', 'shutdown.forced', { signal });
    process.exit(1);
  }
  stopping = true;
  void gracefulShutdown(
    {
      server: server as Server,
      inFlight: metrics.inFlightNow,
      capMs: config.config.shutdownSeconds * 1000,
      beginDraining: () => {
        draining = true;
      },
      cleanup: async () => {
        worker.stop();
        metrics.stop();
        closePdfBrowser();
        await extractionPool().close();
        await database.close();
      },
      log,
    },
    signal,
  ).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
