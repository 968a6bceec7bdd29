import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kyselyCalendar } from '../storage/calendar.ts';
import { runCalendar } from './calendar.ts';
import { withCliDatabase } from './database.ts';
import { captureDeps, runCli } from './run-for-test.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASES = join(ROOT, 'fixtures/spec/deadline-cases.csv');
const EXAMPLE = join(ROOT, 'seed/calendar/example-2027.txt');
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-calendar-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (argv: string[]) => runCli(dir, argv);

/** CSV lines with line endings and surrounding blanks removed. */
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
/** The shared table's row whose 2027 dates are empty: not computable until 2027 is loaded. */
const NEEDS_2027 = '2026-12-15,2026-12-24,,0,,,0,';

test('deadlines on the shared table reproduces it; the row needing 2027 gets provisional (暂定) dates and the exit status is 1', async () => {
  const r = await run(['calendar', 'deadlines', CASES, '--data', 'empty']);
  assert.equal(r.code, 1, r.err);
  const expected = lines(await readFile(CASES, 'utf8'));
  const got = lines(r.out);
  assert.equal(got.length, expected.length);
  assert.deepEqual(got.filter((l) => !l.startsWith('2026-12-15')), expected.filter((l) => l !== NEEDS_2027));
  // 2027 is not loaded: counted on weekends + 《全国年节及纪念日放假办法》第二条 (元旦 2027-01-01), never a bare date.
  assert.equal(got.find((l) => l.startsWith('2026-12-15')), '2026-12-15,2026-12-24,2027-01-06（暂定）,0,,,0,2027-01-13（暂定）');
  assert.match(r.err, /deadline-cases\.csv:24: 暂定（2027 年） \/ provisional \(2027\)/);
  assert.match(r.err, /1 行含暂定期限。暂定：2027 年下一年度节假日安排尚未公布，按《全国年节及纪念日放假办法》暂定/);
  assert.ok(r.out.includes('\r\n'), 'the line endings of the input are kept');
});

test('add-year with the example file, then show 2027; deadlines then count on the loaded 2027', async () => {
  const added = await run(['calendar', 'add-year', EXAMPLE, '--data', 'd1']);
  assert.equal(added.code, 0, added.err);
  assert.match(added.err, /已载入 2027 年：放假 28 天、调休上班 5 天/);
  assert.match(added.err, /办理中案件 0 件，重算当前期限 0 件/);
  assert.match(added.err, /示例，不是正式通知/);
  assert.match(added.err, /gongkai\.sqlite/);
  const stored = await withCliDatabase(join(dir, 'd1'), undefined, async ({ db }) => ({ ok: true as const, data: await kyselyCalendar(db).load() }));
  assert.ok(stored.ok);
  assert.deepEqual(stored.data.coveredYears.slice(-2), [2026, 2027]);

  const shown = await run(['calendar', 'show', '2027', '--data', 'd1']);
  assert.equal(shown.code, 0, shown.err);
  const body = lines(shown.out).filter((l) => !l.startsWith('#'));
  assert.deepEqual(body.slice(0, 5), [
    '年度 2027',
    '来源 示例（非正式通知）/ EXAMPLE, not the official notice',
    '2027-01-01..2027-01-03   元旦 休   # 星期五至星期日，3天',
    '2027-02-06..2027-02-13   春节 休   # 星期六至星期六，8天',
    '2027-02-14               春节 班   # 星期日',
  ]);
  assert.equal(body.length, 2 + 12);

  const again = await run(['calendar', 'add-year', EXAMPLE, '--data', 'd1']);
  assert.equal(again.code, 2);
  assert.match(again.err, /该年度的节假日安排已载入.*--replace/);
  assert.equal((await run(['calendar', 'add-year', EXAMPLE, '--data', 'd1', '--replace'])).code, 0);

  const r = await run(['calendar', 'deadlines', CASES, '--data', 'd1']);
  assert.equal(r.code, 0, r.err);
  assert.ok(lines(r.out).includes('2026-12-15,2026-12-24,2027-01-06,0,,,0,2027-01-13'), '1 January 2027 is a day off in the example');
});

test('show prints a notice file: loading it back into another data dir gives the same year', async () => {
  const shown = await run(['calendar', 'show', '2025', '--data', 'empty']);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /2025-10-01\.\.2025-10-08 +国庆节、中秋节 休/);
  await writeFile(join(dir, '2025.txt'), shown.out);
  assert.equal((await run(['calendar', 'add-year', '2025.txt', '--data', 'd2', '--replace'])).code, 0);
  const json = async (data: string) => JSON.parse((await run(['calendar', 'show', '2025', '--json', '--data', data])).out);
  const [a, b] = [await json('empty'), await json('d2')];
  assert.deepEqual([a.holidays, a.workdays, a.source], [b.holidays, b.workdays, b.source]);
});

