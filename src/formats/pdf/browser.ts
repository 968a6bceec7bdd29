/**
 * One headless Chromium per process for PDF export, driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: requests on fd 3, answers on fd 4, each a JSON message ended by NUL). Starting and
 * stopping Chromium cost most of an export with `--print-to-pdf` (0.9 s each; 0.24 s once the browser runs: measured
 * in docs/decisions.md), so exports within a process share one browser, each in its own tab, closed after printing,
 * and the browser is closed after IDLE_MS without exports. A tab per export and not a browser context per export: the
 * pages are our own HTML read from a file (nothing from the network, no cookies or storage to keep apart), and a
 * context made every export 0.2 s slower.
 * While no export is running the browser holds no reference on node's event loop, so a CLI process exits when its work
 * is done; on exit the browser's process group is killed (and Chromium also quits when its pipe closes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A browser left without exports this long is closed (the server keeps no idle Chromium around). */
export const IDLE_MS = 60_000;
const STDERR_TAIL = 2000;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Containers often have a tiny /dev/shm, where Chromium crashes while printing.
  '--disable-dev-shm-usage',
  '--remote-debugging-pipe',
] as const;

/** Why the browser could not print: it exited (with its code), failed to start, or was stopped at a timeout. */
export class BrowserFailure extends Error {
  constructor(
    readonly reason: { readonly kind: 'exit'; readonly code: number | null } | { readonly kind: 'failure'; readonly detail: string },
    readonly stderr: string,
  ) {
    super(reason.kind === 'exit' ? `Chromium exited with ${String(reason.code)}` : reason.detail);
  }
}

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly sessionId?: string;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly message: string };
}

export interface PdfBrowser {
  /** Print the page at `url` (A4, the page's CSS page size) to PDF bytes. Rejects with BrowserFailure. */
  readonly print: (url: string, timeoutMs: number) => Promise<Uint8Array>;
  /** Whether it can still print (not exited, killed or closed). */
  readonly alive: () => boolean;
  /** Stop the browser; pending prints reject. Never throws. */
  readonly close: () => void;
}

/** Start `executable` headless with a fresh profile in a temporary folder. Never throws: failures reject `print`. */
export function launchPdfBrowser(executable: string): PdfBrowser {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-chromium-'));
  const child: ChildProcess = spawn(executable, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    // Its own process group, so stopping it stops its helper processes too.
    detached: true,
  });
  const stderrStream = child.stdio[2] as Readable;
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const handles = [child, stderrStream, input, output] as const;
  let stderr = '';
  let dead: BrowserFailure | null = null;
  let nextId = 0;
  let jobs = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  const pending = new Map<number, { resolve: (m: Message) => void; reject: (e: BrowserFailure) => void }>();
  const listeners = new Set<{ readonly listen: (m: Message) => void; readonly reject: (e: BrowserFailure) => void }>();

  // Hold the event loop only while a print is running.
  const hold = (on: boolean): void => {
    for (const h of handles as readonly { ref?: () => void; unref?: () => void }[]) (on ? h.ref : h.unref)?.call(h);
  };
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const onExit = (): void => {
    killGroup();
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onExit);

  const die = (failure: BrowserFailure): void => {
    if (dead) return;
    dead = failure;
    if (idleTimer) clearTimeout(idleTimer);
    killGroup();
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    for (const l of listeners) l.reject(failure);
    listeners.clear();
    hold(false);
  };

  stderrStream.setEncoding('utf8');
  stderrStream.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4 * STDERR_TAIL);
  });
  let buffer = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      let message: Message;
      try {
        message = JSON.parse(buffer.slice(0, end)) as Message;
      } catch {
        return die(new BrowserFailure({ kind: 'failure', detail: 'unreadable DevTools message' }, stderr.slice(-STDERR_TAIL)));
      }
      buffer = buffer.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (waiting && message.id !== undefined) {
        pending.delete(message.id);
        waiting.resolve(message);
      } else {
        for (const l of [...listeners]) l.listen(message);
      }
    }
  });
  // A pipe closed by a dying Chromium errors on write; the exit below reports it.
  input.on('error', () => undefined);
  output.on('error', () => undefined);
  child.on('error', (error) => die(new BrowserFailure({ kind: 'failure', detail: error.message }, stderr.slice(-STDERR_TAIL))));
  child.on('close', (code) => {
    process.off('exit', onExit);
    rmSync(dir, { recursive: true, force: true });
    die(new BrowserFailure({ kind: 'exit', code }, stderr.slice(-STDERR_TAIL)));
  });
  hold(false);

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      nextId += 1;
      const id = nextId;
      pending.set(id, {
        resolve: (m) => (m.error ? reject(new BrowserFailure({ kind: 'failure', detail: `${method}: ${m.error.message}` }, stderr.slice(-STDERR_TAIL))) : resolve(m.result ?? {})),
        reject,
      });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  /** The next `method` event of `sessionId`; `cancel` stops waiting (the promise then never settles). */
  const event = (method: string, sessionId: string): { readonly promise: Promise<void>; readonly cancel: () => void } => {
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve, reject) => {
      if (dead) return reject(dead);
      const entry = {
        listen: (m: Message): void => {
          if (m.method === method && m.sessionId === sessionId) {
            listeners.delete(entry);
            resolve();
          }
        },
        reject,
      };
      listeners.add(entry);
      cancel = () => void listeners.delete(entry);
    });
    return { promise, cancel };
  };

  const print = async (url: string, timeoutMs: number): Promise<Uint8Array> => {
    if (idleTimer) clearTimeout(idleTimer);
    jobs += 1;
    hold(true);
    // A print that does not finish in time means a wedged browser: stop it (any other print running on it fails too).
    const timer = setTimeout(() => die(new BrowserFailure({ kind: 'failure', detail: `timeout ${timeoutMs / 1000} s` }, stderr.slice(-STDERR_TAIL))), timeoutMs);
    let target: unknown = null;
    try {
      target = (await send('Target.createTarget', { url: 'about:blank' })).targetId;
      const { sessionId } = (await send('Target.attachToTarget', { targetId: target, flatten: true })) as { sessionId: string };
      await send('Page.enable', {}, sessionId);
      const loaded = event('Page.loadEventFired', sessionId);
      loaded.promise.catch(() => undefined); // awaited below; if navigating fails first, nobody awaits it
      const navigated = await send('Page.navigate', { url }, sessionId).catch((error: unknown) => {
        loaded.cancel();
        throw error;
      });
      if (typeof navigated.errorText === 'string') {
        loaded.cancel();
        throw new BrowserFailure({ kind: 'failure', detail: `${url}: ${navigated.errorText}` }, '');
      }
      await loaded.promise;
      // The parameters --print-to-pdf used: the page's @page size, no header or footer, no backgrounds.
      const { data } = await send('Page.printToPDF', { preferCSSPageSize: true, displayHeaderFooter: false, printBackground: false }, sessionId);
      return new Uint8Array(Buffer.from(String(data), 'base64'));
    } finally {
      // The export's tab is closed whether it printed or not.
      if (target !== null && !dead) await send('Target.closeTarget', { targetId: target }).catch(() => undefined);
      clearTimeout(timer);
      jobs -= 1;
      if (jobs === 0 && !dead) {
        hold(false);
        idleTimer = setTimeout(() => die(new BrowserFailure({ kind: 'failure', detail: 'closed' }, '')), IDLE_MS);
        idleTimer.unref();
      }
    }
  };

  return {
    print,
    alive: () => dead === null,
    close: () => die(new BrowserFailure({ kind: 'failure', detail: 'closed' }, '')),
  };
}
