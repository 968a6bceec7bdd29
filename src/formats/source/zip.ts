/**
 * A ZIP archive (.docx, .xlsx) checked before any library opens it: the central directory walked as JSZip (inside
 * mammoth and exceljs) will walk it, every entry inflated as a stream and its real bytes counted and dropped, so a
 * decompression bomb is refused after reading at most the limits (./limits.ts ZIP_LIMITS), whatever sizes it
 * declares. Refused: too many entries, an entry or the whole over its cap, a whole that inflates over the ratio,
 * entries whose data overlap (the non-recursive bomb), ZIP64, methods other than stored and deflate.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { problem, type Problem } from '../../core/errors.ts';
import { ZIP_LIMITS } from './limits.ts';

export type ZipLimits = { readonly [K in keyof typeof ZIP_LIMITS]: number };

/** One entry of the central directory, as it declares itself. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where its data starts (after the local header). */
  readonly dataStart: number;
}

export type ZipCheck =
  | { readonly ok: true; readonly entries: readonly ZipEntryInfo[]; readonly inflated: number }
  | { readonly ok: false; readonly reason: 'unreadable'; readonly detail: string }
  | { readonly ok: false; readonly reason: 'tooLarge'; readonly detail: string; readonly data: Readonly<Record<string, unknown>> };

const unreadable = (detail: string): ZipCheck => ({ ok: false, reason: 'unreadable', detail });

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const GB18030 = new TextDecoder('gb18030');

/**
 * An entry's name: UTF-8 when its flag says so (bit 11) or when it is valid UTF-8; otherwise GB18030, the code page
 * of a Chinese Windows (its Explorer and WinRAR write names so, without the flag).
 */
function entryName(raw: Uint8Array, flags: number): string {
  if ((flags & 0x800) !== 0) return new TextDecoder().decode(raw);
  try {
    return UTF8.decode(raw);
  } catch {
    return GB18030.decode(raw);
  }
}

/** The central directory's entries (refusing ZIP64 and a count that does not match), or why not. Never throws. */
export function zipDirectory(bytes: Uint8Array, maxEntries: number = ZIP_LIMITS.entries): { entries: ZipEntryInfo[] } | { error: string; tooMany?: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes (searched from the end, as JSZip).
  for (let eocd = bytes.length - 22; eocd >= Math.max(0, bytes.length - 65557); eocd -= 1) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const count = view.getUint16(eocd + 10, true);
    const start = view.getUint32(eocd + 16, true);
    if (count === 0xffff || start === 0xffffffff) return { error: 'ZIP64' };
    if (count > maxEntries) return { error: 'entries', tooMany: count };
    const entries: ZipEntryInfo[] = [];
    let at = start;
    // JSZip reads every consecutive central header, whatever the count says, and refuses a mismatch: so do we.
    while (at + 46 <= bytes.length && view.getUint32(at, true) === 0x02014b50) {
      if (entries.length >= maxEntries) return { error: 'entries', tooMany: entries.length + 1 };
      const nameLength = view.getUint16(at + 28, true);
      const compressedSize = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const local = view.getUint32(at + 42, true);
      if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return { error: 'ZIP64' };
      if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return { error: 'local header' };
      const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (dataStart + compressedSize > bytes.length) return { error: 'entry data past the end' };
      const name = entryName(bytes.subarray(at + 46, at + 46 + nameLength), view.getUint16(at + 8, true));
      entries.push({ name, method: view.getUint16(at + 10, true), compressedSize, size, dataStart });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    if (entries.length !== count) return { error: `directory count ${count} ≠ ${entries.length} entries` };
    return { entries };
  }
  return { error: 'no end of central directory' };
}

/** Inflate raw deflate data as a stream, counting its bytes and keeping none; 'over' as soon as it passes `max`. */
function inflatedLength(data: Uint8Array, max: number): Promise<number | 'over' | 'broken'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let done = false;
    const finish = (r: number | 'over' | 'broken'): void => {
      if (done) return;
      done = true;
      resolve(r);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        finish('over');
        inflate.destroy();
      }
    });
    inflate.on('error', () => finish('broken'));
    inflate.on('end', () => finish(size));
    inflate.on('close', () => finish(size > max ? 'over' : size));
    inflate.end(data);
  });
}

/**
 * Check a ZIP against the limits by inflating every entry (its real bytes, not the declared ones). Never throws; a
 * refusal names its reason in English (`detail`) with the figures in `data`.
 */
