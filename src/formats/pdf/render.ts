/**
 * The annual report as PDF: the printable HTML page (../html) printed by a headless system Chromium (docs/stack.md
 * "PDF out"). This is the one export `npm ci` cannot provide, so `pdfSupport` says what is missing and the exact
 * command that installs it, and everything else keeps working without it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { DomainError, problem, type Problem } from '../../core/errors.ts';
import { renderHtmlDocument } from '../html/render.ts';

/** The Debian packages PDF export needs (README "optional system packages"; .ci/run installs them). */
export const PDF_INSTALL_COMMAND = 'sudo apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei';

const BROWSERS = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'] as const;
const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_TAIL = 2000;

type Env = Readonly<Record<string, string | undefined>>;

export interface PdfEnvironment {
  /** Environment to read PATH and CHROMIUM_PATH from (default: process.env). */
  readonly env?: Env;
}

export type PdfSupport = { ok: true; browser: string } | { ok: false; problem: Problem };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Resolve a browser name (absolute path or command on PATH) to an executable file, or null. */
function resolveBrowser(name: string, env: Env): string | null {
  if (isAbsolute(name)) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function unavailable(zh: string, en: string): PdfSupport {
  return {
    ok: false,
    problem: problem(
      'pdf.unavailable',
      '',
      { zh: `${zh}。请运行：${PDF_INSTALL_COMMAND}`, en: `${en}. Install with: ${PDF_INSTALL_COMMAND}` },
      { install: PDF_INSTALL_COMMAND },
    ),
  };
}

/**
 * Whether PDF export can run here: a Chromium (CHROMIUM_PATH, else /usr/bin/chromium, chromium, chromium-browser,
 * google-chrome on PATH) and a CJK font (`fc-list :lang=zh`). Otherwise a `pdf.unavailable` problem naming the
 * install command. Never throws.
 */
export function pdfSupport(environment: PdfEnvironment = {}): PdfSupport {
  const env = environment.env ?? process.env;
  const explicit = env.CHROMIUM_PATH?.trim();
  // An explicit CHROMIUM_PATH that does not work is reported, not silently replaced by another browser.
  const browser = explicit ? resolveBrowser(explicit, env) : BROWSERS.map((b) => resolveBrowser(b, env)).find((b) => b !== null) ?? null;
  if (browser === null) {
    return explicit
      ? unavailable(`CHROMIUM_PATH=${explicit} 不是可执行的浏览器`, `CHROMIUM_PATH=${explicit} is not an executable browser`)
      : unavailable('未找到 Chromium 浏览器', 'no Chromium browser found');
  }
  if (!hasCjkFont()) return unavailable('未找到中文字体（fc-list :lang=zh 为空）', 'no CJK font found (fc-list :lang=zh is empty)');
  return { ok: true, browser };
}

interface RunResult {
  readonly code: number | null;
  readonly stderr: string;
  readonly failure: string | null;
}

/** Run the browser in its own process group so a timeout can end it together with its child processes. */
function runBrowser(browser: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let failure: string | null = null;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4 * STDERR_TAIL);
    });
    const timer = setTimeout(() => {
      failure = `timeout ${timeoutMs / 1000} s`;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      failure ??= err.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.slice(-STDERR_TAIL), failure });
    });
  });
}

function failed(zh: string, en: string, stderr: string): DomainError {
  const tail = stderr.trim();
  return new DomainError([
    problem('pdf.failed', '', { zh: tail ? `${zh}\n${tail}` : zh, en: tail ? `${en}\n${tail}` : en }, { stderr: tail }),
  ]);
}

export interface PdfOptions extends PdfEnvironment {
  /** Validator findings to highlight, as in the HTML page. */
  readonly findings?: readonly Finding[];
  /** Give up on Chromium after this long (default 60 s). */
  readonly timeoutMs?: number;
}

/**
 * The report as a PDF (A4). Rejects with DomainError `pdf.unavailable` (Chromium or CJK fonts missing, with the
 * install command) or `pdf.failed` (Chromium failed or timed out, with the tail of its stderr).
 */
export async function renderPdf(report: AnnualReport, options: PdfOptions = {}): Promise<Uint8Array> {
  const support = pdfSupport(options);
  if (!support.ok) throw new DomainError([support.problem]);
  const html = renderHtmlDocument(report, options.findings ? { findings: options.findings } : {});
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html, 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Containers often have a tiny /dev/shm, where Chromium crashes while printing.
      '--disable-dev-shm-usage',
      // A fresh profile per run: no state shared between runs or with a desktop browser.
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`,
      '--no-pdf-header-footer',
      pathToFileURL(page).href,
    ];
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const run = await runBrowser(support.browser, args, timeoutMs);
    if (run.failure !== null) {
      throw failed(`Chromium 未能完成（${run.failure}）`, `Chromium did not finish (${run.failure})`, run.stderr);
    }
    const pdf = await readFile(out).catch(() => null);
    if (run.code !== 0 || pdf === null || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw failed(`Chromium 退出码 ${String(run.code)}，未生成 PDF`, `Chromium exited with ${String(run.code)} without a PDF`, run.stderr);
    }
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
