/**
 * Chinese full-text search, the pure part: text → index tokens, and a query → the terms to find. Portable on
 * purpose: SQLite FTS5 (tokenizer `ascii`) and PostgreSQL (a tsvector of these tokens) index exactly what this module
 * emits, so the two engines answer the same candidate set (docs/decisions.md "Search").
 *
 * Text is folded one code point for one (NFKC when it gives a single code point — full-width Ａ１ → a1, Kangxi
 * radicals → ordinary characters — then lower case), so every offset still points into the original text and the
 * highlighter can mark the source as printed. Han characters are indexed as overlapping bigrams (最低生活 → 最低 低生
 * 生活) plus the last character of each run on its own (活), so a two-character term (低保) is one token and a single
 * character X is the prefix query X* (followed by a Han character: a bigram X…; last of its run: the token X). Other
 * letters and digits form words (2025, abc).
 */

type Kind = 'han' | 'word' | 'sep';

export interface FoldedText {
  /** The folded text, one code point per code point of the source. */
  readonly text: string;
  /** For each UTF-16 index of `text`, the UTF-16 index of the same code point in the source; one more entry for the end. */
  readonly offsets: readonly number[];
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** Fold one code point: NFKC and lower case, kept only when the result is one code point. */
function foldCharUncached(ch: string): string {
  let out = ch.normalize('NFKC');
  if ([...out].length !== 1) out = ch;
  const lower = out.toLowerCase();
  return [...lower].length === 1 ? lower : out;
}

// Folding and classifying are per code point and a text repeats few of them: both are memoised (bounded).
const FOLD_CACHE = new Map<string, string>();
const KIND_CACHE = new Map<string, Kind>();
const CACHE_MAX = 50_000;

function foldChar(ch: string): string {
  let f = FOLD_CACHE.get(ch);
  if (f === undefined) {
    f = foldCharUncached(ch);
    if (FOLD_CACHE.size < CACHE_MAX) FOLD_CACHE.set(ch, f);
  }
  return f;
}

/** Fold a text for matching, keeping a map back to the source's offsets. Never throws. */
export function foldText(source: string): FoldedText {
  let text = '';
  const offsets: number[] = [];
  let at = 0;
  for (const ch of source) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i += 1) offsets.push(at);
    text += f;
    at += ch.length;
  }
  offsets.push(at);
  return { text, offsets };
}

/** Fold a text for matching (see foldText). Never throws. */
export function fold(source: string): string {
  let text = '';
  for (const ch of source) text += foldChar(ch);
  return text;
}

function kindOf(ch: string): Kind {
  let k = KIND_CACHE.get(ch);
  if (k === undefined) {
    k = HAN.test(ch) ? 'han' : WORD.test(ch) ? 'word' : 'sep';
    if (KIND_CACHE.size < CACHE_MAX) KIND_CACHE.set(ch, k);
  }
  return k;
}

