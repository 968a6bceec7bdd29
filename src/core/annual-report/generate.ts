/**
 * Random but arithmetically consistent annual reports, for the benchmark and for property tests. A generated report
 * satisfies T3.balance, T3.results, T3.columns, T4.sum, count.nonNegative, T2.published and amount.format, carries
 * all three narrative sections (section 六 mentions 信息处理费, text.fees) and states no numbers in its narrative.
 * Pure: all randomness comes from the `rng` passed in (use `mulberry32(seed)` for reproducible runs).
 */
import { REPORT_SCHEMA, buildTable, type AnnualReport, type Cell, type TableData } from './model.ts';
import { TEMPLATES, type CellDef, type TemplateId } from './templates/index.ts';

/** A random number generator returning floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast, seeded 32-bit PRNG (public domain, Tommy Ettinger). Same seed → same sequence. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, max]. */
function int(rng: Rng, max: number): number {
  return Math.floor(rng() * (max + 1));
}

/** A count with a skewed size: mostly small, sometimes large, often zero (as in published reports). */
function count(rng: Rng, scale: number): number {
  if (rng() < 0.3) return 0;
  return Math.floor(rng() ** 3 * scale);
}

/** Split `n` into `k` non-negative integers summing to n; many parts are zero, like real result rows. */
function split(rng: Rng, n: number, k: number): number[] {
  const weights = Array.from({ length: k }, () => (rng() < 0.5 ? 0 : rng() ** 2));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || n === 0) {
    const parts = new Array<number>(k).fill(0);
    parts[int(rng, k - 1)] = n;
    return parts;
  }
  const parts = weights.map((w) => Math.floor((n * w) / sum));
  let rest = n - parts.reduce((a, b) => a + b, 0);
  const live = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  while (rest > 0) {
    const i = live[int(rng, live.length - 1)] ?? 0;
    parts[i] = (parts[i] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Table 三 per applicant column, then the 总计 column as the row sums. */
function applications(rng: Rng, templateId: TemplateId, fixedScale?: number): TableData {
  const template = TEMPLATES[templateId];
  const columns = template.applications.columns.map((c) => c.key).filter((k) => k !== 'total');
  const resultRows = template.applications.rows
    .filter((r) => r.level === 'result' && !r.isTotal)
    .map((r) => r.path.join('.'));
  const values = new Map<string, number>(); // 'rowPath|column' → value
  const drawn = [10, 100, 1000, 5000][int(rng, 3)] ?? 100;
  const scale = fixedScale ?? drawn;
  for (const column of columns) {
    const received = count(rng, scale);
    const carriedOver = count(rng, scale / 10);
    const available = received + carriedOver;
    const carriedForward = rng() < 0.5 ? 0 : int(rng, Math.floor(available / 5));
    const total = available - carriedForward;
    values.set(`newReceived|${column}`, received);
    values.set(`carriedOver|${column}`, carriedOver);
    values.set(`total|${column}`, total);
    values.set(`carriedForward|${column}`, carriedForward);
    split(rng, total, resultRows.length).forEach((v, i) => values.set(`${resultRows[i]}|${column}`, v));
  }
  return buildTable(template, 'applications', (cell: CellDef) => {
    const row = cell.row.join('.');
    if (cell.column.key === 'total') return sum(columns.map((c) => values.get(`${row}|${c}`) ?? 0));
    return values.get(`${row}|${cell.column.key}`) ?? 0;
  });
}

/** Table 四: each group's total is the sum of its four results. */
function reviewLitigation(rng: Rng, templateId: TemplateId, size = 1): TableData {
  const groups = new Map<string, Record<string, number>>();
  for (const g of TEMPLATES[templateId].reviewLitigation.groups) {
    const parts = { upheld: count(rng, 40 * size), corrected: count(rng, 10 * size), other: count(rng, 10 * size), pending: count(rng, 10 * size) };
    groups.set(g.key, { ...parts, total: sum(Object.values(parts)) });
  }
  return buildTable(TEMPLATES[templateId], 'reviewLitigation', (cell) => groups.get(cell.row[0] ?? '')?.[cell.column.key] ?? 0);
}

/** An amount in 万元 with at most 4 decimals (amount.format). */
function amount(rng: Rng, scale: number): number {
  return Math.round(rng() ** 2 * scale * 10000) / 10000;
}

/** Table 二: published <= total (T2.published), previous + change >= 0, amounts >= 0 with <= 4 decimals. */
function proactive(rng: Rng, templateId: TemplateId, size = 1): TableData {
  const rows = new Map<string, Record<string, Cell>>();
  const get = (key: string, make: () => Record<string, Cell>): Record<string, Cell> => {
    const found = rows.get(key);
    if (found) return found;
    const made = make();
    rows.set(key, made);
    return made;
  };
  return buildTable(TEMPLATES[templateId], 'proactive', (cell) => {
    const key = cell.row[0] ?? '';
    // 规章 stay 0: most bodies cannot make rules (T2.rulesAuthority; 立法法 Art. 80/82).
    if (key === 'rules') return 0;
    const row = get(key, (): Record<string, Cell> => {
      if (TEMPLATES[templateId].traits.documentColumns === 'made') {
        const total = count(rng, 500 * size);
        const published = int(rng, total);
        const previous = count(rng, 2000 * size);
        return {
          made: published + count(rng, 5 * size),
          published,
          total,
          previous,
          change: int(rng, previous + Math.ceil(50 * size)) - previous,
          decisions: count(rng, 100000 * size),
          projects: count(rng, 5000 * size),
          amount: amount(rng, 100000 * size),
        };
      }
      const inForce = count(rng, 500 * size);
      return { issued: count(rng, 50 * size), repealed: count(rng, 20 * size), inForce, decisions: count(rng, 100000 * size), amount: amount(rng, 5000 * size) };
    });
    return row[cell.column.key] ?? 0;
  });
}

const OVERVIEW = '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作。';
const PROBLEMS = '政府信息公开工作仍存在公开内容不够全面、解读不够深入等问题。下一步将加强培训，完善制度，提升公开质量。';
const OTHER_MATTERS = '本年度未收取信息处理费。无其他需要报告的事项。';

const ORGANIZATIONS = ['示例市人民政府', '示例市教育局', '示例县人民政府', '示例县自然资源局', '示例区生态环境分局', '示例镇人民政府'];

export interface GenerateOptions {
  readonly template: TemplateId;
  readonly year: number;
  /** Defaults to a numbered organisation name drawn from the rng. */
  readonly organization?: string | null;
  /**
   * The size of the office: table 三's scale (the most applications one applicant column may draw; by default one of
   * 10, 100, 1,000 or 5,000 drawn from the rng) and, in proportion to 1,000, tables 二 and 四's. A county department
   * is about 10. The rng is drawn from the same way with or without it.
   */
  readonly scale?: number;
}

/** A random report satisfying the arithmetic rules; deterministic for a given rng state. Never throws. */
export function generateConsistentReport(rng: Rng, options: GenerateOptions): AnnualReport {
  const organization =
    options.organization === undefined ? (ORGANIZATIONS[int(rng, ORGANIZATIONS.length - 1)] ?? null) : options.organization;
  return {
    schema: REPORT_SCHEMA,
    template: options.template,
    year: options.year,
    organization,
    proactive: proactive(rng, options.template, options.scale === undefined ? 1 : options.scale / 1000),
    applications: applications(rng, options.template, options.scale),
    reviewLitigation: reviewLitigation(rng, options.template, options.scale === undefined ? 1 : options.scale / 1000),
    sections: { overview: OVERVIEW, problems: PROBLEMS, otherMatters: OTHER_MATTERS },
    annotations: {},
  };
}
