/**
 * Use case: load a report file in the canonical JSON (`gongkai.annual-report/1`). Problems come back as values,
 * each located by JSON path (or `line:column` for a syntax error) so a person can fix the file.
 */
import { parseReportJson, type ParseResult } from '../../core/annual-report/parse.ts';
import { problem } from '../../core/errors.ts';
import type { TextFileReader } from './ports.ts';

export interface LoadReportDeps {
  readonly files: TextFileReader;
}

const REASONS: Readonly<Record<string, { zh: string; en: string }>> = {
  ENOENT: { zh: '文件不存在', en: 'no such file' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EISDIR: { zh: '这是一个目录', en: 'it is a directory' },
};

/** Why a read failed, in both languages (system error codes as adapters report them, e.g. node's ENOENT). */
function readFailure(error: unknown): { zh: string; en: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = REASONS[code];
  if (known) return { zh: `${known.zh}（${code}）`, en: `${known.en} (${code})` };
  const msg = error instanceof Error ? error.message : String(error);
  return { zh: msg, en: msg };
}

/** Read and parse a report file. Unreadable file → problem `input.unreadable` (at = the path); bad content → parse problems. Never throws. */
export async function loadReportFile(deps: LoadReportDeps, path: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await deps.files.readText(path);
  } catch (error) {
    return { ok: false, problems: [problem('input.unreadable', path, readFailure(error), { path })] };
  }
  return parseReportJson(text);
}
