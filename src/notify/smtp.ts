/**
 * A small SMTP client on node:net / node:tls (RFC 5321, 3207, 4954, 2045-2047): EHLO, STARTTLS when offered (required
 * with secure 'starttls'), implicit TLS (secure 'tls', port 465), AUTH PLAIN or LOGIN, MAIL FROM / RCPT TO / DATA with
 * dot-stuffing. Messages are UTF-8 text/plain, base64, with an RFC 2047 subject, a Date in +0800 and a Message-ID.
 * Every failure is an SmtpError with a code from core/errors.ts (notify.smtp*), Chinese and English, and the server's
 * reply when there was one; `temporary` says whether a retry may help (a 4xx reply, a time-out, a dropped connection).
 */
import { randomUUID } from 'node:crypto';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { ERROR_CODES, type ErrorCode } from '../core/errors.ts';

export type SmtpSecurity = 'tls' | 'starttls' | 'auto';

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** tls: implicit TLS from the first byte (465); starttls: STARTTLS required; auto: STARTTLS when the server offers it. */
  readonly secure: SmtpSecurity;
  readonly user?: string;
  readonly password?: string;
  /** The sender: `addr@example.org` or `名称 <addr@example.org>`. */
  readonly from: string;
  /** Per reply, in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** The name said in EHLO (default the from address's domain). */
  readonly clientName?: string;
  /** Extra TLS options (a private CA, in tests). */
  readonly tls?: ConnectionOptions;
}

export class SmtpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reply: string | null,
    readonly temporary: boolean,
  ) {
    const m = ERROR_CODES[code];
    super(`${code}：${m.zh} / ${m.en}${reply ? `（${reply}）` : ''}`);
    this.name = 'SmtpError';
  }
}

/** `名称 <a@b>` → { name, address }; a bare address has no name. */
export function parseMailbox(text: string): { name: string | null; address: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(text);
  if (m) {
    const raw = m[1] ?? '';
    const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
    return { name: (quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : raw) || null, address: m[2] ?? '' };
  }
  return { name: null, address: text.trim() };
}

/** RFC 2047 encoded-words (UTF-8, base64) for a header value; ASCII text stays as it is. Each word ≤ 75 characters. */
export function encodeHeader(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    // 45 bytes of UTF-8 → 60 characters of base64, + 12 for =?UTF-8?B??= → 72.
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** RFC 5322 date in Beijing time: `Sat, 05 Dec 2026 21:33:08 +0800`. */
export function mailDate(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`;
}

/** Lines starting with "." get another "." (RFC 5321 4.5.2); line ends become CRLF. */
export function dotStuff(data: string): string {
  return data.replace(/\r?\n/g, '\r\n').split('\r\n').map((l) => (l.startsWith('.') ? `.${l}` : l)).join('\r\n');
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly date?: Date;
  readonly messageId?: string;
}

/** The message as sent after DATA (before dot-stuffing): headers, a blank line, the base64 body in 76-character lines. */
export function buildMessage(from: string, m: MailMessage): string {
  const sender = parseMailbox(from);
  const domain = sender.address.split('@')[1] ?? 'localhost';
  const name = sender.name === null ? null : /^[\x20-\x7e]*$/.test(sender.name) ? `"${sender.name.replace(/["\\]/g, '\\$&')}"` : encodeHeader(sender.name);
  const fromHeader = name ? `${name} <${sender.address}>` : sender.address;
  const body = Buffer.from(m.body.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${fromHeader}`,
    `To: ${m.to}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${mailDate(m.date ?? new Date())}`,
    `Message-ID: <${m.messageId ?? randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
  readonly text: string;
}

/** One SMTP conversation over a socket that may be upgraded to TLS. */
class Session {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private ready: Reply[] = [];
  private failure: Error | null = null;

  constructor(
    private socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error: Error) => this.fail(error instanceof SmtpError ? error : new SmtpError(isTlsError(error) ? 'notify.smtpTls' : 'notify.smtpConnect', error.message, !isTlsError(error))));
    socket.on('close', () => this.fail(new SmtpError('notify.smtpConnect', 'connection closed / 连接已关闭', true)));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      const m = /^(\d{3})([ -])(.*)$/.exec(line);
      if (!m) {
        this.fail(new SmtpError('notify.smtpProtocol', line.slice(0, 200), true));
        return;
      }
      this.lines.push(m[3] ?? '');
      if (m[2] === ' ') {
        const reply = { code: Number(m[1]), lines: this.lines, text: `${m[1]} ${this.lines.join(' / ')}`.slice(0, 500) };
        this.lines = [];
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = null;
          clearTimeout(w.timer);
          w.resolve(reply);
        } else this.ready.push(reply);
      }
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      clearTimeout(w.timer);
      w.reject(error);
    }
  }

  read(): Promise<Reply> {
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        const e = new SmtpError('notify.smtpTimeout', null, true);
        this.failure = e;
        this.socket.destroy();
        reject(e);
      }, this.timeoutMs);
      this.waiting = { resolve, reject, timer };
    });
  }

  async command(line: string | null, expect: readonly number[], onError: ErrorCode = 'notify.smtpRejected'): Promise<Reply> {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const reply = await this.read();
    if (!expect.includes(reply.code)) {
      const temporary = reply.code >= 400 && reply.code < 500;
      throw new SmtpError(temporary ? 'notify.smtpTemporary' : onError, reply.text, temporary);
    }
    return reply;
  }

  /** Upgrade to TLS after STARTTLS's 220. */
  async startTls(host: string, options: ConnectionOptions | undefined): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({ socket: plain, ...serverName(host), ...options }, () => resolve(s));
      s.once('error', (e) => reject(new SmtpError('notify.smtpTls', e.message, false)));
      setTimeout(() => reject(new SmtpError('notify.smtpTimeout', 'TLS', true)), this.timeoutMs).unref();
    });
    this.socket = secure;
    this.buffer = '';
    this.attach(secure);
  }

  write(data: string): void {
    this.socket.write(data);
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }
}

