/**
 * The outbox of notifications (migration 0010): the Kysely implementation of OutboxRepository
 * (src/app/notify/ports.ts), the same on SQLite and PostgreSQL, and `insertMessages`, which the case repository calls
 * inside a step's transaction so that a step and its notices are written together.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NewMessage, OutboxMessage, OutboxRepository } from '../app/notify/ports.ts';
import type { NoticeKind } from '../core/application/notices.ts';
import { countOf, type Database, type OutboxTable } from './schema.ts';

const rowOf = (m: NewMessage): OutboxTable => ({
  id: m.id,
  channel: m.channel,
  recipient: m.recipient,
  subject: m.subject,
  body: m.body,
  case_id: m.caseId,
  organization_id: m.organizationId,
  topic: m.topic,
  dedupe_key: m.dedupeKey,
  state: 'queued',
  attempts: 0,
  last_error: null,
  next_attempt_at: m.createdAt,
  created_at: m.createdAt,
  updated_at: m.createdAt,
  sent_at: null,
});

const messageOf = (r: Selectable<OutboxTable>): OutboxMessage => ({
  id: r.id,
  channel: r.channel,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  caseId: r.case_id,
  organizationId: r.organization_id,
  topic: r.topic as NoticeKind | 'digest',
  dedupeKey: r.dedupe_key,
  state: r.state,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

/** Queue messages within a transaction (or on the database); a message whose dedupe key is taken is skipped. */
export async function insertMessages(db: Kysely<Database> | Transaction<Database>, messages: readonly NewMessage[]): Promise<number> {
  let queued = 0;
  for (const m of messages) {
    const r = await db.insertInto('outbox').values(rowOf(m)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    queued += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return queued;
}

export function kyselyOutbox(db: Kysely<Database>): OutboxRepository {
  return {
    enqueue: (messages) => insertMessages(db, messages),

    async due(now, limit) {
      const rows = await db.selectFrom('outbox').selectAll().where('state', 'in', ['queued', 'failed']).where('next_attempt_at', 'is not', null).where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
      return rows.map(messageOf);
    },

    async claim(id, attempts, leaseUntil) {
      const r = await db.updateTable('outbox').set({ attempts: attempts + 1, next_attempt_at: leaseUntil }).where('id', '=', id).where('attempts', '=', attempts).where('state', 'in', ['queued', 'failed']).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async record(id, o) {
      await db.updateTable('outbox').set({ state: o.state, last_error: o.lastError, next_attempt_at: o.nextAttemptAt, sent_at: o.sentAt, updated_at: o.updatedAt }).where('id', '=', id).execute();
    },

    async get(id) {
      const r = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? messageOf(r) : null;
    },

    async forCase(caseId) {
      return (await db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id').execute()).map(messageOf);
    },

    async list(filter) {
      if (filter.organizationIds.length === 0) return { total: 0, items: [] };
      let q = db.selectFrom('outbox').where('organization_id', 'in', [...filter.organizationIds]);
      if (filter.states && filter.states.length > 0) q = q.where('state', 'in', [...filter.states]);
      const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const items = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 100).offset(filter.offset ?? 0).execute();
      return { total: countOf(total.n as string | number | bigint), items: items.map(messageOf) };
    },

    async addresses() {
      const rows = await db.selectFrom('notification_addresses').select(['organization_id', 'email']).execute();
      return new Map(rows.map((r) => [r.organization_id, r.email]));
    },

    async setAddress(organizationId, email, at, by) {
      if (email === null) {
        await db.deleteFrom('notification_addresses').where('organization_id', '=', organizationId).execute();
        return;
      }
      await db
        .insertInto('notification_addresses')
        .values({ organization_id: organizationId, email, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet({ email, updated_at: at, updated_by: by }))
        .execute();
    },
  };
}
