/** The PostgreSQL maintenance connection the benchmarks create and drop their databases with (GONGKAI_TEST_PG). */
import pg from 'pg';

export const PG_ADMIN = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
