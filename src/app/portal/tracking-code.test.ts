import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { newTrackingCode, normalizeTrackingCode, TRACKING_ALPHABET } from './tracking-code.ts';

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

describe('查询码', () => {
  it('is three groups of four characters no one mixes up (no 0/O, 1/I/L)', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newTrackingCode(token);
      assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      assert.doesNotMatch(code, /[01OIL]/);
    }
    assert.equal(TRACKING_ALPHABET.length, 31);
  });

  it('uses every character of the alphabet, none much more than the others (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i += 1) for (const ch of newTrackingCode(token).replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    assert.equal(counts.size, 31);
    const expected = (3000 * 12) / 31;
    for (const [ch, n] of counts) assert.ok(Math.abs(n - expected) < expected * 0.2, `${ch}: ${n} vs ${expected.toFixed(0)}`);
  });

  it('skips the token symbols beyond 61 instead of folding them onto the alphabet', () => {
    // "-" and "_" are base64url 62 and 63: a source giving only those and "A" (0) yields only "2".
    let calls = 0;
    const code = newTrackingCode(() => (calls++ === 0 ? '-_-_-_-_-_-_-_-_' : 'A'.repeat(16)));
    assert.equal(code, '2222-2222-2222');
  });

  it('is read back whatever the case, hyphens, spaces or full-width forms', () => {
    const canonical = normalizeTrackingCode('K7QM-3XRP-T9WB');
    for (const typed of ['k7qm-3xrp-t9wb', 'K7QM 3XRP T9WB', ' k7qm3xrpt9wb ', 'Ｋ７ＱＭ－３ＸＲＰ－Ｔ９ＷＢ', 'K7QM—3XRP—T9WB']) assert.equal(normalizeTrackingCode(typed), canonical, typed);
    assert.equal(canonical, 'K7QM3XRPT9WB');
    assert.notEqual(normalizeTrackingCode('K7QM-3XRP-T9WC'), canonical);
  });
});
