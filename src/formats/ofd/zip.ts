/**
 * The entries of a ZIP archive (an OFD package is one), through the one central-directory walker of untrusted ZIPs
 * (../source/zip.ts) and under the same limits (../source/limits.ts ZIP_LIMITS): each entry inflated with a cap on its
 * real output, so a package whose directory lies is stopped while inflating, not after filling memory.
 */
import { inflateRawSync } from 'node:zlib';
import { ZIP_LIMITS } from '../source/limits.ts';
import { zipDirectory } from '../source/zip.ts';

export type ZipRead = { ok: true; entries: ReadonlyMap<string, Uint8Array> } | { ok: false; reason: 'tooLarge' | 'unreadable' };

/**
 * Every file entry of a ZIP by its name (folders left out; names as stored, UTF-8, leading slashes dropped),
 * inflating at most `max` bytes in all and ZIP_LIMITS.entryBytes per entry. `tooLarge` past a cap or the entry count,
 * `unreadable` for a missing or broken directory, an entry outside the file, a method other than stored or deflate,
 * or a broken stream. Never throws.
 */
export function readZip(bytes: Uint8Array, max: number = ZIP_LIMITS.totalBytes): ZipRead {
  const dir = zipDirectory(bytes);
  if ('error' in dir) return { ok: false, reason: dir.tooMany !== undefined ? 'tooLarge' : 'unreadable' };
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of dir.entries) {
    if (e.name.endsWith('/')) continue;
    if (e.dataStart + e.compressedSize > bytes.length) return { ok: false, reason: 'unreadable' };
    const raw = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const cap = Math.min(ZIP_LIMITS.entryBytes, max - total);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) });
      } catch (err) {
        return { ok: false, reason: err instanceof RangeError ? 'tooLarge' : 'unreadable' };
      }
    } else return { ok: false, reason: 'unreadable' };
    if (data.length > cap) return { ok: false, reason: 'tooLarge' };
    total += data.length;
    entries.set(e.name.replace(/^\/+/, ''), data);
  }
  return { ok: true, entries };
}
