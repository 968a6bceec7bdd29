/**
 * The audit log in the database (migration 0003): append-only (triggers refuse UPDATE and DELETE) and hash-chained.
 * An append first bumps the one row of audit_head (which serialises concurrent appends on PostgreSQL by its row lock,
 * and on SQLite by the write lock), links the entry to the head's hash, inserts it and moves the head — in the caller's
 * transaction when given one, so a state change and its audit entry are written together or not at all.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLog } from '../app/people/ports.ts';
import { auditPayload, type AuditEntry, type AuditInput } from '../core/people/audit.ts';
import { nodeCrypto } from './passwords.ts';
import type { AuditLogTable, Database } from './schema.ts';

const toEntry = (r: Selectable<AuditLogTable>): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  organizationId: r.organization_id,
  action: r.action as AuditEntry['action'],
  subject: r.subject,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  ip: r.ip,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Append one entry inside `tx`. */
export async function appendAudit(tx: Transaction<Database>, input: AuditInput): Promise<AuditEntry> {
  const head = await tx.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', 1).returning(['seq', 'hash']).executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const hash = nodeCrypto.sha256(auditPayload(seq, head.hash, input));
  await tx
    .insertInto('audit_log')
    .values({ seq, at: input.at, actor_id: input.actorId, actor_name: input.actorName, organization_id: input.organizationId, action: input.action, subject: input.subject, detail: JSON.stringify(input.detail), ip: input.ip, prev_hash: head.hash, hash })
    .execute();
  await tx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return { ...input, seq, prevHash: head.hash, hash };
}

/** The audit log; its pages and the chain walk read from `reads` (a SQLite reader thread, ./sqlite-reader.ts; default `db`). */
export function kyselyAudit(db: Kysely<Database>, reads: Kysely<Database> = db): AuditLog {
  return {
    append: (input) => db.transaction().execute((tx) => appendAudit(tx, input)),
    async list(filter) {
      let q = reads.selectFrom('audit_log').selectAll();
      if (filter.organizationIds) {
        if (filter.organizationIds.length === 0) return [];
        q = q.where('organization_id', 'in', filter.organizationIds);
      }
      if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
      const rows = await q.orderBy('seq', 'desc').limit(filter.limit ?? 100).execute();
      return rows.map(toEntry).reverse();
    },
    async subjectsOf(actorId, actions) {
      if (actions.length === 0) return [];
      const rows = await reads.selectFrom('audit_log').select('subject').distinct().where('actor_id', '=', actorId).where('action', 'in', actions).where('subject', 'is not', null).execute();
      return rows.map((r) => r.subject as string);
    },
    async head() {
      const h = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { seq: Number(h.seq), hash: h.hash };
    },
    async *all(afterSeq = 0) {
      let after = afterSeq;
      for (;;) {
        const rows = await reads.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
        if (rows.length === 0) return;
        for (const r of rows) yield toEntry(r);
        after = (rows.at(-1) as Selectable<AuditLogTable>).seq;
      }
    },
  };
}
