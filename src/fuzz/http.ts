/**
 * Fuzz targets `forms` and `api`: the whole web app in-process (buildApp with every dependency the server gives it:
 * SQLite, the demo organisations, cases and catalog, an admin account), driven through `app.request` without a
 * socket. `forms`: every POST route of the app's own route table (so a route added later is fuzzed without editing
 * this file), bodies form-encoded, multipart (with a file part) or JSON, field names taken from the app's pages, hostile
 * ones (`__proto__.x`, `a[b][c]`…) and random ones, values random. `api`: every operation of /openapi.json, bodies
 * generated from the operation's schema and then mutated (wrong types, missing and extra properties, hostile keys),
 * parameters from the ids that exist and random. A finding: an answer ≥ 500, an error the app logged as unexpected, an
 * exception out of app.request, Object.prototype changed, or a case over 1 s.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, scrypt } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import type { Hono } from 'hono';
import { Kysely } from 'kysely';
import { seedDemoData } from '../app/applications/demo.ts';
import { addUser } from '../app/people/index.ts';
import { catalogRouteDeps, peopleDeps, portalDeps } from '../storage/application-deps.ts';
import { sqliteDialect } from '../storage/db.ts';
import { scryptPasswords } from '../storage/passwords.ts';
import type { Database } from '../storage/schema.ts';
import type { PasswordHasher } from '../app/people/ports.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { kyselyReports } from '../storage/reports.ts';
import { searchDocuments } from '../storage/search.ts';
import { kyselySite } from '../storage/site.ts';
import { siteLogoFiles } from '../storage/site-logo.ts';
import { buildApp } from '../server/app.ts';
import { OPENAPI } from '../server/routes/applications/openapi.ts';
import { HANG_MS, errorDetail, prototypePolluted, type Finding, type Target } from './target.ts';
import { Rng, fuzzString, HOSTILE_STRINGS } from './random.ts';

/** One request, as stored in the corpus. */
export interface HttpCase {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly who: 'anonymous' | 'admin';
  readonly body:
    | { readonly type: 'none' }
    | { readonly type: 'form' | 'multipart'; readonly fields: readonly (readonly [string, string])[]; readonly file?: { readonly field: string; readonly name: string; readonly base64: string } }
    | { readonly type: 'json' | 'text'; readonly text: string };
  /** Other headers (origin, content-type lies). */
  readonly headers?: Readonly<Record<string, string>>;
}

const NOW = '2026-12-01T02:00:00.000Z';
const clock = { today: () => NOW.slice(0, 10), now: () => NOW };
const ADMIN = { username: 'fuzzadmin', password: 'fuzz-admin-pass-2026' };

/** Ids as UUIDs from a counter: the same set-up gives the same ids, so a stored case's path names the same record. */
function counterIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

interface World {
  readonly app: Hono;
  readonly ids: readonly string[];
  /** Field names seen in the app's forms. */
  readonly fields: readonly string[];
  readonly session: { cookie: string; csrf: string };
  /** Unexpected errors the app logged outside any case (the set-up). */
  readonly logged: unknown[];
  /**
   * Run `f` (a case's requests) with the errors the app logs meanwhile collected into `into`: each case its own list,
   * so that with several cases in flight an error is blamed on the request that logged it (one shared list blamed
   * every case in flight — fuzz2's "ReadableStream is locked" finding was reported against whichever case was running).
   */
  readonly collect: <T>(into: unknown[], f: () => Promise<T>) => Promise<T>;
  readonly close: () => Promise<void>;
  readonly relogin: () => Promise<void>;
  /** The database back to what it was after the set-up (the admin's session included). */
  readonly reset: () => void;
}

/**
 * Passwords hashed as scryptPasswords does (same format, same verify) with N = 2^10 instead of 2^15: the fuzzer tests
 * what the routes do with their input, not the hash's deliberate cost, which would be most of a /login case's time.
 */
