/**
 * Operations (issue 14 item 8): every request gets an id (X-Request-Id: a trusted proxy's, else a new one) and, when
 * answered, one `request` log event and its metrics; GET /healthz says whether the process lives and its database
 * answers; GET /metrics serves ./metrics.ts to this machine or to the holder of GONGKAI_METRICS_TOKEN only. While the
 * server shuts down (./shutdown.ts) answers carry `Connection: close` and /healthz says 503 `server.draining`, so a
 * load balancer stops sending. What a log event holds is fixed in ./log.ts (LOG_FIELDS) and docs/decisions.md
 * "Operations and faults": the route's pattern, never the path, the query, the body or the client's address.
 */
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { problem } from '../core/errors.ts';
import { socketAddress } from './auth.ts';
import { jsonError } from './errors.ts';
import { errorFields, SILENT_LOGGER, type Logger } from './log.ts';
import { extractionPool } from '../formats/source/extractor.ts';
import { pdfExportQueue } from '../formats/pdf/render.ts';
import type { PoolStats } from '../storage/db.ts';
import type { GaugeSource, Metrics } from './metrics.ts';
import { normalizeAddress, NO_TRUSTED_PROXIES, type TrustedProxies } from './proxy.ts';

export interface OpsDeps {
  /** Where events go (default: nowhere — tests stay quiet unless they pass a sink). */
  readonly log?: Logger;
  /** The process's metrics; without them GET /metrics is absent. */
  readonly metrics?: Metrics;
  /** Resolves when the database answers a trivial query (GET /healthz); without it /healthz checks only the process. */
  readonly ping?: () => Promise<void>;
  /** GONGKAI_METRICS_TOKEN: a bearer token that opens /metrics to other machines (a Prometheus elsewhere). */
  readonly metricsToken?: string | null;
  /** True from the moment the server begins to shut down. */
  readonly draining?: () => boolean;
}

/** How long /healthz waits for the database before saying it does not answer. */
export const HEALTH_TIMEOUT_MS = 2000;

/** A request id we accept from a trusted proxy (nginx's $request_id is 32 hex digits); anything else gets a new id. */
const GOOD_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** New request ids (12 random bytes, hex) cut from a pool filled 512 at a time: one call into the RNG, not one per request. */
const ID_BYTES = 12;
const idPool = Buffer.alloc(ID_BYTES * 512);
let idAt = idPool.length;
const newRequestId = (): string => {
  if (idAt >= idPool.length) {
    randomFillSync(idPool);
    idAt = 0;
  }
  idAt += ID_BYTES;
  return idPool.toString('hex', idAt - ID_BYTES, idAt);
};

/** The request's id (after `observeRequests`), or '' outside it. */
export const requestIdOf = (c: Context): string => c.get('requestId') ?? '';

/**
 * The route's pattern (`/portal/:org/apply`), or `unmatched` when no route answered (a 404). Never the concrete path:
 * it may hold an id, an application number or, in a query, personal data. Never throws.
 */
export function routeLabel(c: Context): string {
  const answered = c.get('answeredRoute');
  if (answered) return answered;
  const routes = matchedRoutes(c);
  const r = routes[c.req.routeIndex];
  if (!r || r.method === 'ALL' || r.path === '*' || r.path === '/*') return 'unmatched';
  return r.path;
}

/** Middleware (first of all): request id, timing, one log event and the metrics of each answered request. */
export function observeRequests(ops: OpsDeps, trusted: TrustedProxies = NO_TRUSTED_PROXIES): MiddlewareHandler {
  const log = ops.log ?? SILENT_LOGGER;
  return async (c, next) => {
    const started = performance.now();
    const peer = normalizeAddress(socketAddress(c) ?? '');
    const offered = c.req.header('x-request-id');
    const id = offered !== undefined && GOOD_ID.test(offered) && peer !== null && trusted.has(peer) ? offered : newRequestId();
    c.set('requestId', id);
    ops.metrics?.inFlight(1);
    try {
      await next();
    } finally {
      ops.metrics?.inFlight(-1);
    }
    c.res.headers.set('X-Request-Id', id);
    if (ops.draining?.()) c.res.headers.set('Connection', 'close');
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(c);
    ops.metrics?.observe(c.req.method, route, c.res.status, seconds);
    const length = c.res.headers.get('content-length');
    log.event(c.res.status >= 500 ? 'warn' : 'info', 'request', {
      id,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 10000) / 10,
      ...(length !== null ? { bytes: Number(length) } : {}),
    });
  };
}

