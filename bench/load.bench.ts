/**
 * `npm run bench:load` (issue 14 item 6): the portal pages (anonymous) and the staff API (signed in) driven at 200
 * concurrent connections (node's http Agent, keep-alive), against one server process on SQLite, and against two
 * processes sharing one PostgreSQL database (connections spread over both). Prints throughput, p50/p99 and errors per
 * scenario; nothing is asserted. Goal of the issue: portal p99 < 50 ms at 500 req/s per core, 0 errors.
 *
 *   npm run bench:load -- [--seconds 15] [--connections 200] [--engines sqlite,postgres] [--port 3103]
 *
 * PostgreSQL: a database fuzz_load is created fresh at 127.0.0.1:5432 (user postgres), or DATABASE_URL_BASE names
 * another server. Each server is a child process started with --demo (demo organisations, cases, catalog, accounts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg('seconds', '15'));
const CONNECTIONS = Number(arg('connections', '200'));
const ENGINES = arg('engines', 'sqlite,postgres').split(',');
const PORT = Number(arg('port', '3103'));
const ROOT = new URL('..', import.meta.url).pathname;

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  /** The demo accounts printed once at the first start: [username, password]. */
  readonly accounts: [string, string][];
}

function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--demo'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${out}`)), 180_000);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/is listening on/.test(out)) {
        clearTimeout(timer);
        const accounts = [...out.matchAll(/^ {2}(\S+) +(\S+) {2}/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as [string, string]);
        resolve({ child, base: `http://127.0.0.1:${port}`, accounts });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function stop(s: Server): Promise<void> {
  s.child.removeAllListeners('exit');
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

/** Log in (form, as a browser does) and return the session cookie. */
async function logIn(base: string, [username, password]: [string, string]): Promise<string> {
  const r = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: new URLSearchParams({ username, password, next: '/applications' }).toString() });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (cookie === '') throw new Error(`login of ${username} failed: ${r.status}`);
  return cookie;
}

/** Local links of a page (the portal's own pages to drive). */
async function links(base: string, path: string): Promise<string[]> {
  const html = await (await fetch(`${base}${path}`)).text();
  return [...new Set([...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1] ?? '').filter((h) => !/\.(pdf|docx|xlsx|css|svg|png)|\/login|\/lang|logout|export|download/.test(h)))];
}

interface Figures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Record<string, number>;
}

/** `connections` loops, each sending the next URL as soon as the last answered, for `seconds`. */
async function drive(bases: readonly string[], paths: readonly string[], headers: Record<string, string>, seconds: number, connections: number): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const one = (url: URL): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          const s = String(res.statusCode ?? 0);
          statuses[s] = (statuses[s] ?? 0) + 1;
          if ((res.statusCode ?? 0) >= 400) errors += 1;
          resolve();
        });
      });
      req.on('error', (e) => {
        errors += 1;
        statuses[e.message] = (statuses[e.message] ?? 0) + 1;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      while (performance.now() < end) {
        n += 1;
        await one(new URL(paths[n % paths.length] ?? '/', bases[c % bases.length]));
      }
    }),
  );
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { requests: sorted.length, errors, seconds: (performance.now() - started) / 1000, p50: q(0.5), p99: q(0.99), statuses };
}

const print = (label: string, f: Figures): void =>
  console.log(`  ${label.padEnd(34)} ${String(Math.round(f.requests / f.seconds)).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(7)} ms   p99 ${f.p99.toFixed(1).padStart(7)} ms   errors ${f.errors} / ${f.requests}   ${JSON.stringify(f.statuses)}`);

async function scenario(name: string, servers: readonly Server[]): Promise<void> {
  const first = servers[0];
  if (!first || first.accounts.length === 0) throw new Error(`${name}: no demo account printed`);
  const bases = servers.map((s) => s.base);
  const portal = (await links(first.base, '/portal')).slice(0, 30);
  const paths = ['/portal', ...portal];
  const admin = first.accounts.find(([u]) => /admin/.test(u)) ?? first.accounts[0];
  const cookie = await logIn(first.base, admin as [string, string]);
  const api = ['/api/applications?limit=20', '/api/organizations', '/api/session', '/api/approvals', '/api/applications?limit=20&overdue=true'];
  console.log(`${name}: ${servers.length} process(es), ${CONNECTIONS} connections, ${SECONDS} s each; portal pages: ${paths.length}, staff API: ${api.length} operations (signed in as ${admin?.[0]})`);
  // A short warm-up (modules, caches), not counted.
  await drive(bases, paths, {}, 2, 20);
  print('portal pages (anonymous)', await drive(bases, paths, {}, SECONDS, CONNECTIONS));
  print('staff API (signed in)', await drive(bases, api, { cookie }, SECONDS, CONNECTIONS));
}

const cores = (await import('node:os')).cpus().length;
console.log(`bench:load on ${cores} cores (load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
for (const engine of ENGINES) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-load-'));
  const servers: Server[] = [];
  try {
    if (engine === 'sqlite') {
      servers.push(await startServer(PORT, { GONGKAI_DATA_DIR: dir }));
      await scenario('SQLite, one process', servers);
    } else if (engine === 'postgres') {
      const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
      spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', 'fuzz_load']);
      const made = spawnSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', '-T', 'template0', '--lc-ctype=C.UTF-8', '--lc-collate=C.UTF-8', 'fuzz_load'], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`createdb fuzz_load: ${made.stderr}`);
      const env = { GONGKAI_DATA_DIR: dir, DATABASE_URL: `${base}/fuzz_load` };
      // The first process seeds the demo (and prints the accounts); the second shares the database.
      const a = await startServer(PORT, env);
      servers.push(a);
      servers.push({ ...(await startServer(PORT + 1, { ...env, GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gongkai-load-b-')) })), accounts: a.accounts });
      await scenario('PostgreSQL, two processes', servers);
    }
  } catch (e) {
    console.log(`${engine}: ${e instanceof Error ? e.message.slice(0, 500) : String(e)}`);
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}
