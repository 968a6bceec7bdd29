// Robustness: mangled inputs (truncated, shuffled, duplicated lines, random bytes, huge) never crash the importer;
// each gives a valid canonical report whose every number is backed by the source text or by arithmetic.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mulberry32 } from '../generate.ts';
import { parseReportValue } from '../parse.ts';
import { reportToJson } from '../serialize.ts';
import { importReportText, type TextImport } from './import-text.ts';

const dir = new URL('../../../../fixtures/corpus/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

type Rng = () => number;
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

const MUTATIONS: Record<string, (text: string, rng: Rng) => string> = {
  truncate: (t, rng) => t.slice(0, Math.floor(rng() * t.length)),
  shuffleLines: (t, rng) => {
    const lines = t.split('\n');
    for (let i = lines.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
    return lines.join('\n');
  },
  duplicateLines: (t, rng) => t.split('\n').flatMap((l) => (rng() < 0.2 ? [l, l] : [l])).join('\n'),
  dropLines: (t, rng) => t.split('\n').filter(() => rng() > 0.1).join('\n'),
  garbage: (t, rng) => {
    let out = t;
    for (let k = 0; k < 20; k += 1) {
      const at = Math.floor(rng() * out.length);
      const junk = Array.from({ length: 1 + Math.floor(rng() * 12) }, () => String.fromCharCode(Math.floor(rng() * 0xffff))).join('');
      out = out.slice(0, at) + junk + out.slice(at);
    }
    return out;
  },
  digitsOnly: (t) => t.replace(/[^\d\s]/g, ''),
};

/** The invariants every import must hold, whatever the input. */
function assertSound(result: TextImport, source: string): void {
  const parsed = parseReportValue(JSON.parse(JSON.stringify(reportToJson(result.report))));
  assert.ok(parsed.ok, `output is canonical JSON: ${parsed.ok ? '' : JSON.stringify(parsed.problems.slice(0, 2))}`);
  for (const p of result.provenance) {
    if (p.value !== null) assert.ok(p.how === 'read' || p.how === 'inferred', `${p.path} has a value but is ${p.how}`);
    if (p.how === 'read') {
      assert.ok(p.offset !== undefined && p.raw !== undefined, `${p.path} quotes its source`);
      // The quoted text is what the source holds at that offset (after per-character normalisation).
      assert.equal(source.slice(p.offset, p.offset + p.raw.length).normalize('NFKC'), p.raw.normalize('NFKC'), p.path);
    }
  }
}

describe('importer robustness', () => {
  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    it(`${name}: 60 mutated corpus reports import soundly`, () => {
      const rng = mulberry32(name.length * 7919);
      for (let i = 0; i < 60; i += 1) {
        const source = mutate(pick(rng, corpus), rng);
        assertSound(importReportText(source), source);
      }
    });
  }
  it('empty, whitespace-only and random text give reports with every table missing', () => {
    const rng = mulberry32(42);
    const random = Array.from({ length: 20000 }, () => String.fromCharCode(Math.floor(rng() * 0xd7ff))).join('');
    for (const source of ['', ' \n\t\n', random]) {
      const result = importReportText(source);
      assertSound(result, source);
    }
  });
  it('a 10 MB text (the corpus repeated) imports, reading the first copy', () => {
    const base = corpus[2] ?? '';
    const big = base.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(base)));
    const result = importReportText(big);
    assertSound(result, big);
    assert.equal(result.provenance.filter((p) => p.how === 'read').length, 198);
  });
});
