/**
 * The annual report as PDF: the printable HTML page (../html) printed by a headless system Chromium (docs/stack.md
 * "PDF out"), one browser shared by the exports of a process (./browser.ts). This is the one export `npm ci` cannot provide, so `pdfSupport` says what is missing and the exact
 * command that installs it, and everything else keeps working without it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { DomainError, problem, type Problem } from '../../core/errors.ts';
import { renderHtmlDocument } from '../html/render.ts';
import { BrowserFailure, launchPdfBrowser, type PdfBrowser } from './browser.ts';

/** The Debian packages PDF export needs (README "optional system packages"; .ci/run installs them). */
export const PDF_INSTALL_COMMAND = 'sudo apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei';

const BROWSERS = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'] as const;
const DEFAULT_TIMEOUT_MS = 60_000;

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

/** Once found, a CJK font is remembered: fc-list takes about 60 ms, spent on the event loop of every export otherwise. */
let cjkFontFound = false;

function hasCjkFont(): boolean {
  if (cjkFontFound) return true;
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 });
  cjkFontFound = r.status === 0 && r.stdout.trim().length > 0;
  return cjkFontFound;
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

/**
 * Exports printing at once on the shared browser, and waiting for a turn; one more is refused at once with `pdf.busy`
 * (503, Retry-After). Two at once: a print takes 0.2–0.3 s of a core once the browser runs, and twenty tabs at once on
 * two cores ran every print past its timeout (the issue: 20 anonymous exports all failed after 69 s, 47 browser
 * processes). Eight waiting: about three seconds of work, the longest a person waits for a download before retrying.
 * A print's timeout starts when its turn comes, not while it waits.
 */
export const PDF_EXPORT_LIMITS = { printing: 2, waiting: 8 } as const;

/** A counting semaphore with a bounded waiting line: `enter` resolves to the release, or returns null when full. */
function turns(printing: number, waiting: number): { enter: () => Promise<() => void> | null; readonly stats: () => { printing: number; waiting: number } } {
  let active = 0;
  const line: (() => void)[] = [];
  const release = (): void => {
    const next = line.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    enter: () => {
      if (active < printing) {
        active += 1;
        return Promise.resolve(release);
      }
      if (line.length >= waiting) return null;
      return new Promise((resolve) => line.push(() => resolve(release)));
    },
    stats: () => ({ printing: active, waiting: line.length }),
  };
}

const exportTurns = turns(PDF_EXPORT_LIMITS.printing, PDF_EXPORT_LIMITS.waiting);

/** Exports printing and waiting now (tests). Never throws. */
export const pdfExportQueue = (): { printing: number; waiting: number } => exportTurns.stats();

/** The browser exports of this process share (./browser.ts), relaunched when another executable is asked for or it stopped. */
let shared: { readonly executable: string; readonly browser: PdfBrowser } | null = null;
let launches = 0;

function browserFor(executable: string): PdfBrowser {
  if (shared === null || shared.executable !== executable || !shared.browser.alive()) {
    shared?.browser.close();
    shared = { executable, browser: launchPdfBrowser(executable) };
    launches += 1;
  }
  return shared.browser;
}

/** How many browsers this process has launched for PDF export (tests and benchmarks). Never throws. */
export const pdfBrowserLaunches = (): number => launches;

/** Stop the shared browser now (it also stops by itself after IDLE_MS without exports, and when the process exits). Never throws. */
export function closePdfBrowser(): void {
  shared?.browser.close();
  shared = null;
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
 * install command), `pdf.busy` (PDF_EXPORT_LIMITS: as many exports printing and waiting as allowed) or `pdf.failed`
 * (Chromium failed or timed out, with the tail of its stderr).
 */
export async function renderPdf(report: AnnualReport, options: PdfOptions = {}): Promise<Uint8Array> {
  const support = pdfSupport(options);
  if (!support.ok) throw new DomainError([support.problem]);
  // Taken before anything is awaited, so exports asked for at once are served in the order asked.
  const turn = exportTurns.enter();
  if (turn === null) {
    throw new DomainError([problem('pdf.busy', '', undefined, { printing: PDF_EXPORT_LIMITS.printing, waiting: PDF_EXPORT_LIMITS.waiting })]);
  }
  const release = await turn;
  try {
    return await printReport(report, support.browser, options);
  } finally {
    release();
  }
}

async function printReport(report: AnnualReport, browser: string, options: PdfOptions): Promise<Uint8Array> {
  const html = renderHtmlDocument(report, options.findings ? { findings: options.findings } : {});
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-pdf-'));
  try {
    const page = join(dir, 'report.html');
    await writeFile(page, html, 'utf8');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let pdf: Uint8Array;
    try {
      pdf = await browserFor(browser).print(pathToFileURL(page).href, timeoutMs);
    } catch (error) {
      if (!(error instanceof BrowserFailure)) throw error;
      const { reason, stderr } = error;
      throw reason.kind === 'exit'
        ? failed(`Chromium 退出码 ${String(reason.code)}，未生成 PDF`, `Chromium exited with ${String(reason.code)} without a PDF`, stderr)
        : failed(`Chromium 未能完成（${reason.detail}）`, `Chromium did not finish (${reason.detail})`, stderr);
    }
    if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw failed('Chromium 未生成 PDF', 'Chromium did not produce a PDF', '');
    }
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
