// Start gongkai from the bundle in dist/ (`npm run build`, run by `npm ci` through `prepare`) when it was built from
// the sources as they are now, else from the TypeScript sources through tsx, with a one-line notice on stderr.
// "As they are now": dist/build-stamp.json holds a fingerprint of the bundled sources (path, size and mtime of every
// non-test file under src/, package.json, scripts/build.mjs) taken when the build started; starting compares it with
// the files' current one (a few ms of stat calls). docs/decisions.md "Start-up time".
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const STAMP = 'build-stamp.json';

/** Entry points: the bundle's file in dist/ and the source tsx runs when the bundle is missing or stale. */
export const ENTRIES = {
  cli: { bundle: 'cli.js', source: 'src/cli/bin.ts' },
  server: { bundle: 'server.js', source: 'src/server/main.ts' },
  // Not started by launch(): the worker thread of the extraction pool, which src/formats/source/pool.ts finds beside
  // the bundle (docs/decisions.md "Untrusted files").
  extractWorker: { bundle: 'extract-worker.js', source: 'src/formats/source/extract-worker.ts' },
  // Not started by launch() either: the OCR process a worker starts for a scan (src/formats/ocr/remote.ts).
  ocrChild: { bundle: 'ocr-child.js', source: 'src/formats/ocr/child.ts' },
};

/** The files the bundle is built from (tests are not bundled, so editing one does not make dist/ stale). */
function inputs(root) {
  const files = ['package.json', join('scripts', 'build.mjs')];
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith('.test.ts')) files.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
  }
  return files.sort();
}

/** A fingerprint of the sources: changes when a file is edited, added, removed or renamed. */
export function sourceStamp(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of inputs(root)) {
    const s = statSync(join(root, file));
    hash.update(`${file.split(sep).join('/')}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Whether `dist` holds a complete build of the sources as they are now. Never throws. */
export function distIsFresh(root = ROOT, dist = DIST) {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, STAMP), 'utf8'));
    return stamp.sources === sourceStamp(root);
  } catch {
    return false;
  }
}

/** Run entry `name` (cli or server) from dist/ when fresh, else from its source through tsx. */
export async function launch(name) {
  const entry = ENTRIES[name];
  if (distIsFresh()) {
    process.setSourceMapsEnabled(true); // stack traces name src/… lines (the bundle carries source maps)
    await import(pathToFileURL(join(DIST, entry.bundle)).href);
    return;
  }
  process.stderr.write(
    'gongkai：dist/ 缺失或不是当前源代码的构建，改用 tsx 运行源代码（启动较慢；npm run build 可加快）' +
      ' / dist/ is missing or stale: running the sources through tsx (slow start; npm run build fixes it)\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, entry.source)).href);
}
