/**
 * Printing noise seen in published reports, chosen once per document from a seeded rng: full-width digits (Word with
 * a Chinese IME), thousands separators, "+61" for a positive 本年增/减 (004), "/" or "—" for "not applicable",
 * amounts printed with their unit ("251000元", "77180.86万元" — 003) or to the 4 decimals the 2019 template asks for,
 * page numbers and running headers inside tables, table headers repeated after a page break, and the label variants
 * of hand-typed tables ("(三) 不予公开" with ASCII brackets in 001, "1、" numbering). None of it changes the truth:
 * a printed "251000元" is 25.1 (万元), "+61" is 61, "/" is null.
 */
import type { Rng } from '../../core/annual-report/generate.ts';
import type { Cell } from '../../core/annual-report/model.ts';
import type { ColumnDef } from '../../core/annual-report/templates/index.ts';
import { chance, pick } from './names.ts';
import type { EmptyKind } from './sample.ts';

export type PageNumberStyle = 'dash' | 'hyphen' | 'di' | 'diGong' | 'slash' | 'bare';

export interface Noise {
  /** Probability that a number is typed in full-width digits (０１２); 0 when the document has none. */
  readonly fullWidth: number;
  /** 1,274,428 for numbers of four digits or more. */
  readonly thousands: boolean;
  /** +61 for a positive 本年增/减. */
  readonly plusSign: boolean;
  /** Amounts printed bare, with 万元, or converted to 元 (251000元 = 25.1 万元). */
  readonly amountUnit: 'none' | '万元' | '元';
  /** Amounts to 4 decimals (保留4位小数: 1319.0240), 元 with .00. */
  readonly amountDecimals: boolean;
  /** The mark printed for a "not applicable" cell. */
  readonly naMark: string;
  readonly pageNumber: PageNumberStyle;
  /** A running header on every page (the report title or the website's name). */
  readonly pageHeader: boolean;
  /** Table header rows printed again after a page break (Word's "repeat header rows", Chromium's thead). */
  readonly repeatHeader: boolean;
  /** (三) 不予公开 with ASCII brackets and a space (001). */
  readonly asciiParens: boolean;
  /** Sub-row numbering: 1. (template), 1、 or 1． */
  readonly numbering: '.' | '、' | '．';
}

/** Per-document probabilities of each kind of noise (the benchmark prints them). */
export const NOISE_ODDS = {
  fullWidth: 0.08,
  thousands: 0.15,
  plusSign: 0.3,
  amountWanYuan: 0.15,
  amountYuan: 0.1,
  amountDecimals: 0.3,
  pageHeader: 0.3,
  repeatHeader: 0.5,
  asciiParens: 0.15,
  numbering: 0.2,
} as const;

const NA_MARKS = ['/', '／', '—', '——', '－', '-'] as const;
const PAGE_STYLES: readonly PageNumberStyle[] = ['dash', 'dash', 'dash', 'hyphen', 'hyphen', 'di', 'diGong', 'slash', 'bare', 'bare'];

/** The noise of one document. */
export function pickNoise(rng: Rng): Noise {
  const unit = rng();
  return {
    fullWidth: chance(rng, NOISE_ODDS.fullWidth) ? 0.4 + rng() * 0.6 : 0,
    thousands: chance(rng, NOISE_ODDS.thousands),
    plusSign: chance(rng, NOISE_ODDS.plusSign),
    amountUnit: unit < NOISE_ODDS.amountWanYuan ? '万元' : unit < NOISE_ODDS.amountWanYuan + NOISE_ODDS.amountYuan ? '元' : 'none',
    amountDecimals: chance(rng, NOISE_ODDS.amountDecimals),
    naMark: pick(rng, NA_MARKS),
    pageNumber: pick(rng, PAGE_STYLES),
    pageHeader: chance(rng, NOISE_ODDS.pageHeader),
    repeatHeader: chance(rng, NOISE_ODDS.repeatHeader),
    asciiParens: chance(rng, NOISE_ODDS.asciiParens),
    numbering: chance(rng, NOISE_ODDS.numbering) ? pick(rng, ['、', '．'] as const) : '.',
  };
}

/** No noise at all: numbers as the canonical JSON has them. */
export const PLAIN: Noise = {
  fullWidth: 0,
  thousands: false,
  plusSign: false,
  amountUnit: 'none',
  amountDecimals: false,
  naMark: '/',
  pageNumber: 'dash',
  pageHeader: false,
  repeatHeader: false,
  asciiParens: false,
  numbering: '.',
};

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const FULL: Readonly<Record<string, string>> = { '.': '．', ',': '，', '-': '－', '+': '＋' };
/** ASCII digits and signs → full-width forms (what NFKC folds back). */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9.,+-]/g, (c) => FULL[c] ?? String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function amountText(value: number, column: ColumnDef, noise: Noise): string {
  if (noise.amountUnit === '元') {
    const yuan = Math.round(value * 10000);
    return `${noise.thousands ? group(String(yuan)) : yuan}${noise.amountDecimals ? '.00' : ''}元`;
  }
  const fixed = noise.amountDecimals && column.maxDecimals !== undefined ? value.toFixed(column.maxDecimals) : String(value);
  const [int = '0', frac] = fixed.split('.');
  const body = `${noise.thousands ? group(int) : int}${frac === undefined ? '' : `.${frac}`}`;
  return noise.amountUnit === '万元' ? `${body}万元` : body;
}

/** A number as this document prints it. */
export function printNumber(value: number, column: ColumnDef, noise: Noise, rng: Rng): string {
  let text: string;
  if (column.kind === 'amount') text = amountText(value, column, noise);
  else {
    const digits = String(Math.abs(value));
    const body = noise.thousands ? group(digits) : digits;
    text = value < 0 ? `-${body}` : value > 0 && column.kind === 'signedCount' && noise.plusSign ? `+${body}` : body;
  }
  if (noise.fullWidth > 0 && chance(rng, noise.fullWidth)) {
    const unit = /[万元]+$/.exec(text)?.[0] ?? '';
    text = toFullWidth(text.slice(0, text.length - unit.length)) + unit;
  }
  return text;
}

/** A value cell as printed: the number, nothing for a blank, the mark for "not applicable". */
export function printCell(value: Cell, empty: EmptyKind | undefined, column: ColumnDef, noise: Noise, rng: Rng): string {
  if (value !== null) return printNumber(value, column, noise, rng);
  return empty === 'notApplicable' ? noise.naMark : '';
}

/** A row or group label as this document types it (brackets and numbering variants). */
export function printLabel(label: string, noise: Noise): string {
  let out = label;
  if (noise.asciiParens) out = out.replace(/^（([一二三四五六七八九十]+)）/, '($1) ');
  if (noise.numbering !== '.') out = out.replace(/^(\d+)\./, `$1${noise.numbering}`);
  return out;
}

/** The page number line of page `page` of `pages` in the document's style. */
export function pageNumberText(page: number, pages: number, style: PageNumberStyle): string {
  switch (style) {
    case 'dash':
      return `— ${page} —`;
    case 'hyphen':
      return `- ${page} -`;
    case 'di':
      return `第 ${page} 页`;
    case 'diGong':
      return `第${page}页 共${pages}页`;
    case 'slash':
      return `${page}/${pages}`;
    case 'bare':
      return String(page);
  }
}
