/** Reading posted HTML forms: the string fields, and dotted names (`applicant.name`) nested as the use cases read them. */
import type { Context } from 'hono';

/** Form fields as strings (files and repeated fields ignored). */
export async function formValues(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `applicant.name` → { applicant: { name } }: the shape parseRegistration reads; '' → absent. */
export function nest(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(values)) {
    const [head, field] = key.split('.', 2);
    if (!head || !field || value.trim() === '') continue;
    (out[head] ??= {})[field] = value;
  }
  return out;
}
