/**
 * The build step (scripts/build.mjs, run by `npm ci` through `prepare`): it bundles into a folder that then runs the
 * CLI on its own, finding the package's files (seed/calendar through the database, demo reports by path) and its
 * node_modules; and bin/launch.js's fingerprint tells a current build from a stale one. Output is asserted, never time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pkg from '../../package.json' with { type: 'json' };
import { distIsFresh, ROOT, sourceStamp, STAMP } from '../../bin/launch.js';

let out = '';
let data = '';
let build: ReturnType<typeof spawnSync>;
before(async () => {
  // Inside the package (.tmp/ is git-ignored), so the bundle resolves node_modules as dist/ does.
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  out = await mkdtemp(join(ROOT, '.tmp', 'build-test-'));
  data = await mkdtemp(join(tmpdir(), 'gongkai-build-data-'));
  build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', out, '--quiet'], { encoding: 'utf8' });
});
after(async () => {
  await rm(out, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(out, 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GONGKAI_DATA_DIR: data } });

test('npm run build bundles the CLI and the server with a stamp of the current sources', () => {
  assert.equal(build.status, 0, String(build.stderr));
  assert.ok(distIsFresh(ROOT, out), 'the fresh build is recognised as current');
  const server = spawnSync(process.execPath, ['--check', join(out, 'server.js')], { encoding: 'utf8' });
  assert.equal(server.status, 0, server.stderr);
});

test('the bundled CLI answers --version and help, and runs subcommands', () => {
  const version = cli('--version');
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout, `gongkai ${pkg.version}\n`);
  const help = cli('help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /用法 \/ usage/);
  // A real subcommand: the demo report with T3.columns errors (README example), exit 1.
  const check = cli('check', 'demo/reports/003_02af2ddfabc85d6c.json', '--json');
  assert.equal(check.status, 1, check.stderr);
  assert.ok((JSON.parse(check.stdout) as { findings: { code: string }[] }).findings.some((f) => f.code === 'T3.columns'));
  // The database path: better-sqlite3 from node_modules, migrations, the calendar seed read from the package root.
  const calendar = cli('calendar', 'show', '2025');
  assert.equal(calendar.status, 0, calendar.stderr);
  assert.match(calendar.stdout, /2025-01-28\.\.2025-02-04\s+春节 休/);
  const unknown = cli('nope');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /未知命令/);
});

test('the bundled CLI reads files in the extraction pool\'s worker (dist/extract-worker.js): a bomb is refused, a page is read', async () => {
  const { docxBomb } = await import('../formats/source/hostile.ts');
  await writeFile(join(data, 'bomb.docx'), docxBomb());
  await writeFile(join(data, 'page.html'), '<html><body><p>2024年政府信息公开工作年度报告</p><table><tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr></table></body></html>');
  const bomb = cli('import', join(data, 'bomb.docx'), '--json');
  assert.equal(bomb.status, 2, bomb.stderr);
  assert.equal((JSON.parse(bomb.stdout) as { problem: { code: string } }).problem.code, 'import.tooLarge');
  const page = cli('import', join(data, 'page.html'), '--json');
  assert.equal(page.status, 0, page.stderr);
  assert.equal((JSON.parse(page.stdout) as { format: string }).format, 'html');
});

test('the source fingerprint changes when a bundled file changes, is added or removed — not when a test does', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gongkai-stamp-'));
  try {
    await mkdir(join(root, 'src', 'cli'), { recursive: true });
    await mkdir(join(root, 'scripts'));
    await writeFile(join(root, 'package.json'), '{}');
    await writeFile(join(root, 'scripts', 'build.mjs'), '');
    await writeFile(join(root, 'src', 'cli', 'a.ts'), 'export const a = 1;\n');
    const first = sourceStamp(root);
    assert.equal(sourceStamp(root), first);
    await writeFile(join(root, 'src', 'cli', 'a.test.ts'), '');
    assert.equal(sourceStamp(root), first, 'tests are not bundled');
    const later = new Date(Date.now() + 5000);
    await utimes(join(root, 'src', 'cli', 'a.ts'), later, later);
    const touched = sourceStamp(root);
    assert.notEqual(touched, first);
    await writeFile(join(root, 'src', 'cli', 'b.ts'), '');
    assert.notEqual(sourceStamp(root), touched);
    await rm(join(root, 'src', 'cli', 'b.ts'));
    assert.equal(sourceStamp(root), touched);

    const dist = join(root, 'dist');
    assert.equal(distIsFresh(root, dist), false, 'no dist/');
    await mkdir(dist);
    await writeFile(join(dist, STAMP), JSON.stringify({ sources: touched }));
    assert.equal(distIsFresh(root, dist), true);
    await writeFile(join(root, 'src', 'cli', 'a.ts'), 'export const a = 2;\n');
    assert.equal(distIsFresh(root, dist), false, 'an edited source makes dist/ stale');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
