import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from '../../bin/launch.js';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { validateReport } from '../core/annual-report/validate.ts';
import { DomainError, problem } from '../core/errors.ts';
import { FORMATS } from '../formats/index.ts';
import type { CliDeps, CliFormat } from './io.ts';
import { runCli } from './run-for-test.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(ROOT, 'demo/reports');
const demo = (id: string) => join(DEMO, `${id}.json`);
const IDS = ['000_df5a05609306c7aa', '001_adfc45d447bb024f', '002_b7b31fc9363d19c4', '003_02af2ddfabc85d6c', '004_f368d5e4cb4d2e8e'];
const INSTALL = 'apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noPdf: CliFormat = {
  ...FORMATS.pdf,
  render: async () => {
    throw new DomainError([problem('pdf.unavailable', '', { zh: `请安装：${INSTALL}`, en: `install: ${INSTALL}` })]);
  },
};

/** Run the CLI in the temporary directory, capturing stdout and stderr. */
const run = (argv: string[], formats: CliDeps['formats'] = { ...FORMATS, pdf: noPdf }) => runCli(dir, argv, { formats });

async function demoReport(id: string) {
  const parsed = parseReportJson(await readFile(demo(id), 'utf8'));
  assert.ok(parsed.ok);
  return parsed.report;
}

test('--help, <cmd> --help and --version are bilingual and exit 0', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /用法 \/ usage/);
  for (const cmd of ['check', 'render', 'new']) {
    const r = await run([cmd, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`gongkai ${cmd} — .*/`));
  }
  const version = await run(['--version']);
  assert.match(version.out, /^gongkai \d+\.\d+\.\d+\n$/);
});

test('unknown command and no command: help on stderr, exit 2', async () => {
  const r = await run(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.err, /未知命令 “frobnicate”/);
  assert.match(r.err, /用法 \/ usage/);
  assert.equal((await run([])).code, 2);
  const badOption = await run(['check', '--nope', demo(IDS[0] ?? '')]);
  assert.equal(badOption.code, 2);
  assert.match(badOption.err, /cli|命令用法错误/);
});

