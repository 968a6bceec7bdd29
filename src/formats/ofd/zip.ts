/**
 * Reading the entries of a ZIP archive (an OFD package is one) with node:zlib alone, every entry inflated under one
 * cap so that a package whose directory lies is stopped while inflating, not after filling memory.
 */
import { inflateRawSync } from 'node:zlib';

export type ZipRead = { ok: true; entries: ReadonlyMap<string, Uint8Array> } | { ok: false; reason: 'tooLarge' | 'unreadable' };

/**
 * Every file entry of a ZIP by its name (folders left out; names as stored, UTF-8), inflating at most `max` bytes in
 * all. `tooLarge` past the cap, `unreadable` for a missing or broken directory, an entry outside the file, a method
 * other than stored or deflate, or a broken stream. Never throws.
 */
export function readZip(bytes: Uint8Array, max: number): ZipRead {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65557); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'unreadable' };
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, Uint8Array>();
  const utf8 = new TextDecoder('utf-8');
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return { ok: false, reason: 'unreadable' };
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith('/')) continue;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return { ok: false, reason: 'unreadable' };
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) return { ok: false, reason: 'unreadable' };
    const raw = bytes.subarray(start, start + compressed);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, max - total + 1) });
      } catch (err) {
        return { ok: false, reason: err instanceof RangeError ? 'tooLarge' : 'unreadable' };
      }
    } else return { ok: false, reason: 'unreadable' };
    total += data.length;
    if (total > max) return { ok: false, reason: 'tooLarge' };
    entries.set(name.replace(/^\/+/, ''), data);
  }
  return { ok: true, entries };
}
