// PDF export needs the system Chromium and CJK fonts (docs/stack.md). These tests do not skip when they are
// missing: CI installs them (.ci/run), and a silently skipped PDF test would hide a broken export.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { emptyReport, templateOf, type AnnualReport } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { DomainError } from '../../core/errors.ts';
import { templateLabels } from '../template-labels.ts';
import { PDF_INSTALL_COMMAND, pdfSupport, renderPdf } from './render.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-pdf-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function demo(file: string): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL(`../../../demo/reports/${file}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, `demo ${file} parses`);
  return parsed.report;
}

/** Text of a PDF by `pdftotext` (poppler-utils) in the given mode. */
function pdfText(pdf: Uint8Array, mode: '-raw' | '-layout'): string {
  const file = join(work, `t${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** As docs/stack.md asks of imported PDF text: NFKC plus ⺠ → 民; whitespace removed (labels wrap in cells). */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\u2EA0/g, '民').replace(/\s+/g, '');
}

async function assertLabelsPrinted(report: AnnualReport): Promise<string> {
  const pdf = await renderPdf(report);
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
  // -raw keeps each table cell's lines together; -layout interleaves a wrapped label with its neighbours' text.
  const raw = pdfText(pdf, '-raw');
  // The report font is TrueType (WenQuanYi): its text extracts without Kangxi-radical look-alikes (U+2E80–U+2FDF).
  assert.doesNotMatch(raw, /[\u2E80-\u2FDF]/, 'no CJK radical look-alikes in the extracted text');
  const text = normalise(raw);
  const missing = templateLabels(templateOf(report)).filter((l) => !text.includes(normalise(l)));
  assert.deepEqual(missing, [], 'every template label is in the PDF text');
  return pdfText(pdf, '-layout');
}

test('Chromium and CJK fonts are installed (PDF export is supported)', () => {
  const support = pdfSupport();
  assert.ok(support.ok, support.ok ? '' : `PDF export unavailable: ${support.problem.messageZh} / ${support.problem.message}`);
});

test('demo 002 (2019 template): every label and the values are in the PDF', async () => {
  const layout = await assertLabelsPrinted(demo('002_b7b31fc9363d19c4.json'));
  const line = (label: string) => layout.split('\n').find((l) => l.includes(label))?.trim().split(/\s+/) ?? [];
  assert.deepEqual(line('一、本年新收政府信息公开申请数量'), ['一、本年新收政府信息公开申请数量', '489', '895', '1', '0', '118', '222', '1725']);
  assert.deepEqual(line('政府集中采购'), ['政府集中采购', '5141', '662820.1755']);
  assert.ok(normalise(layout).startsWith(normalise('平顶山市人民政府2020年政府信息公开工作年度报告 一、总体情况 （未填写）')));
});

test('an empty 2021 report: every label, no values', async () => {
  const layout = await assertLabelsPrinted(emptyReport('2021', 2021, '某某县人民政府'));
  // The only digits printed are those of the title and of labels (第1…8项, 4位小数 …): no 0 for blank cells.
  const line = layout.split('\n').find((l) => l.includes('四、结转下年度继续办理'));
  assert.equal(line?.trim(), '四、结转下年度继续办理');
});

test('without Chromium: pdf.unavailable naming the install command', async () => {
  const env = { PATH: work, CHROMIUM_PATH: join(work, 'no-such-chromium') };
  const support = pdfSupport({ env });
  assert.ok(!support.ok);
  assert.equal(support.problem.code, 'pdf.unavailable');
  assert.ok(support.problem.messageZh.includes(PDF_INSTALL_COMMAND));
  assert.ok(support.problem.message.includes('sudo apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei'));
  await assert.rejects(renderPdf(emptyReport('2021', 2021, null), { env }), (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'pdf.unavailable');
    return true;
  });
});

/** A fake browser: a shell script in the work directory. */
function fakeBrowser(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('a failing browser: pdf.failed with the tail of its stderr', async () => {
  const env = { PATH: process.env.PATH, CHROMIUM_PATH: fakeBrowser('crash', 'echo "boom: cannot print" >&2; exit 3') };
  await assert.rejects(renderPdf(emptyReport('2021', 2021, null), { env }), (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'pdf.failed');
    assert.match(e.problems[0]?.messageZh ?? '', /退出码 3[\s\S]*boom: cannot print/);
    return true;
  });
});

test('a browser that hangs is stopped at the timeout: pdf.failed', async () => {
  const env = { PATH: process.env.PATH, CHROMIUM_PATH: fakeBrowser('hang', 'echo starting >&2; sleep 30') };
  const started = Date.now();
  await assert.rejects(renderPdf(emptyReport('2021', 2021, null), { env, timeoutMs: 300 }), (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'pdf.failed');
    assert.match(e.problems[0]?.message ?? '', /timeout 0\.3 s[\s\S]*starting/);
    return true;
  });
  assert.ok(Date.now() - started < 10_000, 'the sleeping child did not keep the run alive');
});
