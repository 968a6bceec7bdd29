/**
 * `npm run bench:load` (issue 14 item 6): the portal pages (anonymous) and the staff API (signed in) against one server
 * process on SQLite, and against two processes sharing one PostgreSQL database (requests spread over both). Each
 * workload is driven twice:
 *   - at saturation (closed loop): `--connections` loops, each sending its next request as soon as the last answered;
 *   - at a fixed rate (open loop): `--rate` requests per second per server process (500: the goal), sent on a
 *     schedule whatever the answers do, over at most `--connections` sockets; a request's latency counts from the time
 *     it was due, so a stalled server is not hidden by fewer requests being sent (no coordinated omission).
 * Prints throughput, p50/p99, errors, the load average, and the CPU the server processes really got (their user+system
 * time from /proc over the wall time: "cores used"; and the time their threads were runnable but waited for a CPU,
 * from /proc/PID/task/TID/schedstat: on a shared machine that wait, not the server, is often the latency), then whether the goal holds: portal p99 < 50 ms at 500 req/s per
 * process with 0 errors. Nothing is asserted (the machine is shared: timings are pessimistic).
 *
 *   npm run bench:load -- [--seconds 10] [--connections 200] [--rate 500] [--api-rate 50] [--engines sqlite,postgres]
 *                         [--port 3204] [--nice -10] [--cpu-prof DIR] [--no-cache] [--workloads portal,staff]
 *
 * --nice N starts the servers under `nice -n N`, each in a session of its own whose autogroup gets N too (negative
 * needs root; under setsid the client's own session as well); --cpu-prof DIR writes a V8 CPU profile of each
 * server into DIR at its exit (open it in Chrome DevTools or `node bench/profile-top.ts FILE`); --no-cache turns the
 * page cache off (GONGKAI_PAGE_CACHE_MB=0) to compare.
 * PostgreSQL: a database gk_load_bench is created fresh at 127.0.0.1:5432 (user postgres), or DATABASE_URL_BASE names
 * another server. Each server is a child process started with --demo (demo organisations, cases, catalog, accounts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '200'));
const RATE = Number(arg('rate', '500'));
const API_RATE = Number(arg('api-rate', '50'));
const ENGINES = arg('engines', 'sqlite,postgres').split(',');
const PORT = Number(arg('port', '3204'));
const NICE = arg('nice', '');
const CPU_PROF = arg('cpu-prof', '');
const NO_CACHE = process.argv.includes('--no-cache');
/** Which workloads to drive: portal, staff (a profile of one alone is easier to read). */
const WORKLOADS = arg('workloads', 'portal,staff').split(',');
const ROOT = new URL('..', import.meta.url).pathname;
/** The goal of issue 14 item 6. */
const GOAL = { p99Ms: 50, ratePerProcess: 500 };

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  /** The demo accounts printed once at the first start: [username, password]. */
  readonly accounts: [string, string][];
}

function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const node = [process.execPath, ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : []), '--import', 'tsx', 'src/server/main.ts', '--demo'];
  const [cmd, ...args] = NICE ? ['nice', '-n', NICE, ...node] : node;
  // With --nice each server is a session of its own (detached: setsid), so that its autogroup can be given the nice too.
  const child = spawn(cmd ?? process.execPath, args, { cwd: ROOT, detached: NICE !== '', env: { ...process.env, ...env, ...(NO_CACHE ? { GONGKAI_PAGE_CACHE_MB: '0' } : {}), PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (NICE) niceAutogroup(child.pid);
  return new Promise((resolve, reject) => {
    // The start-up output is kept until the server listens; after that the log (one line per request) is drained
    // and dropped, so the bench itself does no work proportional to the log.
    let out = '';
    let listening = false;
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${out}`)), 180_000);
    child.stderr?.on('data', (d: Buffer) => {
      if (!listening) out += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      if (listening) return;
      out += d.toString();
      if (/is listening on/.test(out)) {
        listening = true;
        clearTimeout(timer);
        const accounts = [...out.matchAll(/^ {2}(\S+) +(\S+) {2}/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as [string, string]);
        resolve({ child, base: `http://127.0.0.1:${port}`, accounts });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/**
 * With the kernel's autogroup scheduling on (/proc/sys/kernel/sched_autogroup_enabled, Debian's default), CPU time is
 * first shared between sessions and `nice` only ranks processes inside one session: a niced server in a session
 * among a dozen busy ones still gets a dozenth of the machine. The session's own nice (/proc/PID/autogroup) is what
 * ranks it against the others. Best effort (negative values need root); false when not applied.
 */
function niceAutogroup(pid: number | undefined): boolean {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, NICE);
    return true;
  } catch {
    return false;
  }
}

async function stop(s: Server): Promise<void> {
  s.child.removeAllListeners('exit');
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
}

/** User + system CPU seconds of a process and its threads so far (/proc/PID/stat, clock ticks of 1/100 s), or NaN. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Seconds the threads of a process spent runnable but waiting for a CPU so far (/proc/PID/task/TID/schedstat), or NaN. */
function waitSeconds(pid: number | undefined): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((s, tid) => s + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]) / 1e9, 0);
  } catch {
    return NaN;
  }
}

