import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emptyReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { DomainError } from '../core/errors.ts';
import { reportFiles, STORED_ID } from './report-files.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-report-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `data-${(n += 1)}`);

const report = emptyReport('2021', 2023, '某某县人民政府');
const NOV_23 = () => new Date(2026, 10, 23, 9, 30);

test('an empty store lists nothing and does not create its folder', async () => {
  const dir = freshDir();
  const store = reportFiles(dir);
  assert.deepEqual(await store.list(), []);
  assert.equal(await store.get('2026-11-23-abcdef'), null);
  assert.equal(existsSync(dir), false);
});

test('save creates <dataDir>/reports/<id>.json in the canonical JSON; get and list return it', async () => {
  const dir = freshDir();
  const store = reportFiles(dir, { now: NOV_23 });
  const id = await store.save(report);
  assert.match(id, /^2026-11-23-[a-z0-9]{6}$/);
  assert.match(id, STORED_ID);
  const file = join(dir, 'reports', `${id}.json`);
  assert.equal(readFileSync(file, 'utf8'), stringifyReport(report));
  const parsed = parseReportJson(readFileSync(file, 'utf8'));
  assert.ok(parsed.ok);
  assert.deepEqual((await store.get(id))?.report, parsed.report);
  assert.deepEqual((await store.list()).map((s) => s.id), [id]);
});

test('list: newest first; ids that are not store ids and other files are ignored', async () => {
  const dir = freshDir();
  const suffixes = ['aaaaaa', 'bbbbbb'];
  const store = reportFiles(dir, { now: NOV_23, suffix: () => suffixes.shift() ?? 'zzzzzz' });
  const first = await store.save(report);
  const second = await store.save({ ...report, year: 2024 });
  const old = new Date(2020, 0, 1);
  utimesSync(join(dir, 'reports', `${first}.json`), old, old);
  writeFileSync(join(dir, 'reports', 'notes.txt'), 'x');
  writeFileSync(join(dir, 'reports', '002_b7b31fc9363d19c4.json'), stringifyReport(report));
  assert.deepEqual((await store.list()).map((s) => s.id), [second, first]);
  assert.equal((await store.get(second))?.report.year, 2024);
});

test('get: ids with unsafe characters never reach the disk', async () => {
  const store = reportFiles(freshDir());
  for (const id of ['../etc/passwd', '2026-11-23-ABCDEF', '2026-11-23-abc/ef', '', '2026-11-23-abcdefg']) {
    assert.equal(await store.get(id), null, id);
  }
});

test('save never overwrites: a taken id is retried, and after five collisions it rejects', async () => {
  const dir = freshDir();
  const taken = reportFiles(dir, { now: NOV_23, suffix: () => 'same00' });
  const id = await taken.save(report);
  await assert.rejects(taken.save({ ...report, year: 2022 }), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
  assert.equal((await taken.get(id))?.report.year, 2023);
  const tries = ['same00', 'same00', 'other0'];
  const retry = reportFiles(dir, { now: NOV_23, suffix: () => tries.shift() ?? 'last00' });
  assert.equal(await retry.save({ ...report, year: 2022 }), '2026-11-23-other0');
  assert.equal(readdirSync(join(dir, 'reports')).length, 2);
});

test('a stored file that does not parse: left out of the list, get rejects naming the file', async () => {
  const dir = freshDir();
  const store = reportFiles(dir, { now: NOV_23, suffix: () => 'good00' });
  await store.save(report);
  writeFileSync(join(dir, 'reports', '2026-11-23-bad000.json'), '{"schema":"gongkai.annual-report/1","template":"2019","year":"x"}');
  assert.deepEqual((await store.list()).map((s) => s.id), ['2026-11-23-good00']);
  await assert.rejects(store.get('2026-11-23-bad000'), (e: unknown) => e instanceof DomainError && e.problems.some((p) => p.at.startsWith('reports/2026-11-23-bad000.json: ')));
});

test('withdraw moves a saved report (and its provenance) aside: no longer listed nor served; unknown or unsafe ids → false', async () => {
  const dir = freshDir();
  const store = reportFiles(dir, { now: NOV_23 });
  const id = await store.save(report, [{ path: 'applications.granted.natural', value: null, how: 'missing', note: 'blank' }]);
  assert.equal(await store.withdraw('2026-11-23-zzzzzz'), false);
  assert.equal(await store.withdraw('../../etc/passwd'), false);
  assert.equal(await store.withdraw(id), true);
  assert.deepEqual(await store.list(), []);
  assert.equal(await store.get(id), null);
  assert.deepEqual(readdirSync(join(dir, 'reports', 'withdrawn')).sort(), [`${id}.json`, `${id}.provenance.json`]);
  assert.equal(await store.withdraw(id), false, 'once');
});

test('a full disk half way through a save: the save rejects with ENOSPC and no file is left, under the report\'s name or aside', async () => {
  const dir = freshDir();
  let writes = 0;
  // The second file (the provenance) runs out of space after half its bytes, as a full disk does.
  const write = async (path: string, text: string): Promise<void> => {
    writes += 1;
    if (writes === 2) {
      writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    writeFileSync(path, text, { flag: 'wx' });
  };
  const store = reportFiles(dir, { now: NOV_23, write });
  await assert.rejects(store.save(report, []), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
  assert.deepEqual(readdirSync(join(dir, 'reports')), []);
  assert.deepEqual(await store.list(), []);
  // Once there is room the same report saves whole.
  const id = await store.save(report, []);
  assert.deepEqual(readdirSync(join(dir, 'reports')).sort(), [`${id}.json`, `${id}.provenance.json`]);
  assert.equal(readFileSync(join(dir, 'reports', `${id}.json`), 'utf8'), stringifyReport(report));
});
