/**
 * The server's side of authorize(actor, action, record) (app/people/authorize.ts): the request's user as the actor,
 * the repositories as the loaders, and the refusal as an answer — JSON for the API, a page for the console. A route
 * that acts on one record calls `authorizedJson` or `authorizedPage` once and gets the record or the response to send.
 */
import type { Context } from 'hono';
import { authorize, type Authorized, type RecordLoaders, type RecordRef, type Records } from '../app/people/authorize.ts';
import { problem } from '../core/errors.ts';
import type { Actor, RecordKind } from '../core/people/authorize.ts';
import type { Action } from '../core/people/roles.ts';
import { authOf, csrfOk, type Auth } from './auth.ts';
import { htmlError, jsonError } from './errors.ts';

/** The actor of a logged-in user: their role and their subtree. */
export const actorOfAuth = (auth: Auth | null): Actor | null => (auth ? { role: auth.user.role, scope: auth.scope } : null);

/** Loaders from whichever repositories a route has (each `get` wrapped, so no method loses its object). */
export function recordLoaders(repos: {
  readonly cases?: { get(id: string): Promise<Records['case'] | null> };
  readonly reviews?: { get(id: string): Promise<Records['review'] | null> };
  readonly approvals?: { get(id: string): Promise<Records['approval'] | null> };
  readonly season?: { versions(organizationId: string, year: number): Promise<readonly Records['report'][]> };
  readonly documents?: { get(id: string): Promise<Records['document'] | null> };
  readonly organizations?: { get(id: string): Promise<Records['organization'] | null> };
}): RecordLoaders {
  const { cases, reviews, approvals, season, documents, organizations } = repos;
  return {
    ...(cases ? { case: (id: string) => cases.get(id) } : {}),
    ...(reviews ? { review: (id: string) => reviews.get(id) } : {}),
    ...(approvals ? { approval: (id: string) => approvals.get(id) } : {}),
    // The newest version of the organisation's year (the one its pages show).
    ...(season ? { report: async (organizationId: string, year: number) => (await season.versions(organizationId, year))[0] ?? null } : {}),
    ...(documents ? { document: (id: string) => documents.get(id) } : {}),
    ...(organizations ? { organization: (id: string) => organizations.get(id) } : {}),
  };
}

/** The record and the user who may act on it, or the JSON refusal. */
export type Granted<T> = { readonly record: T; readonly auth: Auth } | { readonly response: Response };

/**
 * For JSON routes: 401 auth.required without a session; 403 auth.csrf on a state-changing request without the
 * session's token; then authorize (404 outside the subtree or absent, 403 auth.forbidden for the role).
 */
export async function authorizedJson<K extends RecordKind>(c: Context, loaders: RecordLoaders, action: Action, ref: RecordRef<K>): Promise<Granted<Records[K]>> {
  const auth = authOf(c);
  if (!auth) return { response: jsonError(c, [problem('auth.required', c.req.path)]) };
  if (!csrfOk(c, auth)) return { response: jsonError(c, [problem('auth.csrf', 'X-CSRF-Token')]) };
  return granted(await authorize(loaders, actorOfAuth(auth), action, ref), auth, (problems) => jsonError(c, problems));
}

/**
 * For pages: the logged-in user (the caller has sent anonymous users to /login) → authorize, refusals as an error
 * page with the problem's status. The CSRF token of a posted form is checked with the form (it is in the body).
 */
export async function authorizedPage<K extends RecordKind>(c: Context, auth: Auth, loaders: RecordLoaders, action: Action, ref: RecordRef<K>): Promise<Granted<Records[K]>> {
  return granted(await authorize(loaders, actorOfAuth(auth), action, ref), auth, (problems) => htmlError(c, problems));
}

function granted<T>(r: Authorized<T>, auth: Auth, refuse: (problems: Parameters<typeof jsonError>[1]) => Response): Granted<T> {
  return r.ok ? { record: r.value, auth } : { response: refuse(r.problems) };
}
