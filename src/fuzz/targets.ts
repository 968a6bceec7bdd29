/** The fuzz targets by name (`npm run fuzz -- --target NAME`), each set up lazily: the importer's bases, the app's world. */
import { apiTarget, formsTarget } from './http.ts';
import { importerTarget } from './importer.ts';
import type { Target } from './target.ts';

export const TARGET_NAMES = ['importer', 'forms', 'api'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export const TARGETS: Readonly<Record<TargetName, () => Promise<Target<unknown>>>> = {
  importer: importerTarget as () => Promise<Target<unknown>>,
  forms: formsTarget as () => Promise<Target<unknown>>,
  api: apiTarget as () => Promise<Target<unknown>>,
};

export const isTargetName = (s: string): s is TargetName => (TARGET_NAMES as readonly string[]).includes(s);
