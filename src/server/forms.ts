/**
 * Reading what a client posts — HTML forms and JSON bodies — into plain data that can never be taken for structure:
 * every object built here has a null prototype, and a field or key named `__proto__`, `constructor` or `prototype`
 * (alone or as a part of a dotted/bracketed name such as `__proto__.set-cookie`) refuses the whole request with
 * `input.forbiddenKey` (400) before any route sees it. The routes use only these functions to read a body.
 */
import busboy from 'busboy';
import type { Context } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { problem, type Problem } from '../core/errors.ts';

/** Names that reach an object's prototype when used as keys (JavaScript's own: ECMA-262 B.2.2.1, 20.1.3, 20.2.4). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a posted name, or any part of it between `.`, `[` and `]`, is a prototype key. */
export function isForbiddenKey(name: string): boolean {
  return name.split(/[.[\]]/).some((part) => FORBIDDEN_KEYS.has(part.trim()));
}

/** Thrown when a request names a prototype key; the app's error handler answers 400 `input.forbiddenKey`. */
export class UntrustedInput extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems[0]?.message ?? 'untrusted input');
  }
}

const refuse = (name: string): never => {
  throw new UntrustedInput([problem('input.forbiddenKey', name.slice(0, 100), { zh: `字段名不允许：${name.slice(0, 100)}`, en: `field name not allowed: ${name.slice(0, 100)}` })]);
};

/** A new object with no prototype. */
export const plainRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * The posted form as Hono parses it. A body that is not the form its content type says (a multipart without its
 * boundary, JSON sent as multipart) is a coded 400, not a 500 (found by `npm run fuzz`, fixtures/fuzz/api).
 */
function parseForm(c: Context, all: boolean) {
  return c.req.parseBody({ all }).catch(() => {
    throw new UntrustedInput([problem('input.unreadable', 'body', { zh: '提交的表单无法解析', en: 'the posted form cannot be parsed' })]);
  });
}

/** Every field of a posted form (strings, and files for multipart uploads), in a null-prototype object. */
export async function formBody(c: Context): Promise<Record<string, string | File>> {
  const body = await parseForm(c, false);
  const out = plainRecord<string | File>();
  for (const [k, v] of Object.entries(body)) {
    if (isForbiddenKey(k)) refuse(k);
    if (typeof v === 'string' || v instanceof File) out[k] = v;
  }
  return out;
}

/** Every field of a posted form with repeated fields kept (several files under one name), in a null-prototype object. */
export async function formBodyAll(c: Context): Promise<Record<string, (string | File)[]>> {
  const body = await parseForm(c, true);
  const out = plainRecord<(string | File)[]>();
  for (const [k, v] of Object.entries(body)) {
    if (isForbiddenKey(k)) refuse(k);
    out[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string | File => typeof x === 'string' || x instanceof File);
  }
  return out;
}

/** Form fields as strings (files and repeated fields ignored), in a null-prototype object. */
export async function formValues(c: Context): Promise<Record<string, string>> {
  const out = plainRecord<string>();
  for (const [k, v] of Object.entries(await formBody(c))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `applicant.name` → { applicant: { name } }: the shape parseRegistration reads; '' → absent. Null-prototype objects. */
export function nest(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const out = plainRecord<Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    if (isForbiddenKey(key)) refuse(key);
    const [head, field] = key.split('.', 2);
    if (!head || !field || value.trim() === '') continue;
    (out[head] ??= plainRecord<string>())[field] = value;
  }
  return out;
}

/**
 * A JSON text as data: objects at every depth get a null prototype, and a prototype key anywhere refuses the whole
 * body (`input.forbiddenKey`, with its path). Syntax errors throw SyntaxError as JSON.parse does.
 */
export function parseJsonData(text: string): unknown {
  const freeze = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => freeze(v, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    const out = plainRecord<unknown>();
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) refuse(path ? `${path}.${k}` : k);
      out[k] = freeze(v, path ? `${path}.${k}` : k);
    }
    return out;
  };
  return freeze(JSON.parse(text), '');
}

