/**
 * The organisation tree in the database (table organizations, migration 0001): the Kysely implementation of
 * OrganizationRepository (src/app/organizations/ports.ts), the same on SQLite and PostgreSQL.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Organization, OrganizationRepository } from '../app/organizations/ports.ts';
import { problem } from '../core/errors.ts';
import { countOf, type Database, type OrganizationsTable } from './schema.ts';

const toOrganization = (r: Selectable<OrganizationsTable>): Organization => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  kind: r.kind,
  code: r.code,
  createdAt: r.created_at,
});

// Sorted here, not in SQL: the engines' collations differ (SQLite: bytes; PostgreSQL: the database's LC_COLLATE).
const byName = (a: Organization, b: Organization): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A constraint violation, by engine: SQLite's extended code or PostgreSQL's SQLSTATE. */
export function constraintKind(error: unknown): 'unique' | 'foreignKey' | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return 'unique';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'foreignKey';
  return null;
}

/** OrganizationRepository over Kysely. Unexpected database errors reject. */
/** `id` and every organisation below it, as a query to select from (a recursive walk down parent_id). */
function subtreeQuery(db: Kysely<Database>, id: string) {
  return db
    .withRecursive('subtree(id)', (q) =>
      q
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', id)
        .unionAll(q.selectFrom('organizations as o').innerJoin('subtree as s', 's.id', 'o.parent_id').select('o.id')),
    )
    .selectFrom('subtree')
    .innerJoin('organizations', 'organizations.id', 'subtree.id');
}

export function kyselyOrganizations(db: Kysely<Database>): OrganizationRepository {
  return {
    async create(org) {
      try {
        await db
          .insertInto('organizations')
          .values({ id: org.id, parent_id: org.parentId, name: org.name, kind: org.kind, code: org.code, created_at: org.createdAt })
          .execute();
        return { ok: true };
      } catch (error) {
        const kind = constraintKind(error);
        if (kind === 'unique') return { ok: false, problems: [problem('organization.nameTaken', 'name', { zh: org.name, en: org.name }, { name: org.name, parentId: org.parentId })] };
        if (kind === 'foreignKey') return { ok: false, problems: [problem('organization.parentNotFound', 'parentId', undefined, { parentId: org.parentId })] };
        throw error;
      }
    },
    async get(id) {
      const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toOrganization(row) : null;
    },
    async children(parentId) {
      const rows = await db
        .selectFrom('organizations')
        .selectAll()
        .where('parent_id', parentId === null ? 'is' : '=', parentId)
        .execute();
      return rows.map(toOrganization).sort(byName);
    },
    async subtreeIds(id) {
      return (await subtreeQuery(db, id).select('organizations.id').execute()).map((r) => r.id);
    },
    async subtree(id) {
      return (await subtreeQuery(db, id).selectAll('organizations').execute()).map(toOrganization);
    },
    async byName(name) {
      return (await db.selectFrom('organizations').selectAll().where('name', '=', name).execute()).map(toOrganization);
    },
    async list() {
      const rows = await db.selectFrom('organizations').selectAll().execute();
      const all = rows.map(toOrganization).sort(byName);
      // Roots first, then depth by depth, each level by name: a stable, readable order on both engines.
      const out: Organization[] = [];
      let level = all.filter((o) => o.parentId === null);
      while (level.length > 0) {
        out.push(...level);
        const ids = new Set(level.map((o) => o.id));
        level = all.filter((o) => o.parentId !== null && ids.has(o.parentId));
      }
      return out;
    },
    async count() {
      const row = await db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return countOf(row.n as string | number | bigint);
    },
  };
}
