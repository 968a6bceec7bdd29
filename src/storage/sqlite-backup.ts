/**
 * Backup and restore of the SQLite database (`gongkai db backup|restore`), with SQLite's online backup API (through
 * better-sqlite3), which copies a consistent snapshot even while the server writes. PostgreSQL: pg_dump/pg_restore.
 */
import { existsSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { problem, type Problem } from '../core/errors.ts';
import { openSqliteFile, sqliteFile } from './db.ts';
import { MIGRATION_TABLE, MIGRATIONS } from './migrate.ts';

type Result = { ok: true; file: string } | { ok: false; problems: Problem[] };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Copy `<dataDir>/gongkai.sqlite` to `dest`. Errors: notFound (no database yet), output.unwritable. */
export async function backupSqlite(dataDir: string, dest: string): Promise<Result> {
  const file = sqliteFile(dataDir);
  if (!existsSync(file)) return { ok: false, problems: [problem('notFound', file, { zh: '数据目录中还没有数据库', en: 'no database in the data folder yet' })] };
  const db = openSqliteFile(file);
  try {
    await db.backup(dest);
    return { ok: true, file: dest };
  } catch (error) {
    return { ok: false, problems: [problem('output.unwritable', dest, { zh: message(error), en: message(error) })] };
  } finally {
    db.close();
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Why `file` is not a gongkai SQLite database this version can restore, or null when it is one. */
export async function checkGongkaiSqlite(file: string): Promise<Problem | null> {
  const not = (zh: string, en: string) => problem('db.notGongkaiDatabase', file, { zh, en });
  let header: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      header = Buffer.alloc(16);
      await handle.read(header, 0, 16, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return problem('input.unreadable', file, { zh: message(error), en: message(error) });
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) return not('不是 SQLite 文件', 'not an SQLite file');
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return not(`文件已损坏（${String(check)}）`, `the file is damaged (${String(check)})`);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has(MIGRATION_TABLE) || !tables.has('organizations')) return not('缺少迁移记录表', `no ${MIGRATION_TABLE} table`);
    const names = (db.prepare(`select name from ${MIGRATION_TABLE}`).all() as { name: string }[]).map((r) => r.name);
    const unknown = names.filter((n) => !Object.hasOwn(MIGRATIONS, n));
    if (unknown.length > 0) return not(`由更新版本的 gongkai 生成（迁移 ${unknown.join(', ')}）`, `made by a newer gongkai (migrations ${unknown.join(', ')})`);
    return null;
  } catch (error) {
    return not(message(error), message(error));
  } finally {
    db?.close();
  }
}

/**
 * Replace `<dataDir>/gongkai.sqlite` with the backup `source`, after checking it is a gongkai database. Errors:
 * input.unreadable, db.notGongkaiDatabase, output.unwritable. Stop the server first: it keeps its connection open.
 */
export async function restoreSqlite(dataDir: string, source: string): Promise<Result> {
  const bad = await checkGongkaiSqlite(source);
  if (bad) return { ok: false, problems: [bad] };
  const target = sqliteFile(dataDir);
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await mkdir(dataDir, { recursive: true });
    // The backup API writes through the target's own connection (and WAL): no stale -wal file survives the swap.
    await db.backup(target);
    return { ok: true, file: target };
  } catch (error) {
    return { ok: false, problems: [problem('output.unwritable', target, { zh: message(error), en: message(error) })] };
  } finally {
    db.close();
  }
}
