/**
 * The real server as a child process, for the tests of shutdown and crashes (issue 14 items 7 and 8): `node --import
 * tsx src/server/main.ts` on a free port with JSON logs, a database prepared by the test (an organisation and an
 * account, so no first-run set-up), and helpers to submit through the portal. Test support only: imported by
 * *.test.ts files.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOrganization } from '../app/organizations/index.ts';
import { addUser } from '../app/people/index.ts';
import { peopleDeps, portalDeps } from '../storage/application-deps.ts';
import type { OpenedDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const clock = { today: () => new Date().toISOString().slice(0, 10), now: () => new Date().toISOString() };

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Migrate, then an organisation and an admin (so the server does not wait for set-up). The organisation's id. */
export async function prepareDatabase(opened: OpenedDatabase): Promise<string> {
  await migrateToLatest(opened.db);
  const deps = portalDeps(opened.db, clock, randomUUID);
  const org = await createOrganization({ organizations: deps.organizations, newId: randomUUID, now: clock.now }, { name: '东山县人民政府', kind: 'government' });
  assert.ok(org.ok);
  const people = peopleDeps(opened.db, clock.now, randomUUID);
  assert.ok((await addUser(people, { username: 'admin', displayName: '管理员', password: 'pass-admin-2025', organizationId: org.organization.id, role: 'admin' }, { id: null, name: 'test' })).ok);
  return org.organization.id;
}

export interface RunningServer {
  readonly port: number;
  readonly child: ChildProcess;
  /** Every line the server wrote on stdout and stderr so far. */
  readonly lines: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** Start the server with `env` (DATABASE_URL or GONGKAI_DATA_DIR); resolves once it logs `listening`. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', GONGKAI_LOG: 'json', GONGKAI_TRUSTED_PROXIES: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"event":"listening"')) listening();
      }
    });
  }
  const outcome = await Promise.race([ready.then(() => 'ready' as const), exited.then((code) => ({ code })), new Promise<'slow'>((r) => setTimeout(() => r('slow'), 60_000).unref())]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    assert.fail(`the server did not start (${JSON.stringify(outcome)}):\n${lines.join('\n')}`);
  }
  return { port, child, lines, exited };
}

/** The JSON events among a server's lines. */
export const eventsOf = (lines: readonly string[]): Record<string, unknown>[] =>
  lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

/** A natural person's application form, the n-th of its own (name, valid resident identity number, request). */
export function applicationForm(n: number): Record<string, string> {
  const base = `110105${String(1950 + (n % 50))}0101${String(n % 1000).padStart(3, '0')}`;
  const sum = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(base[i]), 0);
  return {
    'applicant.type': 'natural',
    'applicant.name': `申请人${n}`,
    'applicant.idType': 'residentId',
    'applicant.idNumber': `${base}${'10X98765432'[sum % 11] ?? ''}`,
    'applicant.phone': '13912345678',
    'applicant.address': '东山县城关镇建设路12号',
    'request.description': `申请公开城关镇2024年度第${n}批最低生活保障资金发放名单`,
    'request.form': 'paper',
    'request.delivery': 'post',
  };
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request to the server (a client address of its own in X-Forwarded-For: the portal limits are per address). Rejects on a network error. */
export function send(port: number, path: string, init: { method?: string; form?: Record<string, string>; client?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        agent: false,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          ...(init.client ? { 'x-forwarded-for': init.client } : {}),
          ...init.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The 申请编号 on a submitted page. */
export const applicationNumber = (html: string): string | null => /申请编号：<span class="code">([^<]+)<\/span>/.exec(html)?.[1] ?? null;
