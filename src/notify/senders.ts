/**
 * The notification channels from the environment (README "Configuration"): e-mail through the SMTP server of
 * GONGKAI_SMTP_HOST/_PORT/_USER/_PASSWORD/_FROM/_SECURE, SMS through the module named by GONGKAI_SMS_MODULE. Without
 * them a channel is "not configured": its messages are logged in the outbox as 未发送（未配置邮件服务器 / 短信通道）,
 * never attempted, and nothing fails. Used by the server's worker (main.ts) and `gongkai notify run`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Sender, SendResult } from '../app/notify/ports.ts';
import { formatProblem, problem, type Problem } from '../core/errors.ts';
import { emailAddress } from '../core/notify/messages.ts';
import { parseMailbox, sendMail, SmtpError, type SmtpConfig, type SmtpSecurity } from './smtp.ts';

type Env = Readonly<Record<string, string | undefined>>;

const invalid = (at: string, zh: string, en: string): Problem => problem('config.invalid', at, { zh, en });

/** The SMTP settings, null when GONGKAI_SMTP_HOST is not set; config.invalid problems for a bad value. */
export function readSmtpConfig(env: Env): { ok: true; config: SmtpConfig | null } | { ok: false; problems: Problem[] } {
  const host = env.GONGKAI_SMTP_HOST?.trim();
  if (!host) return { ok: true, config: null };
  const problems: Problem[] = [];
  const secureText = (env.GONGKAI_SMTP_SECURE?.trim() || '').toLowerCase();
  const portText = env.GONGKAI_SMTP_PORT?.trim();
  if (secureText && !['tls', 'starttls', 'auto'].includes(secureText)) problems.push(invalid('GONGKAI_SMTP_SECURE', `应为 tls、starttls 或 auto：“${secureText}”`, `expected tls, starttls or auto: "${secureText}"`));
  const port = portText ? Number(portText) : secureText === 'tls' ? 465 : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(invalid('GONGKAI_SMTP_PORT', `应为 1 至 65535 的整数：“${portText ?? ''}”`, `expected an integer from 1 to 65535: "${portText ?? ''}"`));
  const secure: SmtpSecurity = secureText ? (secureText as SmtpSecurity) : port === 465 ? 'tls' : 'auto';
  const from = env.GONGKAI_SMTP_FROM?.trim() || env.GONGKAI_SMTP_USER?.trim() || '';
  if (!emailAddress(parseMailbox(from).address)) problems.push(invalid('GONGKAI_SMTP_FROM', `应为发件地址（如“中原县政务公开 <gk@example.gov.cn>”）：“${from}”`, `expected the sender address (e.g. "Office <gk@example.gov.cn>"): "${from}"`));
  if (problems.length > 0) return { ok: false, problems };
  const user = env.GONGKAI_SMTP_USER?.trim();
  return { ok: true, config: { host, port, secure, from, ...(user ? { user, password: env.GONGKAI_SMTP_PASSWORD ?? '' } : {}) } };
}

/** E-mail over SMTP; not configured without settings. A 5xx refusal is retried too (docs/decisions.md). */
export function smtpSender(config: SmtpConfig | null): Sender {
  return {
    channel: 'email',
    configured: config !== null,
    async send(m): Promise<SendResult> {
      if (!config) return { ok: false, reason: '未配置邮件服务器 / no mail server configured', retry: false };
      try {
        return { ok: true, detail: await sendMail(config, { to: m.to, subject: m.subject, body: m.body, messageId: m.id }) };
      } catch (error) {
        if (error instanceof SmtpError) return { ok: false, reason: error.message };
        throw error;
      }
    },
  };
}

/**
 * What an SMS gateway module provides (GONGKAI_SMS_MODULE=path/to/module.js): `export function createSmsSender(env)`
 * returning this. `send` resolves when the gateway accepted the message and rejects (or answers ok: false) when not.
 */
export interface SmsGateway {
  send(to: string, text: string): Promise<void | { ok: boolean; reason?: string; retry?: boolean }>;
}

/** The built-in SMS sender: no gateway, so every SMS is logged in the outbox as 未发送（未配置短信通道）. */
export const unconfiguredSms: Sender = {
  channel: 'sms',
  configured: false,
  send: () => Promise.resolve({ ok: false, reason: '未配置短信通道 / no SMS gateway configured', retry: false }),
};

/** Wrap a gateway as the SMS sender. */
export function gatewaySender(gateway: SmsGateway): Sender {
  return {
    channel: 'sms',
    configured: true,
    async send(m): Promise<SendResult> {
      try {
        const r = await gateway.send(m.to, m.body);
        if (r && r.ok === false) return { ok: false, reason: `notify.smsFailed：短信发送失败 / the SMS could not be sent（${r.reason ?? ''}）`, ...(r.retry === false ? { retry: false } : {}) };
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: `notify.smsFailed：短信发送失败 / the SMS could not be sent（${error instanceof Error ? error.message : String(error)}）` };
      }
    },
  };
}

/** The SMS sender of GONGKAI_SMS_MODULE (a path, relative to the working directory, or a package name), else the built-in one. */
export async function loadSmsSender(env: Env): Promise<Sender> {
  const spec = env.GONGKAI_SMS_MODULE?.trim();
  if (!spec) return unconfiguredSms;
  const url = spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(spec)).href : spec;
  const mod = (await import(url)) as { createSmsSender?: (env: Env) => SmsGateway | Promise<SmsGateway> };
  if (typeof mod.createSmsSender !== 'function') throw new Error(`GONGKAI_SMS_MODULE ${spec}: 模块未导出 createSmsSender / the module does not export createSmsSender`);
  return gatewaySender(await mod.createSmsSender(env));
}

/** Both channels from the environment. Rejects with a readable message when the settings are invalid or the SMS module cannot be loaded. */
export async function sendersFromEnv(env: Env): Promise<{ email: Sender; sms: Sender }> {
  const smtp = readSmtpConfig(env);
  if (!smtp.ok) throw new Error(smtp.problems.map(formatProblem).join('\n'));
  return { email: smtpSender(smtp.config), sms: await loadSmsSender(env) };
}