/** Name the route of a request answered before the router ran (the page cache's hits: the route that rendered the page). */
export const answeredAs = (c: Context, route: string): void => c.set('answeredRoute', route);

/** Log an unexpected error with the request's id and route (app.onError). Never throws. */
export function logRequestError(ops: OpsDeps, c: Context, error: unknown): void {
  (ops.log ?? SILENT_LOGGER).event('error', 'error', { id: requestIdOf(c), method: c.req.method, route: routeLabel(c), ...errorFields(error) });
}

const isLoopback = (address: string | null): boolean => address !== null && (address === '::1' || address.startsWith('127.'));
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics: a request carrying `Authorization: Bearer <GONGKAI_METRICS_TOKEN>` (compared in constant
 * time), or one straight from this machine — a loopback peer with no forwarding header, so nginx on the same host
 * (which adds X-Forwarded-For) does not open it to the internet. Never throws.
 */
export function metricsAllowed(c: Context, token: string | null | undefined): boolean {
  const auth = c.req.header('authorization');
  if (token && auth !== undefined && timingSafeEqual(digest(auth), digest(`Bearer ${token}`))) return true;
  const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => c.req.header(h) !== undefined);
  return !forwarded && isLoopback(normalizeAddress(socketAddress(c) ?? ''));
}

/**
 * The gauges of this process's queues: the extraction pool (src/formats/source/pool.ts: jobs running and waiting,
 * live workers), the PDF export queue (src/formats/pdf/render.ts: printing and waiting), and on PostgreSQL the
 * connection pool (open, idle, queries waiting for a connection). Never throws.
 */
export function queueGauges(poolStats?: () => PoolStats): GaugeSource[] {
  return [
    {
      name: 'gongkai_extraction_jobs',
      help: 'Uploaded files being read in the extraction pool (running) or waiting for a worker (queued).',
      read: () => {
        const s = extractionPool().stats();
        return [{ labels: { state: 'running' }, value: s.running }, { labels: { state: 'queued' }, value: s.queued }];
      },
    },
    { name: 'gongkai_extraction_workers', help: 'Live worker threads of the extraction pool.', read: () => [{ value: extractionPool().stats().workers }] },
    {
      name: 'gongkai_pdf_exports',
      help: 'PDF exports printing and waiting for their turn.',
      read: () => {
        const q = pdfExportQueue();
        return [{ labels: { state: 'printing' }, value: q.printing }, { labels: { state: 'waiting' }, value: q.waiting }];
      },
    },
    ...(poolStats
      ? [{
          name: 'gongkai_db_connections',
          help: 'PostgreSQL pool: connections open, idle, and queries waiting for one.',
          read: () => {
            const p = poolStats();
            return [{ labels: { state: 'total' }, value: p.total }, { labels: { state: 'idle' }, value: p.idle }, { labels: { state: 'waiting' }, value: p.waiting }];
          },
        }]
      : []),
  ];
}

/** GET /healthz (liveness and database) and GET /metrics (when `ops.metrics`). */
export function opsRoutes(ops: OpsDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (ops.draining?.()) return jsonError(c, [problem('server.draining', 'server')]);
    if (ops.ping) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
      });
      try {
        await Promise.race([ops.ping(), timeout]);
      } catch (error) {
        (ops.log ?? SILENT_LOGGER).event('warn', 'health.database', { id: requestIdOf(c), ...errorFields(error), stack: null });
        return jsonError(c, [problem('db.unreachable', 'database')]);
      } finally {
        clearTimeout(timer);
      }
    }
    return c.json({ ok: true, status: 'ok', database: ops.ping ? 'ok' : 'none' });
  });
  const metrics = ops.metrics;
  if (metrics) {
    app.get('/metrics', (c) => {
      if (!metricsAllowed(c, ops.metricsToken)) return jsonError(c, [problem('metrics.forbidden', 'metrics')]);
      c.header('Cache-Control', 'no-store');
      return c.body(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    });
  }
  return app;
}
