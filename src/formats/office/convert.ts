/**
 * Legacy office files (.doc, .wps, .rtf; .xls, .et) → .docx or .xlsx through LibreOffice headless, an optional system
 * package found at run time (`soffice` on PATH, or the path given). Each conversion runs in a fresh temporary folder
 * holding its own LibreOffice profile — with macros disabled and the security level at its highest, so a document's
 * macros never run — the input and the output; soffice runs in its own process group, which is killed at the time
 * limit, and the folder is removed afterwards whatever happened. Without LibreOffice: `import.officeUnavailable`,
 * whose message carries the install command.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { problem, type Problem } from '../../core/errors.ts';

/** The Debian packages that provide soffice for Writer and Calc documents, without a GUI (README, .ci/run). */
export const OFFICE_INSTALL_COMMAND = 'sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui';

export interface OfficeOptions {
  /** The soffice command or path (default: soffice, then libreoffice, on PATH). */
  readonly soffice?: string;
  /** Give up after this long (default 60 s; LibreOffice starts in 1–3 s, a report converts in about as much). */
  readonly timeoutMs?: number;
  /** Told the process group of LibreOffice when it starts (the worker pool stops it with the worker at its limit). */
  readonly onSpawn?: (pid: number) => void;
  /** Told when that process has exited and been reaped by this thread. */
  readonly onExit?: (pid: number) => void;
}

export type OfficeTarget = 'docx' | 'xlsx' | 'doc' | 'xls';
export type Converted = { ok: true; bytes: Uint8Array } | { ok: false; problem: Problem };

const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_TAIL = 2000;
const NAMES = ['soffice', 'libreoffice'];

/** The first executable of these names on PATH, or null. Never throws. */
async function onPath(names: readonly string[]): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '')) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        await access(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** The soffice to run: the one given (when it is executable), else soffice/libreoffice on PATH; null when none. Never throws. */
export async function findSoffice(given?: string): Promise<string | null> {
  if (given === undefined) return onPath(NAMES);
  if (!given.includes('/')) return onPath([given]);
  try {
    await access(given, constants.X_OK);
    return given;
  } catch {
    return null;
  }
}

/** The profile's settings: macros never run (DisableMacrosExecution, MacroSecurityLevel 3 = very high). */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
`;

type Run = { kind: 'ok' } | { kind: 'timeout' } | { kind: 'failed'; reason: string } | { kind: 'missing' };

function run(command: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv, watch: Pick<OfficeOptions, 'onSpawn' | 'onExit'> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // Its own process group: at the time limit the whole LibreOffice (soffice.bin under its wrapper script) is killed.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env });
    const pid = child.pid;
    if (pid !== undefined) {
      watch.onSpawn?.(pid);
      child.once('exit', () => watch.onExit?.(pid));
    }
    let stderr = '';
    let outcome: Run | null = null;
    const timer = setTimeout(() => {
      outcome ??= { kind: 'timeout' };
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4 * STDERR_TAIL);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      outcome ??= err.code === 'ENOENT' || err.code === 'EACCES' ? { kind: 'missing' } : { kind: 'failed', reason: err.message };
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (outcome) return resolve(outcome);
      resolve(code === 0 ? { kind: 'ok' } : { kind: 'failed', reason: stderr.trim().slice(-STDERR_TAIL) || `soffice exited with ${String(code)}` });
    });
  });
}

const unavailable = (): Converted => ({ ok: false, problem: problem('import.officeUnavailable', '', undefined, { install: OFFICE_INSTALL_COMMAND }) });
const failed = (zh: string, en: string, data?: Record<string, unknown>): Converted => ({ ok: false, problem: problem('import.officeFailed', '', { zh, en }, data) });

/**
 * The file converted by LibreOffice into `target`. `ext` is the input's extension (doc, wps, rtf, xls, et): LibreOffice
 * reads the content whatever the name, the extension only helps it choose. Errors (as values, never thrown):
 * `import.officeUnavailable` (no LibreOffice: the install command in `data.install`), `import.officeFailed` (timed
 * out, failed, or wrote nothing: e.g. a spreadsheet asked for as a text document).
 */
export async function convertOffice(bytes: Uint8Array, ext: string, target: OfficeTarget, options: OfficeOptions = {}): Promise<Converted> {
  const soffice = await findSoffice(options.soffice);
  if (soffice === null) return unavailable();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-office-'));
  try {
    const profile = join(dir, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
    const input = join(dir, `input.${/^[a-z0-9]{1,5}$/i.test(ext) ? ext : 'bin'}`);
    const outdir = join(dir, 'out');
    await writeFile(input, bytes);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nologo',
      '--nodefault',
      '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      target,
      '--outdir',
      outdir,
      input,
    ];
    // HOME inside the folder too: nothing of LibreOffice's lands in the server's home.
    const r = await run(soffice, args, timeoutMs, { ...process.env, HOME: dir }, options);
    if (r.kind === 'missing') return unavailable();
    if (r.kind === 'timeout') return failed(`超时（${timeoutMs / 1000} 秒）`, `timed out (${timeoutMs / 1000} s)`);
    if (r.kind === 'failed') return failed(r.reason, r.reason);
    const written = await readdir(outdir).catch(() => [] as string[]);
    const out = written.find((f) => f.endsWith(`.${target}`));
    if (out === undefined) {
      return failed(`没有生成 .${target}（文件损坏，或不是${target === 'docx' ? '文字文档' : '电子表格'}）`, `no .${target} was written (a damaged file, or not a ${target === 'docx' ? 'text document' : 'spreadsheet'})`);
    }
    return { ok: true, bytes: new Uint8Array(await readFile(join(outdir, out))) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
