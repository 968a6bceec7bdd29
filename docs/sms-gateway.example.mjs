/* global fetch, AbortSignal */
// An example SMS gateway module for gongkai (GONGKAI_SMS_MODULE=./docs/sms-gateway.example.mjs, or your own copy).
// gongkai calls createSmsSender(env) once at start; send(to, text) is called for each SMS in the outbox:
//   resolve                        → 已发送 (sent)
//   reject(new Error(reason))      → 发送失败, retried after 1, 5, 15, 60, 240, 720 minutes
//   resolve({ ok: false, reason, retry: false }) → 发送失败 for good (e.g. the number is refused)
// `to` is an 11-digit mainland mobile number; `text` starts with 【机关名称】. Real gateways (阿里云短信, 腾讯云短信,
// a provincial 政务短信平台) need a signed request, an approved template and a sign name (签名): map `text` to the
// template's parameters here. This example posts JSON to a generic HTTP endpoint.
export function createSmsSender(env) {
  const url = env.SMS_GATEWAY_URL;
  const token = env.SMS_GATEWAY_TOKEN;
  if (!url) throw new Error('SMS_GATEWAY_URL is not set');
  return {
    async send(to, text) {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(15_000),
      });
      if (r.status === 400) return { ok: false, reason: `HTTP 400 ${await r.text()}`, retry: false };
      if (!r.ok) throw new Error(`HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
    },
  };
}