test('proof prints the deadline proof day by day', async () => {
  const r = await run(['calendar', 'proof', '2024-02-02', '--pause', '2024-02-20..2024-02-21:征求第三方意见', '--data', 'empty']);
  assert.equal(r.code, 0, r.err);
  const out = lines(r.out);
  assert.equal(out[0], '2024-02-02 星期五 第0日：收到申请（不计入） / Fri day 0: received (not counted)');
  assert.ok(out.includes('2024-02-21 星期三 不计：期限中止（征求第三方意见） / Wed paused: 征求第三方意见'));
  assert.match(out.find((l) => l.startsWith('2024-02-20')) ?? '', /第9个工作日/, 'the day the request was sent still counts (S < d <= E)');
  assert.match(out.at(-2) ?? '', /^2024-03-07 星期四 第20个工作日 .*答复期限/);
  const over = await run(['calendar', 'proof', '2024-02-02', '--extension', '21', '--data', 'empty']);
  assert.equal(over.code, 2);
  assert.match(over.err, /延长期限应为 0 至 20 个工作日/);
  const provisional = await run(['calendar', 'proof', '2026-12-15', '--data', 'empty']);
  assert.equal(provisional.code, 1, 'a provisional answer date exits 1');
  assert.match(lines(provisional.out).find((l) => l.startsWith('2027-01-13')) ?? '', /第20个工作日（暂定）.*答复期限/);
  assert.match(provisional.err, /答复期限 2027-01-13（暂定）/);
});

test('errors: malformed rows and notice lines are located (exit 2); unknown years, files and subcommands', async () => {
  await writeFile(join(dir, 'bad.csv'), 'received,extensionDays,pauseFrom,pauseTo\n2024-01-02,0,,\n2024-01-32,0,,\n2024-01-02,25,,\n');
  const csv = await run(['calendar', 'deadlines', 'bad.csv', '--data', 'empty']);
  assert.equal(csv.code, 2);
  assert.equal(csv.out, '', 'nothing printed when a row is malformed');
  assert.match(csv.err, /bad\.csv:3: 日期无效，应为 YYYY-MM-DD：第3行/);
  assert.match(csv.err, /bad\.csv:4: 延长期限应为 0 至 20 个工作日/);

  await writeFile(join(dir, 'bad.txt'), '年度 2028\n2028-01-01 元旦 休\n2028-01-03 元旦 班\n2027-12-31 元旦 休\n');
  const notice = await run(['calendar', 'add-year', 'bad.txt', '--data', 'd3']);
  assert.equal(notice.code, 2);
  assert.match(notice.err, /bad\.txt:3: 调休上班日应为星期六或星期日：第3行：2028-01-03 是星期一/);
  assert.match(notice.err, /bad\.txt:4: 日期不在该放假安排的年度内/);
  const d3 = await withCliDatabase(join(dir, 'd3'), undefined, async ({ db }) => ({ ok: true as const, data: await kyselyCalendar(db).load() }));
  assert.ok(d3.ok && !d3.data.coveredYears.includes(2027), 'nothing written');

  const unknownYear = await run(['calendar', 'show', '2030', '--data', 'empty']);
  assert.equal(unknownYear.code, 1);
  assert.match(unknownYear.err, /2030 年的节假日安排未载入（已载入：2004–2026/);
  assert.match(unknownYear.err, /期限暂按《全国年节及纪念日放假办法》.*第二条计算（不含调休）：2030-01-01 元旦、/);
  assert.equal((await run(['calendar', 'deadlines', 'missing.csv'])).code, 2);
  assert.equal((await run(['calendar', 'frobnicate'])).code, 2);
  assert.equal((await run(['calendar'])).code, 2);
  assert.equal((await run(['calendar', 'show', '25'])).code, 2);

  // A table edited by hand into nonsense (a Monday as a 调休 make-up workday) is reported, not used.
  await withCliDatabase(join(dir, 'broken'), undefined, async ({ db }) => {
    await kyselyCalendar(db).load();
    await db.insertInto('calendar_days').values({ date: '2024-02-05', kind: 'makeUpWorkday', name: 'x', source: null }).execute();
    return { ok: true as const };
  });
  const broken = await run(['calendar', 'show', '2024', '--data', 'broken']);
  assert.equal(broken.code, 2);
  assert.match(broken.err, /gongkai\.sqlite workdays\[\d+\]: 调休上班日应为星期六或星期日/);
});

test('the data dir comes from GONGKAI_DATA_DIR when --data is absent; help is listed', async () => {
  const sink = { out: '', err: '' };
  assert.equal(await runCalendar(['show', '2027'], captureDeps(dir, sink), { GONGKAI_DATA_DIR: 'd1' }), 0, sink.err);
  assert.match(sink.out, /年度 2027/);
  const help = await run(['calendar', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /数据库中的节假日表/);
  assert.match((await run(['--help'])).out, /calendar +工作日日历/);
});
