/**
 * Reading numbers and periods out of report narratives (Chinese numerals included) and comparing texts. Patterns are
 * deliberately tight: a number must follow its subject within the same clause, so a miss is preferred to a false
 * contradiction.
 */

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Parse an Arabic or Chinese numeral (三十二, 一百零五, 12); null when it is not one. */
export function parseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    const u = CN_UNITS[ch];
    if (d !== undefined) digit = d;
    else if (u === 10000) {
      total = (section + (digit ?? 0)) * u;
      section = 0;
      digit = null;
    } else if (u !== undefined) {
      section += (digit ?? 1) * u;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

const N = '(\\d+|[零〇一二两三四五六七八九十百千]+)';
const AMOUNT_WORD = '(?:共计|合计|总计|共|计)?';

interface CountPattern {
  readonly re: RegExp;
  /** Alternative readings: each a list of cells whose sum the stated number may mean. */
  readonly accepts: readonly (readonly string[])[];
}

const A = (row: string) => `applications.${row}.total`;
const DENIED = ['stateSecret', 'prohibitedByLaw', 'endangersSafety', 'thirdPartyRights', 'internalAffairs', 'processInformation', 'enforcementFiles', 'inquiryMatters'].map((k) => A(`denied.${k}`));
const UNAVAILABLE = ['notHeld', 'needsCreation', 'stillUnclear'].map((k) => A(`unavailable.${k}`));
const NOT_PROCESSED = ['complaints', 'repeated', 'publications', 'excessive', 'confirmation'].map((k) => A(`notProcessed.${k}`));
/** 2021: （六） has three rows; 2019: one. An alternative naming cells the template lacks is not considered. */
const OTHER_HANDLING: readonly (readonly string[])[] = [['noCorrection', 'unpaidFee', 'other'].map((k) => A(`otherHandling.${k}`)), [A('otherHandling')]];
/** A stated count: `subject` then (optionally 共/合计…) the number and its unit, within one clause. */
const count = (subject: string, accepts: readonly (readonly string[])[], unit = '(?:件|条|份|个)'): CountPattern => ({
  re: new RegExp(`${subject}${AMOUNT_WORD}\\s*${N}\\s*${unit}`, 'g'),
  accepts,
});
const COURT = '(?:件|起|宗)';

/**
 * What an auditor compares (the draft of core/annual-report/narrative.ts cites only these): tables 三 and 四's
 * headline rows and table 二's 2021 counts. Each subject is a fixed phrase, so a number is matched to one row only.
 */
const COUNT_PATTERNS: readonly CountPattern[] = [
  {
    re: new RegExp(`(?:新收到|收到|新收|受理)[^。；，,、\\d]{0,20}?申请${AMOUNT_WORD}\\s*${N}\\s*(?:件|条|份|个)`, 'g'),
    accepts: [[A('newReceived')], [A('newReceived'), A('carriedOver')]],
  },
  count('上年结转(?:政府信息公开)?申请', [[A('carriedOver')]]),
  count('(?<!不)予以公开', [[A('granted')]]),
  count('部分公开', [[A('partiallyGranted')]]),
  count('不予公开', [DENIED]),
  count('无法提供', [UNAVAILABLE]),
  count('不予处理', [NOT_PROCESSED]),
  count('其他处理', OTHER_HANDLING),
  count('办结(?:政府信息公开)?申请', [[A('total')]]),
  count('结转下年度(?:继续办理)?', [[A('carriedForward')]]),
  count('行政复议(?:案件|申请)?', [['reviewLitigation.review.total']], COURT),
  count('行政诉讼(?:案件)?', [['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total']], COURT),
  count('被依法纠错', [['reviewLitigation.review.corrected', 'reviewLitigation.litigationDirect.corrected', 'reviewLitigation.litigationAfterReview.corrected']], COURT),
  count('制发规章', [['proactive.rules.issued']]),
  count('废止规章', [['proactive.rules.repealed']]),
  count('现行有效规章', [['proactive.rules.inForce']]),
  count('制发行政规范性文件', [['proactive.normativeDocuments.issued']]),
  count('废止行政规范性文件', [['proactive.normativeDocuments.repealed']]),
  count('现行有效行政规范性文件', [['proactive.normativeDocuments.inForce']]),
  count('行政许可(?:处理)?决定', [['proactive.licensing.decisions']]),
  count('行政处罚(?:处理)?决定', [['proactive.penalty.decisions']]),
  count('行政强制(?:处理)?决定', [['proactive.enforcement.decisions']]),
];

export interface StatedCount {
  readonly quote: string;
  readonly value: number;
  readonly accepts: readonly (readonly string[])[];
}

/** Counts the narrative states about tables 三/四. */
export function findStatedCounts(text: string): StatedCount[] {
  const norm = text.normalize('NFKC');
  const out: StatedCount[] = [];
  for (const p of COUNT_PATTERNS) {
    for (const m of norm.matchAll(p.re)) {
      const value = parseNumeral(m[1] ?? '');
      if (value !== null) out.push({ quote: m[0], value, accepts: p.accepts });
    }
  }
  return out;
}

export interface StatedPeriod {
  readonly quote: string;
  readonly from: string;
  readonly to: string;
}

const PERIOD = /统计[^。；]{0,14}?(?:自|从)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

const iso = (y: string, m: string, d: string): string => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** Statistics periods stated in the text (统计期限自2020年1月1日起至12月31日止). */
export function findPeriods(text: string): StatedPeriod[] {
  const norm = text.normalize('NFKC');
  return [...norm.matchAll(PERIOD)].map((m) => {
    const [, y1 = '', m1 = '', d1 = '', y2, m2 = '', d2 = ''] = m;
    return { quote: m[0], from: iso(y1, m1, d1), to: iso(y2 ?? y1, m2, d2) };
  });
}

function bigrams(text: string): Map<string, number> {
  // Whitespace and punctuation are layout; digits change every year even in a copied text.
  const s = text.normalize('NFKC').replace(/[\s\p{P}]/gu, '').replace(/\d+/g, '0');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i += 1) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character bigrams: 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let shared = 0;
  let size = 0;
  for (const [g, n] of A) {
    shared += Math.min(n, B.get(g) ?? 0);
    size += n;
  }
  for (const n of B.values()) size += n;
  return size === 0 ? 1 : (2 * shared) / size;
}
