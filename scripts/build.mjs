#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through `prepare`): bundle the CLI and the server with esbuild into dist/, so
// they start without compiling TypeScript (docs/decisions.md "Start-up time"). node_modules stay external (native
// better-sqlite3, playwright-core, and every library is loaded from node_modules as before); subcommands and lazily
// imported renderers become their own chunks. Writes dist/build-stamp.json last, with the fingerprint of the sources
// taken before bundling, which bin/launch.js compares at each start. Any failure exits 1 with esbuild's messages.
// `node scripts/build.mjs --outdir DIR` builds elsewhere (the build test); DIR must lie inside the package so the
// bundle finds node_modules and the package root.
import { rm, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ENTRIES, ROOT, STAMP, sourceStamp } from '../bin/launch.js';

const { values } = parseArgs({ options: { outdir: { type: 'string' }, quiet: { type: 'boolean' } } });
const outdir = resolve(values.outdir ?? join(ROOT, 'dist'));
const started = performance.now();
try {
  const sources = sourceStamp(ROOT);
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const entryPoints = Object.values(ENTRIES).map((e) => ({ in: join(ROOT, e.source), out: e.bundle.replace(/\.js$/, '') }));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    metafile: true,
  });
  await writeFile(join(outdir, STAMP), `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);
  if (!values.quiet) {
    const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
    console.log(`构建完成 / built: ${outdir} (${files} files, ${Math.round(performance.now() - started)} ms)`);
  }
} catch (error) {
  // esbuild has printed its located errors already; say in both languages what failed and fail loudly.
  console.error(`构建失败（见上方错误）/ build failed (see the errors above): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exitCode = 1;
}
