/**
 * The engines the storage contract suites run on: SQLite (a temp file) and PostgreSQL (a fresh database
 * gongkai_test_<random>, LC_CTYPE C.UTF-8, dropped afterwards), like kysely's own tests looped over dialects.
 * PostgreSQL unreachable → a loud banner and no PostgreSQL engine (never skipped-and-counted-as-passing), so `npm test`
 * still passes on a machine without PostgreSQL; with GONGKAI_REQUIRE_POSTGRES=1 (set by .ci/run) a failing test is
 * registered instead. GONGKAI_TEST_PG overrides the maintenance URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Test support only: imported by *.test.ts files.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from './db.ts';

const PG_ADMIN = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRE_PG = process.env.GONGKAI_REQUIRE_POSTGRES === '1';

export interface EngineUnderTest {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<OpenedDatabase>;
  /** Another connection (pool) to the database `open` created, as a second app process would have. */
  connect(): Promise<OpenedDatabase>;
  cleanup(): Promise<void>;
}

const sqliteEngine = (): EngineUnderTest => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-contract-'));
  return {
    name: 'sqlite',
    open: async () => openDatabase({ dataDir: join(dir, 'data') }),
    connect: async () => openDatabase({ dataDir: join(dir, 'data') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const withAdmin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const postgresEngine = (): EngineUnderTest => {
  const name = `gongkai_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    async open() {
      await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'`));
      return openDatabase({ url: url.toString(), dataDir: '/nonexistent-unused' });
    },
    connect: async () => openDatabase({ url: url.toString(), dataDir: '/nonexistent-unused' }),
    // pg's Pool.end() resolves before its sockets have closed; a FORCE drop would then terminate live backends and
    // their clients would raise "terminating connection" after the test. Wait (up to 5 s) for them to go first.
    cleanup: () =>
      withAdmin(async (c) => {
        for (let i = 0; i < 50; i += 1) {
          const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if ((r.rows[0] as { n: number }).n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
};

async function postgresReachable(): Promise<string | null> {
  try {
    await withAdmin((c) => c.query('select 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The engines to run a contract suite on (and the banner or failing test when PostgreSQL is missing). */
export async function enginesUnderTest(): Promise<EngineUnderTest[]> {
const engines: EngineUnderTest[] = [sqliteEngine()];
const pgError = await postgresReachable();
const where = PG_ADMIN.replace(/\/\/[^@/]*@/, '//…@');
if (pgError === null) {
  console.log(`PostgreSQL reachable at ${where}: the storage contract suite runs on SQLite AND PostgreSQL`);
  engines.push(postgresEngine());
} else if (!REQUIRE_PG) {
  console.warn(`\n${'!'.repeat(100)}\n!! PostgreSQL 不可用 / not reachable at ${where} (${pgError}): PostgreSQL suite NOT run — start PostgreSQL to run it\n${'!'.repeat(100)}\n`);
} else {
  test('PostgreSQL is reachable for the storage contract suite', () => {
    assert.fail(`PostgreSQL 不可用 / not reachable at ${where} (${pgError}); GONGKAI_REQUIRE_POSTGRES=1 requires it (.ci/run starts it).`);
  });
}
return engines;
}
