/** `gongkai catalog search`: published only by default, --all adds drafts, --org narrows, --json, bad query exit 2. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../storage/db.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { indexDocument } from '../storage/search.ts';
import { runCli } from './run-for-test.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-search-'));
const data = join(dir, 'data');
const doc = { attachmentText: '', docNumber: '中民〔2025〕3号', writtenOn: '2025-01-01', item: null, validity: '有效', url: '/x' };

before(async () => {
  const opened = openDatabase({ dataDir: data });
  await migrateToLatest(opened.db);
  await indexDocument(opened.db, { ...doc, id: 'pub', organizationId: 'a', title: '关于调整城乡低保标准的通知', body: '低保标准提高。', publishedOn: '2025-01-10', status: 'published' });
  await indexDocument(opened.db, { ...doc, id: 'draft', organizationId: 'a', title: '低保资金管理办法（征求意见稿）', body: '草稿。', publishedOn: null, status: 'draft' });
  await indexDocument(opened.db, { ...doc, id: 'other', organizationId: 'b', title: '临时救助办法', body: '含低保对象。', publishedOn: '2024-01-10', status: 'published' });
  await opened.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('catalog search: published only, matches in 【】; --all adds drafts; --org; --json; bad query → 2', async () => {
  const r = await runCli(dir, ['catalog', 'search', '低保', '--data', data]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /关于调整城乡【低保】标准的通知/);
  assert.doesNotMatch(r.out, /征求意见稿/);
  assert.ok(r.out.indexOf('[published] pub') < r.out.indexOf('[published] other'));
  const all = await runCli(dir, ['catalog', 'search', '低保', '--all', '--json', '--data', data]);
  assert.equal(all.code, 0, all.err);
  const items = (JSON.parse(all.out) as { items: { id: string; status: string }[] }).items;
  assert.deepEqual(items.map((h) => h.id), ['pub', 'draft', 'other']);
  const orgB = await runCli(dir, ['catalog', 'search', '低保', '--org', 'b', '--json', '--data', data]);
  assert.deepEqual((JSON.parse(orgB.out) as { items: { id: string }[] }).items.map((h) => h.id), []); // b is not a known organisation: no subtree
  const bad = await runCli(dir, ['catalog', 'search', '，', '--data', data]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /search\.invalid|检索/);
  assert.equal((await runCli(dir, ['catalog', 'list'])).code, 2);
});
