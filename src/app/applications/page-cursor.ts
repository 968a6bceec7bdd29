/**
 * The opaque page cursor of the work queue and the drill-downs (keyset pagination, docs/decisions.md "The desk at a
 * province's volume"): the sort key of the last row of a page, with the list it belongs to, as base64url JSON. The
 * client passes back the `next` it was given; anything else is page.cursor (never a crash, never a wrong page).
 */
import { problem, type Problem } from '../../core/errors.ts';

/** A decoded cursor: which list (e.g. 'due', 'received', a drill-down row kind) and the last row's sort key. */
export interface PageKey {
  readonly list: string;
  readonly key: readonly string[];
}

const MAX_CURSOR = 512;
const MAX_PART = 64;

export function encodeCursor(k: PageKey): string {
  return Buffer.from(JSON.stringify([k.list, ...k.key]), 'utf8').toString('base64url');
}

/** Decode a cursor of the list `list` whose key has `arity` parts. */
export function decodeCursor(text: string, list: string, arity: number): { ok: true; value: PageKey } | { ok: false; problems: Problem[] } {
  const bad = { ok: false as const, problems: [problem('page.cursor', 'cursor')] };
  if (text.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(text)) return bad;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return bad;
  }
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || !parsed.every((p) => typeof p === 'string' && p.length <= MAX_PART)) return bad;
  const [head, ...key] = parsed as string[];
  return head === list ? { ok: true, value: { list, key } } : bad;
}