/** The JSON body as an object (null prototype throughout), or the problem (json.syntax; input.forbiddenKey is thrown). */
export async function jsonBody(c: Context): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; problems: Problem[] }> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = parseJsonData(text);
  } catch (error) {
    if (error instanceof UntrustedInput) throw error;
    return { ok: false, problems: [problem('json.syntax', 'body', { zh: String((error as Error).message), en: String((error as Error).message) })] };
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { ok: true, body: body as Record<string, unknown> };
  return { ok: false, problems: [problem('json.syntax', 'body', { zh: '请求体应为 JSON 对象', en: 'the body must be a JSON object' })] };
}

/** What a streamed upload's file part is handed to: its file name and its bytes as they arrive. */
export interface StreamedFile {
  readonly name: string;
  readonly stream: AsyncIterable<Uint8Array>;
}

/**
 * A multipart form with one file (the part named `fileField`) streamed, never held whole: `onFile` gets the file's
 * bytes as they arrive (to hash and write them, stopping past its own limit), the other fields are collected (small,
 * at most 20, 64 KB each) into a null-prototype object. The whole body is bounded by `maxBytes`: a larger
 * Content-Length is refused before reading, a chunked body is cut when it passes it (`input.tooLarge`). A body that is
 * not multipart, or is malformed, is `input.unreadable`; a prototype key `input.forbiddenKey` (all 400, thrown as
 * UntrustedInput for the app's error handler). Resolves when the body is read and `onFile` is done; `file` is null
 * when the form held no such part.
 */
export async function streamedForm<T>(c: Context, fileField: string, maxBytes: number, onFile: (file: StreamedFile) => Promise<T>): Promise<{ fields: Record<string, string>; file: T | null }> {
  const unreadable = () => new UntrustedInput([problem('input.unreadable', 'body', { zh: '提交的表单无法解析', en: 'the posted form cannot be parsed' })]);
  const tooLarge = () => new UntrustedInput([problem('input.tooLarge', 'body')]);
  const type = c.req.header('content-type') ?? '';
  const body = c.req.raw.body;
  if (!/^multipart\/form-data\b/i.test(type) || !body) throw unreadable();
  if (Number(c.req.header('content-length') ?? '0') > maxBytes) throw tooLarge();
  let parser: ReturnType<typeof busboy>;
  try {
    parser = busboy({ headers: { 'content-type': type }, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 22, headerPairs: 20 } });
  } catch {
    throw unreadable();
  }
  const fields = plainRecord<string>();
  let forbidden: string | null = null;
  let handled: Promise<T> | null = null;
  let active: Readable | null = null;
  let read = 0;
  let cut = false;
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      if (isForbiddenKey(name)) forbidden ??= name;
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (isForbiddenKey(name)) forbidden ??= name;
      if (name !== fileField || handled || forbidden) {
        stream.resume();
        return;
      }
      // Whatever onFile leaves unread (it stopped at its limit) is drained, so the parser reaches the end.
      active = stream;
      handled = onFile({ name: info.filename ?? '', stream }).finally(() => stream.resume());
      handled.catch(() => {});
    });
    parser.on('close', () => resolve());
    parser.on('error', () => reject(cut ? tooLarge() : unreadable()));
    source.on('error', () => reject(cut ? tooLarge() : unreadable()));
  });
  source.on('data', (chunk: Buffer) => {
    read += chunk.byteLength;
    if (read > maxBytes && !cut) {
      cut = true;
      source.destroy();
      // The file part ends in an error (its reader stops and removes what it wrote), then the parser.
      active?.destroy(new Error('too large'));
      parser.destroy(new Error('too large'));
    }
  });
  source.pipe(parser);
  try {
    await finished;
  } catch (error) {
    // Answer only once the file's reader has finished (a temporary file removed, not left behind).
    await (handled as Promise<T> | null)?.catch(() => {});
    throw error;
  }
  const file = handled ? await handled : null;
  if (forbidden !== null) refuse(forbidden);
  return { fields, file };
}