/** SNI names a host, never an address (RFC 6066). */
const serverName = (host: string): { servername?: string } => (isIP(host) ? {} : { servername: host });

const isTlsError = (e: Error): boolean => /SSL|TLS|certificate|CERT|self.signed|handshake/i.test(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`);

function open(cfg: SmtpConfig, timeoutMs: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpError('notify.smtpTimeout', `${cfg.host}:${cfg.port}`, true));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    };
    const socket: Socket | TLSSocket = cfg.secure === 'tls' ? tlsConnect({ host: cfg.host, port: cfg.port, ...serverName(cfg.host), ...cfg.tls }, done) : netConnect({ host: cfg.host, port: cfg.port }, done);
    socket.once('error', (e: Error) => {
      clearTimeout(timer);
      reject(new SmtpError(isTlsError(e) ? 'notify.smtpTls' : 'notify.smtpConnect', `${cfg.host}:${cfg.port} ${e.message}`, !isTlsError(e)));
    });
  });
}

const extensions = (r: Reply): Set<string> => new Set(r.lines.slice(1).map((l) => l.toUpperCase()));
const authMethods = (ext: Set<string>): Set<string> => new Set([...ext].filter((l) => l.startsWith('AUTH ') || l.startsWith('AUTH=')).flatMap((l) => l.slice(5).split(/\s+/)));

/**
 * Send the raw message `data` (headers and body, CRLF or LF lines) from `from` to `to`: one connection, one message.
 * Resolves with the server's reply to the end of DATA; rejects with SmtpError.
 */
export async function sendRaw(cfg: SmtpConfig, envelope: { from: string; to: readonly string[] }, data: string): Promise<string> {
  const timeoutMs = cfg.timeoutMs ?? 30_000;
  const session = new Session(await open(cfg, timeoutMs), timeoutMs);
  const name = cfg.clientName ?? envelope.from.split('@')[1] ?? 'localhost';
  try {
    await session.command(null, [220], 'notify.smtpConnect');
    let ehlo = await session.command(`EHLO ${name}`, [250], 'notify.smtpProtocol');
    let ext = extensions(ehlo);
    if (cfg.secure !== 'tls') {
      if (ext.has('STARTTLS')) {
        await session.command('STARTTLS', [220], 'notify.smtpTls');
        await session.startTls(cfg.host, cfg.tls);
        ehlo = await session.command(`EHLO ${name}`, [250], 'notify.smtpProtocol');
        ext = extensions(ehlo);
      } else if (cfg.secure === 'starttls') {
        throw new SmtpError('notify.smtpStartTlsRequired', ehlo.text, false);
      }
    }
    if (cfg.user) {
      const methods = authMethods(ext);
      const password = cfg.password ?? '';
      if (methods.has('PLAIN')) {
        await session.command(`AUTH PLAIN ${Buffer.from(`\0${cfg.user}\0${password}`, 'utf8').toString('base64')}`, [235], 'notify.smtpAuth');
      } else if (methods.has('LOGIN')) {
        await session.command('AUTH LOGIN', [334], 'notify.smtpAuth');
        await session.command(Buffer.from(cfg.user, 'utf8').toString('base64'), [334], 'notify.smtpAuth');
        await session.command(Buffer.from(password, 'utf8').toString('base64'), [235], 'notify.smtpAuth');
      } else {
        throw new SmtpError('notify.smtpAuthUnsupported', ehlo.text, false);
      }
    }
    await session.command(`MAIL FROM:<${envelope.from}>`, [250]);
    for (const to of envelope.to) await session.command(`RCPT TO:<${to}>`, [250, 251]);
    await session.command('DATA', [354]);
    const stuffed = dotStuff(data);
    session.write(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
    const accepted = await session.command(null, [250]);
    await session.command('QUIT', [221]).catch(() => undefined);
    return accepted.text;
  } finally {
    session.close();
  }
}

/** Send one text message to one recipient. Resolves with the server's acceptance; rejects with SmtpError. */
export async function sendMail(cfg: SmtpConfig, m: MailMessage): Promise<string> {
  const from = parseMailbox(cfg.from).address;
  return sendRaw(cfg, { from, to: [m.to] }, buildMessage(cfg.from, m));
}
