/**
 * Faults of the machine, not of the request (issue 14 item 7): a full disk, a read-only data folder or database, a
 * database that dropped the connection. The storage adapters let such errors through as thrown by the engine or the
 * file system; here they are recognised by their stable codes and answered with a coded problem (storage.full 507,
 * storage.readOnly 503, db.unreachable 503 + Retry-After) instead of `internal`. Nothing half written follows from the
 * adapters (one transaction per use case, files written aside and renamed): this only names the failure.
 */
import { problem, type Problem } from '../core/errors.ts';

/** SQLite result codes (better-sqlite3 `code`, extended codes start with the primary one), PostgreSQL SQLSTATEs, errno names. */
const FULL = /^(SQLITE_FULL|ENOSPC|EDQUOT|53100|53200)$/;
const READ_ONLY = /^(SQLITE_READONLY(_\w+)?|SQLITE_CANTOPEN|EROFS|EACCES|EPERM|25006)$/;
// 57P01-03: the server is shutting down or its backend was terminated; 08xxx: connection exceptions; 53300: too many
// connections; errno codes of a refused or broken socket.
const UNREACHABLE = /^(57P0[1-3]|08\w{3}|53300|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/;
// node-postgres reports a dropped connection without a code.
const PG_DROPPED = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/** The coded problem of a fault of the disk or the database, or null when `error` is something else. Never throws. */
export function faultProblem(error: unknown, at: string): Problem | null {
  if (!(error instanceof Error)) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  if (FULL.test(code)) return problem('storage.full', at);
  if (READ_ONLY.test(code)) return problem('storage.readOnly', at);
  if (UNREACHABLE.test(code) || PG_DROPPED.test(error.message)) return problem('db.unreachable', at);
  return null;
}
