/**
 * Verify the audit log's hash chain (`gongkai audit verify`, the audit page): the first edited, inserted or deleted
 * entry is named, and the stored head must be the last entry (deleting the newest entries is caught too). Streams the
 * log in pages, so memory stays flat whatever its length. Given a checkpoint verified before, only the entries after it
 * are checked (after confirming the checkpoint's own entry is unchanged): the audit page's incremental verification.
 */
import { chainVerifier, type ChainCheck, type ChainPoint } from '../../core/people/audit.ts';
import type { AuditLog, Crypto } from './ports.ts';

export async function verifyAuditLog(deps: { audit: AuditLog; crypto: Crypto }, from?: ChainPoint): Promise<ChainCheck> {
  const head = await deps.audit.head();
  if (from && from.seq <= 0) return verifyAuditLog(deps);
  const v = chainVerifier(deps.crypto.sha256, from);
  let anchored = from === undefined;
  for await (const e of deps.audit.all(from ? from.seq - 1 : 0)) {
    if (!anchored) {
      if (e.seq !== from?.seq || e.hash !== from.hash) return { ok: false, seq: from?.seq ?? 0, reason: e.seq !== from?.seq ? 'gap' : 'hash', entries: 0 };
      anchored = true;
      continue;
    }
    // Entries appended after the head was read (the walk reads while others write) are the next check's.
    if (e.seq > head.seq) break;
    if (!v.push(e)) break;
  }
  if (!anchored) return { ok: false, seq: from?.seq ?? 0, reason: 'gap', entries: 0 };
  return v.finish(head);
}
