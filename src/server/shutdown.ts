/**
 * Graceful shutdown (issue 14 item 8), on SIGTERM (systemd stop, a deploy) and SIGINT (Ctrl-C): stop accepting
 * connections, let the requests in flight finish — answers now carry `Connection: close` and /healthz says draining
 * (./observe.ts) — close idle keep-alive connections as they free up, and after `capMs` close whatever is still open;
 * then stop the background work and close the database (`cleanup`, itself given at most CLEANUP_MS). The caller exits
 * 0 afterwards. A second signal during the shutdown exits at once (main.ts).
 */
import type { Server } from 'node:http';
import type { Logger } from './log.ts';

/** How long the cleanup (notification worker, extraction pool, PDF browser, database) may take before exiting anyway. */
export const CLEANUP_MS = 5000;
const POLL_MS = 25;

export interface ShutdownDeps {
  readonly server: Pick<Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>;
  /** Requests being answered now (metrics' in-flight gauge). */
  readonly inFlight: () => number;
  /** Longest wait for the requests in flight (GONGKAI_SHUTDOWN_SECONDS). */
  readonly capMs: number;
  /** Mark the process as draining (answers close their connection, /healthz 503). */
  readonly beginDraining: () => void;
  /** Stop background work and close the database. */
  readonly cleanup: () => Promise<void>;
  readonly log: Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Shut down as described above. Resolves with the number of requests cut off at the cap (0 when all finished). Never rejects. */
export async function gracefulShutdown(deps: ShutdownDeps, signal: string): Promise<{ cut: number }> {
  const started = Date.now();
  deps.beginDraining();
  deps.log.event('info', 'shutdown.start', { signal, inFlight: deps.inFlight() });
  let closed = false;
  deps.server.close(() => {
    closed = true;
  });
  let cut = 0;
  while (!closed) {
    // A keep-alive connection between two requests holds close() open: close those as soon as they are idle.
    deps.server.closeIdleConnections();
    if (Date.now() - started >= deps.capMs) {
      cut = deps.inFlight();
      deps.log.event('warn', 'shutdown.cut', { cut, reason: `requests still running after ${deps.capMs} ms` });
      deps.server.closeAllConnections();
      break;
    }
    await sleep(POLL_MS);
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    deps.cleanup().catch((error: unknown) => deps.log.event('error', 'shutdown.cleanup', { message: error instanceof Error ? error.message : String(error) })),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        deps.log.event('warn', 'shutdown.cleanup', { reason: `cleanup unfinished after ${CLEANUP_MS} ms` });
        resolve();
      }, CLEANUP_MS);
    }),
  ]);
  clearTimeout(timer);
  deps.log.event('info', 'shutdown.done', { cut, ms: Date.now() - started });
  return { cut };
}