export async function checkZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ZipCheck> {
  const dir = zipDirectory(bytes, limits.entries);
  if ('error' in dir) {
    return dir.tooMany !== undefined
      ? { ok: false, reason: 'tooLarge', detail: `more than ${limits.entries} entries`, data: { entries: dir.tooMany, maxEntries: limits.entries } }
      : unreadable(dir.error);
  }
  // Two entries sharing compressed data inflate it twice: the bomb that needs no nesting.
  const spans = dir.entries.map((e) => [e.dataStart, e.dataStart + e.compressedSize] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i += 1) {
    const prev = spans[i - 1];
    const next = spans[i];
    if (prev && next && next[0] < prev[1]) return unreadable('entries overlap');
  }
  let total = 0;
  for (const e of dir.entries) {
    const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const cap = Math.min(limits.entryBytes, limits.totalBytes - total);
    let size: number;
    if (e.method === 0) size = e.compressedSize;
    else if (e.method === 8) {
      const r = await inflatedLength(data, cap);
      if (r === 'broken') return unreadable(`${e.name}: broken deflate data`);
      if (r === 'over') {
        const entry = cap === limits.entryBytes;
        return {
          ok: false,
          reason: 'tooLarge',
          detail: entry ? `${e.name} inflates to over ${limits.entryBytes} bytes` : `the entries inflate to over ${limits.totalBytes} bytes`,
          data: entry ? { entry: e.name, maxEntryBytes: limits.entryBytes, declared: e.size } : { maxTotalBytes: limits.totalBytes },
        };
      }
      size = r;
    } else return unreadable(`${e.name}: compression method ${e.method}`);
    if (size > limits.entryBytes) return { ok: false, reason: 'tooLarge', detail: `${e.name} is over ${limits.entryBytes} bytes`, data: { entry: e.name, maxEntryBytes: limits.entryBytes } };
    total += size;
    if (total > limits.totalBytes) return { ok: false, reason: 'tooLarge', detail: `the entries inflate to over ${limits.totalBytes} bytes`, data: { maxTotalBytes: limits.totalBytes } };
  }
  if (total > limits.ratioFloorBytes && total > limits.ratio * bytes.length) {
    return { ok: false, reason: 'tooLarge', detail: `inflates ${Math.round(total / bytes.length)} to 1`, data: { inflated: total, bytes: bytes.length, maxRatio: limits.ratio } };
  }
  return { ok: true, entries: dir.entries, inflated: total };
}

/** The `import.tooLarge` problem of a ZIP checkZip refused as too large (Chinese from its figures). Never throws. */
export function zipTooLarge(detail: string, data: Readonly<Record<string, unknown>>): Problem {
  const { maxEntryBytes, maxTotalBytes, maxEntries, maxRatio } = data as { maxEntryBytes?: number; maxTotalBytes?: number; maxEntries?: number; maxRatio?: number };
  const mb = (n: number) => `${n / 1024 / 1024} MB`;
  const zh =
    maxEntries !== undefined ? `ZIP 包中的文件超过 ${maxEntries} 个`
    : maxEntryBytes !== undefined ? `其中一个部件解压后超过 ${mb(maxEntryBytes)}`
    : maxTotalBytes !== undefined ? `解压后共超过 ${mb(maxTotalBytes)}`
    : `解压比例超过 ${String(maxRatio)} 比 1（压缩炸弹）`;
  return problem('import.tooLarge', '', { zh, en: detail }, { ...data });
}


/** A file of an archive: its path in the archive, its base name, and its bytes when read. */
export interface ZipFile {
  readonly path: string;
  readonly name: string;
  readonly load: () => Promise<Uint8Array>;
}

/** Entries that are not files anyone put there: folders, macOS forks, hidden files, Windows thumbnails. */
const incidental = (path: string): boolean => path.endsWith('/') || /(^|\/)__MACOSX\//.test(path) || /(^|\/)\./.test(path) || /(^|\/)(Thumbs\.db|desktop\.ini)$/i.test(path);

/**
 * The files of an uploaded archive, after checkZip has inflated it all under `limits` (so reading one later stays
 * within them): each file inflated only when loaded. Never throws; a refusal is the coded problem.
 */
export async function zipFiles(bytes: Uint8Array, limits: ZipLimits): Promise<{ ok: true; files: ZipFile[] } | { ok: false; problem: Problem }> {
  const checked = await checkZip(bytes, limits);
  if (!checked.ok) {
    return { ok: false, problem: checked.reason === 'tooLarge' ? zipTooLarge(checked.detail, checked.data) : problem('import.notZip', '', { zh: `已损坏或格式不受支持（${checked.detail}）`, en: `broken or unsupported (${checked.detail})` }) };
  }
  const files = checked.entries
    .filter((e) => !incidental(e.name))
    .map((e): ZipFile => ({
      path: e.name,
      name: e.name.split('/').at(-1) ?? e.name,
      load: async () => {
        const raw = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
        return e.method === 0 ? raw : new Uint8Array(inflateRawSync(raw, { maxOutputLength: limits.entryBytes + 1 }));
      },
    }));
  return { ok: true, files };
}
