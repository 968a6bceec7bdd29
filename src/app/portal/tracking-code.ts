/**
 * The 查询码 a citizen gets with the 申请编号: read off a screen, copied by hand, read out on the telephone. So it is
 * made of letters and digits no one mixes up (no 0/O, 1/I/L), printed in groups of four (K7QM-3XRP-T9WB), and read
 * back case-insensitively, with or without the hyphens or spaces, full-width characters accepted. Twelve characters of
 * an alphabet of 31 are 59 bits: with the failed-lookup limit per address, beyond guessing.
 */

/** The characters of a tracking code: digits 2-9 and the capital letters without I, L and O. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_LENGTH = 12;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A new tracking code from a source of random base64url tokens (the crypto port). Each 6-bit symbol below 62 gives one
 * character (62 = 2 × 31: unbiased); the others are skipped.
 */
export function newTrackingCode(token: (bytes: number) => string): string {
  const out: string[] = [];
  while (out.length < TRACKING_LENGTH) {
    for (const ch of token(12)) {
      const v = BASE64URL.indexOf(ch);
      if (v < 0 || v >= 62) continue;
      out.push(TRACKING_ALPHABET[v % TRACKING_ALPHABET.length] as string);
      if (out.length === TRACKING_LENGTH) break;
    }
  }
  return [0, 4, 8].map((i) => out.slice(i, i + 4).join('')).join('-');
}

/** A typed tracking code in its canonical form: full-width folded, capitals, without hyphens, dashes or spaces. */
export function normalizeTrackingCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—－_]/g, '');
}
