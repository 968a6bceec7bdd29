/**
 * Text normalisation for the importer. Published reports come as PDF text with Kangxi-radical look-alikes (⼈ ⺠ ⾏),
 * full-width digits and brackets, curly quotes, and labels split across lines. Two views are built, each keeping the
 * offset of every character in the original text so that provenance can quote the source:
 * - `normalizeText`: NFKC per character plus a small look-alike map (same length as the input);
 * - `searchView`: the normalised text without whitespace and quotes, for finding labels split across lines.
 */

/** Radicals NFKC leaves alone but that PDF text extraction uses for ordinary characters (stack.md). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2EA0': '民', // ⺠ CJK RADICAL CIVILIAN
  '\u2EC5': '见', // ⻅
  '\u2EC6': '角', // ⻆
  '\u2EC8': '讠', // ⻈
  '\u2EC9': '贝', // ⻉
  '\u2ECB': '车', // ⻋
  '\u2ED0': '钅', // ⻐
  '\u2ED3': '长', // ⻓
  '\u2ED4': '门', // ⻔
  '\u2EDA': '页', // ⻚
  '\u2EDB': '风', // ⻛
  '\u2EDC': '飞', // ⻜
  '\u2EE0': '饣', // ⻠
  '\u2EE2': '马', // ⻢
  '\u2EE5': '鱼', // ⻥
  '\u2EE6': '鸟', // ⻦
  '\u2EE9': '黄', // ⻩
  '\u2EEC': '齐', // ⻬
  '\u2EEE': '齿', // ⻮
  '\u2EF0': '龙', // ⻰
};

/** One character normalised to one character (NFKC when it maps to a single character). */
function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  // ASCII and the CJK Unified Ideographs block are NFKC-stable: the common case needs no lookup.
  if (code < 0x80 || (code >= 0x4e00 && code <= 0x9fff)) return ch;
  const mapped = LOOKALIKES[ch];
  if (mapped) return mapped;
  const n = ch.normalize('NFKC');
  if (n.length === 1) return n;
  return ch;
}

/** The text with each character normalised in place (same length, same offsets). Line breaks become \n. */
export function normalizeText(text: string): string {
  const out: string[] = [];
  for (const ch of text) {
    const n = ch === '\r' ? '\n' : normalizeChar(ch);
    // Astral characters are two UTF-16 units: keep offsets aligned by padding.
    out.push(ch.length === 2 && n.length === 1 ? `${n} ` : n);
  }
  return out.join('');
}

/** Characters dropped from the search view: whitespace, quotes and the invisible. */
const DROP = /[\s"'“”‘’「」『』\u200b\ufeff•·]/;

export interface SearchView {
  /** Normalised text without whitespace/quotes; numbering 1、 1． unified to 1. */
  readonly text: string;
  /** origin[i] = offset in the original text of text[i]. */
  readonly origin: readonly number[];
}

/** Build the search view of an already normalised text. */
export function searchView(normalized: string): SearchView {
  // Built from an array: reading back a string grown by += would flatten it at every step (quadratic on 10 MB).
  const chars: string[] = [];
  const origin: number[] = [];
  let last = '';
  for (let i = 0; i < normalized.length; i += 1) {
    let ch = normalized[i] as string;
    if (DROP.test(ch)) continue;
    if (ch === '、' && last >= '0' && last <= '9') ch = '.';
    chars.push(ch);
    origin.push(i);
    last = ch;
  }
  return { text: chars.join(''), origin };
}

/** A label reduced to what the search view contains. */
export function labelKey(label: string): string {
  return searchView(normalizeText(label)).text;
}
