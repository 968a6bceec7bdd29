/**
 * `gongkai notify run` sends what is due in the outbox once (the server's worker does the same every 30 seconds);
 * `gongkai notify digest` queues today's due-soon/overdue digests (one per organisation and day);
 * `gongkai notify address ORG [EMAIL]` shows or sets an organisation's digest address (`--clear` removes it);
 * `gongkai notify list [--state S]` lists the latest messages. Channels from GONGKAI_SMTP_* / GONGKAI_SMS_MODULE.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadCalendar } from '../app/applications/index.ts';
import { enqueueDigests, runOutbox } from '../app/notify/notify.ts';
import { problem } from '../core/errors.ts';
import { emailAddress, MESSAGE_STATES, STATE_LABELS, type MessageState } from '../core/notify/messages.ts';
import { sendersFromEnv } from '../notify/senders.ts';
import { systemClock } from '../server/clock.ts';
import { readConfig } from '../server/config.ts';
import { applicationDeps } from '../storage/application-deps.ts';
import { kyselyOutbox } from '../storage/outbox.ts';
import { withCliDatabase } from './database.ts';
import { NOTIFY_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

type Env = Readonly<Record<string, string | undefined>>;

const OPTIONS = { data: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, clear: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** Run `gongkai notify …`. Never throws on bad input. */
export async function runNotify(args: readonly string[], deps: CliDeps, env: Env = process.env): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, NOTIFY_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const bad = (zh: string, en: string) => printProblems(deps, '参数有误 / bad arguments', [usage(zh, en)], NOTIFY_HELP);
  if (!sub || !['run', 'digest', 'address', 'list'].includes(sub)) return bad('用法：gongkai notify run|digest|address|list', 'usage: gongkai notify run|digest|address|list');
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const dataDir = resolve(deps.cwd, values.data ?? config.config.dataDir);
  const state = values.state;
  if (state !== undefined && !(MESSAGE_STATES as readonly string[]).includes(state)) return bad(`--state 应为 ${MESSAGE_STATES.join('、')}`, `--state must be one of ${MESSAGE_STATES.join(', ')}`);

  if (sub === 'run') {
    let senders;
    try {
      senders = await sendersFromEnv(env);
    } catch (error) {
      return printProblems(deps, '通知配置有误 / invalid notification settings', [problem('config.invalid', 'GONGKAI_SMTP_*', { zh: String(error instanceof Error ? error.message : error), en: 'see .env.example' })]);
    }
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => ({ ok: true as const, summary: await runOutbox({ outbox: kyselyOutbox(db), senders, clock: systemClock }, Number(values.limit ?? 500) || 500) }));
    if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
    const s = r.summary;
    deps.out(`已发送 ${s.sent}，失败（稍后重试或已放弃）${s.failed}，未发送（未配置通道）${s.unsent} / sent ${s.sent}, failed ${s.failed}, unsent (no channel) ${s.unsent}${s.skipped ? `, taken by another worker ${s.skipped}` : ''}\n`);
    return s.failed > 0 ? EXIT.findings : EXIT.ok;
  }

  if (sub === 'digest') {
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => {
      const app = applicationDeps(db, systemClock, randomUUID);
      return { ok: true as const, result: await enqueueDigests({ ...app, outbox: kyselyOutbox(db) }, await loadCalendar(app), { restDays: true }) };
    });
    if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
    deps.out(`已排队到期提醒 ${r.result.queued} 封（设有提醒邮箱的机关 ${r.result.organizations} 个；每个机关每天一封）/ digests queued: ${r.result.queued} (${r.result.organizations} organisations have an address; one per organisation and day)\n`);
    return EXIT.ok;
  }

  if (sub === 'address') {
    const [orgId, email] = rest;
    if (!orgId) return bad('用法：gongkai notify address 机关ID [邮箱|--clear]', 'usage: gongkai notify address ORG [EMAIL|--clear]');
    if (email !== undefined && !emailAddress(email)) return bad(`电子邮箱地址有误：“${email}”`, `not an e-mail address: "${email}"`);
    const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => {
      const app = applicationDeps(db, systemClock, randomUUID);
      const org = await app.organizations.get(orgId);
      if (!org) return { ok: false as const, problems: [problem('notFound', orgId, { zh: `没有此机关：${orgId}`, en: `no such organisation: ${orgId}` })] };
      const outbox = kyselyOutbox(db);
      if (email !== undefined || values.clear) await outbox.setAddress(orgId, email ?? null, systemClock.now(), 'gongkai notify address');
      return { ok: true as const, org: org.name, address: (await outbox.addresses()).get(orgId) ?? null };
    });
    if (!r.ok) return printProblems(deps, '参数有误 / bad arguments', r.problems);
    deps.out(`${r.org}：${r.address ?? '未设置到期提醒邮箱 / no digest address'}\n`);
    return EXIT.ok;
  }

  const r = await withCliDatabase(dataDir, config.config.databaseUrl, async ({ db }) => {
    const app = applicationDeps(db, systemClock, randomUUID);
    const ids = (await app.organizations.list()).map((o) => o.id);
    return { ok: true as const, list: await kyselyOutbox(db).list({ organizationIds: ids, ...(state ? { states: [state as MessageState] } : {}), limit: Number(values.limit ?? 50) || 50 }) };
  });
  if (!r.ok) return printProblems(deps, '数据库错误 / database error', r.problems);
  for (const m of r.list.items) deps.out(`${m.createdAt}\t${STATE_LABELS[m.state]}\t${m.attempts}\t${m.channel}\t${m.recipient}\t${m.subject}${m.lastError ? `\t${m.lastError}` : ''}\n`);
  deps.out(`共 ${r.list.total} 条 / ${r.list.total} messages\n`);
  return EXIT.ok;
}
