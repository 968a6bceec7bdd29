/** Organisations in tree order (each followed by those below it), with their depth; a parent outside the list makes a root. */
import type { Organization } from './ports.ts';

export function inTreeOrder(orgs: readonly Organization[]): { organization: Organization; depth: number }[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string | null, Organization[]>();
  for (const o of orgs) {
    const parent = o.parentId !== null && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { organization: Organization; depth: number }[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const o of children.get(parent) ?? []) {
      out.push({ organization: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