/** Log in (form, as a browser does) and return the session cookie. */
async function logIn(base: string, [username, password]: [string, string]): Promise<string> {
  const r = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: new URLSearchParams({ username, password, next: '/applications' }).toString() });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (cookie === '') throw new Error(`login of ${username} failed: ${r.status}`);
  return cookie;
}

/** Local links of a page (the portal's own pages to drive). */
async function links(base: string, path: string, match: RegExp): Promise<string[]> {
  const html = await (await fetch(`${base}${path}`)).text();
  return [...new Set([...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&')).filter((h) => match.test(h) && !/\.(pdf|docx|xlsx|css|svg|png)|\/login|\/lang|logout|export|download|\/files\//.test(h)))];
}

interface Figures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly statuses: Record<string, number>;
  /** CPU seconds the server processes used over the run, per wall second. */
  readonly cores: number;
  /** The same for this bench process (the client). */
  readonly clientCores: number;
  /** Seconds the server processes' threads waited for a CPU while runnable, per wall second (the machine's share). */
  readonly waited: number;
}

interface Load {
  readonly bases: readonly string[];
  readonly paths: readonly string[];
  readonly headers: Record<string, string>;
  readonly pids: readonly (number | undefined)[];
}

/**
 * Drive `load` for `seconds`: closed loop (`rate` 0: `connections` loops back to back) or open loop (`rate` requests
 * per second in all, on a fixed schedule; latency counted from when each request was due).
 */
async function drive(load: Load, seconds: number, connections: number, rate = 0): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let n = 0;
  const one = (url: URL, due: number): Promise<void> =>
    new Promise((resolve) => {
      const req = request(url, { agent, headers: load.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
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
  const next = (c: number): URL => {
    n += 1;
    return new URL(load.paths[n % load.paths.length] ?? '/', load.bases[c % load.bases.length]);
  };
  const cpu0 = load.pids.reduce<number>((s, p) => s + cpuSeconds(p), 0);
  const client0 = process.cpuUsage();
  const wait0 = load.pids.reduce<number>((s, p) => s + waitSeconds(p), 0);
  const started = performance.now();
  const end = started + seconds * 1000;
  if (rate <= 0) {
    await Promise.all(
      Array.from({ length: connections }, async (_, c) => {
        while (performance.now() < end) await one(next(c), performance.now());
      }),
    );
  } else {
    const total = Math.round(rate * seconds);
    const inFlight: Promise<void>[] = [];
    let sent = 0;
    while (sent < total) {
      const now = performance.now();
      // Every request due by now is sent (a late timer sends a burst, with the latency counted from the schedule).
      while (sent < total && started + (sent * 1000) / rate <= now) {
        inFlight.push(one(next(sent), started + (sent * 1000) / rate));
        sent += 1;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inFlight);
  }
  const wall = (performance.now() - started) / 1000;
  const cpu1 = load.pids.reduce<number>((s, p) => s + cpuSeconds(p), 0);
  const client = process.cpuUsage(client0);
  const wait1 = load.pids.reduce<number>((s, p) => s + waitSeconds(p), 0);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { requests: sorted.length, errors, seconds: wall, p50: q(0.5), p99: q(0.99), max: sorted.at(-1) ?? NaN, statuses, cores: (cpu1 - cpu0) / wall, clientCores: (client.user + client.system) / 1e6 / wall, waited: (wait1 - wait0) / wall };
}

const print = (label: string, f: Figures): void =>
  console.log(
    `  ${label.padEnd(40)} ${String(Math.round(f.requests / f.seconds)).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(7)} ms   p99 ${f.p99.toFixed(1).padStart(7)} ms   max ${f.max.toFixed(0).padStart(6)} ms   errors ${f.errors} / ${f.requests}   server cores used ${f.cores.toFixed(2)}, waited for a CPU ${f.waited.toFixed(2)} s/s (client ${f.clientCores.toFixed(2)})   load ${loadavg()[0]?.toFixed(1)}   ${JSON.stringify(f.statuses)}`,
  );

async function scenario(name: string, servers: readonly Server[]): Promise<void> {
  const first = servers[0];
  if (!first || first.accounts.length === 0) throw new Error(`${name}: no demo account printed`);
  const bases = servers.map((s) => s.base);
  const pids = servers.map((s) => s.child.pid);
  // The anonymous portal: home, guides, the catalog (home, lists, documents, feeds), the 年报 column, the sitemap.
  const guides = (await links(first.base, '/portal', /^\/portal\/[^/]+$/)).slice(0, 10);
  const lists = (await links(first.base, '/xxgk', /^\/xxgk\/[^/?]+$/)).filter((h) => h !== '/xxgk/search').slice(0, 10);
  const documents = (await Promise.all(lists.slice(0, 4).map((l) => links(first.base, l, /^\/xxgk\/documents\//)))).flat().slice(0, 20);
  const feeds = lists.slice(0, 4).map((l) => `${l}/feed.atom`);
  const nianbao = (await links(first.base, '/nianbao', /^\/nianbao\/[^/]+(\/\d{4})?$/)).slice(0, 10);
  const paths = ['/portal', '/xxgk', '/nianbao', '/sitemap.xml', ...guides, ...lists, ...documents, ...feeds, ...nianbao];
  const admin = first.accounts.find(([u]) => /admin/.test(u)) ?? first.accounts[0];
  const cookie = await logIn(first.base, admin as [string, string]);
  const api = ['/api/applications?limit=20', '/api/organizations', '/api/session', '/api/approvals', '/api/applications?limit=20&overdue=true'];
  const portal: Load = { bases, paths, headers: {}, pids };
  const staff: Load = { bases, paths: api, headers: { cookie }, pids };
  console.log(`${name}: ${servers.length} process(es), ${SECONDS} s per run, up to ${CONNECTIONS} connections; portal pages: ${paths.length} (${guides.length} guides, ${lists.length} lists, ${documents.length} documents, ${feeds.length} feeds, ${nianbao.length} 年报), staff API: ${api.length} operations (signed in as ${admin?.[0]})`);
  // A short warm-up (modules, caches, JIT), not counted.
  await drive(portal, 2, 20);
  await drive(staff, 1, 5);
  if (WORKLOADS.includes('staff')) {
    print(`staff API, open loop at ${API_RATE * servers.length} req/s`, await drive(staff, SECONDS, CONNECTIONS, API_RATE * servers.length));
    print(`staff API, saturation (${CONNECTIONS} conn.)`, await drive(staff, SECONDS, CONNECTIONS));
  }
  if (!WORKLOADS.includes('portal')) return;
  const rate = RATE * servers.length;
  print(`portal, saturation (${CONNECTIONS} conn.)`, await drive(portal, SECONDS, CONNECTIONS));
  const atRate = await drive(portal, SECONDS, CONNECTIONS, rate);
  print(`portal, open loop at ${rate} req/s`, atRate);
  const held = atRate.errors === 0 && atRate.p99 < GOAL.p99Ms && atRate.requests / atRate.seconds >= rate * 0.97;
  console.log(`  goal (portal p99 < ${GOAL.p99Ms} ms at ${GOAL.ratePerProcess} req/s per process, 0 errors): ${held ? 'HOLDS' : 'NOT MET'} — p99 ${atRate.p99.toFixed(1)} ms, ${Math.round(atRate.requests / atRate.seconds)} req/s, ${atRate.errors} errors, server cores used ${atRate.cores.toFixed(2)} of ${servers.length}, waited for a CPU ${atRate.waited.toFixed(2)} s per second`);
}

// The client too, when it leads a session of its own (`setsid npm run bench:load -- --nice -10`): never the caller's shell.
const session = Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ')[3]);
const clientNiced = NICE !== '' && session === process.pid && niceAutogroup(process.pid);
console.log(`bench:load on ${cpus().length} cores (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})${NICE ? `, servers under nice -n ${NICE} (process and autogroup)${clientNiced ? ', client too' : ', client not (run it under setsid for that)'}` : ''}${NO_CACHE ? ', page cache off' : ''}`);
for (const engine of ENGINES) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-load-'));
  const servers: Server[] = [];
  try {
    if (engine === 'sqlite') {
      servers.push(await startServer(PORT, { GONGKAI_DATA_DIR: dir }));
      await scenario('SQLite, one process', servers);
    } else if (engine === 'postgres') {
      const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
      spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', 'gk_load_bench']);
      const made = spawnSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', '-T', 'template0', '--lc-ctype=C.UTF-8', '--lc-collate=C.UTF-8', 'gk_load_bench'], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`createdb gk_load_bench: ${made.stderr}`);
      const env = { GONGKAI_DATA_DIR: dir, DATABASE_URL: `${base}/gk_load_bench` };
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
    if (engine === 'postgres') spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', 'gk_load_bench']);
  }
}
