import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { peopleDeps } from '../storage/application-deps.ts';
import { openDatabase } from '../storage/db.ts';
import { kyselySite } from '../storage/site.ts';
import { runCli } from './run-for-test.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-setup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ARGS = ['setup', '--org', '中原县人民政府', '--admin', 'zhang.jg', '--name', '张建国', '--site-name', '中原县人民政府信息公开', '--sponsor', '中原县人民政府办公室', '--icp', '豫ICP备12345678号', '--data', 'data'];

test('gongkai setup: sets up an empty installation once, printing the admin password once; refuses the second time', async () => {
  const bad = await runCli(dir, [...ARGS.slice(0, -2), '--site-code', '12', '--data', 'data']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /网站标识码应为10位数字或字母/);

  const first = await runCli(dir, ARGS);
  assert.equal(first.code, 0, first.err);
  const password = /shown once\): (\S+)/.exec(first.out)?.[1] ?? '';
  assert.ok(password.length >= 12, first.out);

  const again = await runCli(dir, [...ARGS.slice(0, 4), 'other.admin', ...ARGS.slice(5)]);
  assert.equal(again.code, 2);
  assert.match(again.err, /已完成首次设置/);

  const opened = openDatabase({ dataDir: join(dir, 'data') });
  try {
    const people = peopleDeps(opened.db, () => new Date().toISOString());
    const orgs = await people.organizations.list();
    assert.deepEqual(orgs.map((o) => [o.name, o.parentId]), [['中原县人民政府', null]]);
    assert.equal(await people.users.count(), 1);
    assert.equal((await kyselySite(opened.db).get())?.icp, '豫ICP备12345678号');
    assert.ok(await people.passwords.verify(password, (await people.users.byUsername('zhang.jg'))?.passwordHash ?? ''), 'the printed password logs in');
  } finally {
    await opened.close();
  }
});
