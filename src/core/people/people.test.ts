import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../application/privacy.ts';
import { auditPayload, canonicalJson, GENESIS_HASH, verifyChain, type AuditEntry, type AuditInput } from './audit.ts';
import { can, needsApproval, ROLES } from './roles.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

function chain(inputs: readonly AuditInput[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  inputs.forEach((e, i) => {
    const hash = sha256(auditPayload(i + 1, prev, e));
    out.push({ ...e, seq: i + 1, prevHash: prev, hash });
    prev = hash;
  });
  return out;
}

const entry = (action: AuditInput['action'], actorName: string): AuditInput => ({ at: '2025-11-20T01:00:00.000Z', actorId: 'u1', actorName, organizationId: 'o1', action, subject: 'case:c1', detail: { kind: 'answer' }, ip: '127.0.0.1' });

describe('roles (policy as data)', () => {
  it('handlers take ordinary steps and propose answers and extensions for approval; approvers decide; oversight only reads', () => {
    assert.ok(can('handler', 'step.requestCorrection') && can('handler', 'step.answer'));
    assert.ok(needsApproval('handler', 'answer') && needsApproval('handler', 'extend') && !needsApproval('handler', 'deliver'));
    assert.ok(!needsApproval('approver', 'answer') && !needsApproval('admin', 'extend'));
    assert.ok(!can('handler', 'approval.decide') && can('approver', 'approval.decide') && can('admin', 'approval.decide') && !can('oversight', 'approval.decide'));
    assert.ok(can('approver', 'step.extend') && can('approver', 'step.answer'));
    assert.ok(!can('approver', 'user.manage') && can('admin', 'user.manage') && can('admin', 'audit.read'));
    assert.ok(can('oversight', 'case.read') && !can('oversight', 'step.deliver') && !can('oversight', 'case.personalData'));
    assert.equal(ROLES.length, 4);
  });
});

describe('the audit chain', () => {
  const entries = chain([entry('login', '李明'), entry('case.step', '李明'), entry('personalData.view', '张主任')]);
  it('verifies an untouched chain', () => {
    const r = verifyChain(entries, sha256);
    assert.ok(r.ok && r.entries === 3 && r.head === entries[2]?.hash);
  });
  it('names the entry edited, deleted or relinked', () => {
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, actorName: '王五' } : e));
    assert.deepEqual(verifyChain(edited, sha256), { ok: false, seq: 2, reason: 'hash', entries: 2 });
    const deleted = entries.filter((e) => e.seq !== 2);
    assert.deepEqual(verifyChain(deleted, sha256), { ok: false, seq: 2, reason: 'gap', entries: 2 });
    const rehashed = entries.map((e) => (e.seq === 2 ? { ...e, detail: { kind: 'extend' }, hash: sha256(auditPayload(2, e.prevHash, { ...e, detail: { kind: 'extend' } })) } : e));
    assert.deepEqual(verifyChain(rehashed, sha256), { ok: false, seq: 3, reason: 'prevHash', entries: 3 });
  });
  it('serialises with sorted keys', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
  });
});

describe('masking personal data', () => {
  it('keeps only the ends', () => {
    assert.equal(maskIdNumber('410102199001011234'), '4101**********1234');
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskAddress('河南省郑州市金水区文化路1号'), '河南省郑州市****');
    assert.equal(maskEmail('gk123@163.com'), 'g***@163.com');
  });
});
