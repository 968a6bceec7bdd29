/**
 * What the notification use cases need from outside: the outbox (src/storage/outbox.ts), the senders (src/notify:
 * the SMTP client, the pluggable SMS sender) and the clock. Declared here, by their user (architecture rule 3).
 */
import type { MessageDraft, MessageState, NotifyChannel } from '../../core/notify/messages.ts';

/** A message as it is put in the outbox. */
export interface NewMessage extends MessageDraft {
  readonly id: string;
  readonly createdAt: string;
}

/** A message in the outbox with its delivery state. */
export interface OutboxMessage extends NewMessage {
  readonly state: MessageState;
  readonly attempts: number;
  /** The reason of the last failed attempt (or why it was not sent). */
  readonly lastError: string | null;
  /** When it is tried next (queued, or failed and to be retried); null when done. */
  readonly nextAttemptAt: string | null;
  readonly updatedAt: string;
  readonly sentAt: string | null;
}

export interface OutboxFilter {
  /** Only messages of these organisations; empty → none. */
  readonly organizationIds: readonly string[];
  readonly states?: readonly MessageState[];
  readonly limit?: number;
  readonly offset?: number;
}

/** The result of one attempt, as stored. */
export interface Attempted {
  readonly state: MessageState;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
  readonly updatedAt: string;
}

export interface OutboxRepository {
  /** Queue messages (state queued, due now); one whose dedupeKey is already queued is skipped. Returns how many were queued. */
  enqueue(messages: readonly NewMessage[]): Promise<number>;
  /** Messages due at `now` (queued, or failed with a retry time reached), oldest first. */
  due(now: string, limit: number): Promise<OutboxMessage[]>;
  /**
   * Take a due message for one attempt: counts the attempt and moves its next attempt to `leaseUntil`, only if no one
   * else took it meanwhile (its attempts are still `attempts`). false when someone did.
   */
  claim(id: string, attempts: number, leaseUntil: string): Promise<boolean>;
  /** Store the outcome of the attempt. */
  record(id: string, outcome: Attempted): Promise<void>;
  get(id: string): Promise<OutboxMessage | null>;
  /** The messages about a case, newest first. */
  forCase(caseId: string): Promise<OutboxMessage[]>;
  /** Messages of organisations, newest first, with how many match in all. */
  list(filter: OutboxFilter): Promise<{ total: number; items: OutboxMessage[] }>;
  /** The digest addresses: organisation id → e-mail address. */
  addresses(): Promise<Map<string, string>>;
  /** Set (or with null, remove) an organisation's digest address. */
  setAddress(organizationId: string, email: string | null, at: string, by: string): Promise<void>;
}

/** The outcome of handing a message to a channel. */
export type SendResult =
  | { readonly ok: true; readonly detail?: string }
  /** `retry` false: retrying cannot help (e.g. the SMS gateway refused the number for good). */
  | { readonly ok: false; readonly reason: string; readonly retry?: boolean };

/** A channel (e-mail over SMTP, an SMS gateway). `configured` false → messages are logged 未发送, never attempted. */
export interface Sender {
  readonly channel: NotifyChannel;
  readonly configured: boolean;
  send(message: { readonly to: string; readonly subject: string; readonly body: string; readonly id: string }): Promise<SendResult>;
}
