/**
 * The content-addressed file store of catalog attachments: <GONGKAI_DATA_DIR>/files/<aa>/<sha256>. An upload is
 * streamed to a temporary file while hashed and counted (never held whole in memory), stopped as soon as it passes
 * the limit, then renamed to its hash: the same file uploaded twice is stored once, and a reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CatalogFiles } from '../app/catalog/ports.ts';

export interface StreamedFile {
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, to sniff the type. */
  readonly head: Uint8Array;
}

export type CatalogFileStore = CatalogFiles;

const HASH = /^[0-9a-f]{64}$/;

export function catalogFiles(dataDir: string): CatalogFileStore {
  const root = join(dataDir, 'files');
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha);
  const store: CatalogFileStore = {
    async putStream(body, maxBytes) {
      await mkdir(root, { recursive: true });
      const tmp = join(root, `.upload-${process.pid}-${randomBytes(6).toString('hex')}`);
      const hash = createHash('sha256');
      const out = createWriteStream(tmp);
      let size = 0;
      const head: Uint8Array[] = [];
      let headSize = 0;
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            out.destroy();
            await rm(tmp, { force: true });
            return 'tooLarge';
          }
          if (headSize < 8192) {
            head.push(chunk.subarray(0, 8192 - headSize));
            headSize += Math.min(chunk.byteLength, 8192 - headSize);
          }
          hash.update(chunk);
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        const sha256 = hash.digest('hex');
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        await rename(tmp, pathOf(sha256));
        return { sha256, size, head: Buffer.concat(head) };
      } catch (error) {
        out.destroy();
        await rm(tmp, { force: true });
        throw error;
      }
    },
    async put(bytes) {
      const r = await store.putStream([bytes] as unknown as AsyncIterable<Uint8Array>, Number.MAX_SAFE_INTEGER);
      if (r === 'tooLarge') throw new Error('unreachable');
      return { sha256: r.sha256, size: r.size };
    },
    async get(sha256) {
      if (!HASH.test(sha256)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async open(sha256) {
      if (!HASH.test(sha256)) return null;
      try {
        const s = await stat(pathOf(sha256));
        return { stream: Readable.toWeb(createReadStream(pathOf(sha256))) as ReadableStream<Uint8Array>, size: s.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
  return store;
}
