/**
 * The fuzzer's corpus replayed (fixtures/fuzz/<target>/*.json: every input `npm run fuzz` once saw fail): each case
 * runs again through its target and must now behave — answered or refused with a coded problem, no exception, no 5xx,
 * Object.prototype untouched. Timing is not asserted (the hangs found are checked for an answer, their speed is the
 * fuzzer's to report). Also: the cases are a pure function of (seed, index), so a run resumes and a case rebuilds.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadCorpus } from './corpus.ts';
import { Rng } from './random.ts';
import type { Target } from './target.ts';
import { TARGET_NAMES, TARGETS } from './targets.ts';

describe('fuzz corpus replay', () => {
  const opened: Target<unknown>[] = [];
  after(async () => {
    for (const t of opened) await t.close();
  });
  for (const name of TARGET_NAMES) {
    const corpus = loadCorpus(name);
    it(`${name}: ${corpus.length} stored inputs behave now`, async () => {
      if (corpus.length === 0) return;
      const target = await TARGETS[name]();
      opened.push(target);
      for (const { file, entry } of corpus) {
        const finding = await target.execute(target.decode(entry.input), { timing: false });
        assert.equal(finding, null, `${name}/${file} (was: ${entry.finding.kind} ${entry.finding.detail}): ${JSON.stringify(finding)}`);
      }
    });
  }

  it('a case is rebuilt from its seed and index alone', async () => {
    const target = await TARGETS.importer();
    opened.push(target);
    for (const index of [0, 17, 99_999]) {
      const a = target.encode(target.generate(Rng.forCase(5, index)));
      const b = target.encode(target.generate(Rng.forCase(5, index)));
      assert.deepEqual(a, b);
    }
    assert.notDeepEqual(target.encode(target.generate(Rng.forCase(5, 1))), target.encode(target.generate(Rng.forCase(5, 2))));
  });
});