const FUZZ_SCRYPT_N = 2 ** 10;
const fuzzPasswords: PasswordHasher = {
  hash: async (password) => {
    const salt = randomBytes(16);
    const key = await new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, { N: FUZZ_SCRYPT_N, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))));
    return `scrypt$${FUZZ_SCRYPT_N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
  },
  verify: (password, stored) => scryptPasswords.verify(password, stored),
};

/**
 * SQLite in memory behind a handle whose database can be swapped: kysely prepares every statement on the database
 * it was given, so a reset (the set-up's snapshot, deserialized) is a copy in memory, not a new app. No file, no fsync.
 */
function swappableSqlite(): { db: Kysely<Database>; snapshot: () => void; reset: () => void; close: () => void } {
  let current = new SqliteDatabase(':memory:');
  current.pragma('foreign_keys = ON');
  let saved: Buffer | null = null;
  const handle = new Proxy({} as SqliteDatabase.Database, {
    get: (_t, key) => {
      const value = (current as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
  return {
    db: new Kysely<Database>({ dialect: sqliteDialect(handle) }),
    snapshot: () => {
      saved = current.serialize();
    },
    reset: () => {
      if (!saved) return;
      const fresh = new SqliteDatabase(saved);
      fresh.pragma('foreign_keys = ON');
      current.close();
      current = fresh;
    },
    close: () => current.close(),
  };
}

async function buildWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-fuzz-'));
  const sqlite = swappableSqlite();
  const db = sqlite.db;
  await migrateToLatest(db);
  const newId = counterIds();
  const deps = portalDeps(db, clock, newId);
  const people = { ...peopleDeps(db, clock.now, newId), passwords: fuzzPasswords };
  // The catalog starts empty (its demo seed draws index numbers that collide under counter ids); cases create documents.
  const catalog = catalogRouteDeps(db, clock, dir);
  const demo = await seedDemoData(deps, { today: clock.today(), count: 40, seed: 7 });
  const added = await addUser(people, { ...ADMIN, displayName: '模糊测试管理员', organizationId: demo.rootId, role: 'admin' }, { id: null, name: 'fuzz' });
  if (!added.ok) throw new Error(`fuzz set-up: ${JSON.stringify(added.problems)}`);
  const logged: unknown[] = [];
  const perCase = new AsyncLocalStorage<unknown[]>();
  const app = buildApp({
    store: kyselyReports(db),
    applications: deps,
    people,
    notifications: { outbox: kyselyOutbox(db), channels: { email: false, sms: false } },
    site: kyselySite(db),
    logo: siteLogoFiles(dir),
    demo: true,
    catalog,
    search: { search: (query) => searchDocuments(db, query) },
    logError: (e) => (perCase.getStore() ?? logged).push(e),
  });
  const session = { cookie: '', csrf: '' };
  const relogin = async (): Promise<void> => {
    const r = await app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9' }, body: new URLSearchParams({ ...ADMIN, next: '/account' }).toString() });
    session.cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await app.request('/account', { headers: { cookie: session.cookie } })).text();
    session.csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  };
  await relogin();
  // Ids and field names: walk the app's GET pages once (ids substituted from what the first pages name).
  const ids = new Set<string>([demo.rootId]);
  const fields = new Set<string>();
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const gets = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].filter((p) => !p.includes('*') && !/pdf|export|download|\.(docx|xlsx)/.test(p));
  for (const pass of [0, 1]) {
    for (const route of gets) {
      if (pass === 0 && route.includes(':')) continue;
      const url = route.replace(/:[A-Za-z]+(\{[^}]*\})?/g, (m) => (/year/i.test(m) ? '2026' : ([...ids][1] ?? demo.rootId)));
      const r = await app.request(url, { headers: { cookie: session.cookie } });
      const text = await r.text();
      for (const m of text.matchAll(uuid)) if (ids.size < 200) ids.add(m[0]);
      for (const m of text.matchAll(/\bname="([^"]{1,80})"/g)) if (m[1] !== undefined) fields.add(m[1]);
    }
  }
  if (logged.length > 0) logged.splice(0);
  // The walk wrote nothing a case relies on; the snapshot is the world every reset goes back to.
  sqlite.snapshot();
  return {
    app,
    ids: [...ids],
    fields: [...fields],
    session,
    logged,
    collect: (into, f) => perCase.run(into, f),
    relogin,
    reset: sqlite.reset,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Field names an attacker sends: prototype keys in every spelling the form nesting might read. */
const HOSTILE_FIELDS = ['__proto__', '__proto__.set-cookie', '__proto__[x]', 'constructor.prototype.x', 'a.__proto__.b', 'prototype', 'toString', 'a[b][c][d][e]', 'a..b', '.', '[]', 'a[]', 'a.b.c.d.e.f.g.h', '_csrf', ''];

function fieldName(rng: Rng, world: World): string {
  const r = rng.below(10);
  if (r < 6 && world.fields.length > 0) return rng.pick(world.fields);
  if (r < 8) return rng.pick(HOSTILE_FIELDS);
  return fuzzString(rng).slice(0, 100);
}

/** A path parameter: an existing id, a year, or anything. */
function param(rng: Rng, world: World, name: string): string {
  const r = rng.below(10);
  if (r < 6) return /year/i.test(name) ? String(rng.pick([2019, 2021, 2025, 2026, 1, 9999])) : rng.pick(world.ids);
  if (r < 7 && /step/i.test(name)) return rng.pick(['submit', 'review', 'publish', 'amend', 'repeal', 'expire', 'answer', 'x']);
  return encodeURIComponent(wellFormed(fuzzString(rng).slice(0, 200)));
}

/** Lone surrogates replaced: a URL cannot carry them (encodeURIComponent throws). */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function fillPath(rng: Rng, world: World, template: string): string {
  return template.replace(/:([A-Za-z]+)(\{[^}]*\})?|\{([A-Za-z]+)\}/g, (_m, a: string | undefined, _re, b: string | undefined) => param(rng, world, a ?? b ?? ''));
}

function query(rng: Rng, names: readonly string[]): string {
  if (names.length === 0 && rng.chance(0.7)) return '';
  const q = new URLSearchParams();
  for (const n of names) if (rng.chance(0.5)) q.append(n, wellFormed(fuzzString(rng).slice(0, 300)));
  if (rng.chance(0.2)) q.append(rng.pick(HOSTILE_FIELDS), wellFormed(fuzzString(rng)));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

// ---- JSON bodies from the OpenAPI schemas ----

type Schema = { $ref?: string; type?: string; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema; required?: string[]; oneOf?: Schema[]; anyOf?: Schema[]; format?: string; maxLength?: number };
const SCHEMAS = ((OPENAPI as unknown as { components?: { schemas?: Record<string, Schema> } }).components?.schemas ?? {});
const resolve = (s: Schema): Schema => (s.$ref ? (SCHEMAS[s.$ref.split('/').pop() ?? ''] ?? {}) : s);

function valueOf(rng: Rng, schema: Schema, depth: number): unknown {
  const s = resolve(schema);
  if (rng.chance(0.12)) return rng.json(2);
  const alt = s.oneOf ?? s.anyOf;
  if (alt && alt.length > 0) return valueOf(rng, rng.pick(alt), depth);
  if (s.enum && s.enum.length > 0) return rng.chance(0.9) ? rng.pick(s.enum) : fuzzString(rng);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (depth < 5 && (s.required?.includes(k) || rng.chance(0.6))) out[k] = valueOf(rng, v, depth + 1);
      if (rng.chance(0.1)) out[rng.pick(HOSTILE_FIELDS)] = fuzzString(rng);
      return out;
    }
    case 'array':
      return Array.from({ length: rng.below(rng.chance(0.05) ? 200 : 4) }, () => valueOf(rng, s.items ?? {}, depth + 1));
    case 'integer':
    case 'number':
      return rng.chance(0.7) ? rng.below(1000) : rng.pick([rng.integer(), rng.double(), -1]);
    case 'boolean':
      return rng.chance(0.9) ? rng.chance(0.5) : 'true';
    default:
      if (s.format === 'date') return rng.chance(0.7) ? `202${rng.below(7)}-${String(1 + rng.below(12)).padStart(2, '0')}-${String(1 + rng.below(28)).padStart(2, '0')}` : fuzzString(rng);
      return rng.chance(0.5) ? rng.string(30) : fuzzString(rng);
  }
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly query: readonly string[];
  readonly body: Schema | null;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries((OPENAPI as unknown as { paths: Record<string, Record<string, unknown>> }).paths)) {
    for (const [method, raw] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
      out.push({ method: method.toUpperCase(), path, query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), body: op.requestBody?.content?.['application/json']?.schema ?? null });
    }
  }
  return out;
}

function jsonText(rng: Rng, schema: Schema | null): string {
  const r = rng.below(20);
  if (r === 0) return rng.pick(['', '{', '[]', 'null', '"x"', '1', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"a":'.repeat(2000), '[' .repeat(5000)]);
  if (r === 1 || schema === null) return JSON.stringify(rng.json(3));
  return JSON.stringify(valueOf(rng, schema, 0));
}

// ---- the cases ----

function formCase(rng: Rng, world: World, routes: readonly string[]): HttpCase {
  const url = fillPath(rng, world, rng.pick(routes)) + (rng.chance(0.1) ? query(rng, ['next', 'back', 'org']) : '');
  const who = rng.chance(0.8) ? 'admin' : 'anonymous';
  const fields: [string, string][] = [];
  if (who === 'admin' && rng.chance(0.9)) fields.push(['_csrf', '{csrf}']);
  for (let i = 0; i < rng.below(rng.chance(0.05) ? 300 : 8); i += 1) fields.push([fieldName(rng, world), fuzzString(rng)]);
  const kind = rng.below(10);
  if (kind < 6) return { method: 'POST', url, who, body: { type: 'form', fields } };
  if (kind < 9) {
    const file = rng.chance(0.5) ? { field: rng.pick(['file', 'files', 'logo', 'attachment', fieldName(rng, world)]), name: rng.pick(['a.txt', 'a.pdf', 'a.docx', 'a.png', '../x', '']), base64: Buffer.from(rng.bytes(rng.below(2000))).toString('base64') } : undefined;
    return { method: 'POST', url, who, body: { type: 'multipart', fields, ...(file ? { file } : {}) } };
  }
  return { method: 'POST', url, who, body: { type: 'json', text: jsonText(rng, null) } };
}

function apiCase(rng: Rng, world: World, ops: readonly Operation[]): HttpCase {
  const op = rng.pick(ops);
  const method = rng.chance(0.03) ? rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) : op.method;
  const url = fillPath(rng, world, op.path) + query(rng, op.query);
  const who = rng.chance(0.85) ? 'admin' : 'anonymous';
  if (method === 'GET' || method === 'DELETE') return { method, url, who, body: { type: 'none' } };
  // Upload operations take raw bytes; the others JSON (sometimes under a lying content type).
  if (/attachments|decisions/.test(op.path) && rng.chance(0.6)) return { method, url, who, body: { type: 'text', text: fuzzString(rng) + rng.pick(['', '标题,正文\n一,二\n', 'PK\u0003\u0004']) } };
  const headers = rng.chance(0.05) ? { 'content-type': rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=gbk', 'multipart/form-data']) } : undefined;
  return { method, url, who, body: { type: 'json', text: jsonText(rng, op.body) }, ...(headers ? { headers } : {}) };
}

/** Routes that check a password (their cost is the hash's, on purpose). */
const PASSWORD_ROUTES = /^\/(login|setup|account\/password|api\/session)(\?|$)|\/password(\?|$)/;

async function send(world: World, c: HttpCase): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': '10.1.2.3' };
  if (c.who === 'admin') Object.assign(headers, { cookie: world.session.cookie, 'x-csrf-token': world.session.csrf });
  let body: BodyInit | undefined;
  const fill = (v: string): string => (v === '{csrf}' ? world.session.csrf : v);
  switch (c.body.type) {
    case 'form':
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = c.body.fields.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(fill(v)))}`).join('&');
      break;
    case 'multipart': {
      const form = new FormData();
      for (const [k, v] of c.body.fields) form.append(k, fill(v));
      if (c.body.file) form.append(c.body.file.field, new Blob([Buffer.from(c.body.file.base64, 'base64')]), c.body.file.name);
      body = form;
      break;
    }
    case 'json':
      headers['content-type'] = 'application/json';
      body = c.body.text;
      break;
    case 'text':
      headers['content-type'] = 'application/octet-stream';
      body = c.body.text;
      break;
    case 'none':
      break;
  }
  Object.assign(headers, c.headers ?? {});
  return world.app.request(c.url, { method: c.method, headers, ...(body === undefined ? {} : { body }) });
}

