/**
 * Whether two kept builds of bench:search (`--keep NAME`, both engines) give the same answers: the first 4 pages of
 * 50 hits of every query of the mix, ids, scores and cursors, SQLite (FTS5) against PostgreSQL (GIN, date windows).
 * The contract suite checks both against a brute-force reference at 400 documents; this checks them against each
 * other at the benchmark's size, where PostgreSQL's month and year windows are used.
 * `node --import tsx bench/search-compare.ts --keep NAME`.
 */
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/storage/db.ts';
import { searchDocuments } from '../src/storage/search.ts';
import { MIX } from './search-mix.ts';
const { values } = parseArgs({ options: { keep: { type: 'string' } } });
if (values.keep === undefined || !/^[a-z_][a-z0-9_]{0,62}$/.test(values.keep)) throw new Error('--keep NAME: the build kept by bench:search');
const url = new URL(process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${values.keep}`;
const s = openDatabase({ dataDir: join(process.env.GONGKAI_BENCH_DIR ?? tmpdir(), values.keep) });
const p = openDatabase({ url: url.toString(), dataDir: '/nonexistent-unused' });
let bad = 0;
for (const m of MIX) {
  let cs: string | null = null;
  let cp: string | null = null;
  for (let page = 0; page < 4; page += 1) {
    const a = await searchDocuments(s.db, { ...m.query, limit: 50, cursor: cs });
    const b = await searchDocuments(p.db, { ...m.query, limit: 50, cursor: cp });
    if (!a.ok || !b.ok) throw new Error(JSON.stringify(m.query));
    const x = a.hits.map((h) => `${h.id}:${h.score}`).join();
    const y = b.hits.map((h) => `${h.id}:${h.score}`).join();
    if (x !== y || a.nextCursor !== b.nextCursor) { bad += 1; console.log('DIFF', JSON.stringify(m.query), page); break; }
    cs = a.nextCursor; cp = b.nextCursor;
    if (cs === null) break;
  }
}
console.log(`${MIX.length} queries, up to 4 pages of 50: ${bad} differ`);
process.exitCode = bad > 0 ? 1 : 0;
await s.close(); await p.close();
