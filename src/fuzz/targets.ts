/** The fuzz targets by name (`npm run fuzz -- --target NAME`), each set up lazily: the importer's bases, the app's world. */
import { apiTarget, formsTarget } from './http.ts';
import { importTextTarget } from './import-text.ts';
import { importerTarget } from './importer.ts';
import type { Target } from './target.ts';

export const TARGET_NAMES = ['import-text', 'importer', 'forms', 'api'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export const TARGETS: Readonly<Record<TargetName, () => Promise<Target<unknown>>>> = {
  'import-text': importTextTarget as () => Promise<Target<unknown>>,
  importer: importerTarget as () => Promise<Target<unknown>>,
  forms: formsTarget as () => Promise<Target<unknown>>,
  api: apiTarget as () => Promise<Target<unknown>>,
};

export const isTargetName = (s: string): s is TargetName => (TARGET_NAMES as readonly string[]).includes(s);

/** The target of a run: TARGETS[name], or the default export of `module` (a test's own target). */
export async function makeTarget(name: TargetName, module?: string): Promise<Target<unknown>> {
  if (module === undefined) return TARGETS[name]();
  const made = (await import(module)) as { default: () => Promise<Target<unknown>> };
  return made.default();
}
