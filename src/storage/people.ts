/**
 * Accounts, sessions and the throttle counters in the database (migration 0003), the same on SQLite and PostgreSQL;
 * nothing is kept in a process's memory, so several app processes over one database share sessions and limits.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ResetRepository, SessionRepository, ThrottleRepository, User, UserRepository } from '../app/people/ports.ts';
import { constraintKind } from './organizations.ts';
import { countOf, type Database, type UsersTable } from './schema.ts';

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  organizationId: r.organization_id,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at ?? null,
});

export function kyselyUsers(db: Kysely<Database>): UserRepository {
  return {
    async create(user, passwordHash) {
      try {
        await db
          .insertInto('users')
          .values({ id: user.id, username: user.username, display_name: user.displayName, password_hash: passwordHash, organization_id: user.organizationId, role: user.role, active: user.active ? 1 : 0, created_at: user.createdAt, updated_at: user.createdAt })
          .execute();
        return true;
      } catch (error) {
        if (constraintKind(error) === 'unique') return false;
        throw error;
      }
    },
    async get(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async byUsername(username) {
      const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
    },
    async list(organizationIds) {
      if (organizationIds.length === 0) return [];
      const rows = await db.selectFrom('users').selectAll().where('organization_id', 'in', organizationIds).orderBy('username').execute();
      return rows.map(toUser);
    },
    async count() {
      return countOf((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n as number);
    },
    async update(id, change, at) {
      const set: Partial<Record<'active' | 'role' | 'password_hash' | 'last_login_at' | 'updated_at', string | number>> = {};
      if (change.active !== undefined) set.active = change.active ? 1 : 0;
      if (change.role !== undefined) set.role = change.role;
      if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
      if (change.lastLoginAt !== undefined) set.last_login_at = change.lastLoginAt;
      // A login is not an edit of the account.
      if (change.active !== undefined || change.role !== undefined || change.passwordHash !== undefined) set.updated_at = at;
      const r = await db.updateTable('users').set(set as never).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async passwordHash(id) {
      const r = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
      return r?.password_hash ?? null;
    },
  };
}

export function kyselySessions(db: Kysely<Database>): SessionRepository {
  return {
    async create(s) {
      await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt, ip: s.ip }).execute();
    },
    async get(id) {
      const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, userId: r.user_id, csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId, keep) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keep !== undefined) q = q.where('id', '!=', keep);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export function kyselyResets(db: Kysely<Database>): ResetRepository {
  return {
    async create(r) {
      await db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, created_at: r.createdAt, expires_at: r.expiresAt, used_at: null }).execute();
    },
    async find(tokenHash, now) {
      const r = await db.selectFrom('password_resets').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
      return r ? { userId: r.user_id, expiresAt: r.expires_at } : null;
    },
    async take(tokenHash, now) {
      // One conditional update: of two concurrent uses only one finds used_at still null.
      const r = await db
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return r?.user_id ?? null;
    },
    async voidFor(userId, now) {
      await db.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    },
  };
}

export function kyselyThrottle(db: Kysely<Database>): ThrottleRepository {
  return {
    async get(key) {
      const r = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
      return r ? { count: r.count, firstAt: r.first_at, lockedUntil: r.locked_until } : null;
    },
    async put(key, v) {
      await db
        .insertInto('login_failures')
        .values({ key, count: v.count, first_at: v.firstAt, locked_until: v.lockedUntil })
        .onConflict((oc) => oc.column('key').doUpdateSet({ count: v.count, first_at: v.firstAt, locked_until: v.lockedUntil }))
        .execute();
    },
    async hit(key, now, windowStart) {
      // One upsert: both engines evaluate every SET expression against the row as it was, under the row's lock.
      // A window restarts when it is over, unless a lock set in it still runs (the lock outlives its window).
      const stale = sql<boolean>`(login_failures.first_at < ${windowStart} and (login_failures.locked_until is null or login_failures.locked_until <= ${now}))`;
      const r = await db
        .insertInto('login_failures')
        .values({ key, count: 1, first_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when ${stale} then 1 else login_failures.count + 1 end`,
            first_at: sql<string>`case when ${stale} then ${now} else login_failures.first_at end`,
            locked_until: sql<string | null>`case when ${stale} then null else login_failures.locked_until end`,
          }),
        )
        .returning(['count', 'first_at', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { count: Number(r.count), firstAt: r.first_at, lockedUntil: r.locked_until };
    },
    async release(key) {
      await db.updateTable('login_failures').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
    },
    async lock(key, until) {
      await db.updateTable('login_failures').set({ locked_until: until }).where('key', '=', key).execute();
    },
    async clear(key) {
      await db.deleteFrom('login_failures').where('key', '=', key).execute();
    },
  };
}
