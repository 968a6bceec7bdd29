import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewMessage, OutboxRepository } from '../app/notify/ports.ts';
import { unconfiguredSms, smtpSender } from './senders.ts';
import { startNotifyWorker } from './worker.ts';

test('the worker queues the day\'s digests from 08:00 Beijing time only, once a day, and logs instead of throwing', async () => {
  const queued: NewMessage[] = [];
  let failDue = false;
  const outbox = {
    enqueue: (m: readonly NewMessage[]) => Promise.resolve(queued.push(...m)),
    due: () => (failDue ? Promise.reject(new Error('database gone')) : Promise.resolve([])),
    addresses: () => Promise.resolve(new Map([['o1', 'gk@example.org']])),
  } as unknown as OutboxRepository;
  let now = '2025-11-19T23:30:00.000Z'; // 07:30 on Thursday 20 November in Beijing
  const lines: string[] = [];
  const calendar = { load: () => Promise.resolve({ coveredYears: [2025], holidays: [], workdays: [] }), lunarYears: () => Promise.resolve([]) };
  const worker = startNotifyWorker(
    {
      outbox,
      senders: { email: smtpSender(null), sms: unconfiguredSms },
      clock: { now: () => now, today: () => '2025-11-20' },
      organizations: { list: () => Promise.resolve([{ id: 'o1', parentId: null, name: '中原县人民政府办公室', kind: 'office', code: null, createdAt: now }]) },
      cases: { list: () => Promise.resolve({ total: 1, items: [{ id: 'c1', number: '2025-000001', organizationId: 'o1', state: 'processing', applicantType: 'natural', applicantName: '刘桂英', description: '低保名单', receivedOn: '2025-10-01', closedOn: null, resultRow: null, nextDue: { kind: 'answer', date: '2025-11-18' } }] }) },
      calendar,
      ids: { newId: () => `id-${queued.length}` },
    } as never,
    { intervalMs: 3_600_000, log: (l) => lines.push(l) },
  );
  try {
    await worker.tick();
    assert.equal(queued.length, 0, 'before 08:00');
    now = '2025-11-20T00:05:00.000Z'; // 08:05 in Beijing
    await worker.tick();
    assert.equal(queued.length, 1, lines.join('\n'));
    assert.equal(queued[0]?.dedupeKey, 'digest:o1:2025-11-20');
    await worker.tick();
    assert.equal(queued.length, 1, 'once a day per process');
    failDue = true;
    await worker.tick();
    assert.match(lines.at(-1) ?? '', /^通知发送出错 \/ notification worker error: database gone$/);
  } finally {
    worker.stop();
  }
});
