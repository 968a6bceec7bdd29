/**
 * 索引号 (条例第十二条: 目录 includes 索引): unique within the site, assigned when a document is published, from a
 * configurable pattern. Tokens: {code} the organisation's code (组织机构代码 / 统一社会信用代码, else its id),
 * {year} the year of publication, {seq} or {seq:N} the running number of (organisation, year), zero-padded to N.
 * Default: `{code}/{year}-{seq:5}`, e.g. 11410000MB0000000X/2025-00042.
 */
import { problem, type Problem } from '../errors.ts';

export const DEFAULT_INDEX_PATTERN = '{code}/{year}-{seq:5}';

/** Check a pattern: it must contain {seq}, {code} and {year} (else numbers repeat) and only known tokens. */
export function checkIndexPattern(pattern: string): Problem[] {
  const tokens = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = tokens.filter((t) => !/^(code|year|seq(:\d{1,2})?)$/.test(t));
  const out: Problem[] = [];
  if (unknown.length > 0) out.push(problem('catalog.invalid', 'indexPattern', { zh: `未知的占位符：${unknown.join('、')}`, en: `unknown tokens: ${unknown.join(', ')}` }));
  if (!tokens.some((t) => t.startsWith('seq'))) out.push(problem('catalog.invalid', 'indexPattern', { zh: '索引号格式必须含 {seq}', en: 'the pattern must contain {seq}' }));
  // The running number is per (organisation, year): without {code} and {year} two documents would share a 索引号.
  for (const t of ['code', 'year']) if (!tokens.includes(t)) out.push(problem('catalog.invalid', 'indexPattern', { zh: `索引号格式必须含 {${t}}（流水号按机关和年份分别编号）`, en: `the pattern must contain {${t}} (numbers run per organisation and year)` }));
  return out;
}

/** The 索引号 of the seq-th document of (organisation, year). Never throws. */
export function formatIndexNumber(pattern: string, values: { readonly code: string; readonly year: number; readonly seq: number }): string {
  return pattern.replace(/\{(code|year|seq)(?::(\d{1,2}))?\}/g, (_, token: string, width: string | undefined) => {
    if (token === 'code') return values.code;
    if (token === 'year') return String(values.year);
    return String(values.seq).padStart(width === undefined ? 1 : Number(width), '0');
  });
}

/**
 * The {code} of an organisation: its 组织机构代码 / 统一社会信用代码, else its whole id (never a prefix of it: two ids
 * sharing their first characters would give two documents one 索引号).
 */
export function indexCode(org: { readonly id: string; readonly code: string | null }): string {
  return org.code ?? org.id;
}
