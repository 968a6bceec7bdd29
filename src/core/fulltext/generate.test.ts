import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../annual-report/generate.ts';
import { generateDoc } from './generate.ts';

test('generated documents: log-normal lengths, common words in most documents, searched terms in a few per cent', () => {
  const rng = mulberry32(7);
  const N = 5000;
  const docs = Array.from({ length: N }, (_, i) => generateDoc(rng, i, { organizations: ['a', 'b'], fromYear: 2020, toYear: 2025 }));
  const share = (t: string) => docs.filter((d) => `${d.title}${d.body}${d.attachmentText}`.includes(t)).length / N;
  const lengths = docs.map((d) => d.body.length).sort((a, b) => a - b);
  const median = lengths[N / 2] as number;
  assert.ok(median > 250 && median < 700, `median ${median}`);
  assert.ok((lengths[Math.floor(N * 0.9)] as number) > 2 * median, 'a long tail');
  assert.ok(share('工作') > 0.8, `工作 ${share('工作')}`);
  for (const t of ['低保', '拆迁', '征收', '救助', '预算', '公示', '应急预案', '垃圾分类']) {
    const s = share(t);
    assert.ok(s > 0.003 && s < 0.15, `${t} in ${(s * 100).toFixed(1)} %`);
  }
  assert.ok(share('公示') > share('拆迁'), 'Zipf: everyday terms before specific ones');
  // Deterministic for a seed.
  assert.deepEqual(generateDoc(mulberry32(1), 0, { organizations: ['a'], fromYear: 2020, toYear: 2020 }), generateDoc(mulberry32(1), 0, { organizations: ['a'], fromYear: 2020, toYear: 2020 }));
});
