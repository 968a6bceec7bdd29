/**
 * The page cache of the anonymous public pages (issue 14 item 6): the portal's home and guides, the catalog (/xxgk:
 * home, lists, documents, Atom feeds), the 年报 column and the sitemap. A page is rendered once and its bytes kept in
 * memory, keyed by its full URL (scheme, host, path, query) and the reader's language switch, until the data behind
 * it changes:
 *   - the database holds a version (migration 0022, storage/page-version.ts) bumped by triggers in the same
 *     transaction as every write to the tables these pages show, by whichever process or tool writes;
 *   - this process reads it again once `checkMs` passed (in the background: pages go on being served meanwhile), and
 *     at once, waiting for it, after any request of its own that may have written (any method but GET/HEAD/OPTIONS),
 *     so a publish here is seen by the next page here, and a publish on another process sharing PostgreSQL within
 *     `checkMs` plus one query;
 *   - a page rendered at one version is never served at another; a page older than `ttlMs` is rendered again (pages
 *     that show today's date move at midnight without a write).
 * Never cached: a request carrying the session cookie or an Authorization header (staff pages, with names and CSRF
 * tokens, stay `no-store` from ./headers.ts), a response other than 200, one setting a cookie, one marked
 * private/no-store, any path not listed in PUBLIC_PAGES (the applicant's own case under /portal/track, the forms).
 * Answers carry a strong ETag (If-None-Match → 304) and `Cache-Control: public, no-cache` (a browser or proxy keeps
 * the page but asks each time; the 304 costs a lookup). A gzip copy is made off the event loop (zlib's thread pool)
 * after the first answer and served to readers that accept it. Memory is bounded: least recently used pages go first
 * once the bytes (plain + gzip) pass `maxBytes`.
 */
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { answeredAs, routeLabel } from './observe.ts';

/** The anonymous pages kept (paths without query; the query is part of the key). */
export const PUBLIC_PAGES: readonly RegExp[] = [
  /^\/portal$/,
  /^\/portal\/(?!track$)[^/]+$/,
  /^\/xxgk$/,
  /^\/xxgk\/(?!search$|files$|documents$)[^/]+$/,
  /^\/xxgk\/documents\/[^/]+$/,
  /^\/xxgk\/[^/]+\/feed\.atom$/,
  /^\/nianbao$/,
  /^\/nianbao\/[^/]+$/,
  /^\/nianbao\/[^/]+\/\d{4}$/,
  /^\/sitemap\.xml$/,
];

export const PAGE_CACHE_DEFAULTS = {
  /** GONGKAI_PAGE_CACHE_MB (0 turns the cache off). */
  maxBytes: 64 * 1024 * 1024,
  /** How often the shared version is read at most (a write on another process is seen within this). */
  checkMs: 250,
  /** How long a page is kept at most even when nothing was written. */
  ttlMs: 60_000,
  /** A page bigger than this share of the budget is not kept (it would push out many others). */
  maxEntryShare: 1 / 8,
  /** Pages smaller than this are not gzipped. */
  gzipMinBytes: 1024,
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The header values of every answer from the cache (and of a page stored in it). */
const CACHE_CONTROL = 'public, no-cache';
const VARY = 'Cookie, Accept-Encoding';
const CACHEABLE_TYPES = /^(text\/html|application\/(atom\+)?xml)\b/;

export interface PageCacheOptions {
  /** Reads the shared version of the public pages (storage/page-version.ts). */
  readonly version: () => Promise<string>;
  /** The cookie naming a signed-in session: a request carrying it is never served from or stored into the cache. */
  readonly sessionCookie: string;
  /** What else a page depends on besides its URL (the language switch); part of the key. */
  readonly variant?: (c: Context) => string;
  /** Called when the shared version moved (before the next page is rendered), e.g. to re-read the site's settings. */
  readonly onChange?: () => void;
  readonly maxBytes?: number;
  readonly checkMs?: number;
  readonly ttlMs?: number;
  /** Milliseconds, monotonic (tests pass their own). */
  readonly now?: () => number;
}

interface Entry {
  readonly body: Uint8Array;
  gzip: Uint8Array | null;
  readonly headers: readonly (readonly [string, string])[];
  readonly etag: string;
  readonly version: string;
  readonly storedAt: number;
  /** The route that rendered it (logs and metrics name it on a hit). */
  readonly route: string;
  bytes: number;
}

export interface PageCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly notModified: number;
  readonly entries: number;
  readonly bytes: number;
  readonly invalidations: number;
}

export interface PageCache {
  readonly middleware: MiddlewareHandler;
  readonly stats: () => PageCacheStats;
  /** Resolves when the version read in progress (if any) is done. */
  readonly settled: () => Promise<void>;
  /** Drop every page (the version will be read again before the next one). */
  readonly clear: () => void;
}

/** Whether `path` is one of the anonymous pages the cache may keep. */
export const isPublicPage = (path: string): boolean => PUBLIC_PAGES.some((p) => p.test(path));

