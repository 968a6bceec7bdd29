import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig } from './config.ts';

test('config of operations: GONGKAI_LOG, GONGKAI_METRICS_TOKEN, GONGKAI_SHUTDOWN_SECONDS — defaults, values, coded refusals', () => {
  const plain = readConfig({});
  assert.ok(plain.ok);
  assert.equal(plain.config.log, undefined); // main.ts: json for a production start, text for the demo
  assert.equal(plain.config.metricsToken, undefined);
  assert.equal(plain.config.shutdownSeconds, 10);
  const set = readConfig({ GONGKAI_LOG: 'off', GONGKAI_METRICS_TOKEN: 'a-token-of-enough-length', GONGKAI_SHUTDOWN_SECONDS: '30' });
  assert.ok(set.ok);
  assert.equal(set.config.log, 'off');
  assert.equal(set.config.metricsToken, 'a-token-of-enough-length');
  assert.equal(set.config.shutdownSeconds, 30);
  const bad = readConfig({ GONGKAI_LOG: 'verbose', GONGKAI_METRICS_TOKEN: 'short', GONGKAI_SHUTDOWN_SECONDS: '-1' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => [p.code, p.at]).sort(), [
    ['config.invalid', 'GONGKAI_LOG'],
    ['config.invalid', 'GONGKAI_METRICS_TOKEN'],
    ['config.invalid', 'GONGKAI_SHUTDOWN_SECONDS'],
  ]);
});
