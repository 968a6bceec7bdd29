/** `gongkai catalog import FILE --org ID --files DIR`: all rows or none (bad rows printed, exit 2), attachments from a folder, --json. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createOrganization } from '../app/organizations/index.ts';
import { kyselyCatalog } from '../storage/catalog.ts';
import { openDatabase } from '../storage/db.ts';
import { documentIndexIn } from '../storage/document-index.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { kyselyOrganizations } from '../storage/organizations.ts';
import { runCli } from './run-for-test.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-import-'));
const data = join(dir, 'data');
let org = '';

before(async () => {
  const opened = openDatabase({ dataDir: data });
  await migrateToLatest(opened.db);
  const r = await createOrganization({ organizations: kyselyOrganizations(opened.db), newId: randomUUID, now: () => '2025-11-20T00:00:00Z' }, { name: '中原县人民政府', kind: 'government', code: '11411000MB' });
  assert.ok(r.ok);
  org = r.organization.id;
  await opened.close();
  mkdirSync(join(dir, 'files'));
  writeFileSync(join(dir, 'files', '低保标准.pdf'), '%PDF-1.4\n%%EOF\n');
  writeFileSync(join(dir, 'files', 'notes.txt'), 'plain text is not an attachment type');
  const header = '索引号,标题,发布日期,附件\n';
  writeFileSync(join(dir, 'bad.csv'), `${header}A-1,关于低保标准的通知,2024-02-01,低保标准.pdf\nA-2,说明,2024-02-02,notes.txt\nA-3,越界,2024-02-03,../bad.csv\n`);
  writeFileSync(join(dir, 'good.csv'), `${header}A-1,关于低保标准的通知,2024-02-01,低保标准.pdf\n,临时救助办法,2024-03-01,\n`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('catalog import: bad rows printed and nothing imported; then all rows with their attachment', async () => {
  const bad = await runCli(dir, ['catalog', 'import', 'bad.csv', '--org', org, '--files', 'files', '--data', data]);
  assert.equal(bad.code, 2);
  assert.match(bad.err + bad.out, /line 3[^\n]*notes\.txt/);
  assert.match(bad.err + bad.out, /line 4[^\n]*未找到/, 'a name never reads outside the folder');
  const good = await runCli(dir, ['catalog', 'import', 'good.csv', '--org', org, '--files', 'files', '--json', '--data', data]);
  assert.equal(good.code, 0, good.err);
  assert.deepEqual(JSON.parse(good.out), { imported: 2, attachments: 1, warnings: [] });
  const opened = openDatabase({ dataDir: data });
  try {
    const list = await kyselyCatalog(opened.db, documentIndexIn).list({ organizationIds: [org], states: ['published'], limit: 10, offset: 0 });
    assert.deepEqual(list.items.map((d) => d.indexNo).sort(), ['11411000MB/2024-00001', 'A-1']);
  } finally {
    await opened.close();
  }
  assert.equal((await runCli(dir, ['catalog', 'import', 'good.csv', '--org', org, '--data', data])).code, 2, 'A-1 is taken now');
});

test('catalog import: a repealed row without its date is imported with a coded warning; with its date and act, kept', async () => {
  const header = '索引号,标题,发布日期,有效性,废止日期,废止依据\n';
  writeFileSync(join(dir, 'repealed.csv'), `${header}R-1,旧供水管理办法,2019-02-01,已废止,,\nR-2,旧征收办法,2019-03-01,废止,2024-06-30,中政〔2024〕9号\n`);
  const r = await runCli(dir, ['catalog', 'import', 'repealed.csv', '--org', org, '--data', data]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /catalog\.validityDateMissing line 2[^\n]*旧供水管理办法[^\n]*没有废止日期/);
  assert.doesNotMatch(r.out, /line 3/);
  const opened = openDatabase({ dataDir: data });
  try {
    const rows = await opened.db.selectFrom('catalog_documents').selectAll().where('index_no', 'in', ['R-1', 'R-2']).orderBy('index_no').execute();
    assert.deepEqual(rows.map((d) => [d.validity, d.validity_on, d.repealed_by]), [['repealed', null, null], ['repealed', '2024-06-30', '中政〔2024〕9号']]);
  } finally {
    await opened.close();
  }
});
