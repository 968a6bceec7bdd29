/**
 * The audit log (审计日志): append-only and hash-chained. Each entry carries the hash of the one before it, so an
 * edited, inserted or deleted entry breaks the chain at that point and `verifyChain` names it. The hash function is
 * passed in (SHA-256 in storage): the core does no IO and imports no crypto.
 */

/** What happened: logins, failed logins, views of applicants' personal data, state changes, account changes. */
export type AuditAction =
  | 'login'
  | 'loginFailed'
  | 'logout'
  | 'personalData.view'
  | 'case.register'
  | 'case.step'
  /** A stored running deadline recomputed after a year's holiday notice was loaded (暂定 → 正式). */
  | 'case.deadline'
  /** 更正: a registration field corrected (before/after, reason). */
  | 'case.correct'
  /** 作废: a case registered in error voided (reason). */
  | 'case.void'
  | 'review.add'
  | 'review.decide'
  | 'user.add'
  | 'user.disable'
  | 'user.enable'
  | 'user.role'
  | 'user.unlock'
  | 'user.resetLink'
  | 'user.passwordChange'
  | 'user.passwordReset'
  | 'guide.update'
  /** An organisation's digest address set or removed (notifications). */
  | 'notify.address'
  | 'report.update'
  | 'approval.submit'
  | 'approval.approve'
  | 'approval.return'
  | 'report.withdraw'
  | 'site.setup'
  | 'site.update'
  | 'calendar.addYear'
  | 'report.season'
  | 'organization.add'
  /** The catalog (政府信息公开目录): a document created, edited, sent to review, reviewed, published, amended, repealed, expired, a file attached; decisions entered. */
  | 'catalog.create'
  | 'catalog.edit'
  | 'catalog.submit'
  | 'catalog.review'
  | 'catalog.publish'
  | 'catalog.amend'
  | 'catalog.repeal'
  | 'catalog.expire'
  | 'catalog.attach'
  | 'catalog.decisions'
  | 'catalog.tree'
  /** 条例第四十四条: an answered application's information drafted into the catalog. */
  | 'catalog.release'
  /** An existing site's catalog imported (item 9). */
  | 'catalog.import';

export interface AuditInput {
  /** ISO 8601 timestamp. */
  readonly at: string;
  /** The user id, or null (a failed login for an unknown name, a public submission). */
  readonly actorId: string | null;
  /** The name as shown (user name, or what was typed at a failed login). */
  readonly actorName: string;
  readonly organizationId: string | null;
  readonly action: AuditAction;
  /** What it was done to: `case:<id>`, `user:<id>`… */
  readonly subject: string | null;
  /** Details (kept small; never a password; personal data masked). */
  readonly detail: Readonly<Record<string, unknown>>;
  /** The client address, when known. */
  readonly ip: string | null;
}

export interface AuditEntry extends AuditInput {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level: the same entry always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/** The text hashed for an entry: its sequence number, the previous hash and every field. */
export function auditPayload(seq: number, prevHash: string, e: AuditInput): string {
  return canonicalJson({ seq, prevHash, at: e.at, actorId: e.actorId, actorName: e.actorName, organizationId: e.organizationId, action: e.action, subject: e.subject, detail: e.detail, ip: e.ip });
}

export type ChainCheck =
  | { readonly ok: true; readonly entries: number; readonly head: string; readonly checked: number }
  | { readonly ok: false; readonly seq: number; readonly reason: 'gap' | 'prevHash' | 'hash' | 'head'; readonly entries: number };

/** A point of the chain: an entry's seq and hash (the head row of the log, or a checkpoint already verified). */
export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

/**
 * A streaming verifier: push the entries in order, then `finish` with the log's head (the stored seq and hash of the
 * newest entry). The first break is kept: a missing seq (gap), a wrong link (prevHash), a wrong hash (hash), or a head
 * that is not the last entry (head: the newest entries were deleted, or entries appended behind the head's back).
 * `start` resumes from a point verified before (incremental verification): only the entries after it are checked.
 */
export function chainVerifier(sha256: (text: string) => string, start: ChainPoint = { seq: 0, hash: GENESIS_HASH }) {
  let prev = start.hash;
  let expected = start.seq + 1;
  let checked = 0;
  let broken: ChainCheck | null = null;
  return {
    push(e: AuditEntry): boolean {
      if (broken) return false;
      checked += 1;
      const entries = start.seq + checked;
      if (e.seq !== expected) broken = { ok: false, seq: expected, reason: 'gap', entries };
      else if (e.prevHash !== prev) broken = { ok: false, seq: e.seq, reason: 'prevHash', entries };
      else if (sha256(auditPayload(e.seq, e.prevHash, e)) !== e.hash) broken = { ok: false, seq: e.seq, reason: 'hash', entries };
      if (broken) return false;
      prev = e.hash;
      expected += 1;
      return true;
    },
    finish(head?: ChainPoint): ChainCheck {
      if (broken) return broken;
      if (head && (head.seq !== expected - 1 || head.hash !== prev)) return { ok: false, seq: Math.min(head.seq, expected - 1) + 1, reason: 'head', entries: expected - 1 };
      return { ok: true, entries: expected - 1, head: prev, checked };
    },
  };
}

/** Walk the entries in order; the first break (a missing seq, a wrong link, a wrong hash, a head past the end) is reported. */
export function verifyChain(entries: Iterable<AuditEntry>, sha256: (text: string) => string, head?: ChainPoint): ChainCheck {
  const v = chainVerifier(sha256);
  for (const e of entries) if (!v.push(e)) break;
  return v.finish(head);
}
