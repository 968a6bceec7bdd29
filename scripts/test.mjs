#!/usr/bin/env node
// The README's test command (`npm test`): typecheck, lint, then every *.test.ts under src/ with node's test runner.
// Ends with one line `N passed, N failed` (typecheck and lint count as one check each).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('src').sort();
if (files.length === 0) {
  console.error('no test files found under src/ — refusing to report success');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const run = (label, cmd, args) => {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status === 0) passed += 1;
  else failed += 1;
};
if (only.length === 0) {
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  run('lint (eslint)', 'npx', ['eslint', '.']);
}

console.log(`\n== tests (${files.length} files)`);
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 },
);
process.stdout.write(r.stdout ?? '');
const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)`, 'm').exec(r.stdout ?? '')?.[1] ?? 0);
passed += count('pass');
failed += count('fail') + count('cancelled');
const skipped = count('skipped') + count('todo');
if (r.status !== 0 && count('fail') + count('cancelled') === 0) failed += 1; // runner itself failed
if (skipped > 0) {
  console.log(`${skipped} skipped/todo tests — counted as failures`);
  failed += skipped;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
