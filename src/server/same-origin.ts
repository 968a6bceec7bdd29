/**
 * Refuse state-changing requests sent by another website (a form on a page the operator happens to visit). Until
 * accounts and CSRF tokens arrive with the staff console, a POST is accepted only when the browser says it comes from
 * this site (Origin matching Host, or Sec-Fetch-Site same-origin/none) or says nothing (curl, scripts, tests); an
 * opaque `Origin: null` is refused.
 */
import type { MiddlewareHandler } from 'hono';
import { problem } from '../core/errors.ts';
import { htmlError, jsonError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Middleware: 403 `request.crossSite` for a cross-site POST/PUT/PATCH/DELETE. */
export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    let cross = site === 'cross-site' || site === 'same-site';
    // `Origin: null` is what a sandboxed frame, a data: or file: page, or a cross-site redirect sends: never this site.
    if (!cross && origin === 'null') cross = true;
    if (!cross && origin && host) {
      try {
        cross = new URL(origin).host !== host;
      } catch {
        cross = true;
      }
    }
    if (!cross) return next();
    const p = problem('request.crossSite', c.req.path);
    return c.req.path.startsWith('/api') ? jsonError(c, [p]) : htmlError(c, [p]);
  };
}
