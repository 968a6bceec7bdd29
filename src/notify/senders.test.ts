import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadSmsSender, sendersFromEnv } from './senders.ts';

test('SMS: built in, every message is 未配置; GONGKAI_SMS_MODULE plugs a gateway whose outcomes become sent, failed (retried) or failed for good', async () => {
  const none = await loadSmsSender({});
  assert.equal(none.configured, false);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-sms-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'gateway.mjs');
  writeFileSync(file, `export function createSmsSender(env) {
  return { async send(to, text) {
    if (to === '13900000001') throw new Error('gateway busy');
    if (to === '13900000002') return { ok: false, reason: 'blacklisted', retry: false };
    globalThis.smsSent = [...(globalThis.smsSent ?? []), [env.SMS_SIGN, to, text]];
  } };
}\n`);
  const sms = await loadSmsSender({ GONGKAI_SMS_MODULE: file, SMS_SIGN: '中原县' });
  assert.equal(sms.configured, true);
  const msg = (to: string) => ({ to, subject: 's', body: '【中原县人民政府】刘桂英：…', id: 'm1' });
  assert.deepEqual(await sms.send(msg('13900000000')), { ok: true });
  assert.deepEqual((globalThis as { smsSent?: unknown }).smsSent, [['中原县', '13900000000', '【中原县人民政府】刘桂英：…']]);
  assert.deepEqual(await sms.send(msg('13900000001')), { ok: false, reason: 'notify.smsFailed：短信发送失败 / the SMS could not be sent（gateway busy）' });
  assert.deepEqual(await sms.send(msg('13900000002')), { ok: false, reason: 'notify.smsFailed：短信发送失败 / the SMS could not be sent（blacklisted）', retry: false });
  writeFileSync(join(dir, 'empty.mjs'), 'export const x = 1;\n');
  await assert.rejects(loadSmsSender({ GONGKAI_SMS_MODULE: join(dir, 'empty.mjs') }), /createSmsSender/);
  await assert.rejects(sendersFromEnv({ GONGKAI_SMTP_HOST: 'smtp.example.org', GONGKAI_SMTP_SECURE: 'ssl', GONGKAI_SMTP_FROM: 'gk@example.org' }), /GONGKAI_SMTP_SECURE/);
});
