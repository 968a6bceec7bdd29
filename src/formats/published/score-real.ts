/**
 * Scoring an import of a real published report against its annotated truth (fixtures/real/NAME.expected.json), by
 * the rules of the project's external scorer (tools/score_import.py), so `npm run bench:real` gives the figures that
 * scorer gives:
 *
 * - every leaf of proactive, applications and reviewLitigation of the expected JSON is one cell; the import's value
 *   is read at the same path (an object where a number is expected counts as null);
 * - exact when both are null or both numbers agree within 1e-6; invented when the truth is null and the import has a
 *   number; missed when the truth has a number and the import null; wrong when both are numbers that differ;
 * - a whole table null in the truth is one cell: exact when the import also has it null or all-null, otherwise each
 *   of its non-null values is an invented cell;
 * - a truth in the 2019 shape (applications.otherHandling is one row by applicant) read into the 2021 shape (its three
 *   sub-rows): the import's sub-row `other` stands for it, provided the two other sub-rows are empty (null or 0).
 *
 * Beyond the external scorer: `undetermined` counts the exact cells the truth lists under `undetermined` (no reading
 * of the text fixes them; the importer must give null) that the import left null, and `undeterminedFlagged` how many
 * of those the importer also named in an `import.ambiguous` finding. Metadata: organisation and year equal or not.
 * Pure; never throws on any JSON.
 */

export const SCORED_TABLES = ['proactive', 'applications', 'reviewLitigation'] as const;

export type RealOutcome = 'exact' | 'invented' | 'missed' | 'wrong';

export interface RealCell {
  readonly path: string;
  readonly expected: number | null;
  readonly got: number | null;
  readonly outcome: RealOutcome;
}

export interface RealScore {
  readonly cells: number;
  readonly exact: number;
  readonly invented: number;
  readonly missed: number;
  readonly wrong: number;
  /** Exact cells that the truth lists as undetermined (both null). Part of `exact`. */
  readonly undetermined: number;
  /** Of `undetermined`, those named in an `import.ambiguous` finding of the import. */
  readonly undeterminedFlagged: number;
  readonly organization: boolean;
  readonly year: boolean;
  /** The cells that are not exact, in the truth's order (a whole null table's inventions as one entry per value). */
  readonly bad: readonly RealCell[];
}

/** The part of an importer finding this needs. */
export interface ScoredFinding {
  readonly code: string;
  readonly cells: readonly string[];
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every leaf under `node` as [dotted path, value]; own keys only, so a key like __proto__ is just a key. */
function leaves(node: Json, prefix: string, out: [string, Json][] = []): [string, Json][] {
  if (isObject(node)) {
    for (const key of Object.keys(node)) leaves(node[key], prefix === '' ? key : `${prefix}.${key}`, out);
  } else out.push([prefix, node]);
  return out;
}

/** A cell value as the scorer compares it: a finite number, else null. */
function num(v: Json): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The 2019-shaped 其他处理 truth against a 2021-shaped import: the import's `other` sub-row when the others are empty. */
function mapOtherHandling(expected: Record<string, Json>, got: Json): Json {
  const e = expected.otherHandling;
  if (!isObject(got) || !isObject(e) || !('natural' in e)) return got;
  const oh = got.otherHandling;
  if (!isObject(oh) || !('other' in oh) || 'natural' in oh) return got;
  const extra = (['noCorrection', 'unpaidFee'] as const).some((k) => {
    const row = oh[k];
    return isObject(row) && Object.values(row).some((v) => v !== null && v !== 0);
  });
  return extra ? got : { ...got, otherHandling: oh.other };
}

/** Score one imported report (canonical JSON, or null when there is no output) against its expected JSON. */
export function scoreReal(expected: Json, got: Json, findings: readonly ScoredFinding[] = []): RealScore {
  const truth = isObject(expected) ? expected : {};
  const pred = isObject(got) ? got : {};
  const undeterminedPaths = new Set(isObject(truth.undetermined) ? Object.keys(truth.undetermined) : Array.isArray(truth.undetermined) ? truth.undetermined.filter((p): p is string => typeof p === 'string') : []);
  const flaggedPaths = new Set(findings.filter((f) => f.code === 'import.ambiguous').flatMap((f) => f.cells));
  const bad: RealCell[] = [];
  let cells = 0;
  let exact = 0;
  let undetermined = 0;
  let undeterminedFlagged = 0;
  const count = { invented: 0, missed: 0, wrong: 0 };
  for (const table of SCORED_TABLES) {
    const e = truth[table];
    let p = pred[table];
    if (!isObject(e)) {
      // A whole table the source does not have: one cell.
      cells += 1;
      const values = isObject(p) ? leaves(p, table).filter(([, v]) => num(v) !== null) : [];
      if (values.length === 0) exact += 1;
      for (const [path, v] of values) {
        count.invented += 1;
        bad.push({ path, expected: null, got: num(v), outcome: 'invented' });
      }
      continue;
    }
    if (table === 'applications') p = mapOtherHandling(e, p);
    const predLeaves = new Map(isObject(p) ? leaves(p, table) : []);
    for (const [path, ev] of leaves(e, table)) {
      cells += 1;
      const want = num(ev);
      const have = num(predLeaves.get(path) ?? null);
      let outcome: RealOutcome;
      if (want === have || (want !== null && have !== null && Math.abs(want - have) < 1e-6)) outcome = 'exact';
      else if (want === null) outcome = 'invented';
      else if (have === null) outcome = 'missed';
      else outcome = 'wrong';
      if (outcome === 'exact') {
        exact += 1;
        if (want === null && undeterminedPaths.has(path)) {
          undetermined += 1;
          if (flaggedPaths.has(path)) undeterminedFlagged += 1;
        }
      } else {
        count[outcome] += 1;
        bad.push({ path, expected: want, got: have, outcome });
      }
    }
  }
  const norm = (v: Json) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v);
  return {
    cells,
    exact,
    ...count,
    undetermined,
    undeterminedFlagged,
    organization: truth.organization !== undefined && norm(truth.organization) === norm(pred.organization ?? null),
    year: truth.year !== undefined && truth.year === (pred.year ?? null),
    bad,
  };
}