/** Requests in flight at once: a case waits on scrypt (libuv's threads) and on the extraction pool now and then. */
const HTTP_LANES = 4;
/** Cases between two resets of the database to the set-up's snapshot (a copy in memory: milliseconds). */
const RESET_EVERY = 1000;

async function httpTarget(name: 'forms' | 'api'): Promise<Target<HttpCase>> {
  const world = await buildWorld();
  const routes = [...new Set(world.app.routes.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/') && !r.path.includes('*')).map((r) => r.path))];
  const ops = operations();
  let count = 0;
  return {
    name,
    generate: (rng) => (name === 'forms' ? formCase(rng, world, routes) : apiCase(rng, world, ops)),
    execute: async (c, options) => {
      // A case may log the admin out, or change the password: the session is checked now and then and renewed.
      count += 1;
      if (count % 200 === 0) {
        const me = await world.app.request('/api/session', { headers: { cookie: world.session.cookie } });
        if (me.status !== 200) await world.relogin();
      }
      const logged: unknown[] = [];
      const started = performance.now();
      let finding: Finding | null = null;
      try {
        const r = await world.collect(logged, () => send(world, c));
        await r.arrayBuffer();
        if (r.status >= 500 && r.status !== 503) finding = { kind: '5xx', detail: `${c.method} ${c.url.split('?')[0]} → ${r.status}` };
      } catch (e) {
        finding = { kind: 'crash', detail: errorDetail(e) };
      }
      if (logged.length > 0) finding = { kind: 'crash', detail: errorDetail(logged[0]) };
      const planted = prototypePolluted();
      if (planted !== null) {
        for (const k of planted.split(',')) delete (Object.prototype as Record<string, unknown>)[k];
        finding = { kind: 'pollution', detail: `Object.prototype.${planted}` };
      }
      const ms = performance.now() - started;
      // Checking a password costs a deliberate ~0.4 s (scrypt, the same for unknown names): not a hang.
      if (finding === null && options.timing && ms > HANG_MS && !PASSWORD_ROUTES.test(c.url)) finding = { kind: 'hang', detail: `${c.method} ${c.url.split('?')[0]}: ${Math.round(ms)} ms` };
      return finding;
    },
    encode: (c) => c,
    decode: (json) => json as HttpCase,
    describe: (c) => `${c.who} ${c.method} ${c.url.slice(0, 120)} ${c.body.type}`,
    lanes: HTTP_LANES,
    reset: async () => world.reset(),
    resetEvery: RESET_EVERY,
    close: () => world.close(),
  };
}

export const formsTarget = (): Promise<Target<HttpCase>> => httpTarget('forms');
export const apiTarget = (): Promise<Target<HttpCase>> => httpTarget('api');
export { HOSTILE_STRINGS };