/** Whether an If-None-Match header names `etag` (a list, `*`, weak forms compared weakly as RFC 9110 asks for 304). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === bare;
  });
}

const acceptsGzip = (header: string | undefined): boolean => header !== undefined && /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(header);

export function pageCache(options: PageCacheOptions): PageCache {
  const maxBytes = options.maxBytes ?? PAGE_CACHE_DEFAULTS.maxBytes;
  const checkMs = options.checkMs ?? PAGE_CACHE_DEFAULTS.checkMs;
  const ttlMs = options.ttlMs ?? PAGE_CACHE_DEFAULTS.ttlMs;
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const counts = { hits: 0, misses: 0, notModified: 0, invalidations: 0 };
  let current: string | null = null;
  let checkedAt = -Infinity;
  /** A request of this process may have written: read the version before the next page. */
  let dirty = false;
  let reading: Promise<string | null> | null = null;

  const drop = (key: string): void => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.bytes;
  };
  const clear = (): void => {
    entries.clear();
    bytes = 0;
  };

  /**
   * The version to serve at: the known one while it is fresh; once due, the known one still while it is read again in
   * the background (a slow database must not hold every cached page behind one query); read and waited for when none
   * is known yet or after a write of this process (its own writes show on its next page). null: it cannot be read (the
   * cache then stands aside).
   */
  const fresh = (): Promise<string | null> => {
    if (current !== null && !dirty) {
      if (now() - checkedAt >= checkMs) void read();
      return Promise.resolve(current);
    }
    return read();
  };
  const read = (): Promise<string | null> => {
    if (reading) return reading;
    dirty = false;
    reading = options
      .version()
      .then(
        (v) => {
          if (v !== current) {
            if (current !== null) {
              counts.invalidations += 1;
              options.onChange?.();
            }
            clear();
            current = v;
          }
          checkedAt = now();
          return v;
        },
        () => {
          // Unreadable: forget the version, so pages are rendered (not served stale) until it can be read again.
          if (current !== null) clear();
          current = null;
          return null;
        },
      )
      .finally(() => (reading = null));
    return reading;
  };

  const answer = (c: Context, e: Entry): Response => {
    const headers = new Headers(e.headers as [string, string][]);
    headers.set('ETag', e.etag);
    headers.set('Cache-Control', CACHE_CONTROL);
    headers.set('Vary', VARY);
    if (etagMatches(c.req.header('if-none-match'), e.etag)) {
      counts.notModified += 1;
      headers.delete('content-length');
      headers.delete('content-type');
      return new Response(null, { status: 304, headers });
    }
    const zipped = e.gzip !== null && acceptsGzip(c.req.header('accept-encoding'));
    const body = zipped && e.gzip ? e.gzip : e.body;
    if (zipped) headers.set('Content-Encoding', 'gzip');
    headers.set('Content-Length', String(body.byteLength));
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
  };

  const store = (key: string, e: Entry): void => {
    if (e.bytes > maxBytes * PAGE_CACHE_DEFAULTS.maxEntryShare) return;
    drop(key);
    entries.set(key, e);
    bytes += e.bytes;
    for (const [k] of entries) {
      if (bytes <= maxBytes) break;
      drop(k);
    }
    if (e.body.byteLength >= PAGE_CACHE_DEFAULTS.gzipMinBytes) {
      gzip(e.body, { level: 6 }, (error, zipped) => {
        // Kept only if this very entry is still the one stored (not replaced, dropped or cleared meanwhile).
        if (error || entries.get(key) !== e) return;
        e.gzip = new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.byteLength);
        e.bytes += zipped.byteLength;
        bytes += zipped.byteLength;
        for (const [k] of entries) {
          if (bytes <= maxBytes) break;
          drop(k);
        }
      });
    }
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (!SAFE_METHODS.has(method)) {
      try {
        await next();
      } finally {
        dirty = true;
      }
      return;
    }
    if (maxBytes <= 0 || method !== 'GET' || !isPublicPage(c.req.path) || c.req.header('authorization') !== undefined || getCookie(c, options.sessionCookie) !== undefined) return next();
    const version = await fresh();
    if (version === null) return next();
    const key = `${options.variant?.(c) ?? ''}|${c.req.url}`;
    const hit = entries.get(key);
    if (hit && hit.version === version && now() - hit.storedAt < ttlMs) {
      // Most recently used last: the Map's order is the eviction order.
      entries.delete(key);
      entries.set(key, hit);
      counts.hits += 1;
      answeredAs(c, hit.route);
      return answer(c, hit);
    }
    if (hit) drop(key);
    counts.misses += 1;
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    const control = res.headers.get('cache-control') ?? '';
    if (res.status !== 200 || !CACHEABLE_TYPES.test(type) || res.headers.has('set-cookie') || /no-store|private/i.test(control) || res.headers.has('content-encoding')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = [...res.headers.entries()].filter(([k]) => k !== 'content-length');
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    const entry: Entry = { body, gzip: null, headers, etag, version, storedAt: now(), route: routeLabel(c), bytes: body.byteLength };
    // Rendered while the version moved on (another request saw a write): answered, not kept.
    if (version === current) store(key, entry);
    answeredAs(c, entry.route);
    // Replaced outright (hono's setter would copy the rendered response's headers over the new ones).
    c.res = undefined;
    c.res = answer(c, entry);
  };

  return {
    middleware,
    stats: () => ({ ...counts, entries: entries.size, bytes }),
    settled: async () => void (await reading),
    clear: () => {
      clear();
      dirty = true;
    },
  };
}
