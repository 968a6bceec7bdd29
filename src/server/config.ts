/**
 * Server configuration: read once from the environment at the edge (src/server/main.ts) with this one schema,
 * documented in .env.example.
 */
import { z } from 'zod';
import { problem, type Problem } from '../core/errors.ts';
import { parseTrustedProxies, type TrustedProxies } from './proxy.ts';

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where saved reports are written (`<dir>/reports/<id>.json`); relative to the working directory. */
  GONGKAI_DATA_DIR: z.string().trim().min(1).default('./data'),
  /** PostgreSQL (`postgres://user@host:5432/db`); absent → SQLite in <GONGKAI_DATA_DIR>/gongkai.sqlite. */
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//i, 'expected a postgres:// or postgresql:// URL').optional(),
  /** 1: demo mode — an empty database is filled with the demo county, its accounts and the demo reports (`npm start`). */
  GONGKAI_DEMO: z.enum(['0', '1']).default('0'),
  /** The log (src/server/log.ts): json lines (default of a production start), text (default with --demo), off. */
  GONGKAI_LOG: z.enum(['json', 'text', 'off']).optional(),
  /** A bearer token that opens GET /metrics to other machines; unset: only this machine (loopback, not forwarded). */
  GONGKAI_METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').optional(),
  /** How long a shutdown (SIGTERM/SIGINT) waits for requests in flight before closing their connections. */
  GONGKAI_SHUTDOWN_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /** Memory for the page cache of the anonymous public pages (src/server/page-cache.ts), in MB; 0 turns it off. */
  GONGKAI_PAGE_CACHE_MB: z.coerce.number().min(0).max(65536).default(64),
});

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** A PostgreSQL URL, or undefined for SQLite in the data folder. */
  readonly databaseUrl?: string;
  /** GONGKAI_TRUSTED_PROXIES: the peers whose X-Forwarded-For/-Proto are believed (default none). */
  readonly trustedProxies: TrustedProxies;
  /** GONGKAI_DEMO=1 (set by `npm start`): demo data on an empty database; otherwise first-run set-up. */
  readonly demo: boolean;
  /** GONGKAI_LOG, when set (main.ts picks json, or text in demo mode, otherwise). */
  readonly log?: 'json' | 'text' | 'off';
  /** GONGKAI_METRICS_TOKEN, when set. */
  readonly metricsToken?: string;
  /** GONGKAI_SHUTDOWN_SECONDS (default 10). */
  readonly shutdownSeconds: number;
  /** GONGKAI_PAGE_CACHE_MB in bytes (default 64 MB; 0: off). */
  readonly pageCacheBytes: number;
}

/**
 * Parse the environment. Invalid values → `config.invalid` problems naming the variable (and, for
 * GONGKAI_TRUSTED_PROXIES, the entry). Never throws.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): { ok: true; config: ServerConfig } | { ok: false; problems: Problem[] } {
  const parsed = ConfigSchema.safeParse({
    PORT: env.PORT || undefined,
    HOST: env.HOST || undefined,
    GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR || undefined,
    DATABASE_URL: env.DATABASE_URL || undefined,
    GONGKAI_DEMO: env.GONGKAI_DEMO || undefined,
    GONGKAI_LOG: env.GONGKAI_LOG || undefined,
    GONGKAI_METRICS_TOKEN: env.GONGKAI_METRICS_TOKEN || undefined,
    GONGKAI_SHUTDOWN_SECONDS: env.GONGKAI_SHUTDOWN_SECONDS || undefined,
    GONGKAI_PAGE_CACHE_MB: env.GONGKAI_PAGE_CACHE_MB || undefined,
  });
  const proxies = parseTrustedProxies(env.GONGKAI_TRUSTED_PROXIES);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => problem('config.invalid', i.path.join('.'), { zh: i.message, en: i.message }))),
    ...(proxies.ok ? [] : proxies.problems),
  ];
  if (!parsed.success || !proxies.ok) return { ok: false, problems };
  const { PORT: port, HOST: host, GONGKAI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, GONGKAI_DEMO: demo, GONGKAI_LOG: log, GONGKAI_METRICS_TOKEN: metricsToken } = parsed.data;
  return {
    ok: true,
    config: {
      port,
      host,
      dataDir,
      ...(databaseUrl !== undefined ? { databaseUrl } : {}),
      trustedProxies: proxies.value,
      demo: demo === '1',
      ...(log !== undefined ? { log } : {}),
      ...(metricsToken !== undefined ? { metricsToken } : {}),
      shutdownSeconds: parsed.data.GONGKAI_SHUTDOWN_SECONDS,
      pageCacheBytes: Math.round(parsed.data.GONGKAI_PAGE_CACHE_MB * 1024 * 1024),
    },
  };
}
