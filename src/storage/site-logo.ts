/**
 * The site's logo (a PNG or JPEG the admin uploads at /console/site), one file in <GONGKAI_DATA_DIR>/site/. Written to a
 * temporary name and renamed, so a reader never sees half a file; several processes on one machine share it.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogoStore, SiteLogo } from '../app/site/setup.ts';

const NAMES: Record<SiteLogo['type'], string> = { 'image/png': 'logo.png', 'image/jpeg': 'logo.jpg' };

export function siteLogoFiles(dataDir: string): LogoStore {
  const dir = join(dataDir, 'site');
  return {
    async get() {
      for (const type of Object.keys(NAMES) as SiteLogo['type'][]) {
        try {
          return { type, bytes: new Uint8Array(await readFile(join(dir, NAMES[type]))) };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      return null;
    },
    async put(logo) {
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.upload-${process.pid}-${Date.now()}`);
      await writeFile(tmp, logo.bytes);
      await rename(tmp, join(dir, NAMES[logo.type]));
      // One logo: the other format's file, if any, goes.
      for (const [type, name] of Object.entries(NAMES)) if (type !== logo.type) await rm(join(dir, name), { force: true });
    },
  };
}