test('check: exit 1 exactly when validateReport has errors, 0 otherwise; findings grouped with a summary line', async () => {
  for (const id of IDS) {
    const findings = validateReport(await demoReport(id));
    const errors = findings.filter((f) => f.severity === 'error').length;
    const r = await run(['check', demo(id)]);
    assert.equal(r.code, errors > 0 ? 1 : 0, id);
    assert.match(r.out, new RegExp(`汇总 / summary: ${errors} 个错误`));
    if (errors > 0) {
      assert.match(r.out, /错误 \/ errors \(\d+\)\n {2}✗ \[/);
      if (findings.some((f) => f.cells.length > 0)) assert.match(r.out, /单元格 \/ cells: [a-z]+\.[a-zA-Z.]+/);
      if (findings.some((f) => f.expected !== undefined)) assert.match(r.out, /应为 \/ expected: /);
    }
  }
});

test('check --json: { file, findings, summary }', async () => {
  const id = '003_02af2ddfabc85d6c';
  const r = await run(['check', '--json', demo(id)]);
  const doc = JSON.parse(r.out) as { file: string; findings: unknown[]; summary: { error: number; hasErrors: boolean } };
  const findings = validateReport(await demoReport(id));
  assert.equal(doc.file, demo(id));
  assert.equal(doc.findings.length, findings.length);
  assert.equal(doc.summary.error, findings.filter((f) => f.severity === 'error').length);
  assert.equal(r.code, doc.summary.hasErrors ? 1 : 0);
});

test('check --previous of another organisation or year: the check runs, with a warning for each', async () => {
  const r = await run(['check', demo('002_b7b31fc9363d19c4'), '--previous', demo('000_df5a05609306c7aa')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /上一年度报告的机关（平顶山高新技术产业开发区管理委员会）与本报告（平顶山市人民政府）不同/);
  assert.match(r.err, /上一年度报告的年度是 2020，不是 2019，跨年度规则不适用/);
  const same = await run(['check', demo('002_b7b31fc9363d19c4'), '--previous', demo('002_b7b31fc9363d19c4')]);
  assert.doesNotMatch(same.err, /机关.*不同/);
});

test('check: unreadable or invalid input (or --previous) exits 2 with located problems', async () => {
  const missing = await run(['check', 'nope.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /无法读取输入文件：文件不存在（ENOENT） \/ the input could not be read: no such file \(ENOENT\)/);
  const text = (await readFile(demo('002_b7b31fc9363d19c4'), 'utf8')).replace(/("stateSecret": \{\s*"natural": )0/, '$1-1.5');
  await writeFile(join(dir, 'bad.json'), text);
  const bad = await run(['check', 'bad.json']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /applications\.denied\.stateSecret\.natural: 应为非负整数：实际为 -1\.5 \/ expected a non-negative integer: got -1\.5/);
  const json = await run(['check', 'bad.json', '--json']);
  assert.equal(json.code, 2);
  const body = JSON.parse(json.out) as { ok: boolean; error: string; data: { problems: unknown[] } };
  assert.equal(body.ok, false);
  assert.equal(body.error, 'report.cellCount');
  const prev = await run(['check', demo('002_b7b31fc9363d19c4'), '--previous', 'nope.json']);
  assert.equal(prev.code, 2);
  assert.match(prev.err, /上一年度报告/);
});

test('render: text formats go to stdout; json is the canonical JSON', async () => {
  const id = '002_b7b31fc9363d19c4';
  const json = await run(['render', demo(id), '--format', 'json']);
  assert.equal(json.code, 0);
  assert.equal(json.out, stringifyReport(await demoReport(id)));
  const md = await run(['render', demo(id), '-f', 'md']);
  assert.equal(md.code, 0);
  assert.match(md.out, /平顶山市人民政府/);
});

test('render: binary formats without -o go to <basename>.<ext> in cwd; -o writes there', async () => {
  const id = '002_b7b31fc9363d19c4';
  const docx = await run(['render', demo(id), '--format', 'docx']);
  assert.equal(docx.code, 0, docx.err);
  assert.match(docx.err, new RegExp(`已写入 Word 文档：${id}\\.docx`));
  const bytes = await readFile(join(dir, `${id}.docx`));
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  const xlsx = await run(['render', demo(id), '--format', 'xlsx', '-o', 'out.xlsx']);
  assert.equal(xlsx.code, 0, xlsx.err);
  assert.equal((await readFile(join(dir, 'out.xlsx'))).subarray(0, 2).toString('latin1'), 'PK');
  // An existing file is not replaced unless asked.
  const again = await run(['render', demo(id), '--format', 'xlsx', '-o', 'out.xlsx']);
  assert.equal(again.code, 2);
  assert.match(again.err, /文件已存在（加 --force 覆盖）/);
  assert.equal((await run(['render', demo(id), '--format', 'xlsx', '-o', 'out.xlsx', '--force'])).code, 0);
});

test('render: unknown format, missing format, unreadable input and PDF without Chromium exit 2', async () => {
  const unknown = await run(['render', demo('002_b7b31fc9363d19c4'), '--format', 'odt']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /不支持的格式：“odt”；可用格式：md、html、docx、xlsx、pdf、json/);
  assert.equal((await run(['render', demo('002_b7b31fc9363d19c4')])).code, 2);
  assert.equal((await run(['render', 'nope.json', '--format', 'md'])).code, 2);
  const pdf = await run(['render', demo('002_b7b31fc9363d19c4'), '--format', 'pdf']);
  assert.equal(pdf.code, 2);
  assert.match(pdf.err, /^正在用 Chromium 打印 PDF/, 'the wait is announced before Chromium starts');
  assert.ok(pdf.err.includes(INSTALL), pdf.err);
});

test('new: an all-null report; template/year mismatch warns; -o refuses to overwrite without --force', async () => {
  const r = await run(['new', '--template', '2019', '--year', '2020', '--org', '某县人民政府']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const parsed = parseReportJson(r.out);
  assert.ok(parsed.ok);
  assert.equal(parsed.report.organization, '某县人民政府');
  assert.ok(validateReport(parsed.report).every((f) => f.severity !== 'error' || f.code === 'missing.section' || f.outcome === 'uncheckable'));
  const mismatch = await run(['new', '--template', '2019', '--year', '2022', '--org', 'x', '-o', 'new.json']);
  assert.equal(mismatch.code, 0);
  assert.match(mismatch.err, /警告 \/ warning \[template\.year\]/);
  const again = await run(['new', '--template', '2019', '--year', '2022', '--org', 'x', '-o', 'new.json']);
  assert.equal(again.code, 2);
  assert.match(again.err, /文件已存在/);
  assert.equal((await run(['new', '--template', '2019', '--year', '2022', '--org', 'x', '-o', 'new.json', '--force'])).code, 0);
  assert.equal((await run(['new', '--template', '2020', '--year', '2022', '--org', 'x'])).code, 2);
  assert.equal((await run(['new', '--template', '2019', '--year', '20x2', '--org', 'x'])).code, 2);
  assert.equal((await run(['new', '--template', '2019'])).code, 2);
});

test('bin/gongkai.js runs the CLI: dist/ when it is a build of the current sources, else the sources through tsx with a notice', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.js'), '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^gongkai /);
  if (distIsFresh()) assert.equal(r.stderr, '');
  else assert.match(r.stderr, /^gongkai：dist\/ 缺失或不是当前源代码的构建.*npm run build/);
  const bad = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.js'), 'check', join(ROOT, 'nope.json')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
