/**
 * Demo accounts for an empty database (`npm start`): one of each role in the demo county, with random passwords that
 * the caller prints once. Never used on a database that already has accounts.
 */
import { DomainError } from '../../core/errors.ts';
import type { Role } from '../../core/people/roles.ts';
import { addUser, type PeopleDeps } from './accounts.ts';

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organization: string;
  readonly password: string;
}

/** Create the demo accounts under the organisations named (root = the county government). */
export async function seedDemoAccounts(deps: PeopleDeps, rootId: string): Promise<DemoAccount[]> {
  const orgs = await deps.organizations.list();
  const byName = (name: string) => orgs.find((o) => o.name === name)?.id ?? rootId;
  const plan: readonly (Omit<DemoAccount, 'password'> & { orgId: string })[] = [
    { username: 'admin', displayName: '张建国', role: 'admin', organization: '中原县人民政府', orgId: rootId },
    { username: 'handler', displayName: '李明', role: 'handler', organization: '中原县人民政府办公室', orgId: byName('中原县人民政府办公室') },
    { username: 'approver', displayName: '王海燕', role: 'approver', organization: '中原县人民政府办公室', orgId: byName('中原县人民政府办公室') },
    { username: 'ziranziyuan', displayName: '孙磊', role: 'handler', organization: '中原县自然资源局', orgId: byName('中原县自然资源局') },
    { username: 'oversight', displayName: '周敏', role: 'oversight', organization: '中原县人民政府', orgId: rootId },
  ];
  const out: DemoAccount[] = [];
  for (const p of plan) {
    const password = `${deps.crypto.token(9)}-gk`;
    const r = await addUser(deps, { username: p.username, displayName: p.displayName, password, organizationId: p.orgId, role: p.role }, { id: null, name: 'npm start（演示数据）' });
    if (!r.ok) throw new DomainError(r.problems);
    out.push({ username: p.username, displayName: p.displayName, role: p.role, organization: p.organization, password });
  }
  return out;
}
