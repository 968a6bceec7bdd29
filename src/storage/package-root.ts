/**
 * The folder of gongkai's package.json, so files shipped beside the code (seed/, demo/) are found whether the code runs
 * from its sources (src/…, through tsx) or bundled into dist/ (`npm run build`), where paths relative to the module
 * would point elsewhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` holding a package.json. Throws only if there is none up to the file system root (a broken install). */
export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

/** The package root of this installation. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packagePath('seed', 'calendar', 'china.json')`. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
