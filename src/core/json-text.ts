/** Reading JSON text where a syntax error is a finding, not an exception. Pure. */
import { problem, type Problem } from './errors.ts';

/** JSON text → value, or a json.syntax problem carrying the parser's message. Never throws. */
export function readJsonText(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem('json.syntax', '', { zh: msg, en: msg })] };
  }
}
