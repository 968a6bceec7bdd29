/**
 * What the people use cases (accounts, sessions, audit) need from outside: the stores (src/storage/people.ts,
 * src/storage/audit.ts), password hashing (scrypt, src/storage/passwords.ts), random tokens and SHA-256.
 */
import type { AuditEntry, AuditInput, ChainPoint } from '../../core/people/audit.ts';
import type { Role } from '../../core/people/roles.ts';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly organizationId: string;
  readonly role: Role;
  readonly active: boolean;
  readonly createdAt: string;
  /** The last successful login, when known. */
  readonly lastLoginAt?: string | null;
}

export interface UserRepository {
  /** Insert; a taken user name → false. */
  create(user: User, passwordHash: string): Promise<boolean>;
  get(id: string): Promise<User | null>;
  byUsername(username: string): Promise<{ user: User; passwordHash: string } | null>;
  list(organizationIds: readonly string[]): Promise<User[]>;
  count(): Promise<number>;
  /** Change an account (the fields given); false when there is no such account. */
  update(id: string, change: { active?: boolean; role?: Role; passwordHash?: string; lastLoginAt?: string }, at: string): Promise<boolean>;
  /** The password hash of an account, or null. */
  passwordHash(id: string): Promise<string | null>;
}

/** One-time password-reset links: only the SHA-256 of the token is stored. */
export interface ResetRepository {
  create(reset: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** The unused, unexpired link under this hash (its user), or null. */
  find(tokenHash: string, now: string): Promise<{ userId: string; expiresAt: string } | null>;
  /** Use the link in one statement (two concurrent uses: one wins): its user, or null when used, expired or unknown. */
  take(tokenHash: string, now: string): Promise<string | null>;
  /** Void every unused link of a user (a new link replaces the old ones). */
  voidFor(userId: string, now: string): Promise<void>;
}

export interface Session {
  /** SHA-256 of the token. */
  readonly id: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface SessionRepository {
  create(session: Session & { createdAt: string; ip: string | null }): Promise<void>;
  get(id: string): Promise<Session | null>;
  delete(id: string): Promise<void>;
  /** End every session of a user except `keep` (a session id); returns how many ended. */
  deleteForUser(userId: string, keep?: string): Promise<number>;
}

/** A counter row: events counted since `firstAt`, and the end of a lock when one was set. */
export interface ThrottleCount {
  readonly count: number;
  readonly firstAt: string;
  readonly lockedUntil: string | null;
}

/**
 * Counters kept in the database (not in a process's memory), so every app process behind a load balancer sees the
 * same counts: failed logins per account and per address, portal submissions and failed look-ups, known devices.
 */
export interface ThrottleRepository {
  /** The counter under `key` (e.g. `user:li.ming`, `ip:10.0.0.5`). */
  get(key: string): Promise<ThrottleCount | null>;
  put(key: string, value: ThrottleCount): Promise<void>;
  /**
   * Count one event under `key` in one statement (concurrent hits from several processes are all counted): a counter
   * whose window started before `windowStart` and is not locked past `now`, or none, restarts at `now` with 1 and no
   * lock. Returns the counter after.
   */
  hit(key: string, now: string, windowStart: string): Promise<ThrottleCount>;
  /**
   * Give back one hit (count - 1, never below 0) in one statement: a check-and-count reserves its slot with `hit`
   * before the slow or fallible part, and releases it when what it counted did not happen (a correct password, an
   * accepted lookup, a form with errors).
   */
  release(key: string): Promise<void>;
  /** Lock `key` until `until` (the counter is kept). */
  lock(key: string, until: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface AuditLog {
  append(entry: AuditInput): Promise<AuditEntry>;
  /** Entries in order (all, or of these organisations), newest last. */
  list(filter: { organizationIds?: readonly string[]; limit?: number; beforeSeq?: number }): Promise<AuditEntry[]>;
  /** Every entry in order (after `afterSeq`, default all), streamed in pages (for verification). */
  all(afterSeq?: number): AsyncIterable<AuditEntry>;
  /** The stored head: the seq and hash of the newest entry (0 and the genesis hash when empty). */
  head(): Promise<ChainPoint>;
  /** The subjects (e.g. `case:<id>`) a user acted on with these actions ("mine" in the work queue). */
  subjectsOf(actorId: string, actions: readonly AuditEntry['action'][]): Promise<string[]>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface Crypto {
  /** A random URL-safe token of `bytes` bytes. */
  token(bytes: number): string;
  sha256(text: string): string;
}
