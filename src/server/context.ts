/**
 * The request context, typed once. Every per-request value the middleware of app.ts sets is declared here, in hono's
 * `ContextVariableMap` (hono's documented way to type `c.get`/`c.set` for the whole app), so `c.get('auth')` has its
 * type in every route and nothing casts the context. What @hono/node-server passes as `c.env` is `RequestBindings`.
 *
 * Not in the context, on purpose: the dependencies (database, repositories, clock) are not per-request values — each
 * route factory takes them as its argument (`buildApp(deps)` passes them down), typed by that signature. The views
 * render without a context: the page frame reads the session's name, CSRF token and links, the language switch and
 * the site's settings from the AsyncLocalStorage stores of views/layout.ts (`requestSession`, `requestShowsEnglish`,
 * `requestSite`), which the same middleware fill.
 */
import type { IncomingMessage } from 'node:http';
import type { Auth } from './auth.ts';
import type { ClientInfo } from './proxy.ts';

/** Every value a request carries through the app, and who sets it. */
export interface RequestVariables {
  /** The request's id (observe.ts `observeRequests`: the trusted proxy's X-Request-Id or a new one). */
  requestId: string;
  /** Who the client is: its address and scheme, believing X-Forwarded-* only from trusted proxies (auth.ts `identifyClient`). */
  client: ClientInfo;
  /** The logged-in user, their session's CSRF token and their scope (auth.ts `authenticate`), or null: anonymous. */
  auth: Auth | null;
  /** The route that answered a request before the router ran: the page cache's hits (observe.ts `answeredAs`). */
  answeredRoute: string | undefined;
}

declare module 'hono' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContextVariableMap extends RequestVariables {}
}

/** What @hono/node-server passes as `c.env`; undefined under `app.request()` (tests). */
export interface RequestBindings {
  readonly incoming?: IncomingMessage;
}
