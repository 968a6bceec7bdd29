/** The 基层政务公开标准目录 seed (seed/catalog/jiceng-domains.json), read once per process. Throws DomainError when the shipped file is broken. */
import { readFile } from 'node:fs/promises';
import type { CatalogSeed } from '../app/catalog/ports.ts';
import { parseCatalogSeed } from '../core/catalog/tree.ts';
import { DomainError } from '../core/errors.ts';
import { packagePath } from './package-root.ts';

let cached: Promise<readonly { code: string; name: string }[]> | null = null;

export const fileCatalogSeed: CatalogSeed = {
  domains() {
    cached ??= readFile(packagePath('seed', 'catalog', 'jiceng-domains.json'), 'utf8').then((text) => {
      const r = parseCatalogSeed(text);
      if (!r.ok) throw new DomainError(r.problems);
      return r.domains;
    });
    return cached;
  },
};
