/**
 * Security headers on every response (issue 14). The pages carry no script at all, so the policy forbids scripts
 * outright; styles are inline in each page, images come from this site (the site's logo) or data: URLs, forms post
 * only here, and no other site may frame a page (clickjacking). A response to a signed-in user, and every page of
 * the applicant's own case (/portal/track…), carries personal data: no cache may keep it (Cache-Control: no-store).
 */
import type { MiddlewareHandler } from 'hono';
import { authOf } from './auth.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Pages that show an applicant their own case without an account. */
const PERSONAL_PATHS = /^\/(portal\/track|account)(\/|$)/;

/** Middleware: the headers, set after the route ran (error pages and 404s included). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('content-security-policy')) h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Frame-Options', 'DENY');
    h.set('X-Content-Type-Options', 'nosniff');
    if (!h.has('referrer-policy')) h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (authOf(c) !== null || PERSONAL_PATHS.test(c.req.path)) {
      // A route's own no-store (e.g. `private, no-store`) is kept; anything weaker is replaced.
      if (!(h.get('cache-control') ?? '').includes('no-store')) h.set('Cache-Control', 'no-store');
      h.set('Pragma', 'no-cache');
    }
  };
}
