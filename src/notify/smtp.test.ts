import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildMessage, dotStuff, encodeHeader, mailDate, sendMail, sendRaw, SmtpError, type SmtpConfig } from './smtp.ts';
import { readSmtpConfig, smtpSender } from './senders.ts';
import { startSmtpServer } from './test-smtp-server.ts';

const SUBJECT = '政府信息公开申请登记回执（申请编号：2025-000123）';
const BODY = '政府信息公开申请登记回执\n〔2025〕依申登第000123号\n\n刘桂英：\n　　你（单位）于2025年11月3日提出的申请已收到。\n.以点开头的一行\n';

/** Split a message into headers (unfolded) and body. */
function parse(raw: string): { headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}
const decodeWords = (v: string): string => v.split(/\s+/).map((w) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(w)).map((m) => Buffer.from(m?.[1] ?? '', 'base64').toString('utf8')).join('');
const unstuff = (data: string): string => data.split('\r\n').map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n');

describe('SMTP client', () => {
  test('the envelope, AUTH PLAIN, the headers (RFC 2047 subject, +0800 date, Message-ID) and the base64 UTF-8 body', async () => {
    const server = await startSmtpServer();
    after(() => server.close());
    const cfg: SmtpConfig = { host: '127.0.0.1', port: server.port, secure: 'auto', user: 'gk@zhongyuan.gov.cn', password: 'p@ss 密码', from: '中原县人民政府办公室 <gk@zhongyuan.gov.cn>', timeoutMs: 5000 };
    const reply = await sendMail(cfg, { to: 'liu@example.com', subject: SUBJECT, body: BODY, date: new Date('2026-12-05T13:33:08Z'), messageId: 'm-1' });
    assert.match(reply, /^250 /);
    assert.deepEqual(server.commands[0]?.slice(0, 1), ['EHLO zhongyuan.gov.cn']);
    assert.deepEqual(server.commands[0]?.slice(2), ['MAIL FROM:<gk@zhongyuan.gov.cn>', 'RCPT TO:<liu@example.com>', 'DATA', 'QUIT']);
    assert.match(server.commands[0]?.[1] ?? '', /^AUTH PLAIN /);
    assert.deepEqual(server.auth, [{ user: 'gk@zhongyuan.gov.cn', password: 'p@ss 密码', method: 'PLAIN' }]);
    const { headers, body } = parse(unstuff(server.messages[0] ?? ''));
    assert.equal(decodeWords(headers.get('subject') ?? ''), SUBJECT);
    assert.equal(decodeWords((headers.get('from') ?? '').replace(/ <.*$/, '')), '中原县人民政府办公室');
    assert.match(headers.get('from') ?? '', /<gk@zhongyuan\.gov\.cn>$/);
    assert.equal(headers.get('to'), 'liu@example.com');
    assert.equal(headers.get('date'), 'Sat, 05 Dec 2026 21:33:08 +0800');
    assert.equal(headers.get('message-id'), '<m-1@zhongyuan.gov.cn>');
    assert.equal(headers.get('content-type'), 'text/plain; charset=UTF-8');
    assert.equal(headers.get('content-transfer-encoding'), 'base64');
    assert.ok(body.split('\r\n').every((l) => l.length <= 76));
    assert.equal(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'), BODY.replace(/\n/g, '\r\n'));
  });

  test('AUTH LOGIN when PLAIN is not offered; dot-stuffing of lines starting with "."', async () => {
    const server = await startSmtpServer({ ehlo: ['AUTH LOGIN'] });
    after(() => server.close());
    const cfg: SmtpConfig = { host: '127.0.0.1', port: server.port, secure: 'auto', user: 'u', password: 'secret', from: 'gk@example.org', timeoutMs: 5000 };
    await sendRaw(cfg, { from: 'gk@example.org', to: ['a@example.com', 'b@example.com'] }, 'Subject: x\n\n.one\n..two\nthree.\n.\n');
    assert.deepEqual(server.commands[0], ['EHLO example.org', 'AUTH LOGIN', 'dQ==', 'c2VjcmV0', 'MAIL FROM:<gk@example.org>', 'RCPT TO:<a@example.com>', 'RCPT TO:<b@example.com>', 'DATA', 'QUIT']);
    assert.deepEqual(server.auth, [{ user: 'u', password: 'secret', method: 'LOGIN' }]);
    assert.equal(server.messages[0], 'Subject: x\r\n\r\n..one\r\n...two\r\nthree.\r\n..\r\n');
    assert.equal(dotStuff('.a\n b\n.'), '..a\r\n b\r\n..');
  });

  test('a refusal is a coded error, Chinese and English, with the reply; 4xx temporary, 5xx not; a bad password is notify.smtpAuth', async () => {
    const server = await startSmtpServer({ rcpt: (n) => (n === 1 ? '451 4.3.0 try later' : '550 5.1.1 no such user') });
    after(() => server.close());
    const cfg: SmtpConfig = { host: '127.0.0.1', port: server.port, secure: 'auto', from: 'gk@example.org', timeoutMs: 5000 };
    const first = await sendMail(cfg, { to: 'x@example.com', subject: 's', body: 'b' }).catch((e: unknown) => e);
    assert.ok(first instanceof SmtpError);
    assert.equal(first.code, 'notify.smtpTemporary');
    assert.equal(first.temporary, true);
    assert.match(first.message, /^notify\.smtpTemporary：邮件服务器暂时无法接收.* \/ the mail server is temporarily.*451 4\.3\.0 try later/);
    const second = await sendMail(cfg, { to: 'x@example.com', subject: 's', body: 'b' }).catch((e: unknown) => e);
    assert.ok(second instanceof SmtpError);
    assert.equal(second.code, 'notify.smtpRejected');
    assert.equal(second.temporary, false);
    const bad = await sendMail({ ...cfg, user: 'u', password: 'wrong' }, { to: 'x@example.com', subject: 's', body: 'b' }).catch((e: unknown) => e);
    assert.ok(bad instanceof SmtpError);
    assert.equal(bad.code, 'notify.smtpAuth');
  });

  test('STARTTLS required but not offered → notify.smtpStartTlsRequired; time-out and refused connection are coded', async () => {
    const server = await startSmtpServer({ ehlo: ['8BITMIME'] });
    const silent = await startSmtpServer({ silent: true });
    after(() => Promise.all([server.close(), silent.close()]));
    const cfg: SmtpConfig = { host: '127.0.0.1', port: server.port, secure: 'starttls', from: 'gk@example.org', timeoutMs: 5000 };
    const e = await sendMail(cfg, { to: 'x@example.com', subject: 's', body: 'b' }).catch((x: unknown) => x);
    assert.ok(e instanceof SmtpError);
    assert.equal(e.code, 'notify.smtpStartTlsRequired');
    assert.equal(server.messages.length, 0);
    const t = await sendMail({ ...cfg, port: silent.port, timeoutMs: 200 }, { to: 'x@example.com', subject: 's', body: 'b' }).catch((x: unknown) => x);
    assert.ok(t instanceof SmtpError);
    assert.equal(t.code, 'notify.smtpTimeout');
    const closed = await silent.close().then(() => sendMail({ ...cfg, port: silent.port }, { to: 'x@example.com', subject: 's', body: 'b' }).catch((x: unknown) => x));
    assert.ok(closed instanceof SmtpError);
    assert.equal(closed.code, 'notify.smtpConnect');
  });

  test('STARTTLS when offered: the rest of the session is encrypted; implicit TLS from the first byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-smtp-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const server = await startSmtpServer({ ehlo: ['STARTTLS', 'AUTH PLAIN'], tls: { key, cert } });
    after(() => server.close());
    const cfg: SmtpConfig = { host: '127.0.0.1', port: server.port, secure: 'starttls', user: 'u', password: 'p', from: 'gk@example.org', timeoutMs: 5000, tls: { ca: cert } };
    await sendMail(cfg, { to: 'x@example.com', subject: SUBJECT, body: BODY });
    assert.deepEqual(server.commands[0]?.slice(0, 3), ['EHLO example.org', 'STARTTLS', 'EHLO example.org']);
    assert.equal(server.messages.length, 1);
    // An untrusted certificate is refused: notify.smtpTls, not retried.
    const untrusted = await sendMail({ ...cfg, tls: {} }, { to: 'x@example.com', subject: 's', body: 'b' }).catch((x: unknown) => x);
    assert.ok(untrusted instanceof SmtpError);
    assert.equal(untrusted.code, 'notify.smtpTls');
    // Implicit TLS (port 465): no STARTTLS, the whole session encrypted from the greeting on.
    const implicit = await startSmtpServer({ ehlo: ['AUTH PLAIN'], tls: { key, cert }, implicitTls: true });
    after(() => implicit.close());
    await sendMail({ ...cfg, port: implicit.port, secure: 'tls' }, { to: 'y@example.com', subject: SUBJECT, body: BODY });
    assert.deepEqual(implicit.commands[0], ['EHLO example.org', `AUTH PLAIN ${Buffer.from('\0u\0p').toString('base64')}`, 'MAIL FROM:<gk@example.org>', 'RCPT TO:<y@example.com>', 'DATA', 'QUIT']);
    assert.equal(implicit.messages.length, 1);
    // A plain-text client against it gets no SMTP greeting: a coded error, not a hang.
    const plain = await sendMail({ ...cfg, port: implicit.port, secure: 'auto', timeoutMs: 500 }, { to: 'y@example.com', subject: 's', body: 'b' }).catch((x: unknown) => x);
    assert.ok(plain instanceof SmtpError);
  });

  test('helpers: encoded words stay within 75 characters; dates in +0800; a message is ASCII only', () => {
    const long = '政府信息公开申请答复书'.repeat(5);
    const encoded = encodeHeader(long);
    assert.ok(encoded.split('\r\n ').every((w) => w.length <= 75));
    assert.equal(decodeWords(encoded.replace(/\r\n /g, ' ')), long);
    assert.equal(encodeHeader('plain ascii'), 'plain ascii');
    assert.equal(mailDate(new Date('2026-12-31T20:00:00Z')), 'Fri, 01 Jan 2027 04:00:00 +0800');
    assert.match(buildMessage('gk@example.org', { to: 'a@b.cn', subject: SUBJECT, body: BODY }), /^[\t\r\n\x20-\x7e]*$/);
    assert.match(buildMessage('Office, "Zhongyuan" <gk@example.org>', { to: 'a@b.cn', subject: 's', body: 'b' }), /^From: "Office, \\"Zhongyuan\\"" <gk@example\.org>\r\n/);
  });

  test('settings from the environment: none → not configured; 465 → implicit TLS; bad values → config.invalid', async () => {
    assert.deepEqual(readSmtpConfig({}), { ok: true, config: null });
    const sender = smtpSender(null);
    assert.equal(sender.configured, false);
    const tls = readSmtpConfig({ GONGKAI_SMTP_HOST: 'smtp.example.org', GONGKAI_SMTP_PORT: '465', GONGKAI_SMTP_FROM: 'gk@example.org' });
    assert.ok(tls.ok && tls.config?.secure === 'tls');
    const dflt = readSmtpConfig({ GONGKAI_SMTP_HOST: 'smtp.example.org', GONGKAI_SMTP_USER: 'gk@example.org', GONGKAI_SMTP_PASSWORD: 'x' });
    assert.ok(dflt.ok && dflt.config?.port === 587 && dflt.config.secure === 'auto' && dflt.config.from === 'gk@example.org');
    const bad = readSmtpConfig({ GONGKAI_SMTP_HOST: 'smtp.example.org', GONGKAI_SMTP_PORT: '99999', GONGKAI_SMTP_SECURE: 'ssl' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => `${p.code} ${p.at}`), ['config.invalid GONGKAI_SMTP_SECURE', 'config.invalid GONGKAI_SMTP_PORT', 'config.invalid GONGKAI_SMTP_FROM']);
  });
});
