import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { runDb } from './db.ts';
import { nodeCliDeps } from './io.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-db-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const deps = { ...nodeCliDeps(), cwd: dir, out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  const code = await runDb(args, deps, env);
  return { code, out, err };
}

const count = (file: string) => {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from organizations').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('db migrate creates <data>/gongkai.sqlite and lists the migrations, then says it is up to date', async () => {
  const first = await run(['migrate'], { GONGKAI_DATA_DIR: 'data' });
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /0001_initial/);
  assert.ok(existsSync(join(dir, 'data', 'gongkai.sqlite')));
  const again = await run(['migrate', '--data', 'data']);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /up to date/);
});

test('db backup then restore brings the database back to the backup', async () => {
  assert.equal((await run(['migrate', '--data', 'd2'])).code, 0);
  const backup = await run(['backup', 'b.sqlite', '--data', 'd2']);
  assert.equal(backup.code, 0, backup.err);
  const live = join(dir, 'd2', 'gongkai.sqlite');
  const db = new SqliteDatabase(live);
  db.prepare("insert into organizations (id, parent_id, name, kind, code, created_at) values ('x', null, '某市人民政府', 'government', null, 't')").run();
  db.close();
  assert.equal(count(live), 1);
  const restored = await run(['restore', 'b.sqlite', '--data', 'd2']);
  assert.equal(restored.code, 0, restored.err);
  assert.equal(count(live), 0);
});

test('db restore refuses a file that is not a gongkai database; backup/restore on PostgreSQL say to use pg_dump', async () => {
  await writeFile(join(dir, 'junk.sqlite'), 'not a database');
  const junk = await run(['restore', 'junk.sqlite', '--data', 'd3']);
  assert.equal(junk.code, 1);
  assert.match(junk.err, /not a gongkai SQLite database/);
  const other = new SqliteDatabase(join(dir, 'other.sqlite'));
  other.exec('create table t (x)');
  other.close();
  const foreign = await run(['restore', 'other.sqlite', '--data', 'd3']);
  assert.equal(foreign.code, 1);
  assert.match(foreign.err, /kysely_migration/);
  assert.ok(!existsSync(join(dir, 'd3', 'gongkai.sqlite')));
  const pg = await run(['backup', 'x.sqlite'], { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
  assert.equal(pg.code, 2);
  assert.match(pg.err, /pg_dump/);
  const usage = await run(['restore']);
  assert.equal(usage.code, 2);
});