interface Run {
  readonly kind: 'han' | 'word';
  readonly chars: readonly string[];
  /** Whether the run touches the start / end of the text it was cut from. */
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

function runsOf(folded: string): Run[] {
  const chars = [...folded];
  const runs: Run[] = [];
  let i = 0;
  while (i < chars.length) {
    const k = kindOf(chars[i] as string);
    if (k === 'sep') {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && kindOf(chars[j] as string) === k) j += 1;
    runs.push({ kind: k, chars: chars.slice(i, j), atStart: i === 0, atEnd: j === chars.length });
    i = j;
  }
  return runs;
}

/** The index tokens of a text (already folded or not: it is folded here), in order, with repeats. Never throws. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let prevHan = ''; // the previous character when it is Han
  let word = '';
  for (const raw of text) {
    const ch = foldChar(raw);
    const k = kindOf(ch);
    if (k !== 'han' && prevHan !== '') {
      out.push(prevHan);
      prevHan = '';
    }
    if (k !== 'word' && word !== '') {
      out.push(word);
      word = '';
    }
    if (k === 'han') {
      if (prevHan !== '') out.push(prevHan + ch);
      prevHan = ch;
    } else if (k === 'word') word += ch;
  }
  if (prevHan !== '') out.push(prevHan);
  if (word !== '') out.push(word);
  return out;
}

/** The distinct tokens of a text, in first-seen order (what an index row holds: matching only needs presence). Never throws. */
export const distinctTokens = (text: string): string[] => [...new Set(tokenize(text))];

/** One token of a query: exact, or a prefix (every indexed token starting with it). */
export interface QueryToken {
  readonly token: string;
  readonly prefix: boolean;
}

/** A query term: the folded text to find as it is, and the tokens every document containing it has. */
export interface QueryTerm {
  /** The term as typed. */
  readonly raw: string;
  /** The folded term (what is looked for in the folded text). */
  readonly folded: string;
  /** The tokens a document containing the term must have (AND); never empty. */
  readonly tokens: readonly QueryToken[];
}

/**
 * The tokens a document containing `folded` must have. A Han run inside the term gives its bigrams; its last character
 * is required on its own only when the term goes on after it with a non-Han character (then the document's run ends
 * there too); a lone Han character at the term's end is a prefix. A word is exact, except at the term's end (prefix:
 * 2025 finds 2025年 and 20251).
 */
export function termTokens(folded: string): QueryToken[] {
  const out: QueryToken[] = [];
  for (const run of runsOf(folded)) {
    if (run.kind === 'word') {
      out.push({ token: run.chars.join(''), prefix: run.atEnd });
      continue;
    }
    const { chars } = run;
    for (let i = 0; i + 1 < chars.length; i += 1) out.push({ token: `${chars[i]}${chars[i + 1]}`, prefix: false });
    const last = chars[chars.length - 1] as string;
    if (!run.atEnd) out.push({ token: last, prefix: false });
    else if (chars.length === 1) out.push({ token: last, prefix: true });
  }
  // Same token twice adds nothing to an AND.
  const seen = new Set<string>();
  return out.filter((t) => {
    const key = `${t.token}${t.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Where a folded term occurs in a folded text (UTF-16 indexes), by the index's rules: anywhere, except that a term
 * beginning with a letter or digit (not Han) must begin a word (2025 is not found in abc2025: the index holds the word
 * abc2025). Never throws.
 */
export function occurrences(folded: string, term: string): number[] {
  const out: number[] = [];
  if (term === '') return out;
  const first = String.fromCodePoint(term.codePointAt(0) as number);
  const wordStart = kindOf(first) === 'word';
  for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
    if (wordStart && at > 0) {
      const prev = folded.charCodeAt(at - 1);
      const before = prev >= 0xdc00 && prev <= 0xdfff && at > 1 ? folded.slice(at - 2, at) : folded.slice(at - 1, at);
      if (kindOf(before) === 'word') continue;
    }
    out.push(at);
  }
  return out;
}

/** Whether a folded text contains a folded term (see occurrences). Never throws. */
export function containsTerm(folded: string, term: string): boolean {
  return occurrences(folded, term).length > 0;
}

/** Limits of a query (a search box, not a document). */
export const QUERY_LIMITS = { maxLength: 200, maxTerms: 8 } as const;

/** A parsed query, or why it cannot be searched. */
export type ParsedQuery = { readonly ok: true; readonly terms: readonly QueryTerm[] } | { readonly ok: false; readonly reason: 'empty' | 'tooLong' | 'tooManyTerms' };

/**
 * Parse a search box: terms are separated by white space (ASCII or 全角), each must occur (AND); a term of
 * punctuation only is dropped; quotes around a term are dropped. Never throws: an empty, too long or too many-term
 * query is a value.
 */
export function parseQuery(q: string): ParsedQuery {
  if (q.length > QUERY_LIMITS.maxLength) return { ok: false, reason: 'tooLong' };
  const parts = q.split(/[\s\u3000]+/u).map((p) => p.replace(/^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/gu, '')).filter((p) => p !== '');
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const raw of parts) {
    const folded = fold(raw);
    const tokens = termTokens(folded);
    if (tokens.length === 0 || seen.has(folded)) continue;
    seen.add(folded);
    terms.push({ raw, folded, tokens });
  }
  if (terms.length === 0) return { ok: false, reason: 'empty' };
  if (terms.length > QUERY_LIMITS.maxTerms) return { ok: false, reason: 'tooManyTerms' };
  return { ok: true, terms };
}
