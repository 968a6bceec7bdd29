/**
 * The real corpus (fixtures/real, copied from shared/corpus/real): real published reports as people meet them, each
 * annotated twice by hand. Every file must read exactly — every determined cell right, every undetermined cell null
 * with an import.ambiguous finding naming exactly the annotators' candidates — through the same pipeline as
 * `gongkai import` (bytes → extractText → importReportText).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importReportText } from '../../core/annual-report/import/import-text.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { extractText } from './extract.ts';

const DIR = new URL('../../../fixtures/real/', import.meta.url);
const files = readdirSync(DIR).filter((f) => /\.(txt|pdf)$/.test(f)).sort();
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function leaves(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${prefix}.${k}`, out);
  } else out.set(prefix, value);
  return out;
}

describe('the real corpus (fixtures/real)', () => {
  it('holds the 13 annotated reports', () => assert.equal(files.length, 13));
  for (const file of files) {
    it(`${file} reads exactly: determined cells right, undetermined cells null with their candidates`, async (t) => {
      if (file.endsWith('.pdf') && !hasPdftotext) {
        // Not skipped silently: the PDF path needs poppler-utils, which .ci/run installs.
        assert.fail('pdftotext (poppler-utils) is not installed: the real PDF cannot be read');
      }
      const name = file.replace(/\.(txt|pdf)$/, '');
      const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), 'utf8')) as Record<string, unknown>;
      const extracted = await extractText(new Uint8Array(readFileSync(new URL(file, DIR))), file);
      assert.ok(extracted.ok, file);
      const result = importReportText(extracted.text);
      const got = reportToJson(result.report) as Record<string, unknown>;
      const wrong: string[] = [];
      for (const table of ['proactive', 'applications', 'reviewLitigation']) {
        const want = expected[table];
        if (want === null) {
          if (got[table] !== null && [...leaves(got[table], table, new Map()).values()].some((v) => v !== null)) wrong.push(`${table}: absent in the source, read anyway`);
          continue;
        }
        const have = leaves(got[table], table, new Map());
        for (const [path, value] of leaves(want, table, new Map())) {
          if ((have.get(path) ?? null) !== value) wrong.push(`${path}: ${String(have.get(path))} ≠ ${String(value)}`);
        }
      }
      assert.deepEqual(wrong, [], `${file}: cells`);
      const undetermined = (expected.undetermined ?? {}) as Record<string, (number | null)[]>;
      const ambiguous = new Map(result.findings.filter((f) => f.code === 'import.ambiguous').map((f) => [f.cells[0], f]));
      const order = (xs: readonly (number | null)[]) => [...xs].sort((a, b) => (a ?? -Infinity) - (b ?? -Infinity));
      for (const [path, candidates] of Object.entries(undetermined)) {
        assert.ok(ambiguous.has(path), `${path} carries import.ambiguous`);
        assert.deepEqual(order(result.provenance.find((p) => p.path === path)?.candidates ?? []), order(candidates), `${path}: candidates`);
      }
      t.diagnostic(`${Object.keys(undetermined).length} undetermined cells named`);
    });
  }
});
