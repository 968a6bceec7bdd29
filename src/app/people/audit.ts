/** Verify the audit log's hash chain (`gongkai audit verify`): the first edited, inserted or deleted entry is named. */
import { verifyChain, type AuditEntry, type ChainCheck } from '../../core/people/audit.ts';
import type { AuditLog, Crypto } from './ports.ts';

export async function verifyAuditLog(deps: { audit: AuditLog; crypto: Crypto }): Promise<ChainCheck> {
  const entries: AuditEntry[] = [];
  for await (const e of deps.audit.all()) entries.push(e);
  return verifyChain(entries, deps.crypto.sha256);
}
