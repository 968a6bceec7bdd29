/**
 * The notification worker of the server process (started by src/server/main.ts): every `intervalMs` it sends what is
 * due in the outbox (runOutbox: retries with backoff), and once a day, from 08:00 Beijing time on a working day, it
 * queues the staff digests (at most one per organisation and day, whichever process gets there first). A tick never
 * overlaps the previous one; an error is logged and the next tick tries again — the server never stops for it.
 */
import { loadCalendar, type ApplicationDeps } from '../app/applications/index.ts';
import { enqueueDigests, runOutbox, type OutboxDeps } from '../app/notify/notify.ts';

export interface WorkerOptions {
  readonly intervalMs?: number;
  /** The hour (Beijing time) from which the day's digests are queued; default 8. */
  readonly digestHour?: number;
  readonly log?: (line: string) => void;
}

export function startNotifyWorker(deps: OutboxDeps & Pick<ApplicationDeps, 'cases' | 'organizations' | 'calendar' | 'clock' | 'ids'>, options: WorkerOptions = {}): { stop(): void; tick(): Promise<void> } {
  const log = options.log ?? ((line: string) => console.error(line));
  const digestHour = options.digestHour ?? 8;
  let current: Promise<void> | null = null;
  let digestedOn = '';
  const run = async (): Promise<void> => {
    try {
      const now = deps.clock.now();
      const today = deps.clock.today();
      if (digestedOn !== today && new Date(Date.parse(now) + 8 * 3_600_000).getUTCHours() >= digestHour) {
        const d = await enqueueDigests(deps, await loadCalendar(deps));
        digestedOn = today;
        if (d.queued > 0) log(`到期提醒已排队 / digests queued: ${d.queued}`);
      }
      const r = await runOutbox(deps, 50);
      if (r.sent + r.failed > 0) log(`通知 / notifications: 已发送 sent ${r.sent}，失败 failed ${r.failed}`);
    } catch (error) {
      log(`通知发送出错 / notification worker error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** One pass; while one runs, a second call waits for it instead of starting another. */
  const tick = (): Promise<void> => (current ??= run().finally(() => (current = null)));
  const timer = setInterval(() => void tick(), options.intervalMs ?? 30_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
