/**
 * A scripted SMTP server for tests (node:net, optional STARTTLS with a given key and certificate): it records every
 * command line and each message as received after DATA (dot-stuffed, as on the wire), and answers as told.
 * Test support only: imported by *.test.ts files.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface ScriptedReplies {
  /** EHLO extension lines (default AUTH PLAIN LOGIN, 8BITMIME). */
  ehlo?: string[];
  /** Reply to MAIL FROM, to RCPT TO, to the end of DATA (default 250). A function gets the attempt number (1-based). */
  mail?: (n: number) => string;
  rcpt?: (n: number) => string;
  data?: (n: number) => string;
  /** Never answer the greeting (for time-outs). */
  silent?: boolean;
  /** Key and certificate for STARTTLS (PEM). */
  tls?: { key: string; cert: string };
  /** TLS from the first byte (port 465 style), with `tls`'s key and certificate. */
  implicitTls?: boolean;
}

export interface Recorded {
  readonly commands: string[][];
  readonly messages: string[];
  readonly auth: { user: string; password: string; method: string }[];
  readonly port: number;
  close(): Promise<void>;
}

export async function startSmtpServer(script: ScriptedReplies = {}): Promise<Recorded> {
  const commands: string[][] = [];
  const messages: string[] = [];
  const auth: { user: string; password: string; method: string }[] = [];
  const counts = { mail: 0, rcpt: 0, data: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    const session: string[] = [];
    commands.push(session);
    let socket: Socket = script.implicitTls && script.tls ? new TLSSocket(raw, { isServer: true, key: script.tls.key, cert: script.tls.cert }) : raw;
    let buffer = '';
    let inData = false;
    let data = '';
    let login: { step: 'user' | 'password'; user: string } | null = null;
    const say = (line: string): void => void socket.write(`${line}\r\n`);
    const onLine = (line: string): void => {
      if (inData) {
        if (line === '.') {
          inData = false;
          messages.push(data);
          data = '';
          say(script.data?.(++counts.data) ?? '250 2.0.0 queued as TEST');
        } else data += `${line}\r\n`;
        return;
      }
      session.push(line);
      if (login) {
        const text = Buffer.from(line, 'base64').toString('utf8');
        if (login.step === 'user') {
          login = { step: 'password', user: text };
          say('334 UGFzc3dvcmQ6');
        } else {
          auth.push({ user: login.user, password: text, method: 'LOGIN' });
          login = null;
          say('235 2.7.0 ok');
        }
        return;
      }
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      if (verb === 'EHLO') {
        const ext = script.ehlo ?? ['AUTH PLAIN LOGIN', '8BITMIME'];
        const all = ['test.local', ...ext];
        all.forEach((l, i) => say(`250${i === all.length - 1 ? ' ' : '-'}${l}`));
      } else if (verb === 'STARTTLS' && script.tls) {
        say('220 2.0.0 go ahead');
        socket.removeAllListeners('data');
        const secure = new TLSSocket(socket, { isServer: true, key: script.tls.key, cert: script.tls.cert });
        socket = secure;
        buffer = '';
        secure.setEncoding('utf8');
        secure.on('data', onData);
        secure.on('error', () => undefined);
      } else if (verb === 'AUTH') {
        const [, method, initial] = line.split(' ');
        if (method?.toUpperCase() === 'PLAIN') {
          const [, user = '', password = ''] = Buffer.from(initial ?? '', 'base64').toString('utf8').split('\0');
          auth.push({ user, password, method: 'PLAIN' });
          say(password === 'wrong' ? '535 5.7.8 authentication failed' : '235 2.7.0 ok');
        } else {
          login = { step: 'user', user: '' };
          say('334 VXNlcm5hbWU6');
        }
      } else if (verb === 'MAIL') say(script.mail?.(++counts.mail) ?? '250 2.1.0 ok');
      else if (verb === 'RCPT') say(script.rcpt?.(++counts.rcpt) ?? '250 2.1.5 ok');
      else if (verb === 'DATA') {
        inData = true;
        say('354 end with <CRLF>.<CRLF>');
      } else if (verb === 'QUIT') {
        say('221 2.0.0 bye');
        socket.end();
      } else say('502 5.5.1 unknown command');
    };
    const onData = (chunk: string): void => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    };
    socket.setEncoding('utf8');
    socket.on('data', onData);
    socket.on('error', () => undefined);
    if (!script.silent) say('220 test.local ESMTP');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    commands,
    messages,
    auth,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
