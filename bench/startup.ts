/**
 * Start-up time of the CLI and the server as a user meets it (issue 12 item 11): each command run as a child process,
 * median (min–max) of `runs` runs, printed, never asserted. Compared: the bundle (bin/gongkai.js running dist/,
 * built by `npm run build` / `npm ci`), the sources through tsx with its transform cache warm, and (for --version)
 * with an empty tsx cache, as after a fresh install or a change to the sources. Part of `npm run bench`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, distIsFresh } from '../bin/launch.js';

const DEMO_REPORT = 'demo/reports/003_02af2ddfabc85d6c.json';

interface Runner {
  readonly name: string;
  /** node arguments before the CLI's own arguments. */
  readonly node: readonly string[];
  /** Run with an empty tsx cache (a fresh TMPDIR per run). */
  readonly coldCache?: boolean;
}

const BUNDLE: Runner = { name: 'dist (bin/gongkai.js)', node: [join(ROOT, 'bin/gongkai.js')] };
const TSX: Runner = { name: 'tsx, cache warm', node: ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts')] };
const TSX_COLD: Runner = { name: 'tsx, empty cache', node: ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts')], coldCache: true };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const figure = (ms: readonly number[]): string =>
  `${(median(ms) / 1000).toFixed(2)} s (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)})`;

function timeCli(runner: Runner, args: readonly string[], runs: number): { ms: number[]; status: number | null } {
  const ms: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < runs; i += 1) {
    const tmp = runner.coldCache ? mkdtempSync(join(tmpdir(), 'gongkai-bench-tsx-')) : null;
    const env = tmp ? { ...process.env, TMPDIR: tmp } : process.env;
    const start = performance.now();
    const r = spawnSync(process.execPath, [...runner.node, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    ms.push(performance.now() - start);
    status = r.status;
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  return { ms, status };
}

/** Time from spawning the server to its "listening" line, on a database already set up by a first start. */
async function timeServer(entry: readonly string[], dataDir: string, port: number): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [...entry], {
    cwd: ROOT,
    env: { ...process.env, GONGKAI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('gongkai is listening')) resolve(performance.now() - start);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${String(code)} before listening:\n${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
}

/** Print the start-up section of `npm run bench`. Builds dist/ first when it is missing or stale. */
export async function benchStartup(runs: number): Promise<void> {
  console.log(`\nstart-up — each command as a child process, median (min–max) of ${runs} runs`);
  if (!distIsFresh()) {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
    if (b.status !== 0 || !distIsFresh()) throw new Error(`npm run build failed: ${DIST} is not a build of the sources`);
    console.log('(dist/ was missing or stale: built it first with npm run build)');
  }
  const rows: [string, Runner, readonly string[]][] = [
    ['gongkai --version', BUNDLE, ['--version']],
    ['gongkai --version', TSX, ['--version']],
    ['gongkai --version', TSX_COLD, ['--version']],
    ['gongkai help', BUNDLE, ['help']],
    ['gongkai help', TSX, ['help']],
    [`gongkai check ${DEMO_REPORT.split('/').pop() ?? ''}`, BUNDLE, ['check', DEMO_REPORT]],
    [`gongkai check ${DEMO_REPORT.split('/').pop() ?? ''}`, TSX, ['check', DEMO_REPORT]],
  ];
  for (const [label, runner, args] of rows) {
    const { ms, status } = timeCli(runner, args, runs);
    console.log(`${label.padEnd(48)}${runner.name.padEnd(24)}${figure(ms).padStart(22)}  exit ${String(status)}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-server-'));
  try {
    const port = 39_000 + (process.pid % 1000);
    await timeServer([join(ROOT, 'bin/server.js')], dataDir, port); // first start: migrations and demo data, not timed
    for (const [name, entry] of [
      ['dist (npm start)', [join(ROOT, 'bin/server.js')]],
      ['tsx, cache warm', ['--import', 'tsx', join(ROOT, 'src/server/main.ts')]],
    ] as const) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i += 1) ms.push(await timeServer(entry, dataDir, port));
      console.log(`${'server: spawn → listening'.padEnd(48)}${name.padEnd(24)}${figure(ms).padStart(22)}`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
