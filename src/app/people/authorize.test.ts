import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Action, Role } from '../../core/people/roles.ts';
import { RECORD_KINDS, type RecordKind } from '../../core/people/authorize.ts';
import { authorize, type RecordLoaders } from './authorize.ts';

// The tree: root → a → a1, root → b. Every actor below sits at `a`: their scope is a and a1.
const SCOPE = new Set(['a', 'a1']);
const ORGS = ['root', 'a', 'a1', 'b'] as const;
const recordIn = (kind: RecordKind, org: string): string => (kind === 'report' ? `${org}/2025` : kind === 'organization' ? org : `${kind}-${org}`);

// Each kind's record lives in the organisation its id names; `missing` ids are not there.
const loaders: RecordLoaders = {
  case: async (id) => (id.startsWith('case-') ? ({ id, organizationId: id.slice(5) } as never) : null),
  review: async (id) => (id.startsWith('review-') ? ({ id, organizationId: id.slice(7) } as never) : null),
  approval: async (id) => (id.startsWith('approval-') ? ({ id, organizationId: id.slice(9) } as never) : null),
  report: async (organizationId, year) => (ORGS.includes(organizationId as never) ? ({ organizationId, year } as never) : null),
  document: async (id) => (id.startsWith('document-') ? ({ id, organizationId: id.slice(9) } as never) : null),
  organization: async (id) => (ORGS.includes(id as never) ? ({ id, name: id } as never) : null),
};

const NOT_FOUND: Record<RecordKind, string> = {
  case: 'application.notFound',
  review: 'review.notFound',
  approval: 'approval.notFound',
  report: 'report.notFound',
  document: 'catalog.notFound',
  organization: 'notFound',
};

// The policy, written out by hand (not computed from roles.ts): which roles may do each action, per record kind.
const H = 'handler', P = 'approver', A = 'admin', O = 'oversight';
const TABLE: ReadonlyArray<readonly [RecordKind, Action, readonly Role[]]> = [
  ['case', 'case.read', [H, P, A, O]],
  ['case', 'step.answer', [H, P, A]],
  ['case', 'step.requestCorrection', [H, P, A]],
  ['case', 'case.correct', [P, A]],
  ['case', 'case.void', [P, A]],
  ['case', 'review.write', [H, P, A]],
  ['review', 'review.write', [H, P, A]],
  ['approval', 'approval.decide', [P, A]],
  ['report', 'report.read', [H, P, A, O]],
  ['report', 'report.write', [P, A]],
  ['report', 'report.withdraw', [A]],
  ['document', 'catalog.read', [H, P, A, O]],
  ['document', 'catalog.write', [H, P, A]],
  ['document', 'catalog.review', [P, A]],
  ['document', 'catalog.publish', [P, A]],
  ['organization', 'report.read', [H, P, A, O]],
  ['organization', 'organization.manage', [A]],
  ['organization', 'user.manage', [A]],
  ['organization', 'guide.write', [A]],
  ['organization', 'catalog.decisions', [H, P, A]],
];
const ROLES: readonly Role[] = [H, P, A, O];

describe('authorize(actor, action, record)', () => {
  it('covers every record kind', () => {
    assert.deepEqual(new Set(TABLE.map(([k]) => k)), new Set(RECORD_KINDS));
  });

  for (const [kind, action, allowed] of TABLE) {
    it(`${kind} × ${action}: allowed for ${allowed.join(', ')} inside the subtree; refused otherwise`, async () => {
      for (const role of ROLES) {
        const actor = { role, scope: SCOPE };
        for (const org of ORGS) {
          const r = await authorize(loaders, actor, action, { kind, id: recordIn(kind, org) });
          const where = `${role} on ${kind} of ${org}`;
          if (!SCOPE.has(org)) {
            // Outside the subtree: not found, even for a role that may not act at all (ids do not leak).
            assert.equal(r.ok, false, where);
            assert.equal(!r.ok && r.problems[0]?.code, NOT_FOUND[kind], where);
          } else if (allowed.includes(role)) {
            assert.equal(r.ok, true, where);
            if (r.ok) assert.ok(JSON.stringify(r.value).includes(`"${org}"`), `${where}: the record itself is returned`);
          } else {
            assert.equal(!r.ok && r.problems[0]?.code, 'auth.forbidden', where);
            assert.equal(!r.ok && r.problems[0]?.at, action, where);
          }
        }
      }
    });
  }

  it('answers a missing record, a malformed report id and a kind without a loader as not found', async () => {
    const admin = { role: 'admin' as const, scope: SCOPE };
    for (const kind of RECORD_KINDS) {
      const r = await authorize(loaders, admin, 'case.read', { kind, id: 'missing' });
      assert.equal(!r.ok && r.problems[0]?.code, NOT_FOUND[kind], kind);
    }
    const r = await authorize(loaders, admin, 'report.read', { kind: 'report', id: 'a/20x5' });
    assert.equal(!r.ok && r.problems[0]?.code, 'report.notFound');
    const none = await authorize({}, admin, 'case.read', { kind: 'case', id: 'case-a' });
    assert.equal(!none.ok && none.problems[0]?.code, 'application.notFound');
  });

  it('asks an anonymous caller to log in before loading anything', async () => {
    let loaded = 0;
    const r = await authorize({ case: async () => (loaded++, null) }, null, 'case.read', { kind: 'case', id: 'case-a' });
    assert.equal(!r.ok && r.problems[0]?.code, 'auth.required');
    assert.equal(loaded, 0);
  });
});
