/**
 * The attachment files of a bulk catalog import (app/catalog/site-import.ts ImportFiles): a ZIP uploaded beside the
 * table (checked against ATTACHMENT_ZIP_LIMITS by inflating every entry before any is read — formats/source/zip.ts —,
 * then inflated one by one when asked for), or a folder given to the CLI (a name is a file directly in it or below
 * it; nothing outside the folder is ever read). A name matches an entry by its path, or by its base name when only
 * one entry has it. Known gap: ZIP entry names are read as UTF-8 (a Windows archive with GBK names does not match).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { ImportFiles } from '../../app/catalog/site-import.ts';
import { MAX_ATTACHMENT_BYTES } from '../../app/catalog/attachments.ts';
import { problem, type Problem } from '../../core/errors.ts';
import { checkZip, type ZipEntryInfo, type ZipLimits } from '../source/zip.ts';

/** A catalog's attachments in one ZIP: 2,000 files, 50 MB each (the attachment limit), 500 MB in all. */
export const ATTACHMENT_ZIP_LIMITS: ZipLimits = { entries: 2_000, entryBytes: MAX_ATTACHMENT_BYTES, totalBytes: 500 * 1024 * 1024, ratio: 100, ratioFloorBytes: 8 * 1024 * 1024 };

const byName = <T extends { name: string }>(items: readonly T[]) => {
  const exact = new Map(items.map((i) => [i.name, i] as const));
  const base = new Map<string, T | null>();
  for (const i of items) {
    const b = i.name.split('/').pop() ?? i.name;
    base.set(b, base.has(b) ? null : i);
  }
  return (name: string): T | null => exact.get(name) ?? base.get(name.split(/[\\/]/).pop() ?? name) ?? null;
};

/** The files of a ZIP, or the coded reason it is refused (import.tooLarge, import.unreadable). Never throws. */
export async function zipImportFiles(bytes: Uint8Array, limits: ZipLimits = ATTACHMENT_ZIP_LIMITS): Promise<{ ok: true; files: ImportFiles; count: number } | { ok: false; problems: Problem[] }> {
  const checked = await checkZip(bytes, limits);
  if (!checked.ok) {
    const p = checked.reason === 'tooLarge' ? problem('catalog.fileTooLarge', 'attachments', { zh: `附件压缩包超出限制（${checked.detail}；每个文件不超过 ${limits.entryBytes / 1024 / 1024} MB，合计不超过 ${limits.totalBytes / 1024 / 1024} MB，不超过 ${limits.entries} 个）`, en: checked.detail }, checked.data) : problem('input.unreadable', 'attachments', { zh: `附件压缩包无法读取（${checked.detail}）`, en: `the attachments ZIP cannot be read (${checked.detail})` });
    return { ok: false, problems: [p] };
  }
  const entries = checked.entries.filter((e) => !e.name.endsWith('/'));
  const find = byName(entries);
  const read = (e: ZipEntryInfo): Uint8Array => {
    const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    // Sizes were verified by inflating above: this cannot pass the entry limit.
    return e.method === 0 ? data : new Uint8Array(inflateRawSync(data, { maxOutputLength: limits.entryBytes + 1 }));
  };
  return { ok: true, count: entries.length, files: { get: async (name) => {
    const e = find(name);
    return e ? read(e) : null;
  } } };
}

/** The files of a folder (the CLI's --files DIR): a name is looked up as a path inside it; never outside. Never throws. */
export function folderImportFiles(dir: string): ImportFiles {
  const root = resolve(dir);
  return {
    async get(name) {
      for (const candidate of [resolve(root, name), resolve(root, basename(name))]) {
        if (candidate !== root && !candidate.startsWith(root + sep)) continue;
        try {
          const s = await stat(candidate);
          if (!s.isFile()) continue;
          if (s.size > MAX_ATTACHMENT_BYTES) return new Uint8Array(MAX_ATTACHMENT_BYTES + 1); // refused by size, unread
          return new Uint8Array(await readFile(candidate));
        } catch {
          continue;
        }
      }
      return null;
    },
  };
}
